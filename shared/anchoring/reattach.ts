import type { AnchorCandidate, ReattachOptions, TextAnchor } from './types.js';

/**
 * Places in `text` where an anchor could be re-attached, best first: exact
 * quote matches scored by how much prefix/suffix context agrees, then places
 * where only the context matches (the figure itself was edited). For the UI.
 */
export function reattach(anchor: TextAnchor, text: string, options: ReattachOptions = {}): AnchorCandidate[] {
  void anchor; void text; void options;
  throw new Error('not implemented yet');
}
