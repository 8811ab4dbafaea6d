/**
 * Scans one line for figures: table cells first, then English anchors
 * ($, months, quarters), then every numeral left to right through the
 * Chinese and English rules, then the fallbacks for bare numbers (a unit
 * shared across a list, money by context, exchange rates, English years).
 */
import { PART_OF, readEnglishSuffix, readEnglishYear, scanEnglishAnchors } from './en-rules.js';
import { chineseNumeralChars, scaleDecimal, toHalfWidth } from './numerals.js';
import { qualify } from './qualifiers.js';
import { isFound, type Found, type LineScan, type RuleResult, found } from './scan-types.js';
import { sentenceAt, sentenceRanges } from './sentences.js';
import { captionUnit, NOT_A_ROW, tableLine, type TableState, type TableUnit } from './tables.js';
import type { DetectedClaim } from './types.js';
import { EXCHANGE, inTitle, readArabicUnit, readChineseRun, readDateOrRatio, readRank } from './zh-rules.js';

/** What one line hands to the next: the table being read and a pending caption unit. */
export interface LineContext {
  dollar: string;
  table: TableState | null;
  caption: TableUnit | null;
}

/** A line's claims with offsets relative to the line start. */
export type LineClaim = DetectedClaim;

/** 1 for characters that make up a Chinese numeral run (and 半), by UTF-16 code. */
const CN_NUMERAL_CODE = new Uint8Array(0x10000);
for (const c of `${chineseNumeralChars}半`) CN_NUMERAL_CODE[c.charCodeAt(0)] = 1;
const DI = 0x7b2c; // 第
/** 1 where a numeral token can start: digits, Chinese numerals, 第. */
const NUMERAL_START = CN_NUMERAL_CODE.slice();
for (let c = 48; c <= 57; c++) NUMERAL_START[c] = 1;
NUMERAL_START[DI] = 1;
const isDigitCode = (c: number): boolean => c >= 48 && c <= 57;

/**
 * End of the numeral token starting at `a` (digits with `,ddd` groups and a
 * decimal part; a run of Chinese numerals; or 第), or -1 when none starts there.
 */
function numeralEnd(s: string, a: number): number {
  const c = s.charCodeAt(a);
  if (c === DI) return a + 1;
  let i = a;
  if (CN_NUMERAL_CODE[c]) {
    while (i < s.length && CN_NUMERAL_CODE[s.charCodeAt(i)]) i++;
    return i;
  }
  if (!isDigitCode(c)) return -1;
  while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  while (s[i] === ',' && isDigitCode(s.charCodeAt(i + 1)) && isDigitCode(s.charCodeAt(i + 2)) && isDigitCode(s.charCodeAt(i + 3)) && !isDigitCode(s.charCodeAt(i + 4))) i += 4;
  if (s[i] === '.' && isDigitCode(s.charCodeAt(i + 1))) {
    i++;
    while (i < s.length && isDigitCode(s.charCodeAt(i))) i++;
  }
  return i;
}

/** Scratch marks of offsets already inside a figure; one buffer reused for every line. */
let takenBuffer = new Uint8Array(1024);
const LIST_GAP = /^\s*(?:和|与|及|以及|、|或|,|，|and|or|\()?\s*$/i;
const NO_DIRECTION_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'quarter', 'rank', 'ratio', '周年', '强']);
const CONNECTOR_ZH = /^\s*(?:和|与|及|以及|、|或|至|到|-|—|–|~|～)\s*/;
const CONNECTOR_EN = /^\s*(?:-|–|and|or|to)\s*/;
const BARE_DECIMAL_BEFORE_ZH = /(?:为|是|达|报|至|到|于|在|由|从|触及|跌破|升破|突破|站上|:|：|=)\s*$/;
const INDEX_BEFORE = /指数\s*(?:为|是|报|达|:|：)?\s*$/;
/** 比上年缩小0.07: a change verb before a bare decimal, which then measures the bare figure before it (收入比为2.14). */
const CHANGE_BEFORE_ZH = /(?:缩小|扩大|收窄|提高|上升|下降|降低|增加|减少|回落|上涨|下跌)了?\s*$/;
/** 收入比由2.11缩小到2.01: a bare figure in a clause about a 比 (ratio). */
const RATIO_CLAUSE = /(?<![对相])比(?:值|例)?\s*(?:为|是|由|从|达|:|：)/;
const BARE_DECIMAL_BEFORE_EN = /\b(?:to|at|of|was|is|were|from|reached|hit|stood at)\s+$/i;
const CURRENCY_NAMES: Record<string, string> = { 人民币: 'CNY', 美元: 'USD', 欧元: 'EUR', 日元: 'JPY', 港元: 'HKD', 港币: 'HKD', 英镑: 'GBP', 澳元: 'AUD' };

/** The unit of an exchange rate named before it (人民币对美元汇率 → CNY/USD), home currency on top. */
function exchangeUnit(before: string): string {
  const pair = /(人民币|美元|欧元|日元|港元|港币|英镑|澳元)(?:对|兑|兑换)(人民币|美元|欧元|日元|港元|港币|英镑|澳元)/.exec(before);
  if (!pair) return 'CNY/USD';
  const a = CURRENCY_NAMES[pair[1]!]!;
  const b = CURRENCY_NAMES[pair[2]!]!;
  return b === 'CNY' ? `${b}/${a}` : `${a}/${b}`;
}

/** True when the numeral at [a, b) is a list marker (1. / 1、 / (1) at the start of a line, or (1) anywhere). */
function isListMarker(s: string, a: number, b: number): boolean {
  const next = s[b];
  const opened = s[a - 1] === '(' || s[a - 1] === '（';
  if (opened && (next === ')' || next === '）')) return !/[\d.]/.test(s[b + 1] ?? '');
  if (a > 8 || next === undefined || !'.、．)）'.includes(next) || /\d/.test(s[b + 1] ?? '')) return false;
  for (let i = 0; i < (opened ? a - 1 : a); i++) if (s[i] !== ' ' && s[i] !== '\t') return false;
  return true;
}

class Scanner {
  readonly figures: Found[] = [];
  constructor(readonly scan: LineScan) {}

  add(f: Found): void {
    const { taken } = this.scan;
    for (let i = f.start; i < f.end; i++) if (taken[i]) return;
    for (let i = f.start; i < f.end; i++) taken[i] = 1;
    this.figures.push(f);
  }

  /** What the numeral token [a, b) makes, without fallbacks. */
  read(a: number, b: number): RuleResult {
    const { s } = this.scan;
    const first = s.charCodeAt(a);
    if (first === DI) return readRank(this.scan, a);
    if (!isDigitCode(first)) return readChineseRun(this.scan, a, b);
    const prev = s[a - 1];
    if (prev !== undefined && /[A-Za-z_.]/.test(prev)) return b;
    if ((prev === '-' || prev === '/') && /[A-Za-z]/.test(s[a - 2] ?? '')) return b;
    if (inTitle(this.scan, a) || isListMarker(s, a, b)) return b;
    const num = plain(s.slice(a, b));
    const date = readDateOrRatio(this.scan, a, b);
    if (date) return date;
    const zh = readArabicUnit(this.scan, a, b, num);
    if (zh) return zh;
    const rest = s.slice(b, b + 2);
    if (/^\s?[A-Za-z%]/.test(rest) || !this.scan.cjk) {
      const en = readEnglishSuffix(this.scan, a, b, num);
      if (en) return en;
      // 5G, 3D, 4A级: digits glued to letters are names.
      if (/^[A-Za-z]/.test(rest)) return b;
    }
    return null;
  }

  /**
   * A bare number [a, b) that takes the unit of the next item of its list
   * (2.16和1.66个百分点); `from` is where its own span ends when it has a
   * scale already (318 million and 326 million tonnes), `exp` that scale.
   */
  shared(a: number, b: number, depth = 0, from = b, exp = 0): Found | null {
    const { s } = this.scan;
    const c = (this.scan.cjk ? CONNECTOR_ZH : CONNECTOR_EN).exec(s.slice(from, from + 8));
    if (!c || depth > 8) return null;
    const p = from + c[0].length;
    const e = isDigitCode(s.charCodeAt(p)) ? numeralEnd(s, p) : -1;
    if (e < 0) return null;
    const next = this.read(p, e);
    const tail = isFound(next) ? next : next === null ? this.shared(p, e, depth + 1) : null;
    if (!tail || tail.unit === 'ratio' || tail.unit === 'rank') return null;
    const num = plain(s.slice(a, b));
    // 3万和5亿元 has two scales; only a figure without one (or with the same one) can borrow the next.
    if (from !== b && tail.exp !== exp) return null;
    if (tail.kind === 'date') return found(a, from, 'date', tail.unit === 'year' ? Number(num) : null, tail.unit);
    return found(a, from, tail.kind, scaleDecimal(num, tail.exp), tail.unit, tail.exp);
  }

  /** True when a sentence ends between `from` and `to` (。；!? or a full stop before a space). */
  sentenceEndsBetween(from: number, to: number): boolean {
    const { s } = this.scan;
    for (let k = from; k < to; k++) if ('。；;!！?？'.includes(s[k]!) || (s[k] === '.' && (s[k + 1] === ' ' || s[k + 1] === undefined))) return true;
    return false;
  }

  /** The last figure found before `a` in the same sentence, if any. */
  previousInSentence(a: number): Found | null {
    for (let i = this.figures.length - 1; i >= 0; i--) {
      const f = this.figures[i]!;
      if (f.end > a) continue;
      return this.sentenceEndsBetween(f.end, a) ? null : f;
    }
    return null;
  }

  /**
   * A bare English integer: a part of the count before "of whom" (8,450
   * employees, of whom 5,120…) takes its noun; one printed with thousands
   * separators (fell by 2,000 to 612,400) is a count of its own.
   */
  englishBare(a: number, b: number, num: string): Found | null {
    const { s } = this.scan;
    if (this.scan.cjk || num.includes('.')) return null;
    const grouped = s.slice(a, b).includes(',');
    for (let i = this.figures.length - 1; i >= 0; i--) {
      const f = this.figures[i]!;
      if (f.end > a) continue;
      if (this.sentenceEndsBetween(f.end, a)) break;
      if (f.kind === 'count' && f.unit !== null && PART_OF.test(s.slice(f.end, a))) {
        if (!grouped && /^(?:1[89]|20)\d{2}$/.test(num)) return null;
        return found(a, b, 'count', Number(num), f.unit);
      }
    }
    return grouped ? found(a, b, 'count', Number(num), null) : null;
  }

  /** Bare numbers: a shared unit, an exchange rate or index value, an English year. */
  fallback(a: number, b: number): Found | null {
    const { s } = this.scan;
    const num = plain(s.slice(a, b));
    const shared = this.shared(a, b);
    if (shared) return shared;
    // A full stop after the digits ends the sentence (little changed at 104.1.); 1.2.3 is a version.
    if (num.includes('.') && !isDigitCode(s.charCodeAt(b)) && !(s[b] === '.' && isDigitCode(s.charCodeAt(b + 1)))) {
      const before = s.slice(Math.max(0, a - 30), a);
      if (this.scan.cjk && CHANGE_BEFORE_ZH.test(before)) {
        const prev = this.previousInSentence(a);
        if (prev && prev.kind === 'other' && prev.value !== null && prev.exp === 0) return found(a, b, 'other', Number(num), prev.unit);
      }
      if (this.scan.cjk ? BARE_DECIMAL_BEFORE_ZH.test(before) : BARE_DECIMAL_BEFORE_EN.test(before)) {
        // 人民币汇率指数为98.2 is an index level, not a rate.
        if (this.scan.cjk && EXCHANGE.test(before) && !INDEX_BEFORE.test(before)) return found(a, b, 'other', Number(num), exchangeUnit(before));
        const clause = before.slice(before.search(/[^,，;；。]*$/));
        if (this.scan.cjk && RATIO_CLAUSE.test(clause)) return found(a, b, 'other', Number(num), 'ratio');
        return found(a, b, 'other', Number(num), null);
      }
    }
    const year = readEnglishYear(this.scan, a, b, num);
    return isFound(year) ? year : this.englishBare(a, b, num);
  }

  run(): void {
    const { s, taken } = this.scan;
    for (let a = 0; a < s.length; ) {
      if (!NUMERAL_START[s.charCodeAt(a)] || taken[a]) {
        a++;
        continue;
      }
      const b = numeralEnd(s, a);
      const r = this.read(a, b);
      let f: Found | null = null;
      if (isFound(r)) {
        f = r;
        // 318 million and 326 million tonnes: a scaled figure without a unit shares the next one's.
        if (f.kind === 'other' && f.unit === null && f.exp > 0) f = this.shared(a, b, 0, f.end, f.exp) ?? f;
      } else if (r === null && isDigitCode(s.charCodeAt(a))) f = this.fallback(a, b);
      if (f) {
        this.add(signed(s, f));
        a = Math.max(b, f.end);
      } else {
        a = typeof r === 'number' ? Math.max(b, r) : b;
      }
    }
  }
}

/** Digits without thousands separators. */
const plain = (num: string): string => (num.includes(',') ? num.replaceAll(',', '') : num);

function isSorted(figures: Found[]): boolean {
  for (let i = 1; i < figures.length; i++) if (figures[i]!.start < figures[i - 1]!.start) return false;
  return true;
}

function cjkNear(s: string, from: number, to: number): boolean {
  for (let i = Math.max(0, from); i < Math.min(s.length, to); i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) return true;
  }
  return false;
}

/** Takes a printed minus sign into the figure (-0.3%), unless it joins a range (1-11月). */
function signed(s: string, f: Found): Found {
  const c = s[f.start - 1];
  if ((c !== '-' && c !== '−') || f.value === null || f.kind === 'date' || f.unit === 'ratio') return f;
  const before = s[f.start - 2];
  if (before !== undefined && /[\dA-Za-z\u4e00-\u9fff)）%]/.test(before) && !/[为是至到达:：]/.test(before)) return f;
  return { ...f, start: f.start - 1, value: -f.value };
}

/** Scans one line; returns its claims (offsets relative to the line) and the context for the next line. */
const F_TEXT = 1;
const F_CJK = 2;
const F_LATIN = 4;
const F_TITLE = 8;
const F_TABLE = 16;
const F_CAPTION = 32;
const F_FULL_WIDTH = 64;
const LATIN_SYMBOL_CODES = new Set([...'$€£¥₹₩'].map((c) => c.charCodeAt(0)));

/** One pass over a line for what the later steps need to know (instead of a regex pass each). */
function lineFlags(line: string): number {
  let f = 0;
  let prevSpace = false;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    const space = c === 32 || c === 0x3000;
    if (c >= 0x4e00 && c <= 0x9fff) {
      f |= F_CJK | F_TEXT;
      if (c === 0x5355) f |= F_CAPTION; // 单(位)
    } else if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) {
      f |= F_LATIN | F_TEXT;
      if (c === 85) f |= F_CAPTION; // U(nit)
    } else if (c === 9 || c === 124 || (space && prevSpace)) f |= F_TABLE;
    else if (c === 0x300a) f |= F_TITLE;
    else if (LATIN_SYMBOL_CODES.has(c)) f |= F_LATIN;
    if ((c >= 0xff01 && c <= 0xff5e) || c === 0x3000) f |= F_FULL_WIDTH;
    if (!space && c !== 9 && c !== 13 && c !== 0xa0) f |= F_TEXT;
    prevSpace = space;
  }
  return f;
}

export function scanLine(line: string, ctx: LineContext): { claims: LineClaim[]; next: LineContext } {
  const flags = lineFlags(line);
  // Blank lines end a table and keep a pending caption; nothing else to do.
  if (!(flags & F_TEXT)) return { claims: [], next: ctx.table ? { ...ctx, table: null } : ctx };
  const s = flags & F_FULL_WIDTH ? toHalfWidth(line) : line;
  if (takenBuffer.length < s.length) takenBuffer = new Uint8Array(s.length * 2);
  const scan: LineScan = { raw: line, s, dollar: ctx.dollar, taken: takenBuffer, cjk: (flags & F_CJK) !== 0, titles: (flags & F_TITLE) !== 0 };
  const scanner = new Scanner(scan);
  const table = flags & F_TABLE ? tableLine(s, ctx.table, ctx.caption, ctx.dollar) : NOT_A_ROW;
  try {
    for (const f of table.figures) scanner.add(f);
    if (flags & F_LATIN) scanEnglishAnchors(scan, (f) => scanner.add(f));
    scanner.run();
  } finally {
    takenBuffer.fill(0, 0, s.length);
  }
  const figures = scanner.figures;
  if (!isSorted(figures)) figures.sort((x, y) => x.start - y.start);
  const sentences = figures.length ? sentenceRanges(line) : [];
  const claims: LineClaim[] = [];
  let prev: LineClaim | null = null;
  let prevEnd = 0;
  for (const f of figures) {
    const english = !scan.cjk || !cjkNear(s, f.start - 12, f.end + 12);
    const sentence = sentenceAt(sentences, f.start, line.length);
    const claim: LineClaim = {
      text: line.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      kind: f.kind,
      value: f.value,
      unit: f.unit,
      // Always present (undefined when absent) so every claim has one shape; JSON drops undefined.
      approx: undefined,
      direction: undefined,
      basePeriod: undefined,
      sentence: { start: sentence.start, end: sentence.end },
    };
    qualify(s, f, english, claim);
    // Dates, durations and ranks are not changes: 倍增三年行动 has no direction.
    if (f.kind === 'date' || NO_DIRECTION_UNITS.has(f.unit ?? '')) claim.direction = claim.basePeriod = undefined;
    // 分别回落2.16和1.66个百分点: later items of a list share the first item's direction.
    if (!claim.direction && prev?.direction && LIST_GAP.test(s.slice(prevEnd, f.start))) {
      claim.direction = prev.direction;
      claim.basePeriod = prev.basePeriod;
    }
    claims.push(claim);
    prev = claim;
    prevEnd = f.end;
  }
  // A caption (单位：万元) holds across blank lines until the table below it ends or prose intervenes.
  const caption = table.isRow ? ctx.caption : flags & F_CAPTION ? captionUnit(s, ctx.dollar) : null;
  const unchanged = table.state === ctx.table && caption === ctx.caption;
  return { claims, next: unchanged ? ctx : { dollar: ctx.dollar, table: table.state, caption } };
}
