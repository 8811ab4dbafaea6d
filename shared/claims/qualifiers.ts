/**
 * Words around a figure that a fact-checker needs but that stay outside its
 * span: approximation (约, 近, 超过, 以上, about, over), direction (增长,
 * 下降, rose, fell) and the base period of a change (同比, 比上年, year on year).
 */
import type { Found } from './scan-types.js';

export interface Qualifiers {
  approx?: string;
  direction?: string;
  basePeriod?: string;
}

/** Words grouped by their last character, longest first, so a lookup touches only the few that can match. */
type WordTable = Map<number, string[]>;
function byLastChar(words: string[]): WordTable {
  const table: WordTable = new Map();
  for (const w of [...words].sort((x, y) => y.length - x.length)) {
    const last = w.charCodeAt(w.length - 1);
    table.set(last, [...(table.get(last) ?? []), w]);
  }
  return table;
}
const ZH_APPROX_BEFORE = byLastChar(['大约', '约为', '约', '将近', '接近', '近', '超过', '超', '逾', '不足', '不到', '至少', '突破', '多于', '少于', '高于', '低于', '不少于', '不低于', '不超过', '最高', '最多', '上万']);
const ZH_APPROX_AFTER = ['以上', '以下', '左右', '上下', '以内', '之内', '多'];
const EN_APPROX_BEFORE = /\b(about|around|approximately|roughly|nearly|almost|over|more than|less than|fewer than|under|up to|at least|at most|some|close to|just over|just under|an estimated|estimated|circa)\s+$|(~)\s*$/i;
const EN_APPROX_AFTER = /^\s*(or more|or so|or less|plus)\b/i;

/** Verbs of change, checked at the end of the text before a figure (新增 is "newly added", not growth). */
const ZH_DIRECTION = byLastChar([
  '净增加', '净增长', '净增', '增长', '增加', '提高', '提升', '上升', '上涨', '回升', '扩大', '攀升', '加快', '高出', '增', '涨', '升', '高',
  '下降', '减少', '降低', '下滑', '下跌', '回落', '收窄', '缩小', '缩减', '放缓', '减缓', '低于', '降', '跌', '减', '低',
]);
/** Words allowed between the verb and the figure (增长了约3%). */
const ZH_AFTER_VERB = byLastChar(['约', '近', '超过', '超', '逾', '达到', '达']);
const isSpaceCode = (c: number): boolean => c === 32 || c === 9 || c === 0xa0;

/** The word from `words` that ends at `end` in `s`, if any. */
function wordEndingAt(s: string, end: number, table: WordTable): string | undefined {
  const words = end > 0 ? table.get(s.charCodeAt(end - 1)) : undefined;
  if (words) for (const w of words) if (end >= w.length && s.startsWith(w, end - w.length)) return w;
  return undefined;
}

function wordStartingAt(s: string, pos: number, words: string[]): string | undefined {
  const c = s[pos];
  for (const w of words) if (w[0] === c && s.startsWith(w, pos)) return w;
  return undefined;
}

function skipSpaceBack(s: string, pos: number): number {
  while (pos > 0 && isSpaceCode(s.charCodeAt(pos - 1))) pos--;
  return pos;
}

function skipSpace(s: string, pos: number): number {
  while (pos < s.length && isSpaceCode(s.charCodeAt(pos))) pos++;
  return pos;
}

/** Base periods of a change, longest first within each first character. */
const ZH_BASE = new Map<string, string[]>();
for (const w of ['同比', '环比', '比上年同期', '比上年', '较上年同期', '较上年', '比去年同期', '比去年', '较去年同期', '较去年', '比上月', '较上月', '比上季度', '较上季度', '比年初', '较年初', '比上年末', '较上年末', '与上年同期相比', '与上年相比', '与上年比', '与去年同期相比', '与去年相比', '与去年比'].sort((x, y) => y.length - x.length)) {
  ZH_BASE.set(w[0]!, [...(ZH_BASE.get(w[0]!) ?? []), w]);
}
const ZH_BASE_YEAR = /[比较]\d{4}年(?:同期)?/y;

/** The last base period (同比, 比上年同期, 比2019年…) ending at or before `to`, starting at or after `from`. */
function lastBasePeriod(s: string, from: number, to: number): string | undefined {
  for (let i = to - 2; i >= from; i--) {
    const words = ZH_BASE.get(s[i]!);
    if (!words) continue;
    for (const w of words) if (i + w.length <= to && s.startsWith(w, i)) return w;
    ZH_BASE_YEAR.lastIndex = i;
    const y = ZH_BASE_YEAR.exec(s);
    if (y && i + y[0].length <= to) return y[0];
  }
  return undefined;
}
const ZH_BASE_CLAUSE = /(与上年同期相比|与上年相比|与上年比|与去年同期相比|与去年相比|与去年比|同比|环比)\s*[,，]/g;

const EN_VERBS =
  'rose|fell|increased|decreased|grew|declined|dropped|climbed|jumped|surged|slipped|slid|eased|gained|lost|plunged|soared|tumbled|rises|falls|increases|decreases|grows|declines|rising|falling|risen|fallen|shrank|contracted|expanded|' +
  // `made up $3.4 billion` is a part's size, not a rise.
  'lifted|raised|hiked|boosted|added|cut|lowered|reduced|trimmed|slashed|shed|(?<!\\b(?:made|make|makes|making|took|take|takes|taking|picked|picks)\\s)up|down';
const EN_DIRECTION_BEFORE = new RegExp(
  String.raw`\b(${EN_VERBS})(?:\s+(?:by|a further|an?|slightly|sharply|strongly|just))*\s*(?:(?:about|around|nearly|almost|over|more than|some)\s+)?(?:\S+\s*\(\s*)?$`,
  'i',
);
/** "lifted the cash rate by 25 basis points": the verb, its object, then by. */
const EN_DIRECTION_BY = new RegExp(String.raw`\b(${EN_VERBS})\b[^,;.()]{0,40}?\bby\s+(?:(?:about|around|nearly|almost|over|more than|some)\s+)?$`, 'i');
const EN_NOUNS = 'increase|decrease|rise|fall|drop|decline|growth|gain|loss|jump|reduction|contraction|expansion';
const EN_DIRECTION_OF = new RegExp(String.raw`\b(${EN_NOUNS})\s+of\s*(?:(?:about|around|nearly|almost|over|more than|some)\s+)?$`, 'i');
const EN_DIRECTION_AFTER = new RegExp(String.raw`^\s*\)?\s*(?:\([^)]*\)\s*)?(${EN_NOUNS}|higher|lower)\b`, 'i');
const EN_BASE =
  /\b(year[- ]on[- ]year|yoy|y\/y|from a year (?:earlier|ago|before)|over the (?:past )?year|through the year|month[- ]on[- ]month|quarter[- ]on[- ]quarter|(?:on|from) the previous (?:month|quarter|year)|compared (?:with|to) (?:the )?(?:previous|same|last|a year) \w+(?: \w+)?|on (?:the )?(?:same|corresponding) (?:period|month|quarter) (?:last|a|of the previous) year)\b/i;

const CLAUSE_STOP = new Set(',，;；。:：!！?？');

function clauseStart(s: string, pos: number, limit: number): number {
  for (let i = pos - 1; i >= Math.max(0, pos - limit); i--) if (CLAUSE_STOP.has(s[i]!)) return i + 1;
  return Math.max(0, pos - limit);
}

/** The change verb just before a figure at `pos`, with where it starts. */
function zhDirection(s: string, pos: number): { verb: string; at: number } | null {
  let end = skipSpaceBack(s, pos);
  const approx = wordEndingAt(s, end, ZH_AFTER_VERB);
  if (approx) end -= approx.length;
  if (s[end - 1] === '了') end--;
  const verb = wordEndingAt(s, end, ZH_DIRECTION);
  if (!verb) return null;
  // 新增 is "newly added"; 最高/最低 are bounds, not changes.
  const prefix = s[end - verb.length - 1];
  if (prefix === '新' || (verb.length === 1 && (prefix === '最' || prefix === '提' || prefix === '降'))) return null;
  return { verb, at: end - verb.length };
}

/** Writes the approximation, direction and base period of a figure [f.start, f.end) in line `s` into `q` (the claim). */
export function qualify(s: string, f: Found, english: boolean, q: Qualifiers): void {
  let m: RegExpExecArray | null;
  if (english) {
    const before = s.slice(Math.max(0, f.start - 40), f.start);
    const after = s.slice(f.end, f.end + 24);
    if ((m = EN_APPROX_BEFORE.exec(before))) q.approx = (m[1] ?? m[2]!).toLowerCase();
    else if ((m = EN_APPROX_AFTER.exec(after))) q.approx = m[1]!.toLowerCase();
    if ((m = EN_DIRECTION_BEFORE.exec(before) ?? EN_DIRECTION_OF.exec(before) ?? EN_DIRECTION_BY.exec(before) ?? EN_DIRECTION_AFTER.exec(after))) {
      q.direction = m[1]!.toLowerCase();
      const from = clauseStart(s, f.start, 200);
      let to = s.slice(f.end).search(/[,;.](?:\s|$)/);
      to = to < 0 ? s.length : f.end + to;
      const b = EN_BASE.exec(s.slice(from, to));
      if (b) q.basePeriod = b[1]!.toLowerCase();
    }
  } else {
    const approxBefore = wordEndingAt(s, skipSpaceBack(s, f.start), ZH_APPROX_BEFORE);
    const afterAt = skipSpace(s, f.end);
    const approx = approxBefore ? (approxBefore === '约为' ? '约' : approxBefore) : wordStartingAt(s, afterAt, ZH_APPROX_AFTER);
    if (approx) q.approx = approx;
    else if ((s[afterAt] === '内' || s.startsWith('之内', afterAt)) && (f.kind === 'date' || f.unit === 'year' || f.unit === 'day' || f.unit === 'month')) q.approx = '内';
    const d = zhDirection(s, f.start);
    if (d) {
      q.direction = d.verb;
      const from = clauseStart(s, d.at, 60);
      const base = lastBasePeriod(s, from, d.at);
      if (base) q.basePeriod = base;
      else {
        // 与上年比，第一产业…上升3.82个百分点: the base period opens the sentence in its own clause.
        const sentenceStart = Math.max(s.lastIndexOf('。', from), s.lastIndexOf('！', from), s.lastIndexOf('？', from), s.lastIndexOf('!', from), s.lastIndexOf('?', from)) + 1;
        // Every such clause has a 比 in it; most sentences have none before the figure.
        const lead = s.lastIndexOf('比', from) >= sentenceStart ? [...s.slice(sentenceStart, from).matchAll(ZH_BASE_CLAUSE)] : [];
        if (lead.length) q.basePeriod = lead[lead.length - 1]![1];
      }
    }
  }
  if (f.approx && !q.approx) q.approx = f.approx;
}
