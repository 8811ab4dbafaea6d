import { candidateAt, compareCandidates } from './context.js';
import type { AnchorCandidate, ReattachOptions, TextAnchor } from './types.js';

// Context-only candidates need this much prefix and suffix to look for.
const minContextProbe = 4;
const maxContextProbe = 16;

/**
 * Places in `text` where an anchor could be re-attached, best first: exact
 * quote matches scored by how much prefix/suffix context agrees, then places
 * where only the context matches (the figure itself was edited). For the UI:
 * nothing here decides on its own.
 */
export function reattach(anchor: TextAnchor, text: string, options: ReattachOptions = {}): AnchorCandidate[] {
  const limit = options.limit ?? 20;
  const found: AnchorCandidate[] = [];
  const seen = new Set<string>();
  const add = (start: number, end: number): void => {
    const key = `${start}:${end}`;
    if (seen.has(key)) return;
    seen.add(key);
    found.push(candidateAt(text, start, end, anchor));
  };
  if (anchor.quote.length > 0) {
    for (let at = text.indexOf(anchor.quote); at >= 0; at = text.indexOf(anchor.quote, at + 1)) add(at, at + anchor.quote.length);
  }
  const before = anchor.prefix.slice(-maxContextProbe);
  const after = anchor.suffix.slice(0, maxContextProbe);
  if (before.length >= minContextProbe && after.length >= minContextProbe) {
    const reach = Math.max(4 * anchor.quote.length, anchor.quote.length + 32);
    for (let at = text.indexOf(before); at >= 0; at = text.indexOf(before, at + 1)) {
      const start = at + before.length;
      const end = text.indexOf(after, start);
      if (end >= 0 && end - start <= reach) add(start, end);
    }
  }
  return found.sort(compareCandidates(options.near)).slice(0, limit);
}
