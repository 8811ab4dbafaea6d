/**
 * Scans one line for figures: table cells first, then English anchors
 * ($, months, quarters), then every numeral left to right through the
 * Chinese and English rules, then the fallbacks for bare numbers (a unit
 * shared across a list, money by context, exchange rates, English years).
 */
import { readEnglishSuffix, readEnglishYear, scanEnglishAnchors } from './en-rules.js';
import { chineseNumeralChars, scaleDecimal, toHalfWidth } from './numerals.js';
import { qualify } from './qualifiers.js';
import { isFound, type Found, type LineScan, type RuleResult, found } from './scan-types.js';
import { sentenceAt, sentenceRanges } from './sentences.js';
import { captionUnit, tableLine, type TableState, type TableUnit } from './tables.js';
import type { DetectedClaim } from './types.js';
import { inTitle, readArabicUnit, readChineseRun, readDateOrRatio, readRank } from './zh-rules.js';

/** What one line hands to the next: the table being read and a pending caption unit. */
export interface LineContext {
  dollar: string;
  table: TableState | null;
  caption: TableUnit | null;
}

/** A line's claims with offsets relative to the line start. */
export type LineClaim = DetectedClaim;

const NUMERAL = new RegExp(`\\d+(?:,\\d{3})*(?:\\.\\d+)?|[${chineseNumeralChars}半]+|第`, 'g');
const CJK = /[\u4e00-\u9fff]/;
const NO_DIRECTION_UNITS = new Set(['year', 'month', 'week', 'day', 'hour', 'minute', 'second', 'quarter', 'rank', 'ratio', '周年', '强']);
const LATIN_OR_SYMBOL = /[A-Za-z$€£¥₹₩]/;
const NUMERAL_AT = new RegExp(NUMERAL.source, 'y');
const CONNECTOR_ZH = /^\s*(?:和|与|及|以及|、|或|至|到|-|—|–|~|～)\s*/;
const CONNECTOR_EN = /^\s*(?:-|–|and|or|to)\s*/;
const BARE_DECIMAL_BEFORE_ZH = /(?:为|是|达|报|至|到|于|在|由|从|:|：|=)\s*$/;
/** 收入比由2.11缩小到2.01: a bare figure in a clause about a 比 (ratio). */
const RATIO_CLAUSE = /(?<![对相])比(?:值|例)?\s*(?:为|是|由|从|达|:|：)/;
const BARE_DECIMAL_BEFORE_EN = /\b(?:to|at|of|was|is|were|from|reached|hit|stood at)\s+$/i;
const EXCHANGE = /汇率|中间价|兑/;
const CURRENCY_NAMES: Record<string, string> = { 人民币: 'CNY', 美元: 'USD', 欧元: 'EUR', 日元: 'JPY', 港元: 'HKD', 港币: 'HKD', 英镑: 'GBP', 澳元: 'AUD' };

/** The unit of an exchange rate named before it (人民币对美元汇率 → CNY/USD), home currency on top. */
function exchangeUnit(before: string): string {
  const pair = /(人民币|美元|欧元|日元|港元|港币|英镑|澳元)(?:对|兑|兑换)(人民币|美元|欧元|日元|港元|港币|英镑|澳元)/.exec(before);
  if (!pair) return 'CNY/USD';
  const a = CURRENCY_NAMES[pair[1]!]!;
  const b = CURRENCY_NAMES[pair[2]!]!;
  return b === 'CNY' ? `${b}/${a}` : `${a}/${b}`;
}

/** True when the numeral at [a, b) is a list marker (1. / 1、 / (1) at the start of a line). */
function isListMarker(s: string, a: number, b: number): boolean {
  const lead = s.slice(0, a);
  if (/^\s*[(（]?$/.test(lead) && /^(?:[.、．)）]|\s*[)）])(?!\d)/.test(s.slice(b, b + 2))) return true;
  return /[(（]$/.test(lead) && /^[)）]/.test(s.slice(b, b + 1)) && !/[\d.]/.test(s[b + 1] ?? '');
}

class Scanner {
  readonly figures: Found[] = [];
  constructor(readonly scan: LineScan) {}

  add = (f: Found): void => {
    const { taken } = this.scan;
    for (let i = f.start; i < f.end; i++) if (taken[i]) return;
    for (let i = f.start; i < f.end; i++) taken[i] = 1;
    this.figures.push(f);
  };

  /** What the numeral token [a, b) makes, without fallbacks. */
  read(a: number, b: number): RuleResult {
    const { s } = this.scan;
    const tok = s.slice(a, b);
    if (tok === '第') return readRank(this.scan, a);
    if (!/^\d/.test(tok)) return readChineseRun(this.scan, a, b);
    const prev = s[a - 1];
    if (prev !== undefined && /[A-Za-z_.]/.test(prev)) return { skipTo: b };
    if ((prev === '-' || prev === '/') && /[A-Za-z]/.test(s[a - 2] ?? '')) return { skipTo: b };
    if (inTitle(s, a) || isListMarker(s, a, b)) return { skipTo: b };
    const num = tok.replaceAll(',', '');
    const date = readDateOrRatio(this.scan, a);
    if (date) return date;
    const zh = readArabicUnit(this.scan, a, b, num);
    if (zh) return zh;
    const rest = s.slice(b, b + 2);
    if (/^\s?[A-Za-z%]/.test(rest) || !this.scan.cjk) {
      const en = readEnglishSuffix(this.scan, a, b, num);
      if (en) return en;
      // 5G, 3D, 4A级: digits glued to letters are names.
      if (/^[A-Za-z]/.test(rest)) return { skipTo: b };
    }
    return null;
  }

  /** A bare number that takes the unit of the next item of its list (2.16和1.66个百分点). */
  shared(a: number, b: number, depth = 0): Found | null {
    const { s } = this.scan;
    const c = (this.scan.cjk ? CONNECTOR_ZH : CONNECTOR_EN).exec(s.slice(b, b + 8));
    if (!c || depth > 8) return null;
    const p = b + c[0].length;
    NUMERAL_AT.lastIndex = p;
    const m = NUMERAL_AT.exec(s);
    if (!m || !/^\d/.test(m[0])) return null;
    const next = this.read(p, p + m[0].length);
    const tail = isFound(next) ? next : next === null ? this.shared(p, p + m[0].length, depth + 1) : null;
    if (!tail || tail.unit === 'ratio' || tail.unit === 'rank') return null;
    const num = s.slice(a, b).replaceAll(',', '');
    if (tail.kind === 'date') return found(a, b, 'date', tail.unit === 'year' ? Number(num) : null, tail.unit);
    return found(a, b, tail.kind, scaleDecimal(num, tail.exp), tail.unit, tail.exp);
  }

  /** Bare numbers: a shared unit, an exchange rate or index value, an English year. */
  fallback(a: number, b: number): Found | null {
    const { s } = this.scan;
    const num = s.slice(a, b).replaceAll(',', '');
    const shared = this.shared(a, b);
    if (shared) return shared;
    if (num.includes('.') && !/^[.\d]/.test(s[b] ?? ' ')) {
      const before = s.slice(Math.max(0, a - 30), a);
      if (this.scan.cjk ? BARE_DECIMAL_BEFORE_ZH.test(before) : BARE_DECIMAL_BEFORE_EN.test(before)) {
        if (this.scan.cjk && EXCHANGE.test(before)) return found(a, b, 'other', Number(num), exchangeUnit(before));
        const clause = before.slice(before.search(/[^,，;；。]*$/));
        if (this.scan.cjk && RATIO_CLAUSE.test(clause)) return found(a, b, 'other', Number(num), 'ratio');
        return found(a, b, 'other', Number(num), null);
      }
    }
    const year = readEnglishYear(this.scan, a, b, num);
    return isFound(year) ? year : null;
  }

  run(): void {
    const { s, taken } = this.scan;
    NUMERAL.lastIndex = 0;
    for (let m = NUMERAL.exec(s); m; m = NUMERAL.exec(s)) {
      const a = m.index;
      const b = a + m[0].length;
      if (taken[a]) continue;
      const r = this.read(a, b);
      let f: Found | null = null;
      if (isFound(r)) f = r;
      else if (r === null && /^\d/.test(m[0])) f = this.fallback(a, b);
      if (f) {
        this.add(signed(s, f));
        NUMERAL.lastIndex = Math.max(b, f.end);
      } else if (r && 'skipTo' in r) {
        NUMERAL.lastIndex = Math.max(b, r.skipTo);
      }
    }
  }
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
export function scanLine(line: string, ctx: LineContext): { claims: LineClaim[]; next: LineContext } {
  const s = toHalfWidth(line);
  const scan: LineScan = { raw: line, s, dollar: ctx.dollar, taken: new Uint8Array(s.length), cjk: CJK.test(s) };
  const scanner = new Scanner(scan);
  const table = tableLine(s, ctx.table, ctx.caption, ctx.dollar);
  for (const f of table.figures) scanner.add(f);
  if (LATIN_OR_SYMBOL.test(s)) scanEnglishAnchors(scan, scanner.add);
  scanner.run();
  const figures = scanner.figures.sort((x, y) => x.start - y.start);
  const sentences = figures.length ? sentenceRanges(line) : [];
  const claims: LineClaim[] = [];
  let prev: LineClaim | null = null;
  let prevEnd = 0;
  for (const f of figures) {
    const english = !CJK.test(s.slice(Math.max(0, f.start - 12), f.end + 12));
    const q = qualify(s, f, english);
    // Dates, durations and ranks are not changes: 倍增三年行动 has no direction.
    if (f.kind === 'date' || NO_DIRECTION_UNITS.has(f.unit ?? '')) {
      delete q.direction;
      delete q.basePeriod;
    }
    // 分别回落2.16和1.66个百分点: later items of a list share the first item's direction.
    if (!q.direction && prev?.direction && /^\s*(?:和|与|及|以及|、|或|,|，|and|or|\()?\s*$/i.test(s.slice(prevEnd, f.start))) {
      q.direction = prev.direction;
      if (prev.basePeriod) q.basePeriod = prev.basePeriod;
    }
    const sentence = sentenceAt(sentences, f.start, line.length);
    const claim: LineClaim = {
      text: line.slice(f.start, f.end),
      start: f.start,
      end: f.end,
      kind: f.kind,
      value: f.value,
      unit: f.unit,
      sentence: { start: sentence.start, end: sentence.end },
    };
    if (q.approx) claim.approx = q.approx;
    if (q.direction) claim.direction = q.direction;
    if (q.basePeriod) claim.basePeriod = q.basePeriod;
    claims.push(claim);
    prev = claim;
    prevEnd = f.end;
  }
  // A caption (单位：万元) holds across blank lines until the table below it ends or prose intervenes.
  const caption = table.isRow ? ctx.caption : (captionUnit(s, ctx.dollar) ?? (s.trim() ? null : ctx.caption));
  return { claims, next: { dollar: ctx.dollar, table: table.state, caption } };
}
