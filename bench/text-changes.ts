/**
 * `npm run bench text-changes`: the speed and size targets of anchoring and
 * revisions (docs/anchoring-and-revisions.md), on Chinese articles built at
 * run time from the fixture texts (../shared/fixtures/claims, ../shared/seed)
 * with their figures varied, so no article text is copied into the project.
 */
import fs from 'node:fs';
import path from 'node:path';
import { computeChanges, createAnchor, reanchor } from '../shared/anchoring/index.js';
import type { TextAnchor, TextChange } from '../shared/anchoring/index.js';
import { diffForDisplay, nextRevisionBody, rebuildText, utf8Length } from '../shared/revisions/index.js';
import type { RevisionBody, RevisionChainLink } from '../shared/revisions/index.js';
import { medianMs, type BenchSuite } from './suite.js';

const sharedDir = process.env.FACTDESK_SHARED ?? '/work/shared';

interface SourceLine {
  text: string;
  /** Gold claim spans inside the line. */
  claims: Array<[number, number]>;
}

/** Chinese lines of the fixture articles, with their gold claim spans. */
function loadSourceLines(): SourceLine[] {
  const lines = new Map<string, SourceLine>();
  const claimsDir = path.join(sharedDir, 'fixtures/claims');
  const files: Array<{ text: string; claims: Array<[number, number]> }> = [];
  for (const name of fs.readdirSync(claimsDir).filter((n) => n.endsWith('.gold.json'))) {
    const gold = JSON.parse(fs.readFileSync(path.join(claimsDir, name), 'utf8')) as { language: string; claims: Array<{ start: number; end: number }> };
    if (gold.language !== 'zh') continue;
    const text = fs.readFileSync(path.join(claimsDir, name.replace('.gold.json', '.txt')), 'utf8');
    files.push({ text, claims: gold.claims.map((c) => [c.start, c.end]) });
  }
  const seedDir = path.join(sharedDir, 'seed');
  for (const name of fs.readdirSync(seedDir).filter((n) => n.endsWith('.txt'))) {
    files.push({ text: fs.readFileSync(path.join(seedDir, name), 'utf8'), claims: [] });
  }
  for (const file of files) {
    let at = 0;
    for (const raw of file.text.split('\n')) {
      const start = at;
      at += raw.length + 1;
      const text = raw.trim();
      if (text.length < 4 || lines.has(text)) continue;
      const lead = raw.indexOf(text);
      const claims = file.claims
        .filter(([s, e]) => s >= start + lead && e <= start + lead + text.length)
        .map(([s, e]): [number, number] => [s - start - lead, e - start - lead]);
      lines.set(text, { text, claims });
    }
  }
  return [...lines.values()];
}

/** Deterministic PRNG (mulberry32), so every run measures the same inputs. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

/** The line with every ASCII digit redrawn: same shape and length, other figures. */
function varyDigits(text: string, rnd: () => number): string {
  return text.replace(/[0-9]/g, () => String(Math.floor(rnd() * 10)));
}

interface Article {
  paragraphs: string[];
  /** Claim spans per paragraph. */
  claims: Array<Array<[number, number]>>;
}

function buildArticle(source: SourceLine[], minBytes: number, rnd: () => number): Article {
  const article: Article = { paragraphs: [], claims: [] };
  let bytes = 0;
  while (bytes < minBytes) {
    const line = pick(rnd, source);
    const text = varyDigits(line.text, rnd);
    article.paragraphs.push(text);
    article.claims.push(line.claims);
    bytes += utf8Length(text) + 1;
  }
  return article;
}

const articleText = (paragraphs: readonly string[]): string => paragraphs.join('\n') + '\n';

function sentences(text: string): string[] {
  return text.match(/[^。；;!?！？]+[。；;!?！？]?/g) ?? [text];
}

/**
 * Applies one editor-like edit to a random paragraph: a figure corrected, a
 * sentence rewritten, inserted or deleted, a paragraph inserted, deleted or
 * moved. Returns the number of code units touched.
 */
function editOnce(paragraphs: string[], source: SourceLine[], rnd: () => number): number {
  const i = Math.floor(rnd() * paragraphs.length);
  const p = paragraphs[i]!;
  const kind = rnd();
  if (kind < 0.3) {
    const digitsAt = [...p.matchAll(/[0-9]/g)].map((m) => m.index);
    if (digitsAt.length === 0) return 0;
    const at = pick(rnd, digitsAt);
    paragraphs[i] = p.slice(0, at) + String((Number(p[at]) + 1 + Math.floor(rnd() * 8)) % 10) + p.slice(at + 1);
    return 1;
  }
  if (kind < 0.6) {
    const parts = sentences(p);
    const k = Math.floor(rnd() * parts.length);
    const replacement = pick(rnd, sentences(varyDigits(pick(rnd, source).text, rnd)));
    const touched = parts[k]!.length + replacement.length;
    parts[k] = replacement;
    paragraphs[i] = parts.join('');
    return touched;
  }
  if (kind < 0.7) {
    const parts = sentences(p);
    const k = Math.floor(rnd() * (parts.length + 1));
    const added = pick(rnd, sentences(varyDigits(pick(rnd, source).text, rnd)));
    parts.splice(k, 0, added);
    paragraphs[i] = parts.join('');
    return added.length;
  }
  if (kind < 0.8) {
    const parts = sentences(p);
    if (parts.length < 2) return 0;
    const [gone] = parts.splice(Math.floor(rnd() * parts.length), 1);
    paragraphs[i] = parts.join('');
    return gone!.length;
  }
  if (kind < 0.88) {
    const added = varyDigits(pick(rnd, source).text, rnd);
    paragraphs.splice(i, 0, added);
    return added.length;
  }
  if (kind < 0.94) {
    paragraphs.splice(i, 1);
    return p.length;
  }
  const [moved] = paragraphs.splice(i, 1);
  paragraphs.splice(Math.floor(rnd() * paragraphs.length), 0, moved!);
  return 2 * p.length;
}

function anchorsOn(article: Article, count: number, rnd: () => number): TextAnchor[] {
  const text = articleText(article.paragraphs);
  const spans: Array<[number, number]> = [];
  let at = 0;
  article.paragraphs.forEach((p, i) => {
    for (const [s, e] of article.claims[i]!) spans.push([at + s, at + e]);
    at += p.length + 1;
  });
  const chosen: TextAnchor[] = [];
  for (let k = 0; k < count; k++) {
    const [s, e] = pick(rnd, spans);
    chosen.push(createAnchor(text, s, e));
  }
  return chosen;
}

const round = (n: number): number => +n.toFixed(2);

export const textChangesSuite: BenchSuite = {
  name: 'text-changes',
  async run() {
    const source = loadSourceLines();
    const rnd = random(20240611);
    const megabyte = 1024 * 1024;

    // 1. Display diff: two 1 MB revisions, 100 scattered edits.
    const big = buildArticle(source, megabyte, rnd);
    const bigOld = articleText(big.paragraphs);
    const edited = [...big.paragraphs];
    for (let n = 0; n < 100; ) if (editOnce(edited, source, rnd) > 0) n++;
    const bigNew = articleText(edited);
    let lastDiff = diffForDisplay(bigOld, bigNew, { budgetMs: 10_000 });
    const diffMs = await medianMs(() => {
      lastDiff = diffForDisplay(bigOld, bigNew, { budgetMs: 10_000 });
    });
    const display = {
      textBytes: utf8Length(bigOld),
      textChars: bigOld.length,
      edits: 100,
      medianMs: diffMs,
      targetMs: 300,
      granularity: lastDiff.granularity,
      fellBack: lastDiff.fellBack,
      changedParagraphs: lastDiff.stats.changedParagraphs,
      met: diffMs <= 300 && lastDiff.granularity === 'word' && !lastDiff.fellBack,
    };

    // 2. Re-anchoring 2,000 claims on a 1 MB article after a 10% edit.
    const anchors = anchorsOn(big, 2000, rnd);
    const tenPercent = [...big.paragraphs];
    for (let touched = 0; touched < 0.1 * bigOld.length; ) touched += editOnce(tenPercent, source, rnd);
    const tenNew = articleText(tenPercent);
    let outcomes = reanchor(anchors, bigOld, tenNew);
    const reanchorMs = await medianMs(() => {
      outcomes = reanchor(anchors, bigOld, tenNew);
    });
    const counts: Record<string, number> = {};
    for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
    const reanchoring = {
      textBytes: utf8Length(bigOld),
      claims: anchors.length,
      editedShare: round(editedShare(bigOld, tenNew)),
      medianMs: reanchorMs,
      targetMs: 200,
      outcomes: counts,
      met: reanchorMs <= 200,
    };

    // 3. Size of 1,000 revisions of a 50 KB article, one sentence each.
    const small = buildArticle(source, 50 * 1024, rnd);
    let text = articleText(small.paragraphs);
    const chain: RevisionChainLink[] = [];
    const bodies: RevisionBody[] = [];
    let previous: string | null = null;
    let longestRead = 0;
    let sinceSnapshot = 0;
    for (let r = 0; r < 1000; r++) {
      if (r > 0) {
        const paragraphs = text.split('\n');
        const i = Math.floor(rnd() * (paragraphs.length - 1));
        const parts = sentences(paragraphs[i]!);
        parts[Math.floor(rnd() * parts.length)] = pick(rnd, sentences(varyDigits(pick(rnd, source).text, rnd)));
        paragraphs[i] = parts.join('');
        text = paragraphs.join('\n');
      }
      const { body, link } = nextRevisionBody(chain, previous, text);
      chain.push(link);
      bodies.push(body);
      sinceSnapshot = body.kind === 'snapshot' ? 0 : sinceSnapshot + 1;
      longestRead = Math.max(longestRead, sinceSnapshot);
      previous = text;
    }
    const totalBytes = chain.reduce((sum, l) => sum + l.bytes, 0);
    const rebuildMs = await medianMs(() => rebuildText(bodies, bodies.length - 1));
    const revisions = {
      textBytes: utf8Length(text),
      revisions: chain.length,
      snapshots: chain.filter((l) => l.kind === 'snapshot').length,
      totalBytes,
      targetBytes: 2 * 1000 * 1000,
      longestPatchRun: longestRead,
      rebuildLatestMs: rebuildMs,
      rebuiltCorrectly: rebuildText(bodies, bodies.length - 1) === text,
      met: totalBytes <= 2 * 1000 * 1000,
    };

    // The editor's path: the same 10% edit as a known change set.
    const knownChanges: TextChange[] = [{ from: 0, to: bigOld.length, insert: tenNew }];
    const knownMs = await medianMs(() => reanchor(anchors, bigOld, tenNew, { changes: knownChanges }), 3, 1);

    return { display, reanchoring, revisions, info: { reanchorThroughWholeTextReplacementMs: knownMs, sourceLines: source.length } };
  },
};

/** Share of the old text that the computed change set deletes or replaces, plus what it inserts. */
function editedShare(oldText: string, newText: string): number {
  let touched = 0;
  for (const c of computeChanges(oldText, newText)) touched += Math.max(c.to - c.from, c.insert.length);
  return touched / oldText.length;
}
