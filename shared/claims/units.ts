/**
 * Unit tables: what follows a number and what it makes of it (kind, unit
 * code, power of ten). Chinese units are matched longest first, so 千瓦时 wins
 * over 千瓦 and 个百分点 over 个.
 */
import type { ClaimKind } from './types.js';

export interface UnitDef {
  /** The unit as printed. */
  text: string;
  kind: ClaimKind;
  unit: string | null;
  /** Power of ten applied to the printed value (‰ is -1: 3‰ = 0.3%). */
  exp: number;
  /** Accepts 万/亿 scales before it (not %, dates, ranks). */
  scalable: boolean;
}

function defs(kind: ClaimKind, scalable: boolean, rows: Array<[string | string[], string | null, number?]>): UnitDef[] {
  return rows.flatMap(([texts, unit, exp = 0]) => (Array.isArray(texts) ? texts : [texts]).map((text) => ({ text, kind, unit, exp, scalable })));
}

/** Chinese currencies, ISO 4217. */
export const chineseCurrencies: Record<string, string> = {
  元: 'CNY', 人民币: 'CNY', 人民币元: 'CNY', 块钱: 'CNY', 美元: 'USD', 美金: 'USD', 欧元: 'EUR', 港元: 'HKD', 港币: 'HKD',
  日元: 'JPY', 英镑: 'GBP', 澳元: 'AUD', 加元: 'CAD', 新西兰元: 'NZD', 韩元: 'KRW', 卢布: 'RUB', 新台币: 'TWD',
  新加坡元: 'SGD', 瑞士法郎: 'CHF', 澳门元: 'MOP', 泰铢: 'THB', 卢比: 'INR', 林吉特: 'MYR',
};

/** Measure words: the unit of a count is the measure word itself. */
export const measureWords = [
  '个', '户', '家', '名', '人', '件', '项', '次', '台', '套', '所', '座', '条', '批', '辆', '架', '艘', '栋', '幢', '间', '张',
  '部', '支', '种', '只', '头', '株', '棵', '宗', '笔', '处', '片', '门', '份', '篇', '场', '位', '起', '例', '单', '箱', '枚',
  '颗', '匹', '口', '组', '大', '股', '列', '块', '册', '趟', '轮', '层', '剂',
  '人次', '家次', '户次', '车次', '架次', '艘次', '辆次', '班次', '航次', '剂次',
];

const zhUnits: UnitDef[] = [
  ...Object.entries(chineseCurrencies).map(([text, unit]) => ({ text, kind: 'money' as const, unit, exp: 0, scalable: true })),
  ...defs('percent', false, [[['%', '%'], '%'], ['‰', '%', -1], [['个百分点', '百分点'], 'pp'], [['个基点', '基点'], 'pp', -2]]),
  ...defs('count', true, measureWords.map((w) => [w, w] as [string, string])),
  ...defs('quantity', true, [
    [['平方公里', '平方千米', 'km²', 'km2'], 'km2'],
    [['平方米', '平米', '㎡', 'm²'], 'm2'],
    [['立方米', 'm³'], 'm3'],
    ['亩', '亩'],
    ['公顷', 'ha'],
    [['吨标准煤', '吨标煤'], 'tce'],
    ['吨', 't'],
    ['千瓦时', 'kWh'],
    ['兆瓦时', 'MWh'],
    ['吉瓦时', 'GWh'],
    ['太瓦时', 'TWh'],
    ['千瓦', 'kW'],
    ['兆瓦', 'MW'],
    ['吉瓦', 'GW'],
    [['公里', '千米'], 'km'],
    ['米', 'm'],
    ['厘米', 'cm'],
    ['毫米', 'mm'],
    [['公斤', '千克'], 'kg'],
    ['克', 'g'],
    ['斤', '斤'],
    ['升', 'L'],
    ['毫升', 'mL'],
    [['标箱', '标准箱'], 'TEU'],
    ['桶', 'bbl'],
    ['盎司', 'oz'],
    ['微克/立方米', 'μg/m3'],
    [['摄氏度', '℃'], '°C'],
    // Durations.
    ['年', 'year'],
    ['天', 'day'],
    [['个工作日', '工作日'], 'day'],
    ['个月', 'month'],
    [['周', '个星期', '星期'], 'week'],
    [['小时', '个小时'], 'hour'],
    ['分钟', 'minute'],
    ['秒', 'second'],
    ['个季度', 'quarter'],
    [['周岁', '岁'], 'year'],
  ]),
  ...defs('other', false, [['周年', '周年'], ['强', '强'], ['倍', '倍']]),
];

/** Electricity in 度 is kWh, but only with a scale (3亿度); a bare 45度 is an angle or a temperature. */
export const scaledOnlyUnits: UnitDef[] = [{ text: '度', kind: 'quantity', unit: 'kWh', exp: 0, scalable: true }];

const byFirstChar = new Map<number, UnitDef[]>();
for (const d of zhUnits) {
  const list = byFirstChar.get(d.text.charCodeAt(0)) ?? [];
  list.push(d);
  byFirstChar.set(d.text.charCodeAt(0), list);
}
for (const list of byFirstChar.values()) list.sort((a, b) => b.text.length - a.text.length);

/** The longest Chinese (or symbol) unit printed at `pos`, if any. */
export function unitAt(s: string, pos: number): UnitDef | null {
  const list = byFirstChar.get(s.charCodeAt(pos));
  if (!list) return null;
  for (const d of list) if (s.startsWith(d.text, pos)) return d;
  return null;
}

/** Chinese scale words after a number, as powers of ten. */
export const chineseScales: Array<[string, number]> = [
  ['万亿', 12], ['千亿', 11], ['百亿', 10], ['亿', 8], ['千万', 7], ['百万', 6], ['十万', 5], ['万', 4], ['千', 3], ['百', 2],
];

/** English scale words and abbreviations. */
export const englishScales: Record<string, number> = {
  thousand: 3, k: 3, million: 6, mn: 6, mln: 6, m: 6, billion: 9, bn: 9, b: 9, trillion: 12, tn: 12, trn: 12,
};

/** Currency symbols and codes printed before an amount. `$` alone is resolved by context. */
export const currencyPrefixes: Record<string, string> = {
  US$: 'USD', 'U.S.$': 'USD', A$: 'AUD', AU$: 'AUD', C$: 'CAD', CA$: 'CAD', NZ$: 'NZD', HK$: 'HKD', S$: 'SGD', NT$: 'TWD',
  R$: 'BRL', '€': 'EUR', '£': 'GBP', '₹': 'INR', '₩': 'KRW',
};

/** ISO codes accepted before or after an amount (USD 5m, 5m AUD). */
export const isoCodes = ['USD', 'AUD', 'EUR', 'GBP', 'CNY', 'RMB', 'JPY', 'HKD', 'CAD', 'NZD', 'SGD', 'CHF', 'INR', 'KRW', 'TWD'];

/** English currency words after an amount; `dollars` alone is resolved by context. */
export const englishCurrencyWords: Array<[RegExp, string | null]> = [
  [/^(?:US|U\.S\.|American) dollars?\b/i, 'USD'],
  [/^Australian dollars?\b/i, 'AUD'],
  [/^Canadian dollars?\b/i, 'CAD'],
  [/^(?:New Zealand|NZ) dollars?\b/i, 'NZD'],
  [/^(?:Hong Kong|HK) dollars?\b/i, 'HKD'],
  [/^Singapore dollars?\b/i, 'SGD'],
  [/^dollars?\b/i, null],
  [/^euros?\b/i, 'EUR'],
  [/^(?:pounds? sterling|sterling)\b/i, 'GBP'],
  [/^(?:yuan|renminbi)\b/i, 'CNY'],
  [/^yen\b/i, 'JPY'],
  [/^rupees?\b/i, 'INR'],
  [/^won\b/i, 'KRW'],
];

/** English units after a number (with an optional scale word between). */
export const englishUnits: Array<{ re: RegExp; kind: ClaimKind; unit: string; exp?: number }> = [
  { re: /^(?:%|per ?cent\b|percent\b|pct\b|pc\b)/i, kind: 'percent', unit: '%' },
  { re: /^(?:percentage points?|pp|ppts?)\b/i, kind: 'percent', unit: 'pp' },
  { re: /^(?:basis points?|bps|bp)\b/i, kind: 'percent', unit: 'pp', exp: -2 },
  { re: /^(?:square (?:kilometres|kilometers|kilometre|kilometer)|sq km|km2|km²)(?![a-z])/i, kind: 'quantity', unit: 'km2' },
  { re: /^(?:square (?:metres|meters|metre|meter)|sq m|m2|m²)(?![a-z])/i, kind: 'quantity', unit: 'm2' },
  { re: /^(?:cubic (?:metres|meters|metre|meter)|m3|m³)(?![a-z])/i, kind: 'quantity', unit: 'm3' },
  { re: /^(?:hectares?|ha)\b/i, kind: 'quantity', unit: 'ha' },
  { re: /^acres?\b/i, kind: 'quantity', unit: 'acre' },
  { re: /^(?:tonnes?|tons?|t)\b/i, kind: 'quantity', unit: 't' },
  { re: /^(?:kilograms?|kg)\b/i, kind: 'quantity', unit: 'kg' },
  { re: /^(?:kilometres?|kilometers?|km)\b/i, kind: 'quantity', unit: 'km' },
  { re: /^(?:kilowatt[- ]hours?|kWh)\b/i, kind: 'quantity', unit: 'kWh' },
  { re: /^(?:megawatt[- ]hours?|MWh)\b/i, kind: 'quantity', unit: 'MWh' },
  { re: /^(?:gigawatt[- ]hours?|GWh)\b/i, kind: 'quantity', unit: 'GWh' },
  { re: /^(?:megawatts?|MW)\b/i, kind: 'quantity', unit: 'MW' },
  { re: /^(?:gigawatts?|GW)\b/i, kind: 'quantity', unit: 'GW' },
  { re: /^(?:kilowatts?|kW)\b/i, kind: 'quantity', unit: 'kW' },
  { re: /^barrels?\b/i, kind: 'quantity', unit: 'bbl' },
  { re: /^(?:litres?|liters?)\b/i, kind: 'quantity', unit: 'L' },
  { re: /^TEUs?\b/, kind: 'quantity', unit: 'TEU' },
  { re: /^days?\b/i, kind: 'quantity', unit: 'day' },
  { re: /^weeks?\b/i, kind: 'quantity', unit: 'week' },
  { re: /^months?\b/i, kind: 'quantity', unit: 'month' },
  { re: /^quarters?\b/i, kind: 'quantity', unit: 'quarter' },
  { re: /^years?\b/i, kind: 'quantity', unit: 'year' },
  { re: /^hours?\b/i, kind: 'quantity', unit: 'hour' },
  { re: /^minutes?\b/i, kind: 'quantity', unit: 'minute' },
  { re: /^cents?\b/i, kind: 'money', unit: '$', exp: -2 },
  { re: /^pence\b/i, kind: 'money', unit: 'GBP', exp: -2 },
  // Index points (the FTSE 100 fell 56.3 points); percentage and basis points are matched above.
  { re: /^points?\b/i, kind: 'other', unit: 'points' },
];
