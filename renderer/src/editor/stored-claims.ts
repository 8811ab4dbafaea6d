/**
 * The article's stored claims drawn on the text, coloured by status, and
 * kept on their words while the editor holds unsaved edits: the store's
 * offsets refer to the saved text, so they are mapped through the changes
 * from that text to the one on screen, then through every further edit.
 */
import { ChangeSet, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, type DecorationSet } from '@codemirror/view';
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

export interface StoredClaimsOptions {
  /** A click on a stored claim's words. */
  onClick: (id: string) => void;
}

/** Positions of `marks` in `current`, given they were made for `baseText`. */
export function mapMarks(marks: StoredMark[], baseText: string, current: string): StoredMark[] {
  if (baseText === current) return marks;
  const changes = ChangeSet.of(
    computeChanges(baseText, current).map((c) => ({ from: c.from, to: c.to, insert: c.insert })),
    baseText.length,
  );
  return marks
    .map((m) => ({ ...m, start: changes.mapPos(m.start, 1), end: changes.mapPos(m.end, -1) }))
    .filter((m) => m.end > m.start);
}

const field = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setStoredClaims)) continue;
      const marks = mapMarks(e.value.marks, e.value.baseText, tr.state.doc.toString())
        .filter((m) => m.end <= tr.state.doc.length)
        .sort((a, b) => a.start - b.start || a.end - b.end);
      deco = Decoration.set(
        marks.map((m) =>
          Decoration.mark({ class: `cm-stored cm-status-${m.status}`, attributes: { 'data-claim-id': m.id, 'data-status': m.status } }).range(m.start, m.end),
        ),
      );
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function storedClaims(opts: StoredClaimsOptions): Extension {
  return [
    field,
    EditorView.domEventHandlers({
      click(event) {
        const el = (event.target as HTMLElement | null)?.closest?.('[data-claim-id]');
        const id = el?.getAttribute('data-claim-id');
        if (id) opts.onClick(id);
        return false;
      },
    }),
  ];
}
