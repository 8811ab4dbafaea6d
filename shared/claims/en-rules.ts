/**
 * English rules: amounts with currency symbols ($, US$, A$, €, £) and
 * m/bn/million/billion, per cent and percentage points, counts with their
 * noun, months, quarters and years.
 */
import { scaleDecimal } from './numerals.js';
import { found, type Found, type LineScan, type RuleResult } from './scan-types.js';
import { currencyPrefixes, englishCurrencyWords, englishScales, englishUnits, isoCodes } from './units.js';

const NUM = String.raw`(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)`;
const WORD_SCALE = String.raw`(?:\s?(trillion|billion|million|thousand)\b|(tn|trn|bn|mn|mln|m|b|k)(?![A-Za-z]))`;
const ISO = isoCodes.join('|');
const MONEY_PREFIX = new RegExp(
  String.raw`(?<![A-Za-z0-9])(?:((?:US|U\.S\.|AU|A|CA|C|NZ|HK|S|NT|R)?\$|[€£¥₹₩])\s?|(${ISO})\s?)${NUM}${WORD_SCALE}?`,
  'g',
);
const MONTHS = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';
const YEAR = '((?:19|20)\\d{2})';
const DAY = '(\\d{1,2})(?:st|nd|rd|th)?';
const MONTH_DATE = new RegExp(
  String.raw`\b(?:${DAY}\s)?(${MONTHS})\.?(?:\s${DAY}(?![\d,.]\d)(?:,)?)?(?:\s(?:quarter\s)?${YEAR}(?:\squarter\b)?)?\b`,
  'g',
);
/** Quarters, halves, financial years (Q3 2019, H1, FY2019-20) and 2019-20. */
const PERIOD = /\b(?:(?:Q[1-4]|H[12])(?:\s?(?:19|20)\d{2}|\s?'\d{2})?|FY\s?(?:\d{4}|\d{2})(?:[-/]\d{2,4})?|((?:19|20)\d{2})[-/](\d{2})(?![\d/-]))\b/g;
const FRACTION = /\b(?:(a|one|two|three|four)[ -](quarters?|thirds?|fifths?|tenths?|half)|(half))(?= of\b)/gi;
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
const WORD_FIGURE = new RegExp(
  String.raw`\b(${Object.keys(WORD_NUMBERS).join('|')})[ -](per ?cent\b|percent\b|years?\b|months?\b|weeks?\b|days?\b|quarters?\b)`,
  'gi',
);
const FRACTION_PARTS: Record<string, number> = { quarter: 25, third: 100 / 3, fifth: 20, tenth: 10, half: 50 };

/** The ISO code for a symbol: `$` by context, `¥` as CNY in Chinese text and JPY elsewhere. */
function currencyFor(symbol: string, scan: LineScan): string {
  if (symbol === '$') return scan.dollar;
  if (symbol === '¥') return scan.cjk ? 'CNY' : 'JPY';
  if (symbol === 'RMB') return 'CNY';
  return currencyPrefixes[symbol] ?? symbol;
}

/** Figures that start with a word or symbol rather than a digit: $41,293m, December 2019, Q3 2019, a quarter of. */
export function scanEnglishAnchors(scan: LineScan, add: (f: Found) => void): void {
  const s = scan.s;
  for (const m of s.matchAll(MONEY_PREFIX)) {
    const symbol = m[1] ?? m[2]!;
    const scale = (m[4] ?? m[5])?.toLowerCase();
    const exp = scale ? englishScales[scale]! : 0;
    add(found(m.index, m.index + m[0].length, 'money', scaleDecimal(m[3]!.replaceAll(',', ''), exp), currencyFor(symbol, scan), exp));
  }
  for (const m of s.matchAll(MONTH_DATE)) {
    const hasDay = m[1] !== undefined || m[3] !== undefined;
    if (!hasDay && m[4] === undefined) continue;
    add(found(m.index, m.index + m[0].length, 'date', null, null));
  }
  for (const m of s.matchAll(PERIOD)) {
    // 2019-20 is a financial year only when the second year follows the first.
    if (m[2] !== undefined && +m[2] !== (+m[1]! + 1) % 100) continue;
    add(found(m.index, m.index + m[0].length, 'date', null, null));
  }
  for (const m of s.matchAll(FRACTION)) {
    const part = (m[2] ?? m[3]!).toLowerCase().replace(/s$/, '').replace(/^halve$/, 'half');
    const count = m[1] ? (WORD_NUMBERS[m[1].toLowerCase()] ?? 1) : 1;
    add(found(m.index, m.index + m[0].length, 'percent', count * FRACTION_PARTS[part]!, '%'));
  }
  for (const m of s.matchAll(WORD_FIGURE)) {
    const n = WORD_NUMBERS[m[1]!.toLowerCase()]!;
    const unitWord = m[2]!.toLowerCase();
    if (/cent/.test(unitWord)) {
      add(found(m.index, m.index + m[0].length, 'percent', n, '%'));
    } else if (n > 1) {
      add(found(m.index, m.index + m[0].length, 'quantity', n, unitWord.replace(/s$/, '')));
    }
  }
}

/** Plural nouns that are not things counted (3 times, 2019 was…). */
const NOT_NOUNS = new Set([
  'was', 'has', 'is', 'its', 'this', 'thus', 'plus', 'less', 'across', 'previous', 'various', 'versus', 'yes', 'series',
  'basis', 'analysis', 'terms', 'towards', 'afterwards', 'whereas', 'always', 'perhaps', 'sometimes', 'besides', 'unless',
  'times', 'points', 'does', 'goes', 'as', 'us', 'his', 'hers', 'ours', 'yours', 'theirs', 'whose', 'news', 'status',
  'process', 'access', 'business', 'gross', 'cross', 'loss', 'miss', 'pass', 'class', 'mass', 'press', 'progress', 'success',
  'seasonally', 'trends', 'levels', 'figures', 'results', 'rates', 'prices', 'months', 'years', 'days',
  // Financial aggregates are amounts, never counts (2024 earnings, 2019 exports).
  'earnings', 'sales', 'revenues', 'profits', 'exports', 'imports', 'savings', 'assets', 'costs', 'expenses', 'losses',
  'receipts', 'proceeds', 'dividends', 'returns', 'funds', 'taxes', 'debits', 'credits', 'goods', 'services',
  // Verbs in the third person (Figure 2 shows…).
  'shows', 'says', 'remains', 'includes', 'means', 'reflects', 'represents', 'accounts', 'makes', 'takes', 'gives', 'comes',
  'sees', 'holds', 'stands', 'suggests', 'indicates', 'rises', 'falls', 'compares', 'continues', 'expects', 'follows',
]);
/** A word after the noun that shows the "noun" was a verb (2 shows the…). */
const VERB_OBJECT = /^\s+(?:the|a|an|that|this|these|those|its|their|how|what|which)\b/i;
const PEOPLE = new Set(['people', 'staff', 'children', 'men', 'women', 'personnel', 'cattle', 'sheep', 'livestock', 'police']);
const ADJECTIVES = /^(?:new|more|additional|extra|full-time|part-time|other|major|foreign|local|small|large|registered|active)\s+/i;

/** A count noun after a number ("1,200 jobs", "45 new projects"): its end and the noun. */
function countNoun(s: string, p: number): { end: number; noun: string } | null {
  if (s[p] !== ' ') return null;
  let q = p + 1;
  const adj = ADJECTIVES.exec(s.slice(q, q + 24));
  if (adj) q += adj[0].length;
  const w = /^[A-Za-z][a-z-]*[a-z]/.exec(s.slice(q, q + 30));
  if (!w) return null;
  const noun = w[0].toLowerCase();
  const end = q + w[0].length;
  const plural = noun.length >= 4 && noun.endsWith('s') && !/(?:ss|us|is)$/.test(noun) && !NOT_NOUNS.has(noun);
  if (PEOPLE.has(noun) || (plural && !VERB_OBJECT.test(s.slice(end, end + 8)))) return { end, noun };
  return null;
}

/** Percent, amounts with currency words, units and counts after an Arabic numeral [a, b) in English text. */
export function readEnglishSuffix(scan: LineScan, a: number, b: number, num: string): RuleResult {
  const s = scan.s;
  const rest = s.slice(b, b + 40);
  let p = 0;
  let exp = 0;
  let scaled = false;
  const sc = new RegExp(`^${WORD_SCALE}`).exec(rest);
  if (sc) {
    const word = (sc[1] ?? sc[2]!).toLowerCase();
    exp = englishScales[word]!;
    p = sc[0].length;
    scaled = true;
  }
  const afterScale = rest.slice(p);
  const sp = /^\s?/.exec(afterScale)![0].length;
  const tail = afterScale.slice(sp);
  for (const [re, iso] of englishCurrencyWords) {
    const m = re.exec(tail);
    if (m && sp > 0) {
      const end = b + p + sp + m[0].length;
      return found(a, end, 'money', scaleDecimal(num, exp), iso ?? scan.dollar, exp);
    }
  }
  const code = new RegExp(`^(${ISO})\\b`).exec(tail);
  if (code && sp > 0) return found(a, b + p + sp + code[0].length, 'money', scaleDecimal(num, exp), code[1] === 'RMB' ? 'CNY' : code[1]!, exp);
  const hyphen = /^-(year|month|week|day|quarter)\b/i.exec(rest);
  if (hyphen && !scaled) return found(a, b + hyphen[0].length, 'quantity', scaleDecimal(num, 0), hyphen[1]!.toLowerCase());
  for (const u of englishUnits) {
    if (scaled && u.kind === 'percent') continue;
    const m = u.re.exec(tail);
    if (!m) continue;
    // "5%" may touch the number; word units need a space unless abbreviated (5km, 3.2bn t).
    if (sp === 0 && !scaled && /^[a-z]{3,}/i.test(m[0]) && !/^(?:%|per)/i.test(m[0])) continue;
    const e = exp + (u.exp ?? 0);
    const unit = u.unit === '$' ? scan.dollar : u.unit;
    return found(a, b + p + sp + m[0].length, u.kind, scaleDecimal(num, e), unit, e);
  }
  const noun = countNoun(s, b + p);
  if (noun && !(p === 0 && /^(?:19|20)\d{2}$/.test(num) && YEAR_BEFORE.test(s.slice(Math.max(0, a - 12), a)))) {
    return found(a, noun.end, 'count', scaleDecimal(num, exp), noun.noun, exp);
  }
  if (scaled && sc![1]) return found(a, b + p, 'other', scaleDecimal(num, exp), null, exp);
  return null;
}

const YEAR_BEFORE = /\b(?:in|for|since|by|of|from|to|until|till|through|during|between|and|year|fiscal|calendar|early|late|mid|end|the|before|after)\s$/i;

/** A bare year in English text: "in 2018", "2019 situation". */
export function readEnglishYear(scan: LineScan, a: number, b: number, num: string): RuleResult {
  if (scan.cjk || !/^(?:19|20)\d{2}$/.test(num)) return null;
  const s = scan.s;
  const next = s[b];
  if (next !== undefined && /[A-Za-z0-9%$\u4e00-\u9fff]/.test(next)) return null;
  const prev = s[a - 1];
  if (prev !== undefined && /[$€£¥\u4e00-\u9fff#]/.test(prev)) return null;
  if (!YEAR_BEFORE.test(s.slice(Math.max(0, a - 12), a)) && countNoun(s, b)) return null;
  return found(a, b, 'date', Number(num), 'year');
}
