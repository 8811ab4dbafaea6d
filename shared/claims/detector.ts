/**
 * The claim engine's entry points: one-shot detection, and a detector that
 * remembers each line's result so that re-detecting after an edit re-scans
 * only the lines that changed (and those whose table context changed).
 */
import { inferDollarCurrency } from './currency.js';
import { scanLine, type LineClaim, type LineContext } from './line-scanner.js';
import type { DetectedClaim } from './types.js';

/** Options for `detectClaims` and `createClaimDetector`. */
export interface ClaimDetectOptions {
  /**
   * ISO 4217 code a bare `$` stands for (a workspace setting). Without it the
   * article's text decides (an article about Australia means AUD), else USD.
   */
  dollarCurrency?: string;
}

/** Re-detects claims of successive versions of one article, re-scanning only changed lines. */
export interface ClaimDetector {
  /** All claims of `text`, sorted by start; offsets are UTF-16 code units. */
  detect(text: string): DetectedClaim[];
}

interface LineResult {
  claims: LineClaim[];
  next: LineContext;
}

function contextKey(ctx: LineContext): string {
  if (!ctx.table && !ctx.caption) return ctx.dollar;
  return `${ctx.dollar}${JSON.stringify(ctx.table)}${JSON.stringify(ctx.caption)}`;
}

function shift(c: LineClaim, offset: number): DetectedClaim {
  if (offset === 0) return { ...c, sentence: { ...c.sentence } };
  return { ...c, start: c.start + offset, end: c.end + offset, sentence: { start: c.sentence.start + offset, end: c.sentence.end + offset } };
}

function moveInPlace(c: LineClaim, offset: number): DetectedClaim {
  c.start += offset;
  c.end += offset;
  c.sentence.start += offset;
  c.sentence.end += offset;
  return c;
}

/** Line results of one detect call, by context key, then by line text. */
type LineCache = Map<string, Map<string, LineResult>>;

function detectWith(text: string, options: ClaimDetectOptions, previous: LineCache | null): { claims: DetectedClaim[]; lines: LineCache | null } {
  const dollar = options.dollarCurrency?.toUpperCase() ?? inferDollarCurrency(text);
  const current: LineCache | null = previous ? new Map() : null;
  let ctx: LineContext = { dollar, table: null, caption: null };
  const claims: DetectedClaim[] = [];
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    const raw = text.slice(start, end);
    let result: LineResult | undefined;
    if (current) {
      const key = contextKey(ctx);
      let now = current.get(key);
      if (!now) current.set(key, (now = new Map()));
      result = now.get(raw) ?? previous!.get(key)?.get(raw);
      if (!result) result = scanLine(raw, ctx);
      now.set(raw, result);
      for (const c of result.claims) claims.push(shift(c, start));
    } else {
      // A fresh (uncached) result belongs to this call alone and can be moved in place.
      result = scanLine(raw, ctx);
      for (const c of result.claims) claims.push(moveInPlace(c, start));
    }
    ctx = result.next;
    start = end + 1;
  }
  return { claims, lines: current };
}

/**
 * Finds every checkable figure in `text`: amounts, percentages, counts,
 * quantities, dates and other figures (ranks, ratios, rates), in Chinese and
 * English, following the annotation rules of shared/fixtures/README.md.
 * Returns claims sorted by start, each with its value in base units, unit,
 * sentence range and, where printed, approximation, direction and base period.
 */
export function detectClaims(text: string, options: ClaimDetectOptions = {}): DetectedClaim[] {
  return detectWith(text, options, null).claims;
}

/**
 * A detector for one article being edited: `detect(newText)` re-scans only the
 * lines that differ from the previous call (a line's result depends only on
 * its text, the table context above it and the `$` currency), so an edit of a
 * 50 KB article costs well under a frame.
 */
export function createClaimDetector(options: ClaimDetectOptions = {}): ClaimDetector {
  let lines: LineCache = new Map();
  return {
    detect(text: string): DetectedClaim[] {
      const r = detectWith(text, options, lines);
      lines = r.lines!;
      return r.claims;
    },
  };
}
