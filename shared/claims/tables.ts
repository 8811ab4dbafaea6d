/**
 * Tables in plain text (tab-separated, Markdown pipes, or columns aligned
 * with runs of spaces): a bare number in a cell takes its unit from the
 * header row (`总额(亿元)`), from a 单位 column, or from a `单位：万元` caption.
 */
import { scaleDecimal } from './numerals.js';
import { found, type Found } from './scan-types.js';
import { englishScales } from './units.js';
import { readScaleAndUnit } from './zh-rules.js';
import type { ClaimKind } from './types.js';

/** A unit read from a header or caption, with its scale. */
export interface TableUnit {
  kind: ClaimKind;
  unit: string | null;
  exp: number;
}

/** Table state carried from one line to the next. */
export interface TableState {
  /** Unit per column, from the header row. */
  cols: Array<TableUnit | null>;
  /** Column holding each row's unit (指标 | 单位 | 2015年), or -1. */
  unitCol: number;
  /** Unit for the whole table, from a caption line (单位：亿元). */
  caption: TableUnit | null;
}

export interface Cell {
  start: number;
  end: number;
}

const BARE_NUMBER = /^[+-−]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const MAX_ALIGNED_CELL = 40;

/** The trimmed cells of a table row, or null when the line is not one. */
export function splitCells(s: string): Cell[] | null {
  if (!s.includes('\t') && !s.includes('|') && !s.includes('  ')) return null;
  let sep: RegExp;
  if (s.includes('\t')) sep = /\t+/g;
  else if (/^\s*\|.*\|/.test(s) || (s.match(/\|/g)?.length ?? 0) >= 2) sep = /\|/g;
  else if (/\S(?: {2,}|\u3000+)\S/.test(s)) sep = / {2,}|\u3000+/g;
  else return null;
  const cells: Cell[] = [];
  let start = 0;
  const push = (end: number) => {
    let a = start;
    let b = end;
    while (a < b && /\s/.test(s[a]!)) a++;
    while (b > a && /\s/.test(s[b - 1]!)) b--;
    if (b > a) cells.push({ start: a, end: b });
  };
  for (const m of s.matchAll(sep)) {
    push(m.index);
    start = m.index + m[0].length;
  }
  push(s.length);
  if (cells.length < 2) return null;
  if (sep.source !== '\\t+' && sep.source !== '\\|' && cells.some((c) => c.end - c.start > MAX_ALIGNED_CELL)) return null;
  return cells;
}

/** Reads a unit written alone: 亿元, 万人, %, $m, (亿元), 单位：万元. */
export function parseUnitText(text: string, dollar: string): TableUnit | null {
  let t = text.trim();
  const paren = /[(（]([^()（）]+)[)）]\s*$/.exec(t);
  if (paren) t = paren[1]!.trim();
  t = t.replace(/^单位\s*[:：]\s*/, '');
  if (t === '%' || t === '％' || /(?:%|％)$/.test(t)) return { kind: 'percent', unit: '%', exp: 0 };
  const money = /^(US|A|AU|C|NZ|HK)?\$\s?(thousand|million|billion|m|bn|b|k|'000)?$/i.exec(t);
  if (money) {
    const iso = money[1] ? ({ US: 'USD', A: 'AUD', AU: 'AUD', C: 'CAD', NZ: 'NZD', HK: 'HKD' } as Record<string, string>)[money[1].toUpperCase()]! : dollar;
    return { kind: 'money', unit: iso, exp: money[2] ? (englishScales[money[2].toLowerCase()] ?? 3) : 0 };
  }
  // ('000) and (thousands): a count in thousands, whatever is counted.
  if (/^'?000s?$|^thousands?$/i.test(t)) return { kind: 'count', unit: null, exp: 3 };
  const probe = `1${t}`;
  const r = readScaleAndUnit(probe, 1);
  if (r.unit && r.end === probe.length) return { kind: r.unit.kind, unit: r.unit.unit, exp: r.exp + r.unit.exp };
  return null;
}

const isSeparatorRow = (s: string): boolean => /^\s*\|?\s*:?-{3,}/.test(s);
/** 表1  2023年主要工业产品产量, Table 2: Labour force: a caption above a table, never a row of it. */
const TABLE_LABEL = /^\s*(?:附?表|图|Table|Figure|Chart)\s*\d+(?:[-.]\d+)?(?![\d.])/i;
/** Growth and share columns (比上年增长, 增速, 占比) are percentages even when the header prints no %. */
const PERCENT_HEADER = /增长|增速|增幅|下降|比重|占比|同比|环比/;
/** A unit at the end of a row label: 粮食产量（万吨）, 地区生产总值(亿元). */
const LABEL_UNIT = /[(（][^()（）]+[)）]\s*$/;

/** The unit a header cell gives its column. */
function headerUnit(text: string, dollar: string): TableUnit | null {
  return parseUnitText(text, dollar) ?? (PERCENT_HEADER.test(text) && !/[(（]/.test(text) ? { kind: 'percent', unit: '%', exp: 0 } : null);
}

function headerState(texts: string[], caption: TableUnit | null, dollar: string): TableState {
  return { cols: texts.map((t) => headerUnit(t, dollar)), unitCol: texts.findIndex((t) => /^(?:计量)?单位$/.test(t)), caption };
}

/** What `tableLine` returns for a line that is not a table row. */
export const NOT_A_ROW: { figures: Found[]; state: null; isRow: false } = Object.freeze({ figures: [], state: null, isRow: false });

/**
 * One line of a table: returns the figures its bare-number cells make, and
 * the state for the next line (null when the line ends the table).
 */
export function tableLine(
  s: string,
  state: TableState | null,
  caption: TableUnit | null,
  dollar: string,
): { figures: Found[]; state: TableState | null; isRow: boolean } {
  if (TABLE_LABEL.test(s)) return NOT_A_ROW;
  const cells = splitCells(s);
  if (!cells) return NOT_A_ROW;
  if (isSeparatorRow(s)) return { figures: [], state, isRow: true };
  const texts = cells.map((c) => s.slice(c.start, c.end));
  const numeric = texts.some((t) => BARE_NUMBER.test(t));
  // A row of words is a header; below a header that gave no unit at all it is the real one (a caption was read as the header).
  if (!numeric && (!state || (state.unitCol < 0 && state.cols.every((u) => u === null)))) {
    return { figures: [], state: headerState(texts, state?.caption ?? caption, dollar), isRow: true };
  }
  state ??= { cols: [], unitCol: -1, caption };
  const labelUnit = LABEL_UNIT.test(texts[0]!) ? parseUnitText(texts[0]!, dollar) : null;
  const rowUnit = (state.unitCol >= 0 && texts[state.unitCol] ? parseUnitText(texts[state.unitCol]!, dollar) : null) ?? labelUnit;
  const figures: Found[] = [];
  cells.forEach((c, i) => {
    const t = texts[i]!;
    if (i === 0 || !BARE_NUMBER.test(t)) return;
    // A column that prints its own unit (比上年增长(%)) keeps it in every row; the row's 单位 fills the others.
    const unit = state!.cols[i] ?? rowUnit ?? state!.caption;
    const num = t.replace(/,/g, '').replace('−', '-');
    if (unit) figures.push(found(c.start, c.end, unit.kind, scaleDecimal(num, unit.exp), unit.unit, unit.exp));
    else figures.push(found(c.start, c.end, 'other', Number(num), null));
  });
  return { figures, state, isRow: true };
}

/** A caption line that sets the unit of the table below it (单位：万元, Unit: $m). */
export function captionUnit(s: string, dollar: string): TableUnit | null {
  if (!s.includes('单位') && !s.includes('Unit')) return null;
  const m = /(?:单位|Unit|Units)\s*[:：]\s*([^\s,，;；。)）]+)/.exec(s);
  return m ? parseUnitText(m[1]!, dollar) : null;
}
