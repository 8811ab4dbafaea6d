/**
 * CodeMirror extensions that show claims in the article text: every figure
 * the claim engine finds, and a focus highlight for the figures a selected
 * claim or cross-check concerns.
 *
 * Detection follows the text the way MatchDecorator does: the claims of each
 * line are kept with offsets relative to the line, so an edit moves the lines
 * it did not touch for free and re-scans only the ones it did (shared
 * `rescanLines`). Scanning the whole text happens once, in a worker, when the
 * article is opened (or when an edit may change what a bare `$` means); the
 * text is on screen and editable meanwhile, edits made while the worker runs
 * are replayed on its answer, and only the latest request's answer counts.
 * Decorations are built for the lines on screen only (CodeMirror's viewport).
 */
import { ChangeSet, Facet, StateEffect, StateField, type ChangeDesc, type EditorState, type Extension, type Range, type Text } from '@codemirror/state';
import { Decoration, EditorView, ViewPlugin, hoverTooltip, type DecorationSet, type ViewUpdate } from '@codemirror/view';
import {
  claimKinds,
  detectLines,
  dollarSignalReach,
  mayChangeDollarCurrency,
  rescanLines,
  type ClaimKind,
  type ClaimLines,
  type DetectedClaim,
  type LineEdit,
} from '../../../shared/claims/index.js';
import { decodeDetectionInSlices, type DetectionRequest, type EncodedDetection } from '../workers/claims-transfer.js';

export interface ClaimHighlightOptions {
  /** Tooltip text for a hovered claim. */
  describe: (claim: DetectedClaim) => string;
  dollarCurrency?: string;
}

/** The page's time per task unpacking a whole-text detection (a frame's worth, less the rest of the frame). */
const sliceMs = 8;

/** Texts up to this long are scanned at once when opened: quicker than a round trip to the worker. */
const SYNC_DETECT_CHARS = 40_000;

const NONE: readonly DetectedClaim[] = [];

interface DetectedState {
  /** Per-line detection state; null until the first whole-text detection has answered. */
  lines: ClaimLines | null;
  /** Claims of each line (index = line number - 1), offsets relative to the line start. */
  perLine: ReadonlyArray<readonly DetectedClaim[]>;
  /** Bumped whenever the claims change. */
  version: number;
  /** Lines (0-based, [from, to)) the last transaction re-scanned; null when it may have changed any. */
  rescanned: ReadonlyArray<readonly [number, number]> | null;
  /** A whole-text detection asked of the worker: for which text, and the edits made since. */
  pending: { seq: number; doc: Text; changes: ChangeSet } | null;
}

interface FullDetection {
  seq: number;
  lines: ClaimLines;
  perLine: Array<readonly DetectedClaim[]>;
}

const fullDetected = StateEffect.define<FullDetection>();
let requestSeq = 0;

/** CodeMirror's changed ranges in line numbers, merged where two share a line. */
export function lineEdits(changes: ChangeDesc, a: Text, b: Text): LineEdit[] {
  const edits: LineEdit[] = [];
  changes.iterChangedRanges((fromA, toA, _fromB, toB) => {
    const e = { fromLine: a.lineAt(fromA).number - 1, oldTo: a.lineAt(toA).number, newTo: b.lineAt(toB).number };
    const last = edits[edits.length - 1];
    if (last && e.fromLine < last.oldTo) {
      last.oldTo = Math.max(last.oldTo, e.oldTo);
      last.newTo = Math.max(last.newTo, e.newTo);
    } else edits.push(e);
  });
  return edits;
}

/** Moves the per-line claims from text `a` to text `b` and re-scans what `changes` touched. */
function follow(lines: ClaimLines, perLine: ReadonlyArray<readonly DetectedClaim[]>, changes: ChangeSet, a: Text, b: Text) {
  const edits = lineEdits(changes, a, b);
  // Untouched runs of lines are copied in slices (a keystroke must not cost a loop over the text's lines).
  let next: Array<readonly DetectedClaim[]> = [];
  let oldPos = 0;
  for (const e of edits) {
    next = next.concat(perLine.slice(oldPos, e.fromLine));
    next = next.concat(new Array<readonly DetectedClaim[]>(e.newTo - next.length).fill(NONE));
    oldPos = e.oldTo;
  }
  next = next.concat(perLine.slice(oldPos, a.lines));
  const reader = { lineCount: b.lines, lineText: (i: number) => b.line(i + 1).text };
  const rescanned: Array<[number, number]> = [];
  const after = rescanLines(lines, reader, edits, (i, claims) => {
    next[i] = claims.length ? claims : NONE;
    const last = rescanned[rescanned.length - 1];
    if (last && last[1] === i) last[1] = i + 1;
    else rescanned.push([i, i + 1]);
  });
  return { lines: after, perLine: next, rescanned };
}

/** Whether `changes` may change what a bare `$` stands for (see inferDollarCurrency). */
function dollarMayChange(changes: ChangeSet, a: Text, b: Text): boolean {
  const reach = dollarSignalReach.chars;
  let may = false;
  changes.iterChangedRanges((fromA, toA, fromB, toB) => {
    if (may) return;
    if (fromA < dollarSignalReach.headline + reach) may = true;
    else
      may =
        mayChangeDollarCurrency(a.sliceString(Math.max(0, fromA - reach), Math.min(a.length, toA + reach))) ||
        mayChangeDollarCurrency(b.sliceString(Math.max(0, fromB - reach), Math.min(b.length, toB + reach)));
  });
  return may;
}

function perLineOf(claims: DetectedClaim[], doc: Text): Array<readonly DetectedClaim[]> {
  const perLine: Array<DetectedClaim[]> = [];
  for (let i = 0; i < doc.lines; i++) perLine.push([]);
  for (const c of claims) {
    const line = doc.lineAt(c.start);
    const o = line.from;
    perLine[line.number - 1]!.push({ ...c, start: c.start - o, end: c.end - o, sentence: { start: c.sentence.start - o, end: c.sentence.end - o } });
  }
  return perLine.map((cs) => (cs.length ? cs : NONE));
}

/** The workspace's reading of a bare `$`, when it sets one (else the text decides). */
const dollarOption = Facet.define<string | undefined, string | undefined>({ combine: (values) => values.find((v) => v !== undefined) });

const request = (doc: Text) => ({ seq: ++requestSeq, doc, changes: ChangeSet.empty(doc.length) });

const field = StateField.define<DetectedState>({
  create(state) {
    if (state.doc.length > SYNC_DETECT_CHARS) return { lines: null, perLine: [], version: 0, pending: request(state.doc), rescanned: null };
    const dollarCurrency = state.facet(dollarOption);
    const r = detectLines(state.doc.toString(), dollarCurrency ? { dollarCurrency } : {});
    return { lines: r.lines, perLine: perLineOf(r.claims, state.doc), version: 1, pending: null, rescanned: null };
  },
  update(value, tr) {
    const dollarCurrency = tr.state.facet(dollarOption);
    let { lines, perLine, version, pending } = value;
    let rescanned: DetectedState['rescanned'] = [];
    if (tr.docChanged) {
      if (pending) pending = { ...pending, changes: pending.changes.compose(tr.changes) };
      if (lines) {
        ({ lines, perLine, rescanned } = follow(lines, perLine, tr.changes, tr.startState.doc, tr.state.doc));
        version++;
        // A new mention of a dollar country may change every `$` in the text: the worker
        // re-reads the whole text; meanwhile the lines keep the `$` they had.
        if (!dollarCurrency && dollarMayChange(tr.changes, tr.startState.doc, tr.state.doc)) pending = request(tr.state.doc);
      }
    }
    for (const e of tr.effects) {
      if (!e.is(fullDetected) || !pending || e.value.seq !== pending.seq) continue;
      const same = lines && lines.dollar === e.value.lines.dollar;
      if (!same) {
        // The answer is for the text as it was asked; the edits made since are replayed on it.
        ({ lines, perLine } = follow(e.value.lines, e.value.perLine, pending.changes, pending.doc, tr.state.doc));
        rescanned = null;
        version++;
      }
      pending = null;
    }
    return lines === value.lines && pending === value.pending && version === value.version ? value : { lines, perLine, version, pending, rescanned };
  },
});

/** Calls `f` with each line's claims (relative offsets) and the line's start, in text order. */
function eachLine(state: EditorState, f: (claims: readonly DetectedClaim[], lineStart: number) => void): void {
  const s = state.field(field, false);
  if (!s) return;
  // One walk over the lines: looking each line up by number would cost a tree descent apiece.
  let i = 0;
  let pos = 0;
  for (const it = state.doc.iterLines(); !it.next().done; i++) {
    const cs = s.perLine[i];
    if (cs?.length) f(cs, pos);
    pos += it.value.length + 1;
  }
}

/** The claims the engine finds in the editor's text now, sorted, absolute offsets (built on demand). */
export function detectedClaims(state: EditorState): DetectedClaim[] {
  const out: DetectedClaim[] = [];
  eachLine(state, (cs, o) => {
    for (const c of cs) out.push({ ...c, start: c.start + o, end: c.end + o, sentence: { start: c.sentence.start + o, end: c.sentence.end + o } });
  });
  return out;
}

/** Each line's claims (index = line number - 1), offsets relative to the line; an untouched line keeps its array across edits. */
export function detectedPerLine(state: EditorState): ReadonlyArray<readonly DetectedClaim[]> {
  return state.field(field, false)?.perLine ?? [];
}

/** The lines (0-based, [from, to)) the transaction that made `state` re-scanned; null: possibly any. */
export function rescannedLines(state: EditorState): ReadonlyArray<readonly [number, number]> | null {
  return state.field(field, false)?.rescanned ?? null;
}

/** Bumped whenever the detected claims change; `null` while the first detection is still running. */
export function detectionVersion(state: EditorState): number | null {
  const s = state.field(field, false);
  return s?.lines ? s.version : null;
}

const kindMark = Object.fromEntries(
  claimKinds.map((k) => [k, Decoration.mark({ class: `cm-claim cm-claim-${k}`, attributes: { 'data-claim-kind': k } })]),
) as Record<ClaimKind, Decoration>;

/** Spans to emphasize (a selected claim or finding); empty clears. */
export const setFocusSpans = StateEffect.define<Array<{ start: number; end: number; tone: 'ok' | 'alarm' | 'claim' }>>();

const focusField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setFocusSpans)) continue;
      const len = tr.state.doc.length;
      const spans = e.value.filter((s) => s.start >= 0 && s.end <= len && s.end > s.start).sort((a, b) => a.start - b.start);
      deco = Decoration.set(spans.map((s) => Decoration.mark({ class: `cm-focus cm-focus-${s.tone}` }).range(s.start, s.end)));
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** Runs the whole-text detections the field asks for in a worker and hands the answers back. */
function detectionWorker() {
  return ViewPlugin.fromClass(
    class {
      worker: Worker | null = null;
      posted = 0;
      destroyed = false;
      constructor(readonly view: EditorView) {
        this.post();
      }
      update() {
        this.post();
      }
      post() {
        const p = this.view.state.field(field).pending;
        if (!p || p.seq === this.posted) return;
        this.posted = p.seq;
        if (!this.worker) {
          this.worker = new Worker(new URL('../workers/claims.worker.ts', import.meta.url), { type: 'module' });
          this.worker.onmessage = (e: MessageEvent<EncodedDetection>) => {
            const doc = this.view.state.field(field).pending?.seq === e.data.seq ? this.view.state.field(field).pending!.doc : null;
            // An answer to a request already replaced is dropped unread.
            if (!doc) return;
            // Unpacked over several tasks of about `sliceMs` each (60,000 figures in one task froze
            // the page for a tenth of a second or more; a fixed count per task still took 70-190 ms
            // on a busy machine); a newer request or a closed editor drops it between slices.
            const seq = e.data.seq;
            const steps = decodeDetectionInSlices(e.data, (i) => doc.line(i + 1).text, 250);
            const step = () => {
              if (this.destroyed || this.view.state.field(field).pending?.seq !== seq) return;
              const until = performance.now() + sliceMs;
              let r = steps.next();
              while (!r.done && performance.now() < until) r = steps.next();
              if (!r.done) return void setTimeout(step, 0);
              this.view.dispatch({ effects: fullDetected.of({ seq, lines: r.value.lines, perLine: r.value.perLine }) });
            };
            step();
          };
          this.worker.onerror = (e) => console.error('factdesk: claim detection failed:', e.message);
        }
        const dollarCurrency = this.view.state.facet(dollarOption);
        const request: DetectionRequest = { seq: p.seq, text: p.doc.toString(), ...(dollarCurrency ? { dollarCurrency } : {}) };
        this.worker.postMessage(request);
      }
      destroy() {
        this.destroyed = true;
        this.worker?.terminate();
      }
    },
  );
}

/**
 * Mark decorations for the detected claims on the lines CodeMirror draws (its viewport: what is
 * on screen and a margin), so a mark does not come and go under the pointer at the screen's edge.
 */
function visibleClaimMarks() {
  const build = (view: EditorView): DecorationSet => {
    const { perLine } = view.state.field(field);
    const ranges: Array<Range<Decoration>> = [];
    const { from, to } = view.viewport;
    for (let n = view.state.doc.lineAt(from).number, last = view.state.doc.lineAt(to).number; n <= last; n++) {
      const cs = perLine[n - 1];
      if (!cs?.length) continue;
      const o = view.state.doc.line(n).from;
      for (const c of cs) if (c.end > c.start) ranges.push(kindMark[c.kind].range(c.start + o, c.end + o));
    }
    return Decoration.set(ranges);
  };
  return ViewPlugin.fromClass(
    class {
      decorations: DecorationSet;
      constructor(view: EditorView) {
        this.decorations = build(view);
      }
      update(u: ViewUpdate) {
        if (u.docChanged || u.viewportChanged || u.startState.field(field) !== u.state.field(field)) this.decorations = build(u.view);
      }
    },
    { decorations: (v) => v.decorations },
  );
}

export function claimHighlighting(opts: ClaimHighlightOptions): Extension {
  const tooltip = hoverTooltip((view, pos) => {
    const line = view.state.doc.lineAt(pos);
    const found = view.state.field(field).perLine[line.number - 1]?.find((x) => x.start + line.from <= pos && pos < x.end + line.from);
    if (!found) return null;
    const c = { ...found, start: found.start + line.from, end: found.end + line.from };
    return {
      pos: c.start,
      end: c.end,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-claim-tooltip';
        dom.textContent = opts.describe(c);
        return { dom };
      },
    };
  });
  return [dollarOption.of(opts.dollarCurrency), field, focusField, visibleClaimMarks(), detectionWorker(), tooltip];
}
