import type { AnchorOutcome, ReanchorOptions, TextAnchor } from './types.js';

/**
 * Maps every anchor from `oldText` to `newText`, through `options.changes` when
 * the caller knows them, else through a computed change set; falls back to a
 * quote + context search for anchors whose span was removed or whose quote no
 * longer matches `oldText`. One outcome per anchor, in input order.
 */
export function reanchor(
  anchors: readonly TextAnchor[],
  oldText: string,
  newText: string,
  options: ReanchorOptions = {},
): AnchorOutcome[] {
  void anchors; void oldText; void newText; void options;
  throw new Error('not implemented yet');
}
