/**
 * The open article as the editor holds it. The editor owns the live text:
 * nothing here copies it on a keystroke. Each edit publishes the editor's
 * (immutable) state; whoever needs the text, the detected figures or the
 * stored claims' positions asks the snapshot, which works them out once,
 * when first asked.
 */
import { startTransition, useEffect, useState, useSyncExternalStore } from 'react';
import { RangeSet, Text, type ChangeDesc, type EditorState, type RangeValue } from '@codemirror/state';
import type { EditorView } from '@codemirror/view';
import { onChecklist, type DetectedClaim } from '../../../shared/claims/index.js';
import { detectedClaims, detectedPerLine, detectionVersion, lineEdits, rescannedLines } from '../editor/claim-highlights.js';
import { forEachStoredSpan, rememberBase, storedPositions, storedRanges, storedTouched } from '../editor/stored-claims.js';

function once<T>(f: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = f();
      done = true;
    }
    return value;
  };
}

/**
 * How many detected figures on each line no stored claim covers, and their sum. Kept from one
 * snapshot to the next: an edit recounts only the lines whose figures or stored claims changed,
 * so the panel's count costs what the edit touched, not the article.
 */
interface UnclaimedCounts {
  perLine: Int32Array;
  total: number;
}

/** The unclaimed figures of line `n` (1-based): a figure is covered when a stored claim overlaps it. */
function countLine(state: EditorState, stored: RangeSet<RangeValue> | null, n: number): number {
  const cs = detectedPerLine(state)[n - 1];
  if (!cs?.length) return 0;
  const line = state.doc.line(n);
  let count = 0;
  for (const c of cs) {
    if (!onChecklist(c)) continue;
    let covered = false;
    stored?.between(line.from + c.start, line.from + c.end, (from, to) => {
      if (from < line.from + c.end && to > line.from + c.start) covered = true;
      return covered ? false : undefined;
    });
    if (!covered) count++;
  }
  return count;
}

/** Every line counted in one pass over the figures and the stored claims, both in text order. */
function countAll(state: EditorState): UnclaimedCounts {
  const perLine = new Int32Array(state.doc.lines);
  const lines = detectedPerLine(state);
  const stored = storedRanges(state);
  const it = (stored ?? RangeSet.empty).iter();
  // Detected figures never overlap one another, so their ends rise with their starts: a figure
  // is covered exactly when the stored claims starting before its end reach past its start.
  let reach = -1;
  let total = 0;
  let n = 0;
  let from = 0;
  for (const lineIt = state.doc.iterLines(); !lineIt.next().done; n++, from += lineIt.value.length + 1) {
    const cs = lines[n];
    if (cs?.length) {
      for (const c of cs) {
        for (; it.value && it.from < from + c.end; it.next()) reach = Math.max(reach, it.to);
        if (!(reach > from + c.start) && onChecklist(c)) perLine[n]!++;
      }
      total += perLine[n]!;
    }
  }
  return { perLine, total };
}

/** `before`'s counts carried to `state` through `changes`, recounting the lines whose figures or stored claims changed. */
/** Null where the counts must be taken afresh (`countAll`). */
function countSince(before: { state: EditorState; counts: UnclaimedCounts }, state: EditorState, changes: ChangeDesc, transactions: number): UnclaimedCounts | null {
  const a = before.state;
  const oldLines = detectedPerLine(a);
  const newLines = detectedPerLine(state);
  // A whole new detection (the worker's answer) or new stored claims: count everything once.
  if (newLines.length !== state.doc.lines || (!changes.empty && oldLines.length !== a.doc.lines)) return null;
  const perLine = new Int32Array(state.doc.lines);
  const recount = new Uint8Array(state.doc.lines);
  let oldPos = 0;
  let newPos = 0;
  const old = before.counts.perLine;
  // The total starts from the previous one, less the lines the edits replaced (new ones start at 0).
  let total = before.counts.total;
  for (const e of lineEdits(changes, a.doc, state.doc)) {
    for (let i = e.fromLine; i < e.oldTo; i++) total -= old[i]!;
    perLine.set(old.subarray(oldPos, e.fromLine), newPos);
    newPos += e.fromLine - oldPos;
    recount.fill(1, newPos, e.newTo);
    newPos = e.newTo;
    oldPos = e.oldTo;
  }
  perLine.set(old.subarray(oldPos, oldPos + perLine.length - newPos), newPos);
  // Lines re-scanned (one edit says which; otherwise their claim arrays are new), and lines where
  // a stored claim came, went or moved.
  const rescanned = transactions === 1 && detectedPerLine(state) !== oldLines ? rescannedLines(state) : null;
  if (rescanned) for (const [from, to] of rescanned) recount.fill(1, from, to);
  else for (let i = 0; i < perLine.length; i++) if (!recount[i] && newLines[i] !== oldLines[i]) recount[i] = 1;
  const storedBefore = storedRanges(a);
  const storedNow = storedRanges(state);
  // A list loaded (thousands of claims came or went): counting afresh is cheaper than comparing.
  if (Math.abs((storedBefore?.size ?? 0) - (storedNow?.size ?? 0)) > 2000) return null;
  if (storedBefore && storedNow && storedBefore !== storedNow) {
    const mark = (from: number, to: number) => {
      for (let n = state.doc.lineAt(from).number, last = state.doc.lineAt(Math.min(to, state.doc.length)).number; n <= last; n++) recount[n - 1] = 1;
    };
    // One edit says where it placed claims again (the rest only moved with the text, on lines
    // counted above or unchanged); otherwise the two sets are compared.
    const touched = transactions === 1 ? storedTouched(state) : null;
    if (touched) for (const [from, to] of touched) mark(from, to);
    else RangeSet.compare([storedBefore], [storedNow], changes, { compareRange: mark, comparePoint: mark });
  }
  // New claims or figures all over the text (a list loaded, a detection answered): one pass is cheaper.
  let touched = 0;
  for (let i = recount.indexOf(1); i >= 0; i = recount.indexOf(1, i + 1)) {
    if (++touched > 2000) return null;
    const n = countLine(state, storedNow, i + 1);
    total += n - perLine[i]!;
    perLine[i] = n;
  }
  return { perLine, total };
}

/** Whether a stored claim overlaps the figure. */
function coveredBy(stored: RangeSet<RangeValue> | null, d: { start: number; end: number }): boolean {
  let covered = false;
  stored?.between(d.start, d.end, (from, to) => {
    if (from < d.end && to > d.start) covered = true;
    return covered ? false : undefined;
  });
  return covered;
}

/** Same text, figures and stored claims (states may differ in the selection only). */
function sameClaims(a: EditorState, b: EditorState): boolean {
  return a.doc === b.doc && detectedPerLine(a) === detectedPerLine(b) && storedRanges(a) === storedRanges(b);
}

/** The article in the editor at one moment. */
export class LiveArticle {
  constructor(
    readonly state: EditorState,
    private readonly saved: Text,
    private readonly counts: () => UnclaimedCounts,
    /** The text as a string when the store already holds it (loaded or saved, unedited since). */
    private readonly knownText?: string,
  ) {}

  get length(): number {
    return this.state.doc.length;
  }

  /** Whether the text differs from the saved one (proportional to the edited stretch, not the text). */
  readonly dirty = once(() => !this.state.doc.eq(this.saved));
  /** False until the first whole-text detection has answered (a long article being opened). */
  get detecting(): boolean {
    return detectionVersion(this.state) === null;
  }
  readonly text = once(() => this.knownText ?? this.state.doc.toString());
  readonly detected = once((): DetectedClaim[] => detectedClaims(this.state));
  readonly storedPositions = once(() => storedPositions(this.state));

  /** Each stored claim's place now as `f(id, start, end)`, without building a map of them. */
  eachStored(f: (id: string, start: number, end: number) => void): void {
    forEachStoredSpan(this.state, f);
  }

  /** How many detected figures on the checklist (bare dates left out) no stored claim covers. */
  unclaimedCount(): number {
    return this.counts().total;
  }

  /** The detected figures on the checklist no stored claim covers, in text order (a pass over every figure: tests and one-off needs). */
  readonly unclaimed = once((): DetectedClaim[] => {
    const out: DetectedClaim[] = [];
    for (let i = 0, n = this.unclaimedCount(); i < n; i++) out.push(this.unclaimedAt(i)!);
    return out;
  });

  /** Where each line's unclaimed figures start in the list (a pass over the per-line counts, not over the figures). */
  private readonly unclaimedStarts = once(() => {
    const perLine = this.counts().perLine;
    const starts = new Int32Array(perLine.length + 1);
    for (let i = 0; i < perLine.length; i++) starts[i + 1] = starts[i]! + perLine[i]!;
    return starts;
  });

  /**
   * The `index`-th unclaimed figure on the checklist, in text order, with offsets in the text: what
   * a row of the list on screen asks for, so listing them costs the rows drawn, not the article.
   */
  unclaimedAt(index: number): DetectedClaim | null {
    const starts = this.unclaimedStarts();
    if (index < 0 || index >= starts[starts.length - 1]!) return null;
    // The last line whose unclaimed figures start at or before `index` (so it has some, and `index` is among them).
    let lo = 0;
    let hi = starts.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= index) lo = mid;
      else hi = mid - 1;
    }
    let k = index - starts[lo]!;
    const line = this.state.doc.line(lo + 1);
    const stored = storedRanges(this.state);
    for (const c of detectedPerLine(this.state)[lo] ?? []) {
      if (!onChecklist(c)) continue;
      const d = { start: line.from + c.start, end: line.from + c.end };
      if (coveredBy(stored, d)) continue;
      if (k-- === 0) return { ...c, ...d, sentence: { start: c.sentence.start + line.from, end: c.sentence.end + line.from } };
    }
    return null;
  }

  /** How many detected figures of `kinds` no stored claim covers (a pass over the figures: asked only for a kind filter other than the checklist's). */
  unclaimedOfKinds(kinds: ReadonlySet<string>): number {
    const stored = storedRanges(this.state);
    let count = 0;
    for (const d of this.detected()) if (kinds.has(d.kind) && !coveredBy(stored, d)) count++;
    return count;
  }

  /** The per-line counts, for the next snapshot to start from. */
  unclaimedCounts(): UnclaimedCounts {
    return this.counts();
  }
}

/** Holds the editor of the open article and tells subscribers when what it shows changes. */
export class LiveArticleStore {
  private view: EditorView | null = null;
  private saved: Text = Text.empty;
  private snapshot: LiveArticle | null = null;
  /** The last text the store had as a string and its document: asked again unedited, it is not rebuilt from the tree. */
  private known: { doc: Text; text: string } | null = null;
  private readonly listeners = new Set<() => void>();

  /** The editor of a newly loaded text; `savedText` is the text on disk (the editor may hold a restored draft). */
  attach(view: EditorView, savedText: string): void {
    this.view = view;
    const loaded = savedText === view.state.doc.toString();
    this.saved = loaded ? view.state.doc : Text.of(savedText.split('\n'));
    this.known = loaded ? { doc: view.state.doc, text: savedText } : null;
    this.snapshot = null;
    this.publish(view.state);
  }

  detach(view: EditorView): void {
    if (this.view !== view) return;
    this.view = null;
    this.snapshot = null;
    this.known = null;
    this.emit();
  }

  /**
   * The editor's state after an update the app may care about (text, detection, stored
   * claims); `from` is the state it started from and the changes since, when known.
   */
  publish(state: EditorState, from?: { state: EditorState; changes: ChangeDesc; transactions: number }): void {
    const prev = this.snapshot;
    // An edit's count is taken now, from the previous snapshot (lazily it would keep every earlier
    // state alive); a count afresh (a list loaded, a detection answered) waits until the panel
    // asks, so it runs in the panel's render rather than in the task that received the news.
    const since = prev && from && sameClaims(prev.state, from.state) ? countSince({ state: prev.state, counts: prev.unclaimedCounts() }, state, from.changes, from.transactions) : null;
    const counts = since ? () => since : once(() => countAll(state));
    this.snapshot = new LiveArticle(state, this.saved, counts, this.known?.doc === state.doc ? this.known.text : undefined);
    this.emit();
  }

  current(): LiveArticle | null {
    return this.snapshot;
  }

  /** The text on screen now, remembered so that the claims saved with it map onto later edits without a diff. */
  textForSave(): { text: string; doc: Text } | null {
    const v = this.view;
    if (!v) return null;
    v.dispatch({ effects: rememberBase.of(null) });
    const doc = v.state.doc;
    if (this.known?.doc !== doc) this.known = { doc, text: doc.toString() };
    return { text: this.known.text, doc };
  }

  /** `doc` (from `textForSave`) is on disk now. */
  markSaved(doc: Text): void {
    this.saved = doc;
    if (this.view) this.publish(this.view.state);
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

/**
 * The latest snapshot, taken when the page is next idle (after the frame that shows a keystroke,
 * at most `idleTimeoutMs` later) and rendered at low priority: the panels that follow the text
 * (counts, the figures not claimed yet) never stand between a key and its frame, a burst of keys
 * costs them one render, and React drops a render that a newer keystroke has overtaken.
 */
export function useLiveArticle(store: LiveArticleStore): LiveArticle | null {
  const [snapshot, setSnapshot] = useState(() => store.current());
  useEffect(() => {
    setSnapshot(store.current());
    let idle: number | null = null;
    const take = () => {
      idle = null;
      startTransition(() => setSnapshot(store.current()));
    };
    const off = store.subscribe(() => {
      idle ??= requestIdleCallback(take, { timeout: idleTimeoutMs });
    });
    return () => {
      off();
      if (idle !== null) cancelIdleCallback(idle);
    };
  }, [store]);
  return snapshot;
}

/** The longest a panel following the text waits for the page to be idle. */
const idleTimeoutMs = 300;

/** Something small read from the latest snapshot at once (a flag, a count): the component re-renders only when it changes. */
export function useLiveValue<T>(store: LiveArticleStore, read: (a: LiveArticle | null) => T): T {
  return useSyncExternalStore(store.subscribe, () => read(store.current()));
}
