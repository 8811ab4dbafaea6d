/**
 * Annual average exchange rates of the renminbi, CNY per 100 units of foreign
 * currency (the way the PBOC and the NBS publish them, also for JPY), 2000–2024.
 *
 * Sources
 * - USD, every year: National Bureau of Statistics of China, China Statistical
 *   Yearbook, table "Exchange Rate of RMB (yearly average)", the annual mean of
 *   the PBOC's central parity rate; the same figure the NBS Statistical
 *   Communiqué gives as 全年人民币平均汇率 (2022: 1 USD = 6.7261 CNY; 2023: 7.0467).
 * - JPY, HKD 2011–2018 and EUR 2012–2018: the same NBS table (rows marked `nbs`).
 * - All other EUR, JPY, HKD and GBP rows (marked `derived`): the NBS USD
 *   average × the annual average of the currency against the US dollar
 *   published by the Federal Reserve Board (H.10 / G.5A release). Such cross
 *   rates agree with the NBS-published rows within 0.3 % (see the test
 *   `fx-rates.test.ts`), far inside the 2 % a conversion check allows.
 *
 * 2025 is not in the table yet: the NBS publishes the 2025 average in the
 * Statistical Communiqué of February 2026; add it then. A conversion in an
 * article dated to a year without a row is reported with its implied rate and
 * no verdict.
 */

/** Currencies the conversion check knows, ISO 4217. */
export const fxCurrencies = ['USD', 'EUR', 'JPY', 'HKD', 'GBP'] as const;
export type FxCurrency = (typeof fxCurrencies)[number];

export const fxFirstYear = 2000;
export const fxLastYear = 2024;

// CNY per 100 USD, NBS yearbook, 2000…2024.
const usdPer100 = [
  827.84, 827.7, 827.7, 827.7, 827.68, 819.17, 797.18, 760.4, 694.51, 683.1, 676.95, 645.88, 631.25, 619.32, 614.28, 622.84,
  664.23, 675.18, 661.74, 689.85, 689.76, 645.15, 672.61, 704.67, 712.17,
];

// Federal Reserve H.10/G.5A annual averages, 2000…2024: USD per EUR, JPY per USD, HKD per USD, USD per GBP.
const usdPerEur = [
  0.9236, 0.8956, 0.9456, 1.1312, 1.2439, 1.2441, 1.2556, 1.3705, 1.4726, 1.3935, 1.3261, 1.3931, 1.2859, 1.3281, 1.3297,
  1.1096, 1.1072, 1.1301, 1.1817, 1.1194, 1.141, 1.183, 1.0534, 1.0813, 1.0824,
];
const jpyPerUsd = [
  107.8, 121.57, 125.22, 115.94, 108.15, 110.11, 116.31, 117.76, 103.39, 93.68, 87.78, 79.7, 79.82, 97.6, 105.74, 121.05,
  108.66, 112.1, 110.4, 109.02, 106.78, 109.84, 131.46, 140.49, 151.46,
];
const hkdPerUsd = [
  7.7912, 7.7988, 7.7989, 7.7867, 7.7885, 7.7777, 7.7685, 7.8016, 7.7862, 7.7513, 7.7687, 7.784, 7.7564, 7.7565, 7.7545,
  7.7524, 7.762, 7.7926, 7.8385, 7.8355, 7.7564, 7.7729, 7.8307, 7.8292, 7.8025,
];
const usdPerGbp = [
  1.5151, 1.44, 1.5035, 1.6353, 1.8323, 1.8189, 1.843, 2.0022, 1.8528, 1.5665, 1.546, 1.603, 1.5851, 1.5644, 1.6477, 1.5286,
  1.3542, 1.2888, 1.335, 1.2766, 1.2837, 1.3757, 1.2371, 1.2439, 1.2781,
];

// Rows the NBS yearbook prints for other currencies (CNY per 100 units).
const nbsPublished: Partial<Record<FxCurrency, Record<number, number>>> = {
  JPY: { 2011: 8.105, 2012: 7.9037, 2013: 6.3323, 2014: 5.8196, 2015: 5.1543, 2016: 6.1243, 2017: 6.0244, 2018: 5.989 },
  HKD: { 2011: 82.968, 2012: 81.376, 2013: 79.845, 2014: 79.22, 2015: 80.34, 2016: 85.578, 2017: 86.643, 2018: 84.428 },
  EUR: { 2012: 810.67, 2013: 822.19, 2014: 816.51, 2015: 691.41, 2016: 734.26, 2017: 763.03, 2018: 780.16 },
};

/** One annual average: CNY for one unit (`cnyPerUnit`) and for 100 units as published (`cnyPer100`). */
export interface OfficialRate {
  currency: FxCurrency;
  year: number;
  cnyPerUnit: number;
  cnyPer100: number;
  source: 'nbs' | 'derived';
}

function derivedPer100(currency: FxCurrency, i: number): number {
  const usd = usdPer100[i]!;
  switch (currency) {
    case 'USD':
      return usd;
    case 'EUR':
      return usd * usdPerEur[i]!;
    case 'JPY':
      return usd / jpyPerUsd[i]!;
    case 'HKD':
      return usd / hkdPerUsd[i]!;
    case 'GBP':
      return usd * usdPerGbp[i]!;
  }
}

/** The annual average for a currency and year, or null outside the table. */
export function officialRate(currency: string, year: number): OfficialRate | null {
  if (!(fxCurrencies as readonly string[]).includes(currency)) return null;
  if (!Number.isInteger(year) || year < fxFirstYear || year > fxLastYear) return null;
  const c = currency as FxCurrency;
  const i = year - fxFirstYear;
  const published = c === 'USD' ? usdPer100[i] : nbsPublished[c]?.[year];
  const cnyPer100 = published ?? derivedPer100(c, i);
  return { currency: c, year, cnyPer100, cnyPerUnit: cnyPer100 / 100, source: published !== undefined ? 'nbs' : 'derived' };
}

/** The cross rate the table would give for a row the NBS publishes, to test the derivation against it. */
export function derivedRateForTest(currency: FxCurrency, year: number): number {
  return derivedPer100(currency, year - fxFirstYear) / 100;
}

/** NBS-published rows other than USD, as [currency, year] pairs. */
export function nbsPublishedRows(): Array<[FxCurrency, number]> {
  return Object.entries(nbsPublished).flatMap(([c, rows]) => Object.keys(rows!).map((y) => [c as FxCurrency, Number(y)] as [FxCurrency, number]));
}
