import { splitLines } from '../claims/index.js';
import type { ArticleFormat } from '../model.js';

/** A stretch of the article's text, UTF-16 offsets. */
export interface TextRange {
  start: number;
  end: number;
}

/** A block of an article: a heading (its words without the `#` marks) or a paragraph (its lines). */
export type ArticleBlock = { kind: 'heading'; level: number; content: TextRange } | { kind: 'paragraph'; lines: TextRange[] };

/**
 * Splits an article into headings and paragraphs, keeping offsets into the
 * text so figures can be marked where they stand. Paragraphs are runs of
 * non-blank lines, as in the file; headings are Markdown ATX (`# …`) and
 * setext (`===`/`---` underlines) headings, in `.md` files only — a `#` at
 * the start of a line of a `.txt` file is part of its words.
 */
export function articleBlocks(text: string, format: ArticleFormat): ArticleBlock[] {
  const lines = splitLines(text);
  const markdown = format === 'md';
  const blocks: ArticleBlock[] = [];
  let para: TextRange[] = [];
  const flush = (): void => {
    if (para.length > 0) blocks.push({ kind: 'paragraph', lines: para });
    para = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const s = text.slice(line.start, line.end);
    if (s.trim() === '') {
      flush();
      continue;
    }
    if (markdown) {
      const atx = /^ {0,3}(#{1,6})(?:[ \t]+|$)/.exec(s);
      if (atx) {
        flush();
        let contentEnd = line.end;
        // A closing run of #s is markup too.
        const closing = /[ \t]+#+[ \t]*$|^[ \t]*#+[ \t]*$/.exec(s.slice(atx[0].length));
        if (closing) contentEnd = line.start + atx[0].length + closing.index;
        blocks.push({ kind: 'heading', level: atx[1]!.length, content: trimRange(text, { start: line.start + atx[0].length, end: contentEnd }) });
        continue;
      }
      const next = lines[i + 1];
      if (para.length === 0 && next && /^ {0,3}(=+|-+)[ \t]*$/.test(text.slice(next.start, next.end))) {
        blocks.push({ kind: 'heading', level: text.slice(next.start, next.end).trim().startsWith('=') ? 1 : 2, content: trimRange(text, line) });
        i++;
        continue;
      }
    }
    // Paragraph lines keep their white space (leading full-width or ASCII indents are the author's).
    para.push(line.end > line.start && text[line.end - 1] === '\r' ? { start: line.start, end: line.end - 1 } : line);
  }
  flush();
  return blocks;
}

function trimRange(text: string, r: TextRange): TextRange {
  let { start, end } = r;
  while (start < end && /[ \t\r]/.test(text[start]!)) start++;
  while (end > start && /[ \t\r]/.test(text[end - 1]!)) end--;
  return { start, end };
}
