import type { TextChange } from './types.js';

/** Applies a change set (old coordinates) to `text`. Throws `invalid-input` if it does not fit. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  void text; void changes;
  throw new Error('not implemented yet');
}

/** Sorts a change set, merges touching changes and drops no-ops; throws `invalid-input` on overlap or out-of-range. */
export function normalizeChanges(changes: readonly TextChange[], oldLength: number): TextChange[] {
  void changes; void oldLength;
  throw new Error('not implemented yet');
}

/**
 * The change set from `oldText` to `newText`, computed fast on large texts:
 * common prefix/suffix, then line (paragraph) alignment, then a character
 * diff only inside changed lines. Never splits a surrogate pair.
 */
export function computeChanges(oldText: string, newText: string): TextChange[] {
  void oldText; void newText;
  throw new Error('not implemented yet');
}
