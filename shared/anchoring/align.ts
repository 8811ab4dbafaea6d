/** One step of a line alignment: a run of equal lines, or a gap where lines differ. */
export type LineAlignment =
  | { kind: 'equal'; oldStart: number; newStart: number; count: number }
  | { kind: 'gap'; oldStart: number; oldCount: number; newStart: number; newCount: number };

/** Splits text into lines, each keeping its `\n` (the last one may lack it). */
export function splitLines(text: string): string[] {
  void text;
  throw new Error('not implemented yet');
}

/** Aligns two lists of lines (paragraphs): unique lines first (patience), Myers inside what is left. */
export function alignLines(oldLines: readonly string[], newLines: readonly string[]): LineAlignment[] {
  void oldLines; void newLines;
  throw new Error('not implemented yet');
}
