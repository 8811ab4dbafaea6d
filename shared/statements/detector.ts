/**
 * Statement detection: line by line, like the claim engine, on the same
 * sentence and clause splitting (shared/claims/sentences.ts). A line's
 * quotations are found first (a quotation with a named speaker is a `quote`;
 * every quotation's words are masked so they carry no cue), then each clause
 * of each sentence is classified by the cue rules of cues.ts.
 */
import { clauseRanges, sentenceRanges, type Range } from '../claims/sentences.js';
import { chineseTriggers, classifyChinese, classifyEnglish, englishTrigger } from './cues.js';
import type { DetectedStatement, StatementCategory } from './types.js';

/** Quotation marks, opening → closing. A straight `"` closes itself. */
const QUOTE_PAIRS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '"': '"' };
/** Masked alike: the words inside a 《title》 carry no cue either. */
const TITLE_PAIRS: Record<string, string> = { '《': '》' };
const MASK = '□';
const QUOTE_MARK = /[“「『"《]/;
const NOT_BLANK = /[^\s\u3000]/;

const ZH_SPEECH_BEFORE = /(?:说|表示|指出|强调|介绍|称|认为|坦言|透露|谈到|告诉记者|感慨|回忆|直言|说道|写道)[道]?\s*[：:，,]?\s*$/;
const ZH_SPEECH_AFTER = /^[，,]?\s*([^，,。！？!?“”"]{1,24}?)(?:说|表示|指出|强调|介绍|称|认为|坦言|透露|告诉记者|感慨)/;
const ZH_NO_SPEAKER = /有人|人们|大家|网友|群众|比喻|俗话|常言/;
const EN_SPEECH_BEFORE = /\b(?:said|says|added|told\s+[\w\s]{1,30}?|explained|noted|stated|declared)\s*[:,]?\s*$/i;
const EN_SPEECH_AFTER = /^\s*,?\s*(?:[^".!?]{0,80}?\s)?(?:said|says|added|explained|noted|stated|told)\b/i;
const EN_NO_SPEAKER = /\b(?:so-called|known as|dubbed|labelled|called)\s*$/i;

const ZH_LIST_MARKER = /^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．]\s*|其[一二三]，?|——|—)\s*/;
const ZH_DATELINE = /^(?:本报讯|(?:新华社|中新社|新华网|人民网|央视网|[^\s，,。\u3000]{2,8}社)[^\s，,。\u3000]{0,14}?电)(?:[（(][^）)]{0,20}[）)])?[\s\u3000]*|^[（(](?:记者|通讯员)[^）)]{0,20}[）)][\s\u3000]*/;
const EN_DATELINE = /^[A-Z][A-Z .'-]{2,40}(?:\s*\([^)]{0,30}\))?\s*(?:,\s*[^—–]{0,40}?)?\s*[—–-]{1,2}\s+/;
const BYLINE = /^\s*[（(]?\s*(?:来源|作者|编辑|责任编辑|记者|校对|审核|通讯员|摄影|图|文)\s*[:：]|^\s*(?:Source|By|Editor|Reporting by|Editing by)\s*[:：]?\s/;
const CJK = /[\u4e00-\u9fff]/;

interface Quotation extends Range {
  /** True when a speaker is named (or it continues the previous speaker's words). */
  spoken: boolean;
}

const OPENER = /[“「『"《]/g;

/** Top-level quotations and titles of a line: [open, close] offsets, unclosed marks ignored. */
function quotedRanges(line: string): Array<Range & { quote: boolean }> {
  const out: Array<Range & { quote: boolean }> = [];
  OPENER.lastIndex = 0;
  for (let m = OPENER.exec(line); m; m = OPENER.exec(line)) {
    const ch = m[0];
    const close = line.indexOf(QUOTE_PAIRS[ch] ?? TITLE_PAIRS[ch]!, m.index + 1);
    if (close < 0) continue;
    out.push({ start: m.index, end: close + 1, quote: ch !== '《' });
    OPENER.lastIndex = close + 1;
  }
  return out;
}

/** `line.slice(start, end)` with the words inside quotations and titles masked. */
function maskedSlice(line: string, quoted: Range[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const q of quoted) {
    const a = Math.max(q.start + 1, start);
    const b = Math.min(q.end - 1, end);
    if (b <= a) continue;
    out += line.slice(at, a) + MASK.repeat(b - a);
    at = b;
  }
  return at === start ? line.slice(start, end) : out + line.slice(at, end);
}

/** Is the quotation [q.start, q.end) spoken by someone named beside it? */
function hasSpeaker(line: string, q: Range, english: boolean): boolean {
  const before = line.slice(Math.max(0, q.start - 40), q.start);
  const after = line.slice(q.end, q.end + 100);
  if (english) {
    if (EN_NO_SPEAKER.test(before)) return false;
    return EN_SPEECH_BEFORE.test(before) || EN_SPEECH_AFTER.test(after);
  }
  const clauseBefore = before.slice(before.search(/[^。！？!?]*$/));
  if (ZH_SPEECH_BEFORE.test(clauseBefore)) return !ZH_NO_SPEAKER.test(clauseBefore);
  const m = ZH_SPEECH_AFTER.exec(after);
  return m !== null && !ZH_NO_SPEAKER.test(m[1]!);
}

/** Long enough to be someone's words rather than a name, a slogan or a scare quote. */
function isSpeech(line: string, q: Range, english: boolean): boolean {
  const inner = line.slice(q.start + 1, q.end - 1);
  if (english) return inner.trim().split(/\s+/).length >= 4;
  return inner.length >= 10 || /[，,。！？!?；;]/.test(inner);
}

/** What one line hands to the next: whether it ended inside a named speaker's words. */
interface LineState {
  speakerLine: boolean;
}

/** Appends the statements of one line to `out`, offsets shifted by `offset` (where the line starts in the text). */
function scanLine(line: string, offset: number, state: LineState, out: DetectedStatement[]): void {
  const wasSpeaker = state.speakerLine;
  state.speakerLine = false;
  const english = !CJK.test(line);
  // One pass for cue triggers; a line without one (most lines of figures) is done unless it quotes someone.
  const triggers = english ? (englishTrigger(line) ? null : []) : chineseTriggers(line);
  const hasQuotes = QUOTE_MARK.test(line);
  if ((triggers?.length === 0 && !hasQuotes) || BYLINE.test(line)) return;
  const first = out.length;
  const quoted = hasQuotes ? quotedRanges(line) : [];
  const quotes: Quotation[] = [];
  if (quoted.length) {
    let previousSpoken = wasSpeaker && /^\s*[“"「『]/.test(line);
    for (const q of quoted) {
      if (!q.quote || !isSpeech(line, q, english)) continue;
      const spoken = hasSpeaker(line, q, english) || previousSpoken;
      quotes.push({ start: q.start, end: q.end, spoken });
      previousSpoken = spoken;
      if (spoken) out.push({ start: offset + q.start, end: offset + q.end, text: line.slice(q.start, q.end), category: 'quote' });
    }
    state.speakerLine = quotes.length > 0 && quotes[quotes.length - 1]!.spoken;
  }
  const spoken = quotes.filter((q) => q.spoken);
  if (triggers?.length === 0) return;
  let t = 0;
  for (const sentence of sentenceRanges(line)) {
    if (triggers) {
      while (t < triggers.length && triggers[t]! < sentence.start) t++;
      if (t === triggers.length || triggers[t]! >= sentence.end) continue;
    }
    const clauses = clauseRanges(line, sentence, english);
    let previous: StatementCategory | null = null;
    for (let k = 0; k < clauses.length; k++) {
      const c = clauses[k]!;
      if (triggers && !triggers.some((p) => p >= c.start && p < c.end)) {
        previous = null;
        continue;
      }
      // The quotation itself, or the clause naming its speaker (`王建国说`, `said X`): not marked again.
      if (spoken.some((q) => isSpeakerClause(line, c, q, english))) continue;
      const span = trimSpan(line, c, english);
      if (span.end <= span.start) continue;
      const text = maskedSlice(line, quoted, span.start, span.end);
      const next = clauses[k + 1];
      const category: StatementCategory | null = english ? classifyEnglish(text) : classifyChinese(text, next && maskedSlice(line, quoted, next.start, next.end), previous);
      previous = category;
      if (category) out.push({ start: offset + span.start, end: offset + span.end, text: line.slice(span.start, span.end), category });
    }
  }
  if (quotes.some((q) => q.spoken)) {
    const mine = out.splice(first).sort((a, b) => a.start - b.start);
    for (const m of mine) out.push(m);
  }
}

/** The quotation itself, or the clause that introduces it (`王建国表示：“`) or follows it (`”王建国说`, `," said X`). */
function isSpeakerClause(line: string, c: Range, q: Range, english: boolean): boolean {
  if (q.start < c.end && q.end > c.start) return true;
  if (q.start >= c.end && q.start - c.end <= 2) return (english ? EN_SPEECH_BEFORE : ZH_SPEECH_BEFORE).test(line.slice(c.start, q.start));
  return c.start >= q.end && c.start - q.end <= 3 && !/[。！？!?]/.test(line.slice(q.end, c.start));
}

/** A clause without its leading list marker or dateline (`一是`, `新华社西安9月27日电`, `AUCKLAND, 22 August 2024 —`). */
function trimSpan(line: string, c: Range, english: boolean): Range {
  let start = c.start;
  const head = line.slice(start, c.end);
  const m = english ? (start === 0 ? EN_DATELINE.exec(head) : null) : (ZH_LIST_MARKER.exec(head) ?? ZH_DATELINE.exec(head));
  if (m) start += m[0].length;
  while (start < c.end && /[\s\u3000]/.test(line[start]!)) start++;
  return { start, end: c.end };
}

/**
 * Finds the checkable statements of an article that are more than figures —
 * quotations with their speaker, awards, rankings, firsts and records,
 * endorsements, official events, qualitative comparisons, causes and named
 * attributions — in Chinese and English, following the guideline in
 * ../shared/fixtures/statements/README.md. Each span is the smallest run of
 * whole clauses holding the cue, inside one sentence; offsets are UTF-16.
 * Linear in the text: each line is read once.
 */
export function detectStatements(text: string): DetectedStatement[] {
  const out: DetectedStatement[] = [];
  const state: LineState = { speakerLine: false };
  for (let start = 0; start <= text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl < 0 ? text.length : nl;
    // Blank lines keep the state: a quotation may go on in the next paragraph.
    if (NOT_BLANK.test(text.slice(start, Math.min(end, start + 64))) || end - start > 64) scanLine(text.slice(start, end), start, state, out);
    start = end + 1;
  }
  return out;
}
