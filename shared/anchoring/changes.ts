import { FactDeskError } from '../errors.js';
import { splitLines } from './align.js';
import { diffRegion } from './refine.js';
import { commonPrefixLength, commonSuffixLength } from './text-units.js';
import type { TextChange } from './types.js';

function invalid(detail: string): FactDeskError {
  return new FactDeskError('invalid-input', `Change set does not fit the text: ${detail}`, { detail });
}

/**
 * Sorts a change set, merges changes that touch, drops no-ops; throws
 * `invalid-input` when a change is out of range or two changes overlap.
 */
export function normalizeChanges(changes: readonly TextChange[], oldLength: number): TextChange[] {
  for (const c of changes) {
    if (!Number.isInteger(c.from) || !Number.isInteger(c.to) || c.from < 0 || c.to < c.from || c.to > oldLength || typeof c.insert !== 'string') {
      throw invalid(`change ${c.from}..${c.to} outside text of length ${oldLength}`);
    }
  }
  // Stable sort keeps the order of several insertions at one position.
  const sorted = [...changes].sort((x, y) => x.from - y.from || (x.to === x.from ? -1 : 0) - (y.to === y.from ? -1 : 0));
  const out: TextChange[] = [];
  for (const c of sorted) {
    if (c.from === c.to && c.insert === '') continue;
    const last = out[out.length - 1];
    if (last && c.from < last.to) throw invalid(`changes ${last.from}..${last.to} and ${c.from}..${c.to} overlap`);
    if (last && c.from === last.to) {
      last.to = c.to;
      last.insert += c.insert;
    } else {
      out.push({ from: c.from, to: c.to, insert: c.insert });
    }
  }
  return out;
}

/** Applies a change set (old coordinates) to `text`. Throws `invalid-input` if it does not fit. */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  const parts: string[] = [];
  let pos = 0;
  for (const c of normalizeChanges(changes, text.length)) {
    parts.push(text.slice(pos, c.from), c.insert);
    pos = c.to;
  }
  parts.push(text.slice(pos));
  return parts.join('');
}

/**
 * The change set from `oldText` to `newText`, computed fast on large texts:
 * common prefix/suffix, then line (paragraph) alignment, then a character
 * diff only inside changed line pairs (sentence alignment first for very long
 * lines). Never splits a surrogate pair. The result is normalized.
 */
export function computeChanges(oldText: string, newText: string): TextChange[] {
  if (oldText === newText) return [];
  const head = commonPrefixLength(oldText, newText);
  const tail = commonSuffixLength(oldText, newText, Math.min(oldText.length, newText.length) - head);
  const out: TextChange[] = [];
  diffRegion(oldText.slice(head, oldText.length - tail), newText.slice(head, newText.length - tail), head, out, splitLines);
  return out;
}
