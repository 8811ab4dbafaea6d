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
