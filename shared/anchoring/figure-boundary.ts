// Guards the edges of an anchor: text inserted or deleted right next to a
// figure can change the figure without touching the quoted characters
// (`13.1%` → `213.1%`, `2.16` → `2.16万`, `3.1%` → `-3.1%`). This is not a
// number parser (that is shared/claims): it only tells which characters can
// continue a figure, so such edits are reported instead of passing as moves.

const figureChars = new Set('0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两%％‰');
const digits = new Set('0123456789０１２３４５６７８９');
// Separators continue a figure only between digits (`1,234`, `3.5`), not as punctuation (`45个,项目`).
const separators = new Set('.．,');
const signChars = new Set('-+−－负');
const maxRun = 32;

export function isFigureChar(ch: string): boolean {
  return figureChars.has(ch) || separators.has(ch);
}

/** The run of figure characters (and a sign) ending at `pos`. */
export function figureRunBefore(text: string, pos: number): string {
  let i = pos;
  while (i > 0 && pos - i < maxRun) {
    const ch = text[i - 1]!;
    if (figureChars.has(ch) || signChars.has(ch) || (separators.has(ch) && i >= 2 && digits.has(text[i - 2]!))) i--;
    else break;
  }
  return text.slice(i, pos);
}

/** The run of figure characters starting at `pos`. */
export function figureRunAfter(text: string, pos: number): string {
  let i = pos;
  while (i < text.length && i - pos < maxRun) {
    const ch = text[i]!;
    if (figureChars.has(ch) || (separators.has(ch) && i + 1 < text.length && digits.has(text[i + 1]!))) i++;
    else break;
  }
  return text.slice(pos, i);
}
