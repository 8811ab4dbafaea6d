/**
 * Growth statements (`305.7亿元,同比增长190.6%`, `rose 1% to $41,293m`):
 * the base they imply, and — where the text also states the base
 * (`上年为…`, `from $…`) or the change (`rose $557m (1%)`) — whether the
 * printed rate follows from it within rounding.
 */
import { articleYear, byPosition, changeDirection, claimsInSentence, clauseMarks, gapBefore, isAmount, isPercent, sentenceOf, sentenceYear, type Direction } from './article.js';
import { formatLike, formatNumber } from './format.js';
import { claimInterval, div, exact, mid, mul, overlaps, sub, add, type Interval } from './tolerance.js';
import type { CheckClaim, CheckMessage } from './types.js';
import type { RawFinding } from './finding.js';
import { joinedAsConversion } from './conversions.js';

const baseCue = /(上年|去年|上年同期|去年同期|上一年|前一年|同期|上月|上季度)(的|为|是|水平)?\s*$|(由|从)\s*$|\bfrom\s*$|compared (?:with|to)\s*$|\b(?:versus|vs\.?|against)\s*$|\b(?:from|versus|vs\.?|compared (?:with|to))\s+(?:a\s+)?(?:year[- ](?:earlier|ago)|prior[- ]year|last[- ]year'?s?)\s*$|last year'?s?\s*$|a year earlier\s*$/i;
const yearOnYear = /同比|比上年|较上年|比去年|较去年|上年同期|year[- ]on[- ]year|from a year earlier|over the previous year|annual/i;
const toCue = /^\s*[)）]?\s*[,，]?\s*(to|至|达到|达)\s*$/i;

interface GrowthStatement {
  rate: CheckClaim;
  direction: Direction;
  level: CheckClaim;
  change?: CheckClaim;
  /** The level's equivalent in another currency printed beside it, which a stated base may use instead. */
  equivalent?: CheckClaim;
}

function sameMeasure(a: CheckClaim, b: CheckClaim): boolean {
  return a.kind === b.kind && a.unit === b.unit;
}

/** Finds the figure a rate of change applies to, and the change amount printed beside it. */
function statement(text: string, claims: readonly CheckClaim[], i: number): GrowthStatement | null {
  const rate = claims[i]!;
  if (!isPercent(rate)) return null;
  const sentence = sentenceOf(text, rate);
  let direction = changeDirection(text, claims, rate);
  let change: CheckClaim | undefined;
  // `rose $557m (1%)`, `a $54.7b (12%) increase`: the rate in brackets is the rate of the change before it.
  const prev = claims[i - 1];
  const bracketed = Boolean(prev && isAmount(prev) && prev.start >= sentence.start && /^\s*[(（]\s*$/.test(text.slice(prev.end, rate.start)));
  if (bracketed) {
    change = prev;
    direction ??= changeDirection(text, claims, prev);
  }
  if (!direction) return null;
  // `… rose 1% to $41,293m`: the level follows.
  const next = claims[i + 1];
  if (next && isAmount(next) && next.end <= sentence.end && toCue.test(text.slice(rate.end, next.start)) && !changeDirection(text, claims, next)) {
    return { rate, direction, level: next, change };
  }
  // Without `to …`, a bracketed rate names no level.
  if (bracketed) return null;
  // `305.7亿元,同比增长190.6%`, `完成47亿元,比上年增加5亿元,增长12%`: the level comes before.
  let baseClauses = 0;
  for (let j = i - 1; j >= 0; j--) {
    const c = claims[j]!;
    if (c.start < sentence.start) break;
    if (c.kind === 'percent') break;
    if (!isAmount(c)) continue;
    // `比上年的24.15亿元增长12.6%`, `246.8亿元,上年同期为174.4亿元,同比增长41.5%`: the base sits between the level and its rate, in a clause of its own or not.
    if (baseCue.test(gapBefore(text, claims, c))) {
      baseClauses += clauseMarks(text.slice(c.end, rate.start)) > 0 && clauseMarks(gapBefore(text, claims, c)) > 0 ? 1 : 0;
      continue;
    }
    if (changeDirection(text, claims, c)) {
      if (!change && clauseMarks(text.slice(c.end, rate.start)) <= 1) change = c;
      continue;
    }
    const allowed = (change && sameMeasure(change, c) ? 2 : 1) + baseClauses;
    if (clauseMarks(text.slice(c.end, rate.start)) > allowed) return null;
    const before = claims[j - 1];
    const equivalent = before && before.start >= sentence.start && joinedAsConversion(text, before, c) ? before : undefined;
    return { rate, direction, level: c, change: change && sameMeasure(change, c) ? change : undefined, equivalent };
  }
  return null;
}

/** A base printed in the same sentence (`上年为388.5亿元`, `up from $17.2 billion`), and the level it compares with. */
function statedBase(text: string, claims: readonly CheckClaim[], s: GrowthStatement, i: number): { base: CheckClaim; level: CheckClaim } | null {
  const sentence = sentenceOf(text, s.rate);
  const first = Math.min(s.level.start, s.rate.start, s.equivalent?.start ?? Infinity);
  const last = Math.max(s.level.end, s.rate.end);
  const inSentence = claimsInSentence(text, claims, sentence);
  for (const c of inSentence) {
    if (c === s.level || c === s.change || c === s.equivalent) continue;
    if (!isAmount(c) || !baseCue.test(gapBefore(text, claims, c))) continue;
    // The base belongs to this statement only within its clause group: no `;` and no other rate in between.
    const between = c.start < first ? { start: c.end, end: first } : { start: last, end: c.start };
    if (/[;；]/.test(text.slice(between.start, between.end))) continue;
    if (inSentence.some((o) => o !== s.rate && o.kind === 'percent' && o.start >= between.start && o.end <= between.end)) continue;
    if (sameMeasure(c, s.level)) return { base: c, level: s.level };
    if (s.equivalent && sameMeasure(c, s.equivalent)) return { base: c, level: s.equivalent };
  }
  return baseInNextSentence(text, claims, s, i, sentence);
}

// `…增长12.6%。上年为24.15亿元。`: a sentence that only says what last year's figure was.
const nextSentenceBase = /^\s*(上年|去年|上年同期|去年同期|上一年)(同期)?(的|为|是)/;

/** A base stated in the sentence right after the rate's, when the rate is that sentence's last figure. */
function baseInNextSentence(text: string, claims: readonly CheckClaim[], s: GrowthStatement, i: number, sentence: { start: number; end: number }): { base: CheckClaim; level: CheckClaim } | null {
  const next = claims[i + 1];
  if (!next || next.start < sentence.end) return null;
  if (/\n/.test(text.slice(sentence.end - 1, next.start)) || !nextSentenceBase.test(text.slice(sentence.end, next.start))) return null;
  if (!isAmount(next) || !sameMeasure(next, s.level)) return null;
  return { base: next, level: s.level };
}

/** Rate of change, in percent, between a base and a level (both intervals). */
function growthPercent(level: Interval, base: Interval, direction: Direction): Interval {
  const ratio = div(level, base);
  const g = direction === 'up' ? sub(ratio, exact(1)) : sub(exact(1), ratio);
  return mul(g, exact(100));
}

export function findGrowth(text: string, claims: readonly CheckClaim[], opts: { year?: number }): RawFinding[] {
  const sorted = byPosition(claims);
  const docYear = articleYear(sorted, text);
  const out: RawFinding[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const s = statement(text, sorted, i);
    if (!s) continue;
    const p = s.rate.value! / 100;
    const levelI = claimInterval(s.level)!;
    const rateI = claimInterval(s.rate)!;
    const sign = s.direction === 'up' ? '+' : '−';
    const stated = statedBase(text, sorted, s, i);
    if (stated) {
      const { base, level } = stated;
      const g = growthPercent(claimInterval(level)!, claimInterval(base)!, s.direction);
      const point = s.direction === 'up' ? (level.value! / base.value! - 1) * 100 : (1 - level.value! / base.value!) * 100;
      const ok = overlaps(g, rateI);
      const steps: CheckMessage[] = [
        { key: s.direction === 'up' ? 'growth.fromBaseUp' : 'growth.fromBaseDown', params: { level: level.text, base: base.text, growth: formatNumber(point, 2) + '%' } },
        { key: 'growth.printed', params: { rate: s.rate.text } },
        ok ? { key: 'verdict.withinRounding', params: {} } : { key: 'verdict.growthOff', params: {} },
      ];
      out.push({ kind: 'growth', ok, claims: byPosition([level, s.rate, base]), steps });
      continue;
    }
    if (s.change) {
      // level = base ± change, so base = level ∓ change.
      const baseI = s.direction === 'up' ? sub(levelI, claimInterval(s.change)!) : add(levelI, claimInterval(s.change)!);
      const g = mul(div(claimInterval(s.change)!, baseI), exact(100));
      const basePoint = s.direction === 'up' ? s.level.value! - s.change.value! : s.level.value! + s.change.value!;
      // A change as large as the level means the two figures are not level and change of one quantity.
      if (baseI.lo <= 0 || basePoint <= 0) continue;
      const point = (s.change.value! / basePoint) * 100;
      const ok = overlaps(g, rateI);
      const steps: CheckMessage[] = [
        { key: s.direction === 'up' ? 'growth.baseFromChangeUp' : 'growth.baseFromChangeDown', params: { level: s.level.text, change: s.change.text, base: formatLike(basePoint, s.level) } },
        { key: 'growth.fromChange', params: { change: s.change.text, base: formatLike(basePoint, s.level), growth: formatNumber(point, 2) + '%' } },
        { key: 'growth.printed', params: { rate: s.rate.text } },
        ok ? { key: 'verdict.withinRounding', params: {} } : { key: 'verdict.growthOff', params: {} },
      ];
      out.push({ kind: 'growth', ok, claims: byPosition([s.change, s.rate, s.level]), steps, derivedValue: basePoint, derivedText: formatLike(basePoint, s.level) });
      continue;
    }
    if (s.direction === 'down' && p >= 1) continue;
    const implied = s.level.value! / (s.direction === 'up' ? 1 + p : 1 - p);
    const impliedText = formatLike(implied, s.level, s.level.kind === 'count' ? 0 : 0);
    const gapText = gapBefore(text, sorted, s.rate);
    const isYoY = Boolean(s.rate.basePeriod && yearOnYear.test(s.rate.basePeriod)) || yearOnYear.test(gapText);
    const year = sentenceYear(text, sorted, s.level) ?? opts.year ?? docYear;
    const steps: CheckMessage[] = [
      { key: isYoY && year !== null ? 'growth.impliedYear' : 'growth.implied', params: { level: s.level.text, sign, rate: s.rate.text, base: impliedText, year: year !== null ? year - 1 : '' } },
    ];
    out.push({ kind: 'growth', ok: true, claims: byPosition([s.level, s.rate]), steps, derivedValue: mid({ lo: implied, hi: implied }), derivedText: impliedText });
  }
  return out;
}
