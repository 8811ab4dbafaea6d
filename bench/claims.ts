/**
 * `npm run bench claims`: speed of the claim engine (docs/claims.md).
 *
 * - detection on ~1 MB (1,000,000 UTF-16 characters) of Chinese text built
 *   from the Chinese fixture articles, in process;
 * - the peer, Microsoft Recognizers-Text (currency, percentage, dimension,
 *   datetime and number recognizers, Culture.Chinese) on the same text fed
 *   paragraph by paragraph, its best case. It runs at a few characters per
 *   millisecond, so the full text takes minutes: BENCH_PEER_CHARS=N times it
 *   on the first N characters (whole paragraphs) and extrapolates linearly;
 *   the result says which was done;
 * - re-detection after an edit of a 50 KB article with the incremental
 *   detector (createClaimDetector), median and worst of many edits.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as Recognizers from '@microsoft/recognizers-text-suite';
import { createClaimDetector, detectClaims } from '../shared/claims/index.js';
import { medianMs, seededRandom as random, type BenchSuite } from './suite.js';

const sharedDir = process.env.FACTDESK_SHARED ?? '/work/shared';
const TARGET_CHARS = 1_000_000;
const ARTICLE_CHARS = 50_000;
const EDITS = 200;
const targets = { msPer1MB: 200, peerRatio: 300, editMs: 16 };

/** Non-empty paragraphs of the Chinese fixture articles. */
export function chineseParagraphs(): string[] {
  const dir = path.join(sharedDir, 'fixtures/claims');
  const paragraphs: string[] = [];
  for (const name of fs.readdirSync(dir).filter((n) => n.endsWith('.gold.json')).sort()) {
    const gold = JSON.parse(fs.readFileSync(path.join(dir, name), 'utf8')) as { language: string };
    if (gold.language !== 'zh') continue;
    const text = fs.readFileSync(path.join(dir, name.replace('.gold.json', '.txt')), 'utf8');
    paragraphs.push(...text.split('\n').filter((p) => p.trim()));
  }
  return paragraphs;
}

/** Paragraphs repeated up to `chars` characters, with digits varied so no two copies are identical. */
export function assemble(paragraphs: string[], chars: number): string[] {
  const out: string[] = [];
  let size = 0;
  const rnd = random(7);
  for (let i = 0; size < chars; i++) {
    const p = paragraphs[i % paragraphs.length]!.replace(/\d/g, (d) => (rnd() < 0.2 ? String((+d + 1) % 10) : d));
    out.push(p);
    size += p.length + 2;
  }
  return out;
}

/** The paragraphs that fill 1 MiB of UTF-8 (about 410,000 Chinese characters), joined as an article. */
export function oneMiB(paragraphs: string[]): string {
  const mib: string[] = [];
  for (let bytes = 0, i = 0; bytes < 1024 * 1024; i++) {
    const p = paragraphs[i % paragraphs.length]!;
    mib.push(p);
    bytes += Buffer.byteLength(p, 'utf8') + 2;
  }
  return mib.join('\n\n');
}

function peerOnParagraphs(paragraphs: string[]): number {
  const culture = Recognizers.Culture.Chinese;
  const t0 = performance.now();
  for (const p of paragraphs) {
    Recognizers.recognizeCurrency(p, culture);
    Recognizers.recognizePercentage(p, culture);
    Recognizers.recognizeDimension(p, culture);
    Recognizers.recognizeDateTime(p, culture);
    Recognizers.recognizeNumber(p, culture);
  }
  return performance.now() - t0;
}

/** One random edit: change a figure, type a character, or delete a line. */
function edit(text: string, rnd: () => number): string {
  const at = Math.floor(rnd() * text.length);
  const kind = rnd();
  if (kind < 0.5) {
    const d = text.slice(at).search(/\d/);
    if (d >= 0) return text.slice(0, at + d) + String((+text[at + d]! + 1) % 10) + text.slice(at + d + 1);
  }
  if (kind < 0.85) return `${text.slice(0, at)}增${text.slice(at)}`;
  const ls = text.lastIndexOf('\n', at);
  const le = text.indexOf('\n', at);
  return le < 0 ? text : text.slice(0, ls + 1) + text.slice(le + 1);
}

export const claimsSuite: BenchSuite = {
  name: 'claims',
  async run() {
    const paragraphs = chineseParagraphs();
    const bigParagraphs = assemble(paragraphs, TARGET_CHARS);
    const big = bigParagraphs.join('\n\n');
    const chars = big.length;
    const utf8Bytes = Buffer.byteLength(big, 'utf8');
    let claimCount = 0;
    // Nine runs after three warm-ups: on a shared two-core machine a single run can double.
    const detectMs = await medianMs(() => {
      claimCount = detectClaims(big).length;
    }, 9, 3);
    const perMillionChars = +(detectMs * (TARGET_CHARS / chars)).toFixed(1);
    // "1 MB of Chinese text" read as a file size, like the text-changes suite: the paragraphs
    // that fill 1 MiB of UTF-8 (about 410,000 characters, three bytes each for CJK).
    const mibText = oneMiB(bigParagraphs);
    const msPer1MB = await medianMs(() => detectClaims(mibText), 9, 3);

    // Linearity: the same text at a quarter of the size should take about a quarter of the time.
    const quarter = big.slice(0, Math.floor(chars / 4));
    const quarterMs = await medianMs(() => detectClaims(quarter), 9, 3);

    // Before the peer: its large heap would put its garbage collections into these timings.
    const article = assemble(paragraphs, ARTICLE_CHARS).join('\n\n');
    const detector = createClaimDetector();
    detector.detect(article);
    const rnd = random(42);
    let text = article;
    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      text = edit(text, rnd);
      const t0 = performance.now();
      detector.detect(text);
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const editMedianMs = +times[Math.floor(times.length / 2)]!.toFixed(3);
    const editP95Ms = +times[Math.floor(times.length * 0.95)]!.toFixed(3);
    const editWorstMs = +times[times.length - 1]!.toFixed(3);
    const fullArticleMs = await medianMs(() => detectClaims(article), 7, 2);

    const peerLimit = Number(process.env.BENCH_PEER_CHARS ?? 0);
    let peerParagraphs = bigParagraphs;
    if (peerLimit > 0 && peerLimit < chars) {
      peerParagraphs = [];
      let size = 0;
      for (const p of bigParagraphs) {
        if (size >= peerLimit) break;
        peerParagraphs.push(p);
        size += p.length + 2;
      }
    }
    const peerChars = peerParagraphs.join('\n\n').length;
    process.stderr.write(`bench claims: peer on ${peerChars} of ${chars} characters…\n`);
    const peerMeasuredMs = peerOnParagraphs(peerParagraphs);
    const peerFullMs = peerMeasuredMs * (chars / peerChars);
    const peerRatio = +(peerFullMs / detectMs).toFixed(0);

    return {
      text: { chars, utf8Bytes, paragraphs: bigParagraphs.length, claims: claimCount },
      detectMs,
      msPer1MB,
      oneMiB: { chars: mibText.length, utf8Bytes: Buffer.byteLength(mibText, 'utf8') },
      // The stricter reading: a million characters (2.5 MB of UTF-8).
      msPerMillionChars: perMillionChars,
      charsPerMs: Math.round(chars / detectMs),
      linearity: { quarterChars: quarter.length, quarterMs, fullOverQuarter: +(detectMs / quarterMs).toFixed(2) },
      peer: {
        name: '@microsoft/recognizers-text-suite (5 recognizers, Culture.Chinese, per paragraph)',
        measuredChars: peerChars,
        measuredMs: Math.round(peerMeasuredMs),
        fullText: peerChars >= chars,
        ...(peerChars < chars ? { extrapolatedFullMs: Math.round(peerFullMs) } : {}),
        charsPerMs: +(peerChars / peerMeasuredMs).toFixed(2),
      },
      peerRatio,
      incremental: { articleChars: article.length, edits: EDITS, editMedianMs, editP95Ms, editWorstMs, fullDetectMs: fullArticleMs },
      targets,
      met: {
        msPer1MB: msPer1MB <= targets.msPer1MB,
        peerRatio: peerRatio >= targets.peerRatio,
        // p95, not the single worst edit: one edit in sixty can land on a GC pause or a descheduled core.
        editMs: editP95Ms <= targets.editMs,
      },
    };
  },
};
