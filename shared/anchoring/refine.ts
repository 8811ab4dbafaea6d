// The character level of computeChanges: runs only inside line pairs that
// the line alignment left unequal, so its quadratic worst case stays small.
import { diffChars } from 'diff';
import { sentenceRanges } from '../claims/index.js';
import { alignLines } from './align.js';
import { bigrams, dice, minSimilarity, pairSimilarLines } from './pairing.js';
import { commonPrefixLength, commonSuffixLength } from './text-units.js';
import type { TextChange } from './types.js';

/** A diff as runs of equal material and changes (deleted + inserted material). */
export type DiffOp<T> = { kind: 'equal'; value: T } | { kind: 'change'; del: T; ins: T };
type Op = DiffOp<string>;

// Longer pieces are first split into sentences and aligned like lines.
const maxCharDiffLength = 4000;
// Myers costs about (n + m) × edits steps; cap that product per piece.
const maxCharDiffSteps = 20_000_000;

/** Appends to `out` the changes turning `oldText` into `newText`, offset by `at` (old coordinates). */
export function diffRegion(oldText: string, newText: string, at: number, out: TextChange[], splitPieces: (t: string) => string[]): void {
  if (oldText === newText) return;
  if (oldText.length === 0 || newText.length === 0) {
    pushChange(out, at, at + oldText.length, newText);
    return;
  }
  const oldPieces = splitPieces(oldText);
  const newPieces = splitPieces(newText);
  if (oldPieces.length === 1 && newPieces.length === 1) {
    if (splitPieces !== splitSentences && oldText.length + newText.length > maxCharDiffLength) {
      diffRegion(oldText, newText, at, out, splitSentences);
    } else {
      diffShort(oldText, newText, at, out);
    }
    return;
  }
  const oldStarts = offsets(oldPieces);
  for (const step of alignLines(oldPieces, newPieces)) {
    if (step.kind === 'equal') continue;
    const oldGap = oldPieces.slice(step.oldStart, step.oldStart + step.oldCount);
    const newGap = newPieces.slice(step.newStart, step.newStart + step.newCount);
    let i = 0;
    let j = 0;
    const flush = (toI: number, toJ: number): void => {
      if (toI > i || toJ > j) {
        pushChange(out, at + oldStarts[step.oldStart + i]!, at + oldStarts[step.oldStart + toI]!, newGap.slice(j, toJ).join(''));
      }
    };
    for (const [pi, pj] of pairSimilarLines(oldGap, newGap)) {
      flush(pi, pj);
      const base = at + oldStarts[step.oldStart + pi]!;
      if (splitPieces !== splitSentences && oldGap[pi]!.length + newGap[pj]!.length > maxCharDiffLength) {
        diffRegion(oldGap[pi]!, newGap[pj]!, base, out, splitSentences);
      } else {
        diffShort(oldGap[pi]!, newGap[pj]!, base, out);
      }
      i = pi + 1;
      j = pj + 1;
    }
    flush(step.oldCount, step.newCount);
  }
}

function offsets(pieces: readonly string[]): number[] {
  const starts = new Array<number>(pieces.length + 1);
  let pos = 0;
  for (let k = 0; k < pieces.length; k++) {
    starts[k] = pos;
    pos += pieces[k]!.length;
  }
  starts[pieces.length] = pos;
  return starts;
}

/**
 * Splits text into pieces that end where the claim engine's sentences end
 * (white space between sentences stays with the sentence before); the pieces
 * concatenate back to `text`.
 */
export function splitSentences(text: string): string[] {
  const pieces: string[] = [];
  let from = 0;
  for (const { end } of sentenceRanges(text)) {
    if (end <= from) continue;
    pieces.push(text.slice(from, end));
    from = end;
  }
  if (from < text.length) pieces.push(text.slice(from));
  return pieces;
}

/** Character diff of two short texts, cleaned up so it reads as edits of words, not of scattered letters. */
function diffShort(oldText: string, newText: string, at: number, out: TextChange[]): void {
  const head = commonPrefixLength(oldText, newText);
  const tail = commonSuffixLength(oldText, newText, Math.min(oldText.length, newText.length) - head);
  const oldMid = oldText.slice(head, oldText.length - tail);
  const newMid = newText.slice(head, newText.length - tail);
  const from = at + head;
  if (oldMid.length === 0 || newMid.length === 0) {
    pushChange(out, from, from + oldMid.length, newMid);
    return;
  }
  // Unrelated wording (a sentence rewritten) is one replacement; Myers would
  // only find stray shared characters there, slowly.
  if (oldMid.length + newMid.length > 32 && dice(bigrams(oldMid), bigrams(newMid)) < minSimilarity) {
    pushChange(out, from, from + oldMid.length, newMid);
    return;
  }
  const size = oldMid.length + newMid.length;
  const maxEditLength = Math.max(16, Math.min(size, Math.floor(maxCharDiffSteps / size)));
  const parts = diffChars(oldMid, newMid, { maxEditLength });
  if (!parts) {
    pushChange(out, from, from + oldMid.length, newMid);
    return;
  }
  const ops: Op[] = [];
  for (const part of parts) {
    const last = ops[ops.length - 1];
    if (!part.added && !part.removed) {
      ops.push({ kind: 'equal', value: part.value });
    } else if (last?.kind === 'change') {
      if (part.added) last.ins += part.value;
      else last.del += part.value;
    } else {
      ops.push(part.added ? { kind: 'change', del: '', ins: part.value } : { kind: 'change', del: part.value, ins: '' });
    }
  }
  let pos = from;
  for (const op of cleanupSemantic(ops, (v) => v.length, (x, y) => x + y)) {
    if (op.kind === 'equal') {
      pos += op.value.length;
    } else {
      pushChange(out, pos, pos + op.del.length, op.ins);
      pos += op.del.length;
    }
  }
}

/**
 * Folds short equalities squeezed between larger edits into one edit (the
 * rule of diff-match-patch's semantic cleanup): a rewritten sentence becomes
 * one replacement instead of edits around a stray shared `的` or `%`.
 * `length` measures material in code units; `concat` joins two pieces; an
 * equality is folded when `factor` times its length fits within the edit on
 * each side (1 is diff-match-patch's rule; the display diff asks for more).
 */
export function cleanupSemantic<T>(
  ops: readonly DiffOp<T>[],
  length: (v: T) => number,
  concat: (x: T, y: T) => T,
  factor = 1,
): DiffOp<T>[] {
  const result: DiffOp<T>[] = [];
  const size = (op: DiffOp<T>): number => (op.kind === 'change' ? Math.max(length(op.del), length(op.ins)) : 0);
  for (const op of ops) {
    result.push(op);
    for (;;) {
      const n = result.length;
      if (n < 3) break;
      const left = result[n - 3]!;
      const mid = result[n - 2]!;
      const right = result[n - 1]!;
      if (left.kind !== 'change' || mid.kind !== 'equal' || right.kind !== 'change') break;
      const shared = length(mid.value) * factor;
      if (shared > size(left) || shared > size(right)) break;
      result.length = n - 3;
      result.push({
        kind: 'change',
        del: concat(concat(left.del, mid.value), right.del),
        ins: concat(concat(left.ins, mid.value), right.ins),
      });
    }
  }
  return result;
}

/** Appends a change, merging it with the previous one when they touch. */
export function pushChange(out: TextChange[], from: number, to: number, insert: string): void {
  if (from === to && insert === '') return;
  const last = out[out.length - 1];
  if (last && last.to === from) {
    last.to = to;
    last.insert += insert;
  } else {
    out.push({ from, to, insert });
  }
}
