/**
 * The article's stored claims drawn on the text, coloured by status, and
 * kept on their words while the editor holds unsaved edits. The store's
 * offsets refer to a saved text; the editor remembers the texts it loaded
 * and saved, and the changes made since each, so the claims are mapped
 * through its own changes (never by diffing the whole text on a keystroke),
 * then through every further edit. Only a text the editor never held (changed
 * outside it) is diffed, once, when its claims arrive.
 */
import { ChangeSet, RangeSet, RangeSetBuilder, RangeValue, StateEffect, StateField, Text, type EditorState, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, hoverTooltip, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import { computeChanges } from '../../../shared/anchoring/index.js';
import type { ClaimStatus } from '../../../shared/annotations.js';

export interface StoredMark {
  id: string;
  start: number;
  end: number;
  status: ClaimStatus;
}

/** Marks in the coordinates of `baseText` (the saved text the store anchored them to). */
export const setStoredClaims = StateEffect.define<{ marks: StoredMark[]; baseText: string }>();

/** The text on screen now is being saved: claims anchored to it will come back. */
export const rememberBase = StateEffect.define<null>();

export interface StoredClaimsOptions {
  /** A click on a stored claim's words. */
  onClick: (id: string) => void;
  /** What the hover tooltip says of a stored claim (status, verdict, checker); null for none. */
  describe?: (id: string) => string | null;
}

class StoredRange extends RangeValue {
  constructor(
    readonly id: string,
    readonly status: ClaimStatus,
  ) {
    super();
  }
  // Like a non-inclusive mark: typing at either edge stays outside, and a span whose words
  // are all deleted is dropped (the panel still lists the claim; saving makes it an orphan).
  override startSide = 1;
  override endSide = -1;
  override eq(other: RangeValue): boolean {
    return other instanceof StoredRange && other.id === this.id && other.status === this.status;
  }
}

/** A text the editor held (or the store anchored claims to), and the changes from it to the text on screen. */
interface Base {
  id: number;
  doc: Text;
  changes: ChangeSet;
}

interface StoredState {
  /** Where the stored claims are on screen now. */
  ranges: RangeSet<StoredRange>;
  bases: Base[];
  /** Where the last transaction placed claims again (text on screen), beyond its own changed ranges; null: everywhere. */
  touched: ReadonlyArray<readonly [number, number]> | null;
  /** The claims as the store gave them, sorted by start, in the coordinates of base `baseId`; `longest` bounds a search. */
  marks: { list: StoredMark[]; baseId: number; longest: number } | null;
}

/** The loaded text and the last few saved ones are enough: claims arrive right after a save. */
const MAX_BASES = 4;
let baseIds = 0;
const newBase = (doc: Text, changes = ChangeSet.empty(doc.length)): Base => ({ id: ++baseIds, doc, changes });

function wholeTextChanges(baseText: string, current: string): ChangeSet {
  return ChangeSet.of(
    computeChanges(baseText, current).map((c) => ({ from: c.from, to: c.to, insert: c.insert })),
    baseText.length,
  );
}

function mapThrough(marks: StoredMark[], changes: ChangeSet): StoredMark[] {
  return marks.map((m) => ({ ...m, start: changes.mapPos(m.start, 1), end: changes.mapPos(m.end, -1) })).filter((m) => m.end > m.start);
}

/**
 * The changes from a base to the text on screen with each replaced stretch refined by a
 * character diff of that stretch alone (what the anchoring routine does with the editor's
 * changes): a figure selected and typed over (`112亿元` → `212亿元`) maps like the one digit
 * that changed, so its claim stays on it. Costs what the edited stretches cost, not the text.
 */
function refine(base: Base, doc: Text): ChangeSet {
  const specs: Array<{ from: number; to: number; insert: string }> = [];
  base.changes.iterChanges((fromA, toA, fromB, toB) => {
    for (const c of computeChanges(base.doc.sliceString(fromA, toA), doc.sliceString(fromB, toB))) specs.push({ from: fromA + c.from, to: fromA + c.to, insert: c.insert });
  });
  return ChangeSet.of(specs, base.doc.length);
}

function rangesOf(marks: StoredMark[]): RangeSet<StoredRange> {
  const b = new RangeSetBuilder<StoredRange>();
  for (const m of [...marks].sort((x, y) => x.start - y.start || x.end - y.end)) b.add(m.start, m.end, new StoredRange(m.id, m.status));
  return b.finish();
}

/**
 * After an edit: the stored claims near the edited places are placed again from their base
 * through the refined changes (a claim typed over is found again); all others were moved by
 * mapping the ranges, which cannot change their words.
 */
/** The marks (sorted by start, none longer than `longest`) that overlap or touch [from, to]. */
function marksAt(marks: StoredMark[], longest: number, from: number, to: number): StoredMark[] {
  let lo = 0;
  let hi = marks.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (marks[mid]!.start <= to) lo = mid + 1;
    else hi = mid;
  }
  const out: StoredMark[] = [];
  for (let i = lo - 1; i >= 0 && marks[i]!.start >= from - longest; i--) if (marks[i]!.end >= from) out.push(marks[i]!);
  return out.reverse();
}

function placeTouched(
  ranges: RangeSet<StoredRange>,
  { list: marks, longest }: { list: StoredMark[]; longest: number },
  base: Base,
  edited: ChangeSet,
  doc: Text,
  touched: Array<readonly [number, number]>,
): RangeSet<StoredRange> {
  const back = base.changes.invertedDesc;
  edited.iterChangedRanges((_fromA, _toA, fromB, toB) => {
    let from = back.mapPos(fromB, -1);
    let to = back.mapPos(toB, 1);
    // Widen over the claims and replaced stretches the place overlaps, until neither adds more.
    for (let grew = true; grew; ) {
      grew = false;
      base.changes.iterChangedRanges((fromA, toA) => {
        if (fromA <= to && toA >= from && (fromA < from || toA > to)) {
          [from, to, grew] = [Math.min(from, fromA), Math.max(to, toA), true];
        }
      });
      for (const m of marksAt(marks, longest, from, to)) {
        if (m.start < from || m.end > to) [from, to, grew] = [Math.min(from, m.start), Math.max(to, m.end), true];
      }
    }
    const hit = marksAt(marks, longest, from, to);
    if (!hit.length) return;
    // The stretch [from, to] of the base became [filterFrom, filterTo] on screen (the widening
    // keeps every replaced stretch whole inside it); the claims in it are placed by a character
    // diff of the two.
    const [filterFrom, filterTo] = [base.changes.mapPos(from, -1), base.changes.mapPos(to, 1)];
    const local = ChangeSet.of(
      computeChanges(base.doc.sliceString(from, to), doc.sliceString(filterFrom, filterTo)).map((c) => ({ from: c.from, to: c.to, insert: c.insert })),
      to - from,
    );
    const placed = mapThrough(
      hit.map((m) => ({ ...m, start: m.start - from, end: m.end - from })),
      local,
    ).map((m) => ({ ...m, start: m.start + filterFrom, end: m.end + filterFrom }));
    const ids = new Set(hit.map((m) => m.id));
    touched.push([filterFrom, filterTo]);
    ranges = ranges.update({
      filter: (_f, _t, v) => !ids.has(v.id),
      filterFrom,
      filterTo,
      add: placed.sort((x, y) => x.start - y.start || x.end - y.end).map((m) => new StoredRange(m.id, m.status).range(m.start, m.end)),
    });
  });
  return ranges;
}

const field = StateField.define<StoredState>({
  create: (state) => ({ ranges: RangeSet.empty, bases: [newBase(state.doc)], marks: null, touched: null }),
  update(value, tr) {
    let { ranges, bases, marks } = value;
    let touched: Array<readonly [number, number]> | null = [];
    if (tr.docChanged) {
      ranges = ranges.map(tr.changes);
      bases = bases.map((b) => ({ ...b, changes: b.changes.compose(tr.changes) }));
      const base = marks && bases.find((b) => b.id === marks!.baseId);
      if (base) ranges = placeTouched(ranges, marks!, base, tr.changes, tr.state.doc, touched);
    }
    for (const e of tr.effects) {
      if (e.is(rememberBase)) {
        // Keep the base the current claims refer to, and the latest few.
        const keep = bases.filter((b) => b.id === marks?.baseId);
        bases = [...keep, ...bases.filter((b) => b.id !== marks?.baseId).slice(-(MAX_BASES - 1 - keep.length)), newBase(tr.state.doc)];
      }
      if (!e.is(setStoredClaims)) continue;
      const { baseText } = e.value;
      let base = bases.find((b) => b.doc.length === baseText.length && b.doc.toString() === baseText);
      if (!base) {
        // A text the editor never held (changed outside it): diffed once, then followed like the others.
        base = newBase(Text.of(baseText.split('\n')), wholeTextChanges(baseText, tr.state.doc.toString()));
        bases = [...bases, base];
      }
      const list = e.value.marks.filter((m) => m.end <= baseText.length && m.end > m.start).sort((a, b) => a.start - b.start || a.end - b.end);
      marks = { list, baseId: base.id, longest: list.reduce((n, m) => Math.max(n, m.end - m.start), 0) };
      ranges = rangesOf(mapThrough(list, refine(base, tr.state.doc)));
      touched = null;
    }
    return ranges === value.ranges && bases === value.bases && marks === value.marks ? value : { ranges, bases, marks, touched };
  },
});

/** Where each stored claim is in the text on screen now (claims whose words were deleted are absent). */
export function storedPositions(state: EditorState): Map<string, { start: number; end: number }> {
  const out = new Map<string, { start: number; end: number }>();
  const s = state.field(field, false);
  if (!s) return out;
  for (const it = s.ranges.iter(); it.value; it.next()) out.set(it.value.id, { start: it.from, end: it.to });
  return out;
}

/** Calls `f(id, from, to)` for each stored claim on screen now, in text order, building nothing. */
export function forEachStoredSpan(state: EditorState, f: (id: string, from: number, to: number) => void): void {
  const s = state.field(field, false);
  if (!s) return;
  for (const it = s.ranges.iter(); it.value; it.next()) f(it.value.id, it.from, it.to);
}

/**
 * Where the transaction that made `state` changed stored claims other than by moving them with
 * the text, beyond its own changed ranges (positions in `state`); null when it may have changed
 * them anywhere (new claims from the store).
 */
export function storedTouched(state: EditorState): ReadonlyArray<readonly [number, number]> | null {
  return state.field(field, false)?.touched ?? null;
}

/** The stored claims' ranges (changes identity whenever they change). */
export function storedRanges(state: EditorState): RangeSet<RangeValue> | null {
  return state.field(field, false)?.ranges ?? null;
}

/** Marks for the stored claims in CodeMirror's viewport (each carries its claim's id, so it is built for what is drawn only). */
const visibleMarks = ViewPlugin.fromClass(
  class {
    decorations: DecorationSet;
    /** One decoration per claim and status, reused while the claims stay the same. */
    made = new Map<string, Decoration>();
    constructor(view: EditorView) {
      this.decorations = this.build(view);
    }
    update(u: ViewUpdate) {
      const changed = u.startState.field(field).ranges !== u.state.field(field).ranges;
      if (changed && !u.docChanged) this.made.clear();
      if (u.docChanged || u.viewportChanged || changed) this.decorations = this.build(u.view);
    }
    build(view: EditorView): DecorationSet {
      const { ranges } = view.state.field(field);
      const out: Array<Range<Decoration>> = [];
      ranges.between(view.viewport.from, view.viewport.to, (a, b, v) => {
        const key = `${v.id}|${v.status}`;
        let mark = this.made.get(key);
        if (!mark) this.made.set(key, (mark = Decoration.mark({ class: `cm-stored cm-status-${v.status}`, attributes: { 'data-claim-id': v.id, 'data-status': v.status } })));
        out.push(mark.range(a, b));
      });
      return Decoration.set(out);
    }
  },
  { decorations: (v) => v.decorations },
);

export function storedClaims(opts: StoredClaimsOptions): Extension {
  // A click is read as a press and a release in place rather than the DOM `click`: CodeMirror
  // may redraw the line under the pointer when the press moves the caret (on a long article,
  // from a line far off), and the browser then sends no `click` at all.
  let pressed: { id: string; x: number; y: number } | null = null;
  // A manual claim has no detected figure under it: this tooltip is the one that names it.
  const tooltip = hoverTooltip((view, pos) => {
    let hit: { id: string; from: number; to: number } | null = null;
    forEachStoredSpan(view.state, (id, from, to) => {
      if (!hit && from <= pos && pos < to) hit = { id, from, to };
    });
    const found = hit as { id: string; from: number; to: number } | null;
    const text = found && opts.describe?.(found.id);
    if (!found || !text) return null;
    return {
      pos: found.from,
      end: found.to,
      above: false,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-claim-tooltip cm-stored-tooltip';
        dom.textContent = text;
        return { dom };
      },
    };
  });
  return [
    field,
    visibleMarks,
    tooltip,
    EditorView.domEventHandlers({
      mousedown(event) {
        const id = (event.target as HTMLElement | null)?.closest?.('[data-claim-id]')?.getAttribute('data-claim-id');
        pressed = id && event.button === 0 ? { id, x: event.clientX, y: event.clientY } : null;
        return false;
      },
      mouseup(event) {
        const p = pressed;
        pressed = null;
        if (p && Math.abs(event.clientX - p.x) < 4 && Math.abs(event.clientY - p.y) < 4) opts.onClick(p.id);
        return false;
      },
    }),
  ];
}
