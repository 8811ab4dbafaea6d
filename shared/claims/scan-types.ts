/** Internal shapes shared by the rule modules (not exported from the package face). */
import type { ClaimKind, DetectedClaim } from './types.js';

/** A figure found in one line; offsets are relative to the line. */
export interface Found extends Pick<DetectedClaim, 'start' | 'end' | 'kind' | 'value' | 'unit'> {
  /** 余/多 inside the span. */
  approx?: string;
  /** Power of ten the printed number was scaled by (万 = 4, m = 6, ‰ = -1), for unit sharing. */
  exp: number;
}

/** One line being scanned. */
export interface LineScan {
  /** The line as written. */
  raw: string;
  /** The line with full-width digits and symbols mapped to ASCII (same offsets). */
  s: string;
  /** ISO code a bare `$` stands for. */
  dollar: string;
  /** Offsets already inside a figure. */
  taken: Uint8Array;
  /** The line has CJK text (decides ¥ and which bare-number rules apply). */
  cjk: boolean;
  /** The line has a 《title》, whose numbers are part of a name. */
  titles: boolean;
}

/**
 * What a rule says about a numeral: a figure; an offset meaning "not a
 * figure, go on scanning from here"; or null (try the next rule).
 */
export type RuleResult = Found | number | null;

export function isFound(r: RuleResult): r is Found {
  return r !== null && typeof r === 'object';
}

/** A Found with the value taken from `num × 10^exp`. */
export function found(start: number, end: number, kind: ClaimKind, value: number | null, unit: string | null, exp = 0, approx?: string): Found {
  return { start, end, kind, value, unit, exp, approx };
}
