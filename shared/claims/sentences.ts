/**
 * Line and sentence splitting. Detection works line by line (a line is a
 * paragraph, a heading or a table row), so a sentence never crosses a newline.
 */

/** A [start, end) range of UTF-16 offsets. */
export interface Range {
  start: number;
  end: number;
}

/** The lines of `text` as ranges that exclude the `\n` (a CRLF line keeps its `\r`). */
export function splitLines(text: string): Range[] {
  const lines: Range[] = [];
  let start = 0;
  for (;;) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) {
      lines.push({ start, end: text.length });
      return lines;
    }
    lines.push({ start, end: nl });
    start = nl + 1;
  }
}

const SPACE = new Set([' ', '\t', '\r', '\u3000', '\u00a0']);
const CLOSERS = new Set('”’"\')）」』】');
/** A sentence ends after 。！？!? (repeated), or after `.` that a space, a closer or the end follows. */
const TERMINATOR = /[。！？!?]+|\.(?=[\s”’"')）」』】]|$)/g;

function pushTrimmed(line: string, out: Range[], start: number, end: number): void {
  while (start < end && SPACE.has(line[start]!)) start++;
  while (end > start && SPACE.has(line[end - 1]!)) end--;
  if (end > start) out.push({ start, end });
}

/**
 * Sentences of one line: each ends after 。！？!? or after an English `.`
 * followed by a space or the end (so not a decimal point), takes any closing
 * quotes with it, and excludes surrounding white space.
 */
export function sentenceRanges(line: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  TERMINATOR.lastIndex = 0;
  for (let m = TERMINATOR.exec(line); m; m = TERMINATOR.exec(line)) {
    let end = m.index + m[0].length;
    while (end < line.length && CLOSERS.has(line[end]!)) end++;
    pushTrimmed(line, out, start, end);
    start = end;
    TERMINATOR.lastIndex = end;
  }
  pushTrimmed(line, out, start, line.length);
  return out;
}

/** The sentence (from `sentences`) that holds offset `pos`; falls back to the whole line. */
export function sentenceAt(sentences: Range[], pos: number, lineLength: number): Range {
  for (const s of sentences) if (pos >= s.start && pos < s.end) return s;
  return { start: 0, end: lineLength };
}

/** Closing mark for each opening quotation mark or bracket, by UTF-16 code. */
const CLOSER = new Map<number, number>([...'“”「」『』《》（）()【】""'].flatMap((ch, i, all) => (i % 2 ? [] : [[ch.charCodeAt(0), all[i + 1]!.charCodeAt(0)] as [number, number]])));
/** 1 at the codes of Chinese clause marks (，,；;。！!？?：:), 2 where English ones too (;!?。！？). */
const CLAUSE_MARK = new Uint8Array(0x10000);
for (const ch of '，,：:') CLAUSE_MARK[ch.charCodeAt(0)] = 1;
for (const ch of '；;。！!？?') CLAUSE_MARK[ch.charCodeAt(0)] = 2;
const COMMA = 44;
const COLON = 58;
const DASH = 0x2014;
const isDigitAt = (s: string, i: number) => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};
/** Words that make a comma-separated stretch a clause of its own rather than part of a reporting clause (`the council's finance director, Mark Owen, said`). */
const EN_FINITE_VERB = /\b(?:is|are|was|were|be|been|has|have|had|rose|fell|grew|will|would|did|does|do|can|could)\b/i;
const EN_REPORTING_TAIL = /^\s*(?:\S+\s+){1,8}(?:said|says|told(?:\s+\S+){1,4}|reported|added|announced)(?:\s+(?:today|yesterday|on\s+\w+|last\s+\w+|this\s+\w+|in\s+a\s+statement))?\s*[.!?]?\s*$/;

/**
 * Clauses of the sentence [sentence.start, sentence.end) of `line`, as
 * ranges trimmed of white space and of the mark that ends them.
 *
 * Chinese: a clause ends at ，,；;。！!？?：: or `——` (not between digits:
 * `1,234`, `2:1`). English: at `; ! ?` and the sentence end; a comma ends a
 * clause only before a trailing reporting clause (`…, Stats NZ said today`)
 * or after a leading `According to …,`, and before a trailing `, according to …`.
 * Never inside quotation marks or brackets (“” 「」 《》 （） () ""); an
 * opening mark left unclosed in the sentence is ignored.
 */
export function clauseRanges(line: string, sentence: Range, english: boolean): Range[] {
  const out: Range[] = [];
  const level = english ? 2 : 1;
  let commas: number[] | null = null;
  let start = sentence.start;
  const end = sentence.end;
  for (let i = start; i < end; i++) {
    const code = line.charCodeAt(i);
    const closer = CLOSER.get(code);
    if (closer !== undefined) {
      const close = line.indexOf(String.fromCharCode(closer), i + 1);
      if (close >= 0 && close < end) i = close;
      continue;
    }
    let cut = 0;
    const mark = CLAUSE_MARK[code]!;
    if (mark >= level) cut = 1;
    else if (!english && code === DASH && line.charCodeAt(i + 1) === DASH) cut = 2;
    else if (english && code === 46 && i === end - 1) cut = 1;
    if (cut && (code === COMMA || code === COLON) && isDigitAt(line, i - 1) && isDigitAt(line, i + 1)) cut = 0;
    if (english && code === COMMA) (commas ??= []).push(i);
    if (!cut) continue;
    pushTrimmed(line, out, start, i);
    start = i + cut;
    i += cut - 1;
  }
  pushTrimmed(line, out, start, end);
  return commas ? out.flatMap((c) => splitEnglishCommas(line, c, commas)) : out;
}

/** Splits an English clause at the commas that set off a reporting clause or an `according to` source. */
function splitEnglishCommas(line: string, clause: Range, commas: number[]): Range[] {
  const inside = commas.filter((i) => i > clause.start && i < clause.end);
  if (!inside.length) return [clause];
  const text = (a: number, b: number) => line.slice(a, b);
  // A leading `According to X,` and a trailing `, according to X`.
  if (/^according to\b/i.test(text(clause.start, clause.end))) return splitAt(line, clause, inside[0]!);
  for (const c of inside) if (/^,\s*according to\b/i.test(text(c, c + 16))) return splitAt(line, clause, c);
  // A trailing reporting clause: walk back over short comma-separated stretches without a finite verb.
  const last = inside[inside.length - 1]!;
  if (!/^\s*[^,]*\b(?:said|says|told|reported|added|announced)\b/.test(text(last + 1, clause.end))) return [clause];
  let from = last;
  for (let k = inside.length - 2; k >= 0; k--) {
    const stretch = text(inside[k]! + 1, from);
    if (stretch.trim().split(/\s+/).length > 5 || EN_FINITE_VERB.test(stretch)) break;
    from = inside[k]!;
  }
  const tail = text(from + 1, clause.end).replace(/,/g, '');
  if (!EN_REPORTING_TAIL.test(tail) || EN_FINITE_VERB.test(tail)) return [clause];
  return splitAt(line, clause, from);
}

function splitAt(line: string, clause: Range, comma: number): Range[] {
  const out: Range[] = [];
  pushTrimmed(line, out, clause.start, comma);
  pushTrimmed(line, out, comma + 1, clause.end);
  return out;
}
