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
  String.raw`\b(?:${DAY}\s)?(${MONTHS})\.?(?:\s${DAY}(?![\d,.]\d)(?:,)?)?(?:\s(?:quarter\s)?${YEAR}(?:\s(?:quarter|qtr)\b)?)?\b`,
  'g',
);
/** Quarters, halves, financial years (Q3 2019, Q1-Q3, 3Q24, 24Q3, 2024H1, H1, FY2019-20) and 2019-20. */
const PERIOD = new RegExp(
  String.raw`\b(?:(?:Q[1-4]|H[12])(?:\s?[-–]\s?(?:Q[1-4]|H[12]))?(?:\s?(?:19|20)\d{2}|\s?'\d{2})?|[1-4]Q\s?(?:(?:19|20)\d{2}|\d{2})|[12]H\s?(?:(?:19|20)\d{2}|\d{2})|(?:(?:19|20)\d{2}\s?|\d{2})(?:Q[1-4]|H[12])|FY\s?(?:\d{4}|\d{2})(?:[-/]\d{2,4})?|((?:19|20)\d{2})[-/](\d{2})(?![\d/-]))\b`,
  'g',
);
/** mid-2025, early-2024, late-2019: a part of a year. */
const SEASON_YEAR = /\b(?:mid|early|late|end)-(?:19|20)\d{2}\b/gi;
const FRACTION = /\b(?:(a|one|two|three|four)[ -](quarters?|thirds?|fifths?|tenths?|half)|(half))\b/gi;
/** A fraction is a share when "of" follows (a third of output) or "by"/"of" precedes it (cut by a third, a rise of a fifth). */
const FRACTION_OF = /^ of\b/i;
const FRACTION_BY = /\b(?:by|of)\s$/i;
/** The first half of the year is a period, not 50%. */
const HALF_PERIOD = /\b(?:first|second|latter|back|front|other)[ -]$/i;
const WORD_NUMBERS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  fifteen: 15, twenty: 20, thirty: 30, forty: 40, fifty: 50, hundred: 100,
};
/** Words between a number and a time unit that keep it a duration (18 consecutive months, three straight quarters). */
const TIME_ADJECTIVE = String.raw`(?:consecutive|straight|successive|full|calendar|working|business)\s`;
const WORD_FIGURE = new RegExp(
  String.raw`\b(${Object.keys(WORD_NUMBERS).join('|')})[ -](?:${TIME_ADJECTIVE})?(per ?cent\b|percent\b|years?\b|months?\b|weeks?\b|days?\b|quarters?\b)`,
  'gi',
);
const TIME_ADJECTIVE_BEFORE_UNIT = new RegExp(String.raw`^${TIME_ADJECTIVE}(?=(?:days?|weeks?|months?|quarters?|years?|hours?)\b)`, 'i');
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
  for (const m of s.matchAll(SEASON_YEAR)) add(found(m.index, m.index + m[0].length, 'date', null, null));
  for (const m of s.matchAll(PERIOD)) {
    // 2019-20 is a financial year only when the second year follows the first.
    if (m[2] !== undefined && +m[2] !== (+m[1]! + 1) % 100) continue;
    add(found(m.index, m.index + m[0].length, 'date', null, null));
  }
  for (const m of s.matchAll(FRACTION)) {
    const end = m.index + m[0].length;
    const before = s.slice(Math.max(0, m.index - 8), m.index);
    if (!FRACTION_OF.test(s.slice(end, end + 4)) && !FRACTION_BY.test(before)) continue;
    if (m[3] && HALF_PERIOD.test(before)) continue;
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
/** Words that cannot stand between a number and the noun it counts (14 analyst estimates, but not 14 of the…). */
const NOT_MODIFIERS = new Set([
  'of', 'to', 'in', 'on', 'at', 'by', 'for', 'from', 'with', 'and', 'or', 'but', 'nor', 'the', 'a', 'an', 'per', 'than', 'as',
  'was', 'were', 'is', 'are', 'be', 'been', 'has', 'have', 'had', 'will', 'would', 'could', 'should', 'may', 'might', 'must',
  'can', 'its', 'their', 'his', 'her', 'our', 'your', 'this', 'that', 'these', 'those', 'which', 'who', 'after', 'before',
  'since', 'until', 'over', 'under', 'into', 'onto', 'about', 'around', 'between', 'across', 'through', 'during', 'against',
  'among', 'while', 'when', 'where', 'so', 'if', 'then', 'up', 'down', 'out', 'off', 'more', 'less', 'also', 'not', 'only',
  'each', 'every', 'all', 'both', 'said', 'percent', 'cent', 'year', 'month', 'week', 'day', 'fewer',
]);
/** A word after the noun that shows the "noun" was a verb (2 shows the…). */
const VERB_OBJECT = /^\s+(?:the|a|an|that|this|these|those|its|their|how|what|which)\b/i;
const PEOPLE = new Set(['people', 'staff', 'children', 'men', 'women', 'personnel', 'cattle', 'sheep', 'livestock', 'police']);
const ADJECTIVES = /^(?:new|more|additional|extra|full-time|part-time|other|major|foreign|local|small|large|registered|active)\s+/i;

/** The counted noun starting at `q` (a plural, or people/staff…), if any. */
function nounAt(s: string, q: number): { end: number; noun: string } | null {
  const w = /^[A-Za-z][a-z-]*[a-z]/.exec(s.slice(q, q + 30));
  if (!w) return null;
  const noun = w[0].toLowerCase();
  const end = q + w[0].length;
  const plural = noun.length >= 4 && noun.endsWith('s') && !/(?:ss|us|is)$/.test(noun) && !NOT_NOUNS.has(noun);
  if (PEOPLE.has(noun) || (plural && !VERB_OBJECT.test(s.slice(end, end + 8)))) return { end, noun };
  return null;
}

/** A count noun after a number ("1,200 jobs", "45 new projects", "14 analyst estimates"): its end and the noun. */
function countNoun(s: string, p: number, yearLike = false): { end: number; noun: string } | null {
  if (s[p] !== ' ') return null;
  let q = p + 1;
  const adj = ADJECTIVES.exec(s.slice(q, q + 24));
  if (adj) q += adj[0].length;
  const direct = nounAt(s, q);
  if (direct || yearLike) return direct;
  // One modifier noun between (14 analyst estimates, 12 mega events); "2025 steel targets" is a year, not a count.
  const mod = /^([a-z][a-z-]*[a-z]) (?=[a-z])/.exec(s.slice(q, q + 24));
  if (!mod || NOT_MODIFIERS.has(mod[1]!) || NOT_NOUNS.has(mod[1]!)) return null;
  return nounAt(s, q + mod[0].length);
}

/** A capitalised word right before the number, not opening the sentence: the number is part of a name (Section 232, Boeing 737, S&P 500). */
const NAME_BEFORE = /(?:^|[^A-Za-z'’])([A-Z][A-Za-z&.-]*) $/;
function afterName(s: string, a: number): boolean {
  const m = NAME_BEFORE.exec(s.slice(Math.max(0, a - 24), a));
  if (!m) return false;
  const at = a - 1 - m[1]!.length;
  if (/^[\s"“'‘(]*$/.test(s.slice(0, at)) || /[.!?:;"“(]\s*$/.test(s.slice(Math.max(0, at - 3), at))) return false;
  return !titleCase(s);
}

/** A headline in title case (Ridgeback Cuts 350 Jobs), where capitals say nothing about names. */
function titleCase(s: string): boolean {
  let words = 0;
  let capitals = 0;
  for (const m of s.matchAll(/\b[A-Za-z][a-z]{3,}\b/g)) {
    words++;
    if (m[0].charCodeAt(0) < 97) capitals++;
  }
  return words >= 3 && capitals / words >= 0.6;
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
  // 1,245p: pence printed against the number.
  if (!scaled && /^p(?![A-Za-z0-9.])/.test(rest)) return found(a, b + 1, 'money', scaleDecimal(num, -2), 'GBP', -2);
  const timeAdjective = sp > 0 ? TIME_ADJECTIVE_BEFORE_UNIT.exec(tail) : null;
  const unitTail = timeAdjective ? tail.slice(timeAdjective[0].length) : tail;
  const unitAt = b + p + sp + (timeAdjective ? timeAdjective[0].length : 0);
  for (const u of englishUnits) {
    if (scaled && u.kind === 'percent') continue;
    const m = u.re.exec(unitTail);
    if (!m) continue;
    // "5%" may touch the number; word units need a space unless abbreviated (5km, 3.2bn t).
    if (sp === 0 && !scaled && /^[a-z]{3,}/i.test(m[0]) && !/^(?:%|per)/i.test(m[0])) continue;
    const e = exp + (u.exp ?? 0);
    const unit = u.unit === '$' ? scan.dollar : u.unit;
    return found(a, unitAt + m[0].length, u.kind, scaleDecimal(num, e), unit, e);
  }
  const yearLike = p === 0 && /^(?:19|20)\d{2}$/.test(num) && !s.slice(a, b).includes(',');
  const noun = afterName(s, a) ? null : countNoun(s, b + p, yearLike);
  if (noun && !(yearLike && YEAR_BEFORE.test(s.slice(Math.max(0, a - 12), a)))) {
    return found(a, noun.end, 'count', scaleDecimal(num, exp), noun.noun, exp);
  }
  if (scaled && sc![1]) return found(a, b + p, 'other', scaleDecimal(num, exp), null, exp);
  return null;
}

/** "8,450 employees, of whom 5,120 were…": the words that make the next bare numbers parts of that count. */
export const PART_OF = /\b(?:of whom|of which|of them|among them|among whom|including)\b/i;

const YEAR_BEFORE = /\b(?:in|for|since|by|of|from|to|until|till|through|during|between|and|year|fiscal|calendar|early|late|mid|end|the|before|after|its|their|our|this|next|last|past)\s$/i;

/** A bare year in English text: "in 2018", "2019 situation". */
export function readEnglishYear(scan: LineScan, a: number, b: number, num: string): RuleResult {
  const s = scan.s;
  // A year is never printed with a thousands separator (fell by 2,000).
  if (scan.cjk || !/^(?:19|20)\d{2}$/.test(num) || s[a + 1] === ',') return null;
  const next = s[b];
  if (next !== undefined && /[A-Za-z0-9%$\u4e00-\u9fff]/.test(next)) return null;
  const prev = s[a - 1];
  if (prev !== undefined && /[$€£¥\u4e00-\u9fff#]/.test(prev)) return null;
  if (!YEAR_BEFORE.test(s.slice(Math.max(0, a - 12), a)) && countNoun(s, b, true)) return null;
  return found(a, b, 'date', Number(num), 'year');
}
