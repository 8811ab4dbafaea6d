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
import { medianMs, type BenchSuite, seededRandom } from './suite.js';

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

type Size = { bytes: number } | { chars: number };

function sizeOf(article: Article): { bytes: number; chars: number } {
  const text = articleText(article.paragraphs);
  return { bytes: utf8Length(text), chars: text.length };
}

function articleOfSize(source: SourceLine[], size: Size, rnd: () => number): Article {
  // UTF-8 Chinese takes about 2.6 bytes a character here; grow until the size is reached.
  const article = buildArticle(source, 'bytes' in size ? size.bytes : size.chars * 2.4, rnd);
  while ('chars' in size && articleText(article.paragraphs).length < size.chars) {
    const more = buildArticle(source, 4096, rnd);
    article.paragraphs.push(...more.paragraphs);
    article.claims.push(...more.claims);
  }
  return article;
}

/** Diff of two revisions of an article of `size` that differ by 100 scattered edits. */
async function measureDisplay(source: SourceLine[], size: Size, rnd: () => number) {
  const article = articleOfSize(source, size, rnd);
  const oldText = articleText(article.paragraphs);
  const edited = [...article.paragraphs];
  for (let n = 0; n < 100; ) if (editOnce(edited, source, rnd) > 0) n++;
  const newText = articleText(edited);
  let diff = diffForDisplay(oldText, newText, { budgetMs: 10_000 });
  const ms = await medianMs(() => {
    diff = diffForDisplay(oldText, newText, { budgetMs: 10_000 });
  });
  return {
    ...sizeOf(article),
    edits: 100,
    medianMs: ms,
    targetMs: 300,
    granularity: diff.granularity,
    fellBack: diff.fellBack,
    changedParagraphs: diff.stats.changedParagraphs,
    changedFigures: diff.stats.removedFigures,
    met: ms <= 300 && diff.granularity === 'word' && !diff.fellBack,
  };
}

/** Re-anchoring 2,000 claims after an edit touching 10% of the text, changes computed from the two texts. */
async function measureReanchor(source: SourceLine[], size: Size, rnd: () => number) {
  const article = articleOfSize(source, size, rnd);
  const oldText = articleText(article.paragraphs);
  const anchors = anchorsOn(article, 2000, rnd);
  const edited = [...article.paragraphs];
  let share = 0;
  while (share < 0.1) {
    for (let n = 0; n < 25; n++) editOnce(edited, source, rnd);
    share = editedShare(oldText, articleText(edited));
  }
  const newText = articleText(edited);
  let outcomes = reanchor(anchors, oldText, newText);
  const ms = await medianMs(() => {
    outcomes = reanchor(anchors, oldText, newText);
  });
  const counts: Record<string, number> = {};
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1;
  // The editor's path, given the whole edit as one replacement it must refine itself.
  const whole: TextChange[] = [{ from: 0, to: oldText.length, insert: newText }];
  const knownMs = await medianMs(() => reanchor(anchors, oldText, newText, { changes: whole }), 3, 1);
  return {
    ...sizeOf(article),
    claims: anchors.length,
    editedShare: round(share),
    medianMs: ms,
    targetMs: 200,
    outcomes: counts,
    throughOneWholeTextChangeMs: knownMs,
    met: ms <= 200,
  };
}

/** Stored size of 1,000 revisions of an article of `size`, each rewriting one sentence. */
async function measureRevisions(source: SourceLine[], size: Size, rnd: () => number) {
  const article = articleOfSize(source, size, rnd);
  let text = articleText(article.paragraphs);
  const first = sizeOf(article);
  const chain: RevisionChainLink[] = [];
  const bodies: RevisionBody[] = [];
  let previous: string | null = null;
  let longestRun = 0;
  let run = 0;
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
    run = body.kind === 'snapshot' ? 0 : run + 1;
    longestRun = Math.max(longestRun, run);
    previous = text;
  }
  const totalBytes = chain.reduce((sum, l) => sum + l.bytes, 0);
  const target = 2_000_000;
  return {
    firstRevision: first,
    lastRevisionBytes: utf8Length(text),
    revisions: chain.length,
    snapshots: chain.filter((l) => l.kind === 'snapshot').length,
    totalBytes,
    targetBytes: target,
    longestPatchRun: longestRun,
    rebuildLatestMs: await medianMs(() => rebuildText(bodies, bodies.length - 1)),
    rebuiltCorrectly: rebuildText(bodies, bodies.length - 1) === text,
    met: totalBytes <= target,
  };
}

export const textChangesSuite: BenchSuite = {
  name: 'text-changes',
  async run() {
    const source = loadSourceLines();
    const rnd = seededRandom(20240611);
    const mebibyte = 1024 * 1024;
    return {
      // The targets, with "1 MB" and "50 KB" read as UTF-8 file sizes.
      display: await measureDisplay(source, { bytes: mebibyte }, rnd),
      reanchoring: await measureReanchor(source, { bytes: mebibyte }, rnd),
      revisions: await measureRevisions(source, { bytes: 50 * 1024 }, rnd),
      // The same with sizes read as characters (about 2.6 times the bytes): not targets, margins.
      asCharacters: {
        display: await measureDisplay(source, { chars: 1_000_000 }, rnd),
        reanchoring: await measureReanchor(source, { chars: 1_000_000 }, rnd),
        revisions: await measureRevisions(source, { chars: 50_000 }, rnd),
      },
      sourceLines: source.length,
    };
  },
};

/** Share of the old text that the computed change set deletes or replaces, or inserts. */
function editedShare(oldText: string, newText: string): number {
  let touched = 0;
  for (const c of computeChanges(oldText, newText)) touched += Math.max(c.to - c.from, c.insert.length);
  return touched / oldText.length;
}
