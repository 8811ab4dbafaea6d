import type { TextAnchor } from './types.js';

/** Code units of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const anchorContextLength = 32;

/**
 * Anchors `text.slice(start, end)`. Offsets inside a surrogate pair are
 * widened to the whole character; out-of-range offsets throw `invalid-input`.
 */
export function createAnchor(text: string, start: number, end: number): TextAnchor {
  void text; void start; void end;
  throw new Error('not implemented yet');
}
