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

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\u3000' || c === '\u00a0';
const CLOSERS = '”’"\')）」』】';

/**
 * Sentences of one line: each ends after 。！？!? or after an English `.`
 * followed by a space or the end (so not a decimal point), takes any closing
 * quotes with it, and excludes surrounding white space.
 */
export function sentenceRanges(line: string): Range[] {
  const out: Range[] = [];
  let start = 0;
  const push = (end: number) => {
    let s = start;
    let e = end;
    while (s < e && isSpace(line[s])) s++;
    while (e > s && isSpace(line[e - 1])) e--;
    if (e > s) out.push({ start: s, end: e });
  };
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    let stop = c === '。' || c === '！' || c === '？' || c === '!' || c === '?';
    if (c === '.') {
      const next = line[i + 1];
      stop = next === undefined || isSpace(next) || CLOSERS.includes(next);
    }
    if (!stop) continue;
    let end = i + 1;
    while (end < line.length && (CLOSERS.includes(line[end]!) || line[end] === c)) end++;
    push(end);
    start = end;
    i = end - 1;
  }
  push(line.length);
  return out;
}

/** The sentence (from `sentences`) that holds offset `pos`; falls back to the whole line. */
export function sentenceAt(sentences: Range[], pos: number, lineLength: number): Range {
  for (const s of sentences) if (pos >= s.start && pos < s.end) return s;
  return { start: 0, end: lineLength };
}
