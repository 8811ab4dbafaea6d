/**
 * Currency conversions stated in the text (`19.5亿美元,折合人民币130.6亿元`,
 * `$3.1 billion (about 20 billion yuan)`): the rate they imply, against the
 * official annual average for the article's year.
 */
import { articleYearOf, byPosition, sentenceYear, type ArticleYear } from './article.js';
import { formatSignedPercent } from './format.js';
import { fxLastYear, officialRate } from './fx-rates.js';
import { div, mid, overlaps, printedInterval } from './tolerance.js';
import type { CheckClaim, CheckMessage } from './types.js';
import type { RawFinding } from './finding.js';

/** Words joining an amount to its equivalent in another currency. */
export const conversionCue = /折合|合人民币|约合|相当于|折人民币|折算|兑换|按.{0,12}汇率|equivalent to|equal to|equals|converted|or about|or around|or roughly|about|approximately|around|[(（]/i;

export interface ConversionOptions {
  year?: number;
  tolerancePercent: number;
}

/** Finds `foreign ⇄ CNY` pairs in one sentence joined by a conversion word, and checks their rate. */
export function findConversions(text: string, claims: readonly CheckClaim[], opts: ConversionOptions): RawFinding[] {
  const sorted = byPosition(claims);
  const docYear = articleYearOf(sorted, text);
  const out: RawFinding[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const a = sorted[i]!;
    // A date or a printed rate may stand between an amount and its equivalent (`£2.84 billion in 2023, equivalent to …`,
    // `3.98亿美元(按2023年平均汇率7.0467折算,约合人民币28.05亿元)`).
    let j = i + 1;
    while (j < sorted.length && isAside(sorted[j]!)) j++;
    const b = sorted[j];
    if (!b || a.kind !== 'money' || b.kind !== 'money' || a.value === null || b.value === null) continue;
    const pair = a.unit === 'CNY' && b.unit !== 'CNY' ? { cny: a, foreign: b } : b.unit === 'CNY' && a.unit !== 'CNY' ? { cny: b, foreign: a } : null;
    if (!pair || !pair.foreign.unit) continue;
    if (!joinedAsConversion(text, a, b, j > i + 1 ? sorted.slice(i + 1, j) : undefined)) continue;
    out.push(checkConversion(text, sorted, pair.cny, pair.foreign, docYear, opts));
  }
  return out;
}

/** Figures that can stand between an amount and its equivalent: dates, and numbers without a unit (a printed rate). */
function isAside(c: CheckClaim): boolean {
  return c.kind === 'date' || (c.kind === 'other' && c.unit === null);
}

/** Whether two nearby amounts are one amount and its equivalent (`19.5亿美元,折合人民币130.6亿元`); dates and printed rates between do not count towards the distance. */
export function joinedAsConversion(text: string, a: CheckClaim, b: CheckClaim, claims?: readonly CheckClaim[]): boolean {
  if (a.kind !== 'money' || b.kind !== 'money' || a.unit === b.unit) return false;
  let gap = text.slice(a.end, b.start);
  let limit = 24;
  if (gap.length > limit && claims?.length) {
    // The aside and the word that introduces it (`in 2023`, `按…7.0467`) do not count.
    for (const o of claims) if (o.start >= a.end && o.end <= b.start && isAside(o)) gap = gap.replace(o.text, '');
    limit = 32;
  }
  return gap.length <= limit && !/[。！？!?\n;；]/.test(gap) && conversionCue.test(gap);
}

/**
 * The year a conversion is checked against: the one its sentence names, the
 * one the caller gives, or the one the article's figures name — all stated;
 * else an assumption, said as such: the dateline's year, or failing that the
 * latest year of the rate table.
 */
function conversionYear(text: string, claims: readonly CheckClaim[], cny: CheckClaim, docYear: ArticleYear | null, opts: ConversionOptions): { year: number; assumed: 'dateline' | 'latest' | null } {
  const stated = sentenceYear(text, claims, cny) ?? opts.year ?? (docYear?.source === 'figures' ? docYear.year : null);
  if (stated !== null) return { year: stated, assumed: null };
  return docYear ? { year: docYear.year, assumed: 'dateline' } : { year: fxLastYear, assumed: 'latest' };
}

function checkConversion(text: string, claims: readonly CheckClaim[], cny: CheckClaim, foreign: CheckClaim, docYear: ArticleYear | null, opts: ConversionOptions): RawFinding {
  const currency = foreign.unit!;
  const per100 = currency === 'JPY';
  const scale = per100 ? 100 : 1;
  // The 2% allowance already covers what 约合 / about admit to; only the printed digits add slack.
  const implied = div(printedInterval(cny)!, printedInterval(foreign)!);
  const point = (cny.value! / foreign.value!) * scale;
  const { year, assumed } = conversionYear(text, claims, cny, docYear, opts);
  const steps: CheckMessage[] = [
    {
      key: per100 ? 'conversion.rate100' : 'conversion.rate',
      params: { cny: cny.text, foreign: foreign.text, rate: point.toFixed(per100 ? 4 : 3), currency },
    },
  ];
  const claimsOut = byPosition([cny, foreign]);
  if (assumed) steps.push({ key: assumed === 'dateline' ? 'conversion.assumedDateline' : 'conversion.assumedLatest', params: { year } });
  const official = officialRate(currency, year);
  if (!official) {
    steps.push({ key: 'conversion.noRate', params: { currency, year } });
    return { kind: 'conversion', ok: true, claims: claimsOut, steps, ...(assumed ? { assumedYear: year } : {}) };
  }
  const ref = official.cnyPerUnit;
  const deviation = point / scale / ref - 1;
  const limit = opts.tolerancePercent / 100;
  const ok = overlaps(implied, { lo: ref * (1 - limit), hi: ref * (1 + limit) });
  steps.push({ key: 'conversion.official', params: { year, official: (ref * scale).toFixed(4), currency } });
  steps.push({ key: 'conversion.deviation', params: { deviation: formatSignedPercent(deviation) } });
  const limitText = `${opts.tolerancePercent}%`;
  if (ok) steps.push(assumed ? { key: 'verdict.consistentAssumedYear', params: { year } } : { key: 'verdict.consistent', params: {} });
  else steps.push(assumed === 'latest' ? { key: 'verdict.rateOffAssumedYear', params: { limit: limitText, year } } : { key: 'verdict.rateOff', params: { limit: limitText } });
  // Off a year merely guessed (the table's latest) is a question for the checker, not an alarm.
  return { kind: 'conversion', ok: ok || assumed === 'latest', claims: claimsOut, steps, derivedValue: Number.isFinite(mid(implied)) ? mid(implied) * scale : point, ...(assumed ? { assumedYear: year } : {}) };
}
