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

const OPENERS: Record<string, string> = { '“': '”', '「': '」', '『': '』', '《': '》', '（': '）', '(': ')', '【': '】' };
/** Chinese clause marks; `——` is handled apart. */
const ZH_CLAUSE_MARKS = new Set('，,；;。！!？?：:');
const EN_CLAUSE_MARKS = new Set(';。！？!?');
/** Words that make a comma-separated stretch a clause of its own rather than part of a reporting clause (`the council's finance director, Mark Owen, said`). */
const EN_FINITE_VERB = /\b(?:is|are|was|were|be|been|has|have|had|rose|fell|grew|will|would|did|does|do|can|could)\b/i;
const EN_REPORTING_TAIL = /^\s*(?:\S+\s+){1,8}(?:said|says|told(?:\s+\S+){1,4}|reported|added|announced)(?:\s+(?:today|yesterday|on\s+\w+|last\s+\w+|this\s+\w+|in\s+a\s+statement))?\s*[.!?]?\s*$/;

/**
 * Pairs of brackets and quotation marks inside [from, to) of `s`: for each
 * opening offset, the offset of its closer. Openers left unclosed in the
 * range are ignored, so one stray mark cannot swallow the rest of a line.
 */
function bracketPairs(s: string, from: number, to: number): Map<number, number> {
  const pairs = new Map<number, number>();
  const stack: Array<[number, string]> = [];
  let straight = -1;
  for (let i = from; i < to; i++) {
    const ch = s[i]!;
    if (ch === '"') {
      if (straight < 0) straight = i;
      else {
        pairs.set(straight, i);
        straight = -1;
      }
      continue;
    }
    const closer = OPENERS[ch];
    if (closer) stack.push([i, closer]);
    else {
      for (let k = stack.length - 1; k >= 0; k--) {
        if (stack[k]![1] !== ch) continue;
        pairs.set(stack[k]![0], i);
        stack.length = k;
        break;
      }
    }
  }
  return pairs;
}

/**
 * Clauses of the sentence [sentence.start, sentence.end) of `line`, as
 * ranges trimmed of white space and of the mark that ends them.
 *
 * Chinese: a clause ends at ，,；;。！!？?：: or `——` (not between digits:
 * `1,234`, `2:1`). English: at `; ! ?` and the sentence end; a comma ends a
 * clause only before a trailing reporting clause (`…, Stats NZ said today`)
 * or after a leading `According to …,`, and before a trailing `, according to …`.
 * Never inside quotation marks or brackets (“” 「」 《》 （） () "").
 */
export function clauseRanges(line: string, sentence: Range, english: boolean): Range[] {
  const pairs = bracketPairs(line, sentence.start, sentence.end);
  const out: Range[] = [];
  const marks = english ? EN_CLAUSE_MARKS : ZH_CLAUSE_MARKS;
  const commas: number[] = [];
  let start = sentence.start;
  for (let i = sentence.start; i < sentence.end; i++) {
    const close = pairs.get(i);
    if (close !== undefined) {
      i = close;
      continue;
    }
    const ch = line[i]!;
    let cut = 0;
    if (marks.has(ch)) cut = 1;
    else if (!english && ch === '—' && line[i + 1] === '—') cut = 2;
    else if (english && ch === '.' && i === sentence.end - 1) cut = 1;
    if (cut && (ch === ',' || ch === ':') && /\d/.test(line[i - 1] ?? '') && /\d/.test(line[i + 1] ?? '')) cut = 0;
    if (english && ch === ',') commas.push(i);
    if (!cut) continue;
    pushTrimmed(line, out, start, i);
    start = i + cut;
    i += cut - 1;
  }
  pushTrimmed(line, out, start, sentence.end);
  return english && commas.length ? out.flatMap((c) => splitEnglishCommas(line, c, commas)) : out;
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
