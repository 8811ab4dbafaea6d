import { diffArrays } from 'diff';

/** One step of a line alignment: a run of equal lines, or a gap where lines differ. */
export type LineAlignment =
  | { kind: 'equal'; oldStart: number; newStart: number; count: number }
  | { kind: 'gap'; oldStart: number; oldCount: number; newStart: number; newCount: number };

// Myers on what patience leaves over costs O(lines × edits); past this many
// edits a region is reported as one gap instead of burning time on it.
const maxMyersEdits = 2000;

/** Splits text into lines, each keeping its `\n` (the last one may lack it). */
export function splitLines(text: string): string[] {
  const lines: string[] = [];
  let from = 0;
  for (;;) {
    const nl = text.indexOf('\n', from);
    if (nl < 0) break;
    lines.push(text.slice(from, nl + 1));
    from = nl + 1;
  }
  if (from < text.length) lines.push(text.slice(from));
  return lines;
}

/**
 * Aligns two lists of lines (paragraphs): common head and tail, then lines
 * that occur once on each side anchor the alignment (patience diff, fast and
 * stable on prose where most paragraphs are unique), then Myers inside what
 * is left. Returns equal runs and gaps covering both lists in order.
 */
export function alignLines(oldLines: readonly string[], newLines: readonly string[]): LineAlignment[] {
  const ids = new Map<string, number>();
  const intern = (line: string): number => {
    let id = ids.get(line);
    if (id === undefined) ids.set(line, (id = ids.size));
    return id;
  };
  const a = Int32Array.from(oldLines, intern);
  const b = Int32Array.from(newLines, intern);
  const out: LineAlignment[] = [];
  alignRange(a, 0, a.length, b, 0, b.length, out);
  return out;
}

function pushEqual(out: LineAlignment[], oldStart: number, newStart: number, count: number): void {
  if (count <= 0) return;
  const last = out[out.length - 1];
  if (last?.kind === 'equal' && last.oldStart + last.count === oldStart && last.newStart + last.count === newStart) {
    last.count += count;
  } else {
    out.push({ kind: 'equal', oldStart, newStart, count });
  }
}

function pushGap(out: LineAlignment[], oldStart: number, oldCount: number, newStart: number, newCount: number): void {
  if (oldCount <= 0 && newCount <= 0) return;
  const last = out[out.length - 1];
  if (last?.kind === 'gap' && last.oldStart + last.oldCount === oldStart && last.newStart + last.newCount === newStart) {
    last.oldCount += oldCount;
    last.newCount += newCount;
  } else {
    out.push({ kind: 'gap', oldStart, oldCount, newStart, newCount });
  }
}

function alignRange(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, out: LineAlignment[]): void {
  let head = 0;
  while (aLo + head < aHi && bLo + head < bHi && a[aLo + head] === b[bLo + head]) head++;
  pushEqual(out, aLo, bLo, head);
  aLo += head;
  bLo += head;
  let tail = 0;
  while (aHi - tail > aLo && bHi - tail > bLo && a[aHi - 1 - tail] === b[bHi - 1 - tail]) tail++;
  aHi -= tail;
  bHi -= tail;
  if (aLo === aHi || bLo === bHi) {
    pushGap(out, aLo, aHi - aLo, bLo, bHi - bLo);
  } else {
    const anchors = uniqueCommonAnchors(a, aLo, aHi, b, bLo, bHi);
    if (anchors.length === 0) {
      myers(a, aLo, aHi, b, bLo, bHi, out);
    } else {
      let ai = aLo;
      let bi = bLo;
      for (const [ia, ib] of anchors) {
        alignRange(a, ai, ia, b, bi, ib, out);
        pushEqual(out, ia, ib, 1);
        ai = ia + 1;
        bi = ib + 1;
      }
      alignRange(a, ai, aHi, b, bi, bHi, out);
    }
  }
  pushEqual(out, aHi, bHi, tail);
}

/** Lines unique on both sides of the range, as (oldIndex, newIndex) pairs forming the longest increasing run. */
function uniqueCommonAnchors(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number): Array<[number, number]> {
  // position of the line's only occurrence on each side, or -1 once it repeats
  const inA = new Map<number, number>();
  for (let i = aLo; i < aHi; i++) inA.set(a[i]!, inA.has(a[i]!) ? -1 : i);
  const inB = new Map<number, number>();
  for (let j = bLo; j < bHi; j++) {
    const id = b[j]!;
    const ia = inA.get(id);
    if (ia === undefined || ia < 0) continue;
    inB.set(id, inB.has(id) ? -1 : j);
  }
  const pairs: Array<[number, number]> = [];
  for (let i = aLo; i < aHi; i++) {
    const j = inB.get(a[i]!);
    if (j !== undefined && j >= 0 && inA.get(a[i]!) === i) pairs.push([i, j]);
  }
  return longestIncreasing(pairs);
}

/** Longest subsequence of `pairs` (sorted by old index) whose new indexes increase, by patience sorting. */
function longestIncreasing(pairs: Array<[number, number]>): Array<[number, number]> {
  if (pairs.length === 0) return pairs;
  const tails: number[] = [];
  const prev = new Int32Array(pairs.length).fill(-1);
  for (let k = 0; k < pairs.length; k++) {
    const v = pairs[k]![1];
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (pairs[tails[mid]!]![1] < v) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[k] = tails[lo - 1]!;
    tails[lo] = k;
  }
  const result: Array<[number, number]> = [];
  for (let k = tails[tails.length - 1]!; k >= 0; k = prev[k]!) result.push(pairs[k]!);
  return result.reverse();
}

function myers(a: Int32Array, aLo: number, aHi: number, b: Int32Array, bLo: number, bHi: number, out: LineAlignment[]): void {
  const diff = diffArrays(Array.from(a.subarray(aLo, aHi)), Array.from(b.subarray(bLo, bHi)), { maxEditLength: maxMyersEdits });
  if (!diff) {
    pushGap(out, aLo, aHi - aLo, bLo, bHi - bLo);
    return;
  }
  let i = aLo;
  let j = bLo;
  for (const part of diff) {
    if (part.added) {
      pushGap(out, i, 0, j, part.count);
      j += part.count;
    } else if (part.removed) {
      pushGap(out, i, part.count, j, 0);
      i += part.count;
    } else {
      pushEqual(out, i, j, part.count);
      i += part.count;
      j += part.count;
    }
  }
}
