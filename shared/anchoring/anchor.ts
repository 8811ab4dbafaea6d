import { FactDeskError } from '../errors.js';
import { splitsPair } from './text-units.js';
import type { TextAnchor } from './types.js';

/** Code units of context kept on each side of a quote (W3C TextQuoteSelector prefix/suffix). */
export const anchorContextLength = 32;

/**
 * Anchors `text.slice(start, end)`. Offsets inside a surrogate pair are
 * widened to the whole character; out-of-range offsets throw `invalid-input`.
 */
export function createAnchor(text: string, start: number, end: number): TextAnchor {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > text.length) {
    throw new FactDeskError('invalid-input', `Anchor ${start}..${end} does not fit a text of ${text.length} code units`, {
      detail: `anchor ${start}..${end} outside text of length ${text.length}`,
    });
  }
  if (splitsPair(text, start)) start--;
  if (splitsPair(text, end)) end++;
  return anchorAt(text, start, end);
}

/** Like `createAnchor` for offsets already known to be valid character boundaries. */
export function anchorAt(text: string, start: number, end: number): TextAnchor {
  let prefixStart = Math.max(0, start - anchorContextLength);
  if (splitsPair(text, prefixStart)) prefixStart++;
  let suffixEnd = Math.min(text.length, end + anchorContextLength);
  if (splitsPair(text, suffixEnd)) suffixEnd--;
  return {
    start,
    end,
    quote: text.slice(start, end),
    prefix: text.slice(prefixStart, start),
    suffix: text.slice(end, suffixEnd),
  };
}
