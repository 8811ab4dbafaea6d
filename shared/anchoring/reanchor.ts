import { FactDeskError } from '../errors.js';
import { anchorAt } from './anchor.js';
import { applyChanges, computeChanges, normalizeChanges } from './changes.js';
import { candidateAt, compareCandidates, contextScore, minContextFor } from './context.js';
import { figureRunAfter, figureRunBefore, isFigureChar } from './figure-boundary.js';
import { diffRegion } from './refine.js';
import { splitLines } from './align.js';
import { classAlign } from './class-align.js';
import type { AnchorCandidate, AnchorOutcome, ReanchorOptions, TextAnchor, TextChange } from './types.js';

/**
 * Maps every anchor from `oldText` to `newText`, through `options.changes` when
 * the caller knows them (the editor), else through a computed change set; falls
 * back to a quote + context search for anchors whose span was removed or whose
 * quote no longer matches `oldText`. One outcome per anchor, in input order.
 * An outcome is `unchanged`/`moved` only if its anchor quotes the very same
 * text; any edited character inside the span gives `figure-changed`.
 */
export function reanchor(
  anchors: readonly TextAnchor[],
  oldText: string,
  newText: string,
  options: ReanchorOptions = {},
): AnchorOutcome[] {
  if (anchors.length === 0) return [];
  let changes: TextChange[];
  if (options.changes) {
    const given = normalizeChanges(options.changes, oldText.length);
    if (applyChanges(oldText, given) !== newText) {
      throw new FactDeskError('invalid-input', 'The change set does not turn the old text into the new text', {
        detail: 'change set does not match the new text',
      });
    }
    changes = refine(oldText, given);
  } else {
    changes = computeChanges(oldText, newText);
  }
  const map = new ChangeMap(oldText, newText, changes);
  return anchors.map((anchor) => map.place(anchor));
}

/**
 * Replaces each change of a caller's change set by the finer changes inside
 * it, so a pasted paragraph that differs in one digit behaves like that digit
 * being typed.
 */
function refine(oldText: string, changes: readonly TextChange[]): TextChange[] {
  const out: TextChange[] = [];
  for (const c of changes) {
    if (c.to > c.from && c.insert.length > 0) diffRegion(oldText.slice(c.from, c.to), c.insert, c.from, out, splitLines);
    else out.push({ ...c });
  }
  return normalizeChanges(out, oldText.length);
}

// Context kept around inserted text when searching it for moved quotes.
const haystackContext = 64;

class ChangeMap {
  private readonly from: Int32Array;
  private readonly to: Int32Array;
  /** Start of each change in new coordinates. */
  private readonly fromB: Int32Array;
  private insertedHaystack?: { text: string; windowStarts: number[]; windowNewStarts: number[] };

  constructor(
    private readonly oldText: string,
    private readonly newText: string,
    private readonly changes: readonly TextChange[],
  ) {
    const n = changes.length;
    this.from = new Int32Array(n);
    this.to = new Int32Array(n);
    this.fromB = new Int32Array(n);
    let delta = 0;
    for (let k = 0; k < n; k++) {
      const c = changes[k]!;
      this.from[k] = c.from;
      this.to[k] = c.to;
      this.fromB[k] = c.from + delta;
      delta += c.insert.length - (c.to - c.from);
    }
  }

  /** Index of the first change with `to >= pos` (changes before it end before `pos`). */
  private firstReaching(pos: number): number {
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.to[mid]! < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** New position of an old position outside any deleted range; `after` puts it after an insertion there. */
  mapPos(pos: number, after: boolean): number {
    let k = this.firstReaching(pos);
    if (k < this.changes.length && this.from[k]! < pos && this.to[k]! > pos) return this.fromB[k]!; // deleted: collapse
    // A change ending exactly at pos lies before it, unless it is a pure insertion and we map before insertions.
    if (k < this.changes.length && this.to[k] === pos && (after || this.from[k]! < pos)) k++;
    if (k === 0) return pos;
    const c = this.changes[k - 1]!;
    return pos - c.to + this.fromB[k - 1]! + c.insert.length;
  }

  place(anchor: TextAnchor): AnchorOutcome {
    const { oldText, newText } = this;
    const { start: s, end: e } = anchor;
    const valid = Number.isInteger(s) && Number.isInteger(e) && s >= 0 && s <= e && e <= oldText.length && oldText.slice(s, e) === anchor.quote;
    if (!valid) {
      const near = this.mapPos(Math.min(Math.max(0, Math.trunc(s) || 0), oldText.length), true);
      return this.byQuote(anchor, near, 'all');
    }
    // Changes that edit the span's own characters (an insertion at its edges does not).
    const k0 = this.firstReaching(s);
    let deleted = 0;
    let confined = true;
    let touched = false;
    let startChange = -1;
    let endChange = -1;
    for (let k = k0; k < this.changes.length && this.from[k]! <= e; k++) {
      const from = this.from[k]!;
      const to = this.to[k]!;
      const inside = from === to ? from > s && from < e : from < e && to > s;
      if (!inside) continue;
      touched = true;
      deleted += Math.min(to, e) - Math.max(from, s);
      if (from < s || to > e) confined = false;
      if (from <= s && s < to) startChange = k;
      if (from < e && e <= to) endChange = k;
    }
    let ns: number;
    let ne: number;
    if (!touched) {
      ns = this.mapPos(s, true);
      ne = ns + (e - s);
    } else {
      if (deleted === e - s && !confined) {
        // Every character of the span went with a larger rewrite: its text is gone here.
        return this.byQuote(anchor, this.mapPos(s, true), 'inserted');
      }
      ns = startChange >= 0 ? this.mapInside(startChange, s, true) : this.mapPos(s, true);
      ne = endChange >= 0 ? this.mapInside(endChange, e, false) : this.mapPos(e, false);
      if (ne <= ns) return this.byQuote(anchor, ns, 'inserted');
    }
    // A figure's digits can change next to the span without touching it.
    if (anchor.quote.length > 0) {
      if (isFigureChar(anchor.quote[0]!)) {
        const run = figureRunBefore(newText, ns);
        if (run !== figureRunBefore(oldText, s)) ns -= run.length;
      }
      if (isFigureChar(anchor.quote[anchor.quote.length - 1]!)) {
        const run = figureRunAfter(newText, ne);
        if (run !== figureRunAfter(oldText, e)) ne += run.length;
      }
    }
    const placed = anchorAt(newText, ns, ne);
    if (placed.quote !== anchor.quote) {
      return { status: 'figure-changed', anchor: placed, oldQuote: anchor.quote, newQuote: placed.quote };
    }
    return ns === s ? { status: 'unchanged', anchor: placed } : { status: 'moved', anchor: placed, via: 'position' };
  }

  /**
   * Where an old position inside change `k` (or at its start) lands: at a
   * change's start, with the insertion inside the span; strictly inside a
   * replacement, at the matching place of the inserted text (token classes
   * aligned, so `增长13.1%` → `下降2.4%` keeps the span on `2.4%`).
   */
  private mapInside(k: number, pos: number, isStart: boolean): number {
    const c = this.changes[k]!;
    const fromB = this.fromB[k]!;
    if (isStart && pos === c.from) return fromB;
    if (!isStart && pos === c.to) return fromB + c.insert.length;
    if (c.insert.length === 0) return fromB;
    return fromB + classAlign(this.oldText.slice(c.from, c.to), c.insert, pos - c.from, isStart);
  }

  /** Finds an anchor again by its quote and context; `scope` 'inserted' only trusts places the edit inserted. */
  private byQuote(anchor: TextAnchor, near: number, scope: 'inserted' | 'all'): AnchorOutcome {
    const orphan: AnchorOutcome = { status: 'orphan', anchor, at: near };
    if (anchor.quote.length === 0) return orphan;
    const hits = scope === 'all' ? this.allHits(anchor.quote) : this.insertedHits(anchor.quote);
    const minContext = minContextFor(anchor);
    const good: AnchorCandidate[] = [];
    for (const at of hits) {
      const c = candidateAt(this.newText, at, at + anchor.quote.length, anchor);
      if (contextScore(c) >= minContext) good.push(c);
    }
    if (good.length === 0) return orphan;
    good.sort(compareCandidates(near));
    const best = contextScore(good[0]!);
    const top = good.filter((c) => contextScore(c) === best);
    const chosen = top.length === 1 ? top[0] : top.filter((c) => c.start === near).length === 1 ? top.find((c) => c.start === near) : undefined;
    if (!chosen) return { status: 'ambiguous', anchor, candidates: good };
    return { status: 'moved', anchor: anchorAt(this.newText, chosen.start, chosen.end), via: 'quote' };
  }

  private allHits(quote: string): number[] {
    const hits: number[] = [];
    for (let at = this.newText.indexOf(quote); at >= 0; at = this.newText.indexOf(quote, at + 1)) hits.push(at);
    return hits;
  }

  /** Occurrences of `quote` in the new text that overlap text the edit inserted. */
  private insertedHits(quote: string): number[] {
    if (quote.length > haystackContext + 1) return this.allHits(quote).filter((at) => this.overlapsInsertion(at, at + quote.length));
    const hay = this.haystack();
    const hits: number[] = [];
    for (let at = hay.text.indexOf(quote); at >= 0; at = hay.text.indexOf(quote, at + 1)) {
      let lo = 0;
      let hi = hay.windowStarts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (hay.windowStarts[mid]! <= at) lo = mid;
        else hi = mid - 1;
      }
      const pos = at - hay.windowStarts[lo]! + hay.windowNewStarts[lo]!;
      if (this.overlapsInsertion(pos, pos + quote.length)) hits.push(pos);
    }
    return hits;
  }

  /**
   * The inserted parts of the new text with some context, joined by NULs, so
   * that looking for many orphans' quotes costs a pass over what changed, not
   * over the whole article each time.
   */
  private haystack(): { text: string; windowStarts: number[]; windowNewStarts: number[] } {
    if (this.insertedHaystack) return this.insertedHaystack;
    const parts: string[] = [];
    const windowStarts: number[] = [];
    const windowNewStarts: number[] = [];
    let length = 0;
    let open = -1;
    let close = -1;
    const flush = (): void => {
      if (open < 0) return;
      windowStarts.push(length);
      windowNewStarts.push(open);
      parts.push(this.newText.slice(open, close), '\0');
      length += close - open + 1;
    };
    for (let k = 0; k < this.changes.length; k++) {
      const len = this.changes[k]!.insert.length;
      if (len === 0) continue;
      const a = Math.max(0, this.fromB[k]! - haystackContext);
      const b = Math.min(this.newText.length, this.fromB[k]! + len + haystackContext);
      if (open >= 0 && a <= close) {
        close = Math.max(close, b);
      } else {
        flush();
        open = a;
        close = b;
      }
    }
    flush();
    this.insertedHaystack = { text: parts.join(''), windowStarts, windowNewStarts };
    return this.insertedHaystack;
  }

  private overlapsInsertion(start: number, end: number): boolean {
    let lo = 0;
    let hi = this.changes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.fromB[mid]! + this.changes[mid]!.insert.length <= start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < this.changes.length && this.fromB[k]! < end; k++) {
      if (this.changes[k]!.insert.length > 0) return true;
    }
    return false;
  }
}
