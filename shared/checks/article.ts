/**
 * What the checks read around a figure: its sentence, clause and paragraph,
 * the words that name it (its label), the direction word that governs it,
 * and the year the article speaks of. Figures themselves always come from
 * the claim engine; this module only reads the words between them.
 */
import { parseNumber } from '../claims/index.js';
import { cachedByText } from './cache.js';
import type { CheckClaim } from './types.js';

export interface Span {
  start: number;
  end: number;
}

/** Claims that measure an amount of something (not rates, dates, ranks). */
export function isAmount(c: CheckClaim): boolean {
  return (c.kind === 'money' || c.kind === 'count' || c.kind === 'quantity') && c.value !== null && Number.isFinite(c.value);
}

export function isPercent(c: CheckClaim): boolean {
  return c.kind === 'percent' && c.unit === '%' && c.value !== null;
}

/** A sentence ends at 。！？!? or a newline, and at a full stop followed by a space (never at a decimal point). */
function endsSentence(text: string, i: number): boolean {
  const ch = text[i]!;
  if (/[。！？!?\n]/.test(ch)) return true;
  return ch === '.' && (i + 1 >= text.length || /\s/.test(text[i + 1]!));
}

/** The claim's sentence: the engine's range when it gave one, else the text between sentence marks. */
export function sentenceOf(text: string, c: Pick<CheckClaim, 'start' | 'end' | 'sentence'>): Span {
  if (c.sentence) return c.sentence;
  let start = c.start;
  while (start > 0 && !endsSentence(text, start - 1)) start--;
  let end = c.end;
  while (end < text.length && !endsSentence(text, end)) end++;
  if (end < text.length && text[end] !== '\n') end++;
  return { start, end };
}

/** The paragraph (line) holding an offset. */
export function paragraphOf(text: string, pos: number): Span {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  const nl = text.indexOf('\n', pos);
  return { start, end: nl < 0 ? text.length : nl };
}

export function sameSentence(text: string, a: CheckClaim, b: CheckClaim): boolean {
  const s = sentenceOf(text, a);
  return b.start >= s.start && b.end <= s.end;
}

// Clause marks (commas, semicolons, colons), as char codes: tested once per character of long articles, where a regex per character is slow.
const clauseMarkCodes = new Set([...',，;；:：'].map((ch) => ch.charCodeAt(0)));
const isClauseMark = (text: string, i: number) => clauseMarkCodes.has(text.charCodeAt(i));

/** Number of clause marks (commas, semicolons, colons) in a stretch of text. */
export function clauseMarks(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (isClauseMark(s, i)) n++;
  return n;
}

const sortedCache = new WeakMap<readonly CheckClaim[], CheckClaim[]>();

/** Claims sorted by position (the engine returns them so; stored claims may not be). Cached: the same array gives the same result. */
export function byPosition<T extends CheckClaim>(claims: readonly T[]): T[] {
  let sorted = sortedCache.get(claims);
  if (!sorted) {
    sorted = [...claims].sort((a, b) => a.start - b.start || a.end - b.end);
    sortedCache.set(claims, sorted);
    sortedCache.set(sorted, sorted);
  }
  return sorted as T[];
}

interface ClaimIndex {
  text: string;
  /** Memoized per-claim readings (clause context, direction), which every check asks for. */
  memo: Map<string, Map<CheckClaim, unknown>>;
  /** Readings of whole sentences (their clauses), by sentence span. */
  sentences: Map<string, Clauses>;
  /** Heading lines and the periods they name, by the article year asked with. */
  headings: Map<number | null, Heading[]>;
  /** End of the last figure before each claim (not overlapping it), or -1. */
  previousEnd: Map<CheckClaim, number>;
  /** The figure before each claim in text order. */
  previous: Map<CheckClaim, CheckClaim>;
  sentence: Map<CheckClaim, Span>;
  inSentence: Map<string, CheckClaim[]>;
}

const indexCache = new WeakMap<readonly CheckClaim[], ClaimIndex>();

// One pass over an article's claims, so that the checks stay linear in long articles.
function indexFor(text: string, claims: readonly CheckClaim[]): ClaimIndex {
  const cached = indexCache.get(claims);
  if (cached && cached.text === text) return cached;
  const sorted = byPosition(claims);
  const index: ClaimIndex = { text, memo: new Map(), sentences: new Map(), headings: new Map(), previousEnd: new Map(), previous: new Map(), sentence: new Map(), inSentence: new Map() };
  let maxEnd = -1;
  sorted.forEach((c, i) => {
    let prev = maxEnd;
    if (prev > c.start) {
      prev = -1;
      for (let j = i - 1; j >= 0; j--) if (sorted[j]!.end <= c.start) prev = Math.max(prev, sorted[j]!.end);
    }
    index.previousEnd.set(c, prev);
    if (i > 0) index.previous.set(c, sorted[i - 1]!);
    maxEnd = Math.max(maxEnd, c.end);
    const s = sentenceOf(text, c);
    index.sentence.set(c, s);
    const key = `${s.start}:${s.end}`;
    const list = index.inSentence.get(key);
    if (list) list.push(c);
    else index.inSentence.set(key, [c]);
  });
  indexCache.set(claims, index);
  return index;
}

/** Computes `f` once per claim and article: the checks ask the same questions of each figure many times. */
export function memoized<T>(name: string, text: string, claims: readonly CheckClaim[], c: CheckClaim, f: () => T): T {
  const index = indexFor(text, claims);
  let table = index.memo.get(name);
  if (!table) index.memo.set(name, (table = new Map()));
  if (table.has(c)) return table.get(c) as T;
  const v = f();
  table.set(c, v);
  return v;
}

/** The figure before `c` in text order, if any. */
export function previousClaim(text: string, claims: readonly CheckClaim[], c: CheckClaim): CheckClaim | undefined {
  return indexFor(text, claims).previous.get(c);
}

/** The figures of a sentence, in text order. */
export function claimsInSentence(text: string, claims: readonly CheckClaim[], s: Span): CheckClaim[] {
  return indexFor(text, claims).inSentence.get(`${s.start}:${s.end}`) ?? byPosition(claims).filter((o) => o.start >= s.start && o.end <= s.end);
}

/** Where the text before a figure starts: after the previous figure, or at its sentence's start. */
function contextStart(text: string, claims: readonly CheckClaim[], c: CheckClaim): number {
  const index = indexFor(text, claims);
  const sentence = index.sentence.get(c) ?? sentenceOf(text, c);
  const prev = index.previousEnd.get(c);
  if (prev === undefined) {
    let from = sentence.start;
    for (const o of claims) if (o.end <= c.start && o.end > from) from = o.end;
    return from;
  }
  return Math.max(sentence.start, prev);
}

/**
 * The words right before a figure that say what it counts, from the start of
 * its clause (or the previous figure) to the figure: `项目总投资` for
 * `项目总投资305.7亿元`, `goods and services credits` for `… credits rose 1%`.
 * Leading approximation and copula words are dropped.
 */
export function clauseContext(text: string, claims: readonly CheckClaim[], c: CheckClaim): string {
  return memoized('context', text, claims, c, () => readClauseContext(text, claims, c));
}

function readClauseContext(text: string, claims: readonly CheckClaim[], c: CheckClaim): string {
  let from = contextStart(text, claims, c);
  for (let i = c.start - 1; i >= from; i--) {
    if (isClauseMark(text, i)) {
      from = i + 1;
      break;
    }
  }
  return text
    .slice(from, c.start)
    .replace(/\s+/g, ' ')
    .replace(/(约|大约|近|将近|接近|超过|超|逾|达到|达|为|是|共计|共|合计|累计|完成|实现|总计|高达|仅|只有|about|around|nearly|almost|over|more than|some|of|at|to|was|were|is|are|totalled|totaled|reached)\s*$/i, '')
    .replace(/(约|大约|近|将近|接近|超过|超|逾|达到|达|为|是|共计|共|合计|累计|完成|实现|总计|高达|仅|只有|about|around|nearly|almost|over|more than|some|of|at|to|was|were|is|are|totalled|totaled|reached)\s*$/i, '')
    .replace(/^[\s、)）(（“”"'》《·—-]+|[\s、(（“”"'》《·—-]+$/g, '');
}

/** The noun that names a figure: its clause context after the last `、`, `等` or `的` (`产业项目` in `…、东方雨虹等产业项目13个`). */
export function label(text: string, claims: readonly CheckClaim[], c: CheckClaim): string {
  const ctx = clauseContext(text, claims, c);
  const cut = Math.max(ctx.lastIndexOf('、'), ctx.lastIndexOf('等'), ctx.lastIndexOf('的'));
  return (cut >= 0 ? ctx.slice(cut + 1) : ctx).trim();
}

/**
 * A figure used as a size class rather than an amount: `500万元以上工业项目`,
 * `10亿元以上重大项目`, `超亿元企业`. It is neither a part, a whole nor a
 * quantity that can be stated twice.
 */
export function isThreshold(text: string, c: CheckClaim): boolean {
  const after = text.slice(c.end, c.end + 8);
  if (/^(及以上|以上|及以下|以下|以内)的?[\u4e00-\u9fff]/.test(after) && !/^(及以上|以上|及以下|以下|以内)的?(和|与|及|或|同比|比|较|增|下降|减|占)/.test(after)) return true;
  const approx = c.approx?.trim() ?? '';
  return /^(超|超过|逾)$/.test(approx) && /^的?[\u4e00-\u9fff]/.test(after) && !/^的?(和|与|及|或|同比|比|较|增|下降|减|占|左右|以上)/.test(after);
}

/** Words that say whose figure it is: the city's, the province's, the country's. */
export const scopeWords = /全市|全省|全区|全县|全国|全州|全镇|全园|我市|我省|本市|本省|我县|本县|我区|本区|全球|全行业/;

let scopeCache: { text: string; scope: string } | undefined;

/** The scope the article itself speaks for: the scope word (全县, 全市…) it uses most. */
export function ownScope(text: string): string {
  if (scopeCache?.text !== text) {
    const counts = new Map<string, number>();
    for (const m of text.matchAll(new RegExp(scopeWords.source, 'g'))) {
      const w = canonicalScope(m[0]);
      counts.set(w, (counts.get(w) ?? 0) + 1);
    }
    let best = '';
    for (const [w, n] of counts) if (n > (counts.get(best) ?? 0)) best = w;
    scopeCache = { text, scope: best };
  }
  return scopeCache.scope;
}

/** 我市 and 本市 are 全市 as far as scope goes. */
export function canonicalScope(word: string): string {
  return /^[我本][市省县区州镇]$/.test(word) ? `全${word.slice(-1)}` : word;
}

/** The ways an article names its own scope: 全市, 我市, 本市. */
export function ownScopeVariants(scope: string): string[] {
  const unit = scope.slice(-1);
  return /^[全我本][市省县区州镇]$/.test(scope) ? [`全${unit}`, `我${unit}`, `本${unit}`] : [scope];
}

/** Per-capita figures, averages and rates do not add up like amounts. */
export function isAverageLike(labelText: string): boolean {
  return /人均|户均|平均|均价|单价|每|率|per capita|average|per head|rate|price/i.test(labelText);
}

const upWords = ['增长', '增加', '上升', '上涨', '提高', '提升', '增幅', '增速', '扩大', 'rose', 'rise', 'rises', 'risen', 'up', 'increased', 'increase', 'increases', 'grew', 'grow', 'grows', 'growth', 'gained', 'climbed', 'jumped', 'higher'];
const downWords = ['下降', '减少', '回落', '下跌', '降低', '下滑', '缩减', '缩小', '降幅', '减幅', 'fell', 'fall', 'falls', 'fallen', 'down', 'decreased', 'decrease', 'decreases', 'declined', 'decline', 'declines', 'dropped', 'drop', 'shrank', 'lower'];

export type Direction = 'up' | 'down';

function classify(word: string): Direction | null {
  const w = word.toLowerCase();
  if (downWords.some((d) => w.includes(d))) return 'down';
  if (upWords.some((u) => w.includes(u))) return 'up';
  return null;
}

/** Text between the previous figure (or the clause start) and this one. */
export function gapBefore(text: string, claims: readonly CheckClaim[], c: CheckClaim): string {
  return text.slice(contextStart(text, claims, c), c.start);
}

/**
 * Whether a percentage is a rate of change, and which way: `同比增长190.6%`
 * → up, `下降0.35%` → down, `rose 1%` → up. A level reached (`增长到30%`,
 * `rose to 5%`) is not a rate of change.
 */
export function changeDirection(text: string, claims: readonly CheckClaim[], c: CheckClaim): Direction | null {
  return memoized('direction', text, claims, c, () => readDirection(text, claims, c));
}

function readDirection(text: string, claims: readonly CheckClaim[], c: CheckClaim): Direction | null {
  const gap = gapBefore(text, claims, c);
  // Only the words right before the figure govern it: the last clause of the gap.
  const parts = gap.split(/[,，;；:：]/);
  const near = parts[parts.length - 1]!;
  if (/(到|至|\bto|\bat)$/i.test(near.replace(/[\s(（]+$/, ''))) return null;
  const fromEngine = c.direction ? classify(c.direction) : null;
  if (fromEngine) return fromEngine;
  // The last direction word in the clause, with only filler after it.
  const m = near.match(/(增长|增加|上升|上涨|提高|提升|下降|减少|回落|下跌|降低|下滑|缩减|\b(?:rose|rise|rises|risen|(?<!\b(?:made|make|makes|making|took|take|takes|taking|picked|picks)\s)up|increased|increase|grew|gained|climbed|jumped|fell|fall|falls|down|decreased|decrease|declined|dropped|shrank)\b)([^增减升降涨跌]*)$/i);
  if (m) return /^\s*(了|by|of)?\s*[(（]?\s*$/i.test(m[2]!) ? classify(m[1]!) : null;
  // `增幅达24.5%`, `降幅为3%`: the rate named as a noun, then a copula.
  const noun = near.match(/(增幅|增速|涨幅|降幅|跌幅|减幅)\s*(达到|达|为|是|约|高达|仅为|仅)?\s*$/);
  return noun ? classify(noun[1]!) : null;
}

/** Words that say the figures are parts of the one stated before. */
// `…45个,包括5A级景区3个…`, `…$4.8 billion, including $1.9 billion from services`: after a comma only, and never `包括…在内` (which names the whole).
export const partsCue = /其中|of which|of whom|(?<=[,，]\s*)(?:包括|including)(?![^,，。;；]*在内)/gi;

/** The year a sentence speaks of, when it names exactly one (comparison years like `比2017年` do not count). */
export function sentenceYear(text: string, claims: readonly CheckClaim[], c: CheckClaim): number | null {
  const s = sentenceOf(text, c);
  const years = new Set<number>();
  for (const o of claimsInSentence(text, claims, s)) {
    const y = ownYear(text, o);
    if (y !== null) years.add(y);
  }
  return years.size === 1 ? [...years][0]! : null;
}

// `比2017年压缩71%`, `较2022年`, `since 2015`, `compared with 2021`: a year named only as what is compared with.
const comparisonBefore = /(比|较|与|同|相比|对比|从|自|since|from|compared with|compared to|than|over|on)\s*(?:the\s+)?$/i;

/** The year a date names as the period a figure belongs to; null for comparison years (`比2017年`, `since 2015`). */
function ownYear(text: string | undefined, c: CheckClaim): number | null {
  const y = yearOf(c);
  if (y === null || text === undefined) return y;
  return comparisonBefore.test(text.slice(Math.max(0, c.start - 12), c.start)) ? null : y;
}

/** The year a date claim names: its value for a bare year (`2022年`), else the year written in a fuller date (`2023年1-9月`, `December 2019`). */
export function yearOf(c: CheckClaim): number | null {
  if (c.kind !== 'date') return null;
  if (c.unit === 'year' && c.value !== null) return c.value;
  const m = /(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年|\b)/.exec(c.text);
  return m ? parseNumber(m[1]!) : null;
}

/**
 * The year the article speaks of: the year its dates name most often (the
 * first of equals). With the text, years named only as comparisons
 * (`分别比2017年压缩了71.3%`) do not count.
 */
export function articleYear(claims: readonly CheckClaim[], text?: string): number | null {
  return articleYearOf(claims, text)?.year ?? null;
}

/** Where an article's year comes from: the periods its figures name, or only its dateline. */
export interface ArticleYear {
  year: number;
  source: 'figures' | 'dateline';
}

/**
 * The year an article's figures belong to, and where it comes from: the year
 * the periods of its figures name most often (the first of equals), not
 * counting years named only as comparisons nor the dateline — a December 2023
 * quarter release dated 2024 is about 2023; an article whose figures name no
 * year is taken to be about the year of its dateline.
 */
export function articleYearOf(claims: readonly CheckClaim[], text?: string): ArticleYear | null {
  const counts = new Map<number, number>();
  let dateline: number | null = null;
  for (const c of byPosition(claims)) {
    const y = ownYear(text, c);
    if (y === null || y < 1900 || y > 2100) continue;
    if (text !== undefined && isDateline(text, c)) dateline ??= y;
    else counts.set(y, (counts.get(y) ?? 0) + 1);
  }
  let best: number | null = null;
  let bestN = 0;
  for (const [y, n] of counts) if (n > bestN) [best, bestN] = [y, n];
  if (best !== null) return { year: best, source: 'figures' };
  return dateline !== null ? { year: dateline, source: 'dateline' } : null;
}

const DATELINE_BEFORE = /^\s*(?:[A-Z][A-Z .'-]{1,40}(?:\([^)\n]{0,30}\))?\s*,?|——|[（(]|(?:本报讯|新华社|中新社)[^，。\n]{0,12})?\s*$/;
const DATELINE_AFTER = /^\s*(?:[—–-]|电|在|[（(]|\d{1,2}[:：]\d{2}|$)/;
const DAY_PRECISION = /日|\b\d{1,2}\s+[A-Z][a-z]+\s+(?:19|20)\d\d|\b[A-Z][a-z]+\s+\d{1,2},?\s+(?:19|20)\d\d|(?:19|20)\d\d[-/.]\d{1,2}[-/.]\d{1,2}/;

/**
 * Whether a date is the article's dateline — the day it was issued, at the
 * head of one of its first lines (`DUNEDIN, 14 February 2024 —`,
 * `——2024年1月15日在…会议上`) — rather than a period its figures cover.
 */
export function isDateline(text: string, c: CheckClaim): boolean {
  if (c.kind !== 'date' || c.start > 600 || !DAY_PRECISION.test(c.text)) return false;
  const lineStart = text.lastIndexOf('\n', c.start - 1) + 1;
  const lineEnd = text.indexOf('\n', c.end);
  return DATELINE_BEFORE.test(text.slice(lineStart, c.start)) && DATELINE_AFTER.test(text.slice(c.end, lineEnd < 0 ? undefined : Math.min(lineEnd, c.end + 8)));
}

/** Date expressions (any kind) in a sentence, as printed, to tell figures for different periods apart. */
export function sentenceDates(text: string, claims: readonly CheckClaim[], c: CheckClaim): string[] {
  const s = sentenceOf(text, c);
  return claimsInSentence(text, claims, s)
    .filter((o) => o.kind === 'date')
    .map((o) => o.text);
}

// Words that set the period a figure covers. Base-period words (上年, a year earlier) name the period of their own clause only.
const framePeriod =
  /上半年|下半年|前三季度|第?[一二三四1-4]季度|[0-9０-９一二三四五六七八九十]+[-—至到~～][0-9０-９一二三四五六七八九十]+月份?|前[0-9一二三四五六七八九十]+个?月|当月|本月|年末|年底|年初|年中|季末|月末|累计|[两三四五六七八九十]年(?!度)|“?十[一二三四五]五”?|first[- ]half|second[- ]half|(?:first|second|third|fourth)[- ]quarter|\bq[1-4]\b|\bh[12]\b|(?:first )?(?:three|six|nine) months|year[- ]to[- ]date|cumulative/gi;
const basePeriod = /上年|去年|同期|上一年|前一年|a year earlier|a year ago|last year|previous year|prior year|year before/gi;
// Plans and targets are not statements of what happened.
const planWords = /目标|预期|计划|力争|预计|争取|规划|拟|将(?:达到|突破|实现)|\b(?:expects?|expected|forecasts?|targets?|plans?|planned|guidance|aims?|projected)\b/i;

function periodTokens(s: string, withBase: boolean): string[] {
  const out = (s.toLowerCase().match(framePeriod) ?? []).map((t) => t.replace(/[“”]/g, ''));
  if (withBase && basePeriod.test(s.toLowerCase())) out.push('base');
  basePeriod.lastIndex = 0;
  return out;
}

/** A sentence cut at its clause marks, each clause with its figures taken out, read once for all its figures. */
interface Clauses {
  starts: number[];
  ends: number[];
  stripped: string[];
  /** Period words and dates of each clause (`own` with base-period words), filled in as asked. */
  tokens: Map<string, string[]>;
  /** What each clause says about the basis of the figures after it (`in trend terms`, `按可比价格计算`), or ''. */
  basis: string[] | undefined;
}

function clausesOf(text: string, claims: readonly CheckClaim[], s: Span): Clauses {
  const index = indexFor(text, claims);
  const key = `${s.start}:${s.end}`;
  let out = index.sentences.get(key);
  if (!out) {
    const starts = [s.start];
    for (let i = s.start; i < s.end; i++) if (isClauseMark(text, i)) starts.push(i + 1);
    const ends = starts.map((_, k) => (k + 1 < starts.length ? starts[k + 1]! - 1 : s.end));
    const inSentence = claimsInSentence(text, claims, s);
    out = { starts, ends, stripped: starts.map((from, k) => stripClaims(text, inSentence, from, ends[k]!)), tokens: new Map(), basis: undefined };
    index.sentences.set(key, out);
  }
  return out;
}

/** The clause of a sentence that holds offset `pos`. */
function clauseAt(clauses: Clauses, pos: number): number {
  let k = clauses.starts.length - 1;
  while (k > 0 && clauses.starts[k]! > pos) k--;
  return k;
}

/**
 * The period a figure covers, as a comparable key: the dates and period words
 * (`上半年`, `第四季度`, `1-9月`, `累计`, `first half`, `in 2018`) of its own
 * clause, else of the nearest clause before it in the sentence that names
 * one; plus `plan` in a sentence of targets. The article's own year and
 * whole-year words (全年, 报告期内) are the default period and add nothing.
 */
export function periodOf(text: string, claims: readonly CheckClaim[], c: CheckClaim, year: number | null): string {
  return memoized('period', text, claims, c, () => {
    const s = sentenceOf(text, c);
    const clauses = clausesOf(text, claims, s);
    const inSentence = claimsInSentence(text, claims, s);
    const tokensIn = (k: number, own: boolean): string[] => {
      const key = `${k}:${own}:${year}`;
      let words = clauses.tokens.get(key);
      if (words) return words;
      const from = clauses.starts[k]!;
      const to = clauses.ends[k]!;
      words = periodTokens(clauses.stripped[k]!, own);
      for (const o of inSentence) {
        if (o.kind !== 'date' || o.start < from || o.end > to || isDateline(text, o)) continue;
        const y = ownYear(text, o);
        if (y === null && yearOf(o) !== null) continue;
        if (y !== null && y === year && /^\s*(?:(?:19|20)[0-9]{2}\s*年?|(?:fy|fiscal)?\s*(?:19|20)[0-9]{2})\s*$/i.test(o.text)) continue;
        words.push(o.text.replace(/\s+/g, '').toLowerCase());
      }
      clauses.tokens.set(key, words);
      return words;
    };
    const k = clauseAt(clauses, c.start);
    let tokens = tokensIn(k, true);
    for (let j = k - 1; j >= 0 && !tokens.length; j--) tokens = tokensIn(j, false);
    // `四季度经营情况` / `Fourth-quarter highlights` over the paragraphs after it.
    tokens = tokens.length ? [...tokens] : headingPeriod(text, claims, s.start, year);
    if (planWords.test(text.slice(s.start, c.start))) tokens.push('plan');
    return [...new Set(tokens)].sort().join('|');
  });
}

/**
 * The period a section heading sets for the paragraphs under it: the nearest
 * heading line before `pos` (a short line with no sentence or clause marks)
 * that names one. The article's own year adds nothing.
 */
function headingPeriod(text: string, claims: readonly CheckClaim[], pos: number, year: number | null): string[] {
  const headings = memoizedHeadings(text, claims, year);
  let found: string[] = [];
  for (const h of headings) {
    if (h.start >= pos) break;
    found = h.tokens;
  }
  return [...found];
}

interface Heading {
  start: number;
  tokens: string[];
}

function memoizedHeadings(text: string, claims: readonly CheckClaim[], year: number | null): Heading[] {
  const index = indexFor(text, claims);
  let out = index.headings.get(year);
  if (!out) {
    out = [];
    let pos = 0;
    for (const line of text.split('\n')) {
      const t = line.trim();
      // A heading: short, no sentence or clause marks. Its period words (a year other than the article's) set the period; a heading without any resets it.
      if (t && t.length <= 40 && !/[。.!?！？,，;；:：]/.test(t)) {
        const tokens = periodTokens(t, false);
        const years = t.match(/(?:19|20)[0-9]{2}/g) ?? [];
        for (const y of years) if (Number(y) !== year) tokens.push(y);
        out.push({ start: pos, tokens });
      }
      pos += line.length + 1;
    }
    index.headings.set(year, out);
  }
  return out;
}

/** Text of a stretch with the figures in it taken out (dates dropped, other figures as `#`). */
function stripClaims(text: string, inSentence: readonly CheckClaim[], from: number, to: number): string {
  let out = '';
  let pos = from;
  for (const o of inSentence) {
    if (o.start < from || o.end > to) continue;
    out += text.slice(pos, o.start) + (o.kind === 'date' ? ' ' : '#');
    pos = o.end;
  }
  return out + text.slice(pos, to);
}

const reportingFrame = /^.*\b(?:said|says|reported|reports|announced|announces|posted|posts|disclosed|showed|shows|estimated)\b(?:\s+on\s+\w+)?(?:\s+that)?\s*/;
const englishVerb =
  /\b(?:rose|fell|was|were|is|are|be|been|reached|reaches|totalled|totaled|totals|totalling|totaling|amounted|came|stood|grew|increased|decreased|declined|jumped|climbed|dropped|slipped|edged|hit|contributed|brought|generated|accounted|made|had|has|have|widened|narrowed|rising|falling|rises|falls|grows|up|down|remained|reported|posted)\b/;
const englishFunction = /\b(?:which|whom|who|of|for|in|during|at|from|to|by|on|with|as|the|a|an|and|or|but|while|its|their|our|his|her|this|that|these|those|total|about|around|some|nearly|almost|over|more|than|roughly|approximately|per|cent|percent)\b/g;

/**
 * What quantity a figure states, to tell two mentions of one quantity from
 * figures of different things: in Chinese the words of its clause before it
 * (other figures as `#`, dates and period words out, `公司实现` reduced to
 * what is realised); in English the noun phrase that names it (`revenue` in
 * `its revenue for 2019 rose 9.6 per cent to …` and in `the group's revenue
 * reached …`, `revenue from mainland china` apart), plus any qualifier after
 * the figure in its clause (`in Europe`). Null when too little is named.
 */
export function measureName(text: string, claims: readonly CheckClaim[], c: CheckClaim): string | null {
  return memoized('measure', text, claims, c, () => readMeasureName(text, claims, c));
}

function readMeasureName(text: string, claims: readonly CheckClaim[], c: CheckClaim): string | null {
  const s = sentenceOf(text, c);
  const clauses = clausesOf(text, claims, s);
  const starts = clauses.starts;
  const k = clauseAt(clauses, c.start);
  const clauseEnd = clauses.ends[k]!;
  const inSentence = claimsInSentence(text, claims, s);
  const before = stripClaims(text, inSentence, starts[k]!, c.start).replace(/[’‘]/g, "'").replace(/[\s“”"《》()（）]+/g, ' ').trim().toLowerCase();
  const after = stripClaims(text, inSentence, c.end, clauseEnd).replace(/[\s“”"'‘’《》()（）。.!?！？]+/g, ' ').trim().toLowerCase();
  const basis = leadingBasis(clauses, k);
  if (/[\u4e00-\u9fff]/.test(before)) {
    // The article's own scope (全市 in a city's report) goes without saying: `全市外贸进出口总额` is `外贸进出口总额`.
    const own = ownScope(text);
    const unscoped = (s: string) => (own ? ownScopeVariants(own).reduce((acc, w) => acc.split(w).join(''), s) : s);
    let name = zhName(unscoped(before));
    // `高新区新引进项目18个,签约金额96.5亿元`: a clause that goes on from a figure names what that figure counted.
    if (k > 0) {
      const previous = clauses.stripped[k - 1]!.trim().toLowerCase();
      if (/#\s*$/.test(previous)) name = zhName(unscoped(previous)) + name;
    }
    const han = (name.match(/[\u4e00-\u9fff]/g) ?? []).length;
    return han >= 4 ? name + basis : null;
  }
  const phrase = before.replace(reportingFrame, '').replace(/#/g, ' ');
  const cut = phrase.search(englishVerb);
  let subject = (cut >= 0 ? phrase.slice(0, cut) : phrase).replace(/\b(?:the\s+)?(?:company|group|firm|bank|city|country|government|port|region|state)'s\b/g, ' ');
  // `its revenue for the 2023 financial year`, `annual revenue`: the period is the article's year, not part of the name.
  subject = subject.replace(englishFunction, ' ').replace(/\b(?:annual|yearly|full[- ]year|financial|fiscal|year)\b/g, ' ').replace(/[^a-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
  let qualifier = after.replace(/#/g, ' ').replace(framePeriod, ' ').replace(englishFunction, ' ').replace(/\b(?:year|month|quarter|fiscal)\b/g, ' ').replace(/[^a-z' -]+/g, ' ').replace(/\s+/g, ' ').trim();
  // `… of $824 million was a record for the company`: what is said of the figure, not what it measures.
  if (/^(?:was|is|were|are|remained|marked|made)\b/.test(qualifier)) qualifier = '';
  if (subject.replace(/[^a-z]/g, '').length < 4) return null;
  return (qualifier ? `${subject} | ${qualifier}` : subject) + basis;
}

/** A Chinese clause reduced to what it names: no periods, no `公司实现`, no trailing copula. Clauses repeat: each is reduced once. */
const zhName = cachedByText(readZhName);

function readZhName(clause: string): string {
  return clause
    .replace(framePeriod, '')
    .replace(basePeriod, '')
    .replace(/全年|今年|当年|本年|年内|报告期内?|其中/g, '')
    .replace(/^(该|本)?(公司|集团|企业)/, '')
    .replace(/实现|完成|录得|取得/g, '')
    .replace(/(约|大约|近|将近|接近|超过|超|逾|达到|达|为|是|共计|共|合计|总计|高达|仅|只有)\s*$/, '')
    .replace(/[\s,，、:：]+/g, '');
}

/**
 * Lead-in clauses that set the basis of the figures after them (`In trend
 * terms,`, `On a seasonally adjusted basis,`, `按可比价格计算,`, `以美元计,`):
 * the same words measured on another basis are another quantity. Periods in
 * them are the period's business, not the basis's.
 */
function leadingBasis(clauses: Clauses, k: number): string {
  clauses.basis ??= clauses.stripped.map((raw) => {
    const clause = raw.trim().toLowerCase();
    if (!/^(按|以|扣除|剔除|不含|含)[\u4e00-\u9fff]/.test(clause) && !/^(in|on|at|by|under|excluding|including)\b.*\b(terms|basis|adjusted|prices?|constant|nominal|real|currency|excluding|including)\b/.test(clause)) return '';
    const rest = clause.replace(framePeriod, ' ').replace(englishFunction, ' ').replace(/\b(?:year|month|quarter|fiscal|terms?|basis)\b/g, ' ').replace(/[^a-z\u4e00-\u9fff]+/g, ' ').trim();
    return rest === '按' || rest === '以' ? '' : rest;
  });
  const out = clauses.basis.slice(0, k).filter(Boolean);
  return out.length ? ` @ ${out.join(' ')}` : '';
}
