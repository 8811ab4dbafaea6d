/**
 * Printed-precision arithmetic. A figure printed as `305.7亿` may be anything
 * in [305.65亿, 305.75亿): every check works on such intervals, so a figure
 * that was correctly rounded before printing can never raise an alarm.
 */
import { parseNumber, toHalfWidth } from '../claims/index.js';
import { cachedByText } from './cache.js';
import type { CheckClaim } from './types.js';

/** A closed range of values; exact numbers have lo === hi. */
export interface Interval {
  lo: number;
  hi: number;
}

/** Where the printed numeral sits inside a claim's text: before, digits, after. */
export interface PrintedForm {
  /** Text before the first digit (`$`, `US$`). */
  prefix: string;
  /** Text after the last digit (`亿元`, `%`, ` per cent`, `m`). */
  suffix: string;
  /** Digits after the decimal point. */
  decimals: number;
  /** The printed digits without point or separators (`305.7` → `3057`). */
  digits: string;
}

/**
 * Splits a claim's text around its numeral, to know how precisely it is
 * printed. The value itself always comes from the claim engine
 * (`claim.value`); this only counts the digits the engine delimited.
 * Returns null for figures written without digits (`两大`, `三年`) and for
 * forms the step rule cannot read (`1万5000`).
 */
export function printedForm(text: string): PrintedForm | null {
  return cachedForm(text);
}

// Figures repeat across checks and re-runs; their printed form depends on the text alone.
const cachedForm = cachedByText((text) => readPrintedForm(text));

function readPrintedForm(text: string): PrintedForm | null {
  const half = toHalfWidth(text);
  const first = half.search(/[0-9]/);
  if (first < 0) return null;
  let last = first;
  for (let i = first; i < half.length; i++) if (half[i]! >= '0' && half[i]! <= '9') last = i;
  const body = half.slice(first, last + 1);
  if (!/^[0-9]+(?:[,，' \u2009][0-9]{3})*(?:\.[0-9]+)?$/.test(body)) return null;
  const [intPart, frac = ''] = body.replace(/[,，' \u2009]/g, '').split('.');
  return { prefix: text.slice(0, first), suffix: text.slice(last + 1), decimals: frac.length, digits: intPart! + frac };
}

/** Approximation words that make a figure a round estimate rather than a rounded measurement. */
const looseApprox = /^(约|大约|近|将近|接近|超|超过|逾|余|多|以上|以下|左右|上下|about|around|almost|nearly|over|more than|some|roughly|approximately|less than|under)$/i;

/** Relative slack given to figures marked as approximate (约, 近, 超, about…). */
export const approxRelativeSlack = 0.05;

/**
 * One step of the last printed digit, in the claim's base units: 0.1亿 =
 * 1e7 for `305.7亿元`, 1 for `45个`, 0.1 for `190.6%`. Figures without digits
 * (`两大`) are exact counts: step 1.
 */
export function printedStep(claim: Pick<CheckClaim, 'text' | 'value'>): number {
  if (claim.value === null) return 0;
  const form = printedForm(claim.text);
  if (!form) return Number.isInteger(claim.value) ? 1 : 0;
  const asInteger = parseNumber(form.digits) ?? 0;
  if (asInteger === 0) {
    // `0.0%`: value 0 gives no scale; the step is 10^-decimals in the printed unit, and zero is zero in any unit.
    return Math.pow(10, -form.decimals);
  }
  return Math.abs(claim.value) / asInteger;
}

/** Words that make a figure a floor, not an estimate: `超千亿元` may be any amount above 1000亿. */
const floorApprox = /^(超|超过|逾|突破|以上|及以上|over|more than|above|in excess of)$/i;

/**
 * The interval a printed figure stands for. `余`/`约`/`about` figures get
 * ±5 % as well; a floor (`超千亿元`, `over $1 billion`, `10万人以上`) has no
 * upper end.
 */
export function claimInterval(claim: Pick<CheckClaim, 'text' | 'value' | 'approx'>): Interval | null {
  if (claim.value === null || !Number.isFinite(claim.value)) return null;
  const v = claim.value;
  let half = printedStep(claim) / 2;
  const form = printedForm(claim.text);
  const approx = claim.approx?.trim();
  const marked = (approx && looseApprox.test(approx)) || (form && /^(万亿|万|亿|千|百)?[余多]/.test(form.suffix));
  if (marked) half = Math.max(half, Math.abs(v) * approxRelativeSlack);
  if (approx && floorApprox.test(approx) && v >= 0) return { lo: v - half, hi: Infinity };
  return { lo: v - half, hi: v + half };
}

/**
 * The interval of the printed digits alone, without the ±5 % of `约`/`about`:
 * in `$1.25 billion, or about 8.6 billion yuan` the `about` says the
 * conversion is rounded, which the printed precision already covers. Floors
 * (`超`, `over`) stay open-ended.
 */
export function printedInterval(claim: Pick<CheckClaim, 'text' | 'value' | 'approx'>): Interval | null {
  const approx = claim.approx?.trim();
  return claimInterval({ text: claim.text, value: claim.value, approx: approx && floorApprox.test(approx) ? approx : undefined });
}

export const exact = (v: number): Interval => ({ lo: v, hi: v });

export function add(a: Interval, b: Interval): Interval {
  return { lo: a.lo + b.lo, hi: a.hi + b.hi };
}

export function sub(a: Interval, b: Interval): Interval {
  return { lo: a.lo - b.hi, hi: a.hi - b.lo };
}

export function mul(a: Interval, b: Interval): Interval {
  // 0 × ∞ is 0 here: an unbounded figure (a floor) times zero is still zero.
  const p = [a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi].map((x) => (Number.isNaN(x) ? 0 : x));
  return { lo: Math.min(...p), hi: Math.max(...p) };
}

/** Division; a divisor interval that contains zero gives the whole line. */
export function div(a: Interval, b: Interval): Interval {
  if (b.lo <= 0 && b.hi >= 0) return { lo: -Infinity, hi: Infinity };
  return mul(a, { lo: 1 / b.hi, hi: 1 / b.lo });
}

export function neg(a: Interval): Interval {
  return { lo: -a.hi, hi: -a.lo };
}

export function overlaps(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi && b.lo <= a.hi;
}

export function widen(a: Interval, relative: number): Interval {
  return { lo: a.lo - Math.abs(a.lo) * relative, hi: a.hi + Math.abs(a.hi) * relative };
}

export function mid(a: Interval): number {
  return (a.lo + a.hi) / 2;
}

// Floating-point slack so that 0.1 + 0.2 style residues never decide a verdict.
const eps = (x: number) => Math.abs(x) * 1e-9 + 1e-12;

/** a ≤ b is possible for some values the printed figures stand for. */
export function possiblyLe(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi + eps(b.hi);
}

/** a < b is possible. */
export function possiblyLt(a: Interval, b: Interval): boolean {
  return a.lo < b.hi + eps(b.hi);
}

/** a = b is possible. */
export function possiblyEq(a: Interval, b: Interval): boolean {
  return a.lo <= b.hi + eps(b.hi) && b.lo <= a.hi + eps(a.hi);
}
