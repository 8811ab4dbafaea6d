import type { DisplayDiff, DisplayDiffOptions } from './types.js';

/**
 * A readable diff between any two texts: paragraphs (lines) aligned first,
 * then words inside changed paragraph pairs, every figure one token. Always
 * returns; past `budgetMs` it falls back to paragraph level (`fellBack`).
 */
export function diffForDisplay(oldText: string, newText: string, options: DisplayDiffOptions = {}): DisplayDiff {
  void oldText; void newText; void options;
  throw new Error('not implemented yet');
}
