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

interface Detection {
  claims: DetectedClaim[];
  lines: LineCache | null;
  /** The context each line hands to the next, when asked for. */
  after: LineContext[] | null;
  dollar: string;
}

function detectWith(text: string, options: ClaimDetectOptions, previous: LineCache | null, keepAfter = false): Detection {
  const dollar = options.dollarCurrency?.toUpperCase() ?? inferDollarCurrency(text);
  const current: LineCache | null = previous ? new Map() : null;
  const after: LineContext[] | null = keepAfter ? [] : null;
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
    after?.push(ctx);
    start = end + 1;
  }
  return { claims, lines: current, after, dollar };
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

/**
 * What detection keeps per line of a text being edited, so that an edit
 * re-scans only the lines it touched: line `i`'s result depends only on its
 * text and on the context the line above hands on (the table being read, a
 * caption's unit, the `$` currency).
 */
export interface ClaimLines {
  /** The ISO code a bare `$` stands for in this text (the option, or what the whole text says). */
  readonly dollar: string;
  /** The context line `i` (0-based) hands to line `i + 1`; one entry per line. */
  readonly after: readonly LineContext[];
}

/** A text read line by line (CodeMirror's `Text` fits through a two-line adapter). */
export interface LineReader {
  readonly lineCount: number;
  /** Line `i` (0-based), without its `\n`. */
  lineText(i: number): string;
}

/** One edit in line numbers: old lines [fromLine, oldTo) became new lines [fromLine, newTo). */
export interface LineEdit {
  fromLine: number;
  oldTo: number;
  newTo: number;
}

/**
 * `detectClaims` that also returns the per-line state an editor needs to
 * follow later edits with `rescanLines`. Same scan, same claims.
 */
export function detectLines(text: string, options: ClaimDetectOptions = {}): { claims: DetectedClaim[]; lines: ClaimLines } {
  const r = detectWith(text, options, null, true);
  return { claims: r.claims, lines: { dollar: r.dollar, after: r.after! } };
}

/**
 * Follows edits of a text whose per-line state is `lines` (from `detectLines`
 * or an earlier `rescanLines`, with the same `dollar`): re-scans the lines
 * each edit touched, then every following line whose incoming context changed
 * (a table header edited), and stops as soon as a line hands on the context it
 * handed on before. `edits` are sorted, in the old text's line numbers for
 * `fromLine`/`oldTo` and the new text's for `newTo` (as CodeMirror's
 * `iterChangedRanges` gives them, merged where they share a line).
 * `onLine(i, claims)` receives each re-scanned line's claims, offsets relative
 * to the line start; lines not reported keep their claims (moved with the text).
 * The result equals `detectClaims` on the new text whenever the dollar
 * currency it names is unchanged.
 */
export function rescanLines(lines: ClaimLines, text: LineReader, edits: readonly LineEdit[], onLine: (line: number, claims: DetectedClaim[]) => void): ClaimLines {
  const old = lines.after;
  // Realign the per-line contexts with the new text, untouched runs copied in slices; a replaced
  // block's entries hold, until re-scanned, what the old block handed on at its end (what the
  // line below it received).
  let after: LineContext[] = [];
  let oldPos = 0;
  const blocks: Array<[number, number]> = [];
  for (const e of edits) {
    after = after.concat(old.slice(oldPos, e.fromLine));
    const handedOn = old[e.oldTo - 1] ?? old[e.fromLine - 1] ?? initialContext(lines.dollar);
    blocks.push([after.length, e.newTo]);
    after = after.concat(new Array<LineContext>(e.newTo - after.length).fill(handedOn));
    oldPos = e.oldTo;
  }
  after = after.concat(old.slice(oldPos));
  if (after.length !== text.lineCount) throw new Error(`rescanLines: ${after.length} line contexts for ${text.lineCount} lines`);
  let done = 0;
  for (const [from, to] of blocks) {
    let i = Math.max(from, done);
    let ctx = i > 0 ? after[i - 1]! : initialContext(lines.dollar);
    for (; i < text.lineCount; i++) {
      const { claims, next } = scanLine(text.lineText(i), ctx);
      onLine(i, claims);
      const before = after[i]!;
      after[i] = next;
      ctx = next;
      if (i >= to - 1 && (next === before || contextKey(next) === contextKey(before))) {
        i++;
        break;
      }
    }
    done = i;
  }
  return { dollar: lines.dollar, after };
}

function initialContext(dollar: string): LineContext {
  return { dollar, table: null, caption: null };
}
