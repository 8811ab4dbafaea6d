import type { RevisionPatch } from './types.js';

/** The patch that turns `oldText` into `newText`. */
export function makePatch(oldText: string, newText: string): RevisionPatch {
  void oldText; void newText;
  throw new Error('not implemented yet');
}

/** Applies a patch made by `makePatch`; throws `invalid-input` if it does not fit `text`. */
export function applyPatch(text: string, patch: RevisionPatch): string {
  void text; void patch;
  throw new Error('not implemented yet');
}
