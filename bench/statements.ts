/**
 * `npm run bench statements`: the cost of statement detection beside the
 * claim engine on the same ~1 MB of Chinese (1 MiB of UTF-8 built from the
 * fixture articles, as the claims suite does), and on the statement
 * fixtures repeated to the same size (a text dense with cues, for
 * information). Target, on the first:
 * detectStatements adds at most 30% to detectClaims' time.
 */
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { detectClaims } from '../shared/claims/index.js';
import { detectStatements } from '../shared/statements/index.js';
import { assemble, chineseParagraphs, oneMiB } from './claims.js';
import { medianMs, type BenchSuite } from './suite.js';

const sharedDir = process.env.FACTDESK_SHARED ?? '/work/shared';
const target = { addedShare: 0.3 };

function statementParagraphs(): string[] {
  const dir = path.join(sharedDir, 'fixtures/statements');
  return fs
    .readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()
    .flatMap((n) => fs.readFileSync(path.join(dir, n), 'utf8').split('\n'))
    .filter((p) => p.trim());
}

v8.setFlagsFromString('--expose-gc');
/** A full collection, so neither detector pays for the other's garbage. */
const collect = vm.runInNewContext('gc') as () => void;

/** Medians of the two detectors timed alternately, so a busy neighbour on a shared machine slows both alike. */
async function measure(text: string, runs = 15) {
  let claims = 0;
  let statements = 0;
  const c: number[] = [];
  const s: number[] = [];
  for (let i = 0; i < runs + 3; i++) {
    collect();
    const t0 = performance.now();
    claims = detectClaims(text).length;
    const t1 = performance.now();
    collect();
    const t2 = performance.now();
    statements = detectStatements(text).length;
    const t3 = performance.now();
    if (i >= 3) {
      c.push(t1 - t0);
      s.push(t3 - t2);
    }
  }
  const median = (xs: number[]) => +xs.sort((a, b) => a - b)[xs.length >> 1]!.toFixed(3);
  const claimsMs = median(c);
  const statementsMs = median(s);
  return { chars: text.length, utf8Bytes: Buffer.byteLength(text, 'utf8'), claims, statements, claimsMs, statementsMs, addedShare: +(statementsMs / claimsMs).toFixed(3) };
}

export const statementsSuite: BenchSuite = {
  name: 'statements',
  async run() {
    const figures = await measure(oneMiB(assemble(chineseParagraphs(), 1_100_000)));
    const cues = await measure(oneMiB(assemble(statementParagraphs(), 1_100_000)));
    // Linearity: half the text should take about half the time.
    const half = oneMiB(assemble(chineseParagraphs(), 1_100_000)).slice(0, Math.floor(figures.chars / 2));
    const halfMs = await medianMs(() => detectStatements(half), 9, 3);
    return {
      figureArticles: figures,
      statementArticles: cues,
      linearity: { halfChars: half.length, halfMs, fullOverHalf: +(figures.statementsMs / halfMs).toFixed(2) },
      target,
      // The target is read on the claims suite's text (1 MiB of figure articles); the cue-dense text is for information.
      met: { addedShare: figures.addedShare <= target.addedShare },
    };
  },
};
