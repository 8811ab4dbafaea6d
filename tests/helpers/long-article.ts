/**
 * A long Chinese economic article (statistics bulletins, company reports,
 * trade news) built from the team's and this repository's Chinese fixture
 * articles, repeated with digits redrawn so that no two copies of a paragraph
 * are alike. Used by the browser bench and the long-article browser tests.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../bench/suite.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const sharedDir = process.env.FACTDESK_SHARED ?? path.join(root, '..', 'shared');

/** Non-empty paragraphs of every Chinese fixture article. */
function chineseParagraphs(): string[] {
  const dirs = [path.join(sharedDir, 'fixtures/claims'), ...['claims-blind', 'claims-extra', 'checks', 'checks-blind'].map((d) => path.join(root, 'tests/fixtures', d))];
  const out: string[] = [];
  for (const dir of dirs) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (!name.endsWith('.txt') || !/^(zh|seed)/.test(name)) continue;
      out.push(...fs.readFileSync(path.join(dir, name), 'utf8').split('\n').filter((p) => p.trim()));
    }
  }
  return out;
}

/** About `chars` characters of paragraphs separated by blank lines (about 60,000 figures per 1,000,000 characters). */
export function longArticle(chars: number): { paragraphs: string[]; text: string } {
  const source = chineseParagraphs();
  const rnd = seededRandom(12);
  const paragraphs: string[] = [];
  let size = 0;
  for (let i = 0; size < chars; i++) {
    const p = source[i % source.length]!.replace(/\d/g, (d) => (rnd() < 0.25 ? String((+d + 1 + Math.floor(rnd() * 8)) % 10) : d));
    paragraphs.push(p);
    size += p.length + 2;
  }
  return { paragraphs, text: paragraphs.join('\n\n') + '\n' };
}

/** Every `n`-th paragraph: storing all its figures, then saving the whole article, spreads claims over the whole text. */
export function everyNthParagraph(paragraphs: string[], n: number): string {
  return paragraphs.filter((_, i) => i % n === 0).join('\n\n') + '\n';
}
