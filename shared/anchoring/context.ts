// Scoring of a candidate place by how much of an anchor's prefix/suffix
// context agrees with the text around it; used by reanchor and reattach.
import type { AnchorCandidate, TextAnchor } from './types.js';

/** Code units of `prefix` that match the text ending at `pos`, counted from the right. */
export function prefixAgreement(text: string, pos: number, prefix: string): number {
  let n = 0;
  while (n < prefix.length && pos - 1 - n >= 0 && text.charCodeAt(pos - 1 - n) === prefix.charCodeAt(prefix.length - 1 - n)) n++;
  return n;
}

/** Code units of `suffix` that match the text starting at `pos`. */
export function suffixAgreement(text: string, pos: number, suffix: string): number {
  let n = 0;
  while (n < suffix.length && pos + n < text.length && text.charCodeAt(pos + n) === suffix.charCodeAt(n)) n++;
  return n;
}

export function candidateAt(text: string, start: number, end: number, anchor: TextAnchor): AnchorCandidate {
  const quote = text.slice(start, end);
  return {
    start,
    end,
    quote,
    exact: quote === anchor.quote,
    prefixMatch: prefixAgreement(text, start, anchor.prefix),
    suffixMatch: suffixAgreement(text, end, anchor.suffix),
  };
}

export function contextScore(c: AnchorCandidate): number {
  return c.prefixMatch + c.suffixMatch;
}

/**
 * Context a quote-search hit must share with the anchor before it is taken
 * without asking: a bare `6.3%` found elsewhere is another claim's figure.
 */
export function minContextFor(anchor: TextAnchor): number {
  return Math.min(8, anchor.prefix.length + anchor.suffix.length);
}

/** Best first: exact before context-only, more context, then nearer to `near`. */
export function compareCandidates(near: number | undefined): (x: AnchorCandidate, y: AnchorCandidate) => number {
  return (x, y) =>
    Number(y.exact) - Number(x.exact) ||
    contextScore(y) - contextScore(x) ||
    (near === undefined ? 0 : Math.abs(x.start - near) - Math.abs(y.start - near)) ||
    x.start - y.start;
}
