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

const ZH_APPROX_BEFORE = /(大约|约为|约|将近|接近|近|超过|超|逾|不足|不到|至少|突破|多于|少于|高于|低于|不少于|不低于|不超过|最高|最多|上万)\s*$/;
const ZH_APPROX_AFTER = /^\s*(以上|以下|左右|上下|以内|之内|多)/;
const EN_APPROX_BEFORE = /\b(about|around|approximately|roughly|nearly|almost|over|more than|less than|fewer than|under|up to|at least|at most|some|close to|just over|just under|an estimated|estimated|circa)\s+$|(~)\s*$/i;
const EN_APPROX_AFTER = /^\s*(or more|or so|or less|plus)\b/i;

const ZH_DIRECTION = /(?<!新)(净增加|净增长|净增|增长|增加|提高|提升|上升|上涨|回升|扩大|攀升|增|涨|升|下降|减少|降低|下滑|下跌|回落|收窄|缩小|缩减|降|跌|减)(?:了)?(?:约|近|超过|超|逾|达到?)?\s*$/;
const ZH_BASE =
  /(同比|环比|比上年同期|比上年|较上年同期|较上年|比去年同期|比去年|较去年同期|较去年|比上月|较上月|比上季度|较上季度|比年初|较年初|比上年末|较上年末|[比较]\d{4}年(?:同期)?|与上年同期相比|与上年相比|与上年比|与去年同期相比|与去年相比|与去年比)/g;
const ZH_BASE_CLAUSE = /(与上年同期相比|与上年相比|与上年比|与去年同期相比|与去年相比|与去年比|同比|环比)\s*[,，]/g;

const EN_VERBS =
  'rose|fell|increased|decreased|grew|declined|dropped|climbed|jumped|surged|slipped|slid|eased|gained|lost|plunged|soared|tumbled|rises|falls|increases|decreases|grows|declines|rising|falling|risen|fallen|shrank|contracted|expanded|up|down';
const EN_DIRECTION_BEFORE = new RegExp(
  String.raw`\b(${EN_VERBS})(?:\s+(?:by|a further|an?|slightly|sharply|strongly|just))*\s*(?:(?:about|around|nearly|almost|over|more than|some)\s+)?(?:\S+\s*\(\s*)?$`,
  'i',
);
const EN_NOUNS = 'increase|decrease|rise|fall|drop|decline|growth|gain|loss|jump|reduction|contraction|expansion';
const EN_DIRECTION_OF = new RegExp(String.raw`\b(${EN_NOUNS})\s+of\s*(?:(?:about|around|nearly|almost|over|more than|some)\s+)?$`, 'i');
const EN_DIRECTION_AFTER = new RegExp(String.raw`^\s*\)?\s*(?:\([^)]*\)\s*)?(${EN_NOUNS}|higher|lower)\b`, 'i');
const EN_BASE =
  /\b(year[- ]on[- ]year|yoy|y\/y|from a year (?:earlier|ago|before)|over the (?:past )?year|through the year|month[- ]on[- ]month|quarter[- ]on[- ]quarter|(?:on|from) the previous (?:month|quarter|year)|compared (?:with|to) (?:the )?(?:previous|same|last|a year) \w+(?: \w+)?|on (?:the )?(?:same|corresponding) (?:period|month|quarter) (?:last|a|of the previous) year)\b/i;

const CLAUSE_STOP = /[,，;；。:：!！?？]/;

function clauseStart(s: string, pos: number, limit: number): number {
  for (let i = pos - 1; i >= Math.max(0, pos - limit); i--) if (CLAUSE_STOP.test(s[i]!)) return i + 1;
  return Math.max(0, pos - limit);
}

/** Approximation, direction and base period of a figure [f.start, f.end) in line `s`. */
export function qualify(s: string, f: Found, english: boolean): Qualifiers {
  const q: Qualifiers = {};
  const before = s.slice(Math.max(0, f.start - 40), f.start);
  const after = s.slice(f.end, f.end + 24);
  let m: RegExpExecArray | null;
  if (english) {
    if ((m = EN_APPROX_BEFORE.exec(before))) q.approx = (m[1] ?? m[2]!).toLowerCase();
    else if ((m = EN_APPROX_AFTER.exec(after))) q.approx = m[1]!.toLowerCase();
    if ((m = EN_DIRECTION_BEFORE.exec(before) ?? EN_DIRECTION_OF.exec(before) ?? EN_DIRECTION_AFTER.exec(after))) {
      q.direction = m[1]!.toLowerCase();
      const from = clauseStart(s, f.start, 200);
      let to = s.slice(f.end).search(/[,;.](?:\s|$)/);
      to = to < 0 ? s.length : f.end + to;
      const b = EN_BASE.exec(s.slice(from, to));
      if (b) q.basePeriod = b[1]!.toLowerCase();
    }
  } else {
    if ((m = ZH_APPROX_BEFORE.exec(before))) q.approx = m[1] === '约为' ? '约' : m[1];
    else if ((m = ZH_APPROX_AFTER.exec(after))) q.approx = m[1];
    else if (/^\s*(?:内|之内)/.test(after) && (f.kind === 'date' || f.unit === 'year' || f.unit === 'day' || f.unit === 'month')) q.approx = '内';
    const from = clauseStart(s, f.start, 60);
    const clause = s.slice(from, f.start);
    const d = ZH_DIRECTION.exec(clause);
    if (d) {
      q.direction = d[1];
      const bases = [...clause.slice(0, d.index).matchAll(ZH_BASE)];
      if (bases.length) q.basePeriod = bases[bases.length - 1]![1];
      else {
        // 与上年比，第一产业…上升3.82个百分点: the base period opens the sentence in its own clause.
        const lead = [...s.slice(0, from).matchAll(ZH_BASE_CLAUSE)];
        const last = lead[lead.length - 1];
        if (last && !/[。!！?？]/.test(s.slice(last.index, from))) q.basePeriod = last[1];
      }
    }
  }
  if (f.approx && !q.approx) q.approx = f.approx;
  return q;
}
