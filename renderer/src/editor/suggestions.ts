/**
 * Review mode and suggestions in the editor. Reviewing locks the text
 * (`EditorState.readOnly`): stray keystrokes never change the article, and
 * letter and digit keys are commands (S suggests a change to the selection,
 * A / R accept or reject the suggestion at the cursor, 1–7 give the
 * selected claim a status). Open suggestions are drawn like
 * Word's tracked changes: the words struck through, the suggested wording
 * after them, who and when on hover.
 */
import { ChangeSet, Compartment, EditorState, Prec, StateEffect, StateField, type Extension, type Range } from '@codemirror/state';
import { Decoration, EditorView, WidgetType, keymap, type DecorationSet } from '@codemirror/view';
import { computeChanges } from '../../../shared/anchoring/index.js';

export interface SuggestionMark {
  id: string;
  start: number;
  end: number;
  replacement: string;
  /** The hover text: who suggested what, when. */
  title: string;
}

/** Marks in the coordinates of `baseText` (the saved text the store anchored them to). */
export const setSuggestionMarks = StateEffect.define<{ marks: SuggestionMark[]; baseText: string }>();

class SuggestedWording extends WidgetType {
  constructor(
    readonly mark: SuggestionMark,
  ) {
    super();
  }
  override eq(other: SuggestedWording): boolean {
    return other.mark.id === this.mark.id && other.mark.replacement === this.mark.replacement && other.mark.title === this.mark.title;
  }
  toDOM(): HTMLElement {
    const el = document.createElement('ins');
    el.className = 'cm-suggestion-ins';
    el.textContent = this.mark.replacement;
    el.title = this.mark.title;
    el.dataset.suggestionId = this.mark.id;
    return el;
  }
  override ignoreEvent(): boolean {
    return false;
  }
}

function build(state: EditorState, marks: readonly SuggestionMark[], baseText: string): DecorationSet {
  const current = state.doc.toString();
  // Unsaved edits since the text the suggestions point into: mapped through the difference, once.
  const changes = current === baseText ? null : ChangeSet.of(computeChanges(baseText, current).map((c) => ({ from: c.from, to: c.to, insert: c.insert })), baseText.length);
  const out: Array<Range<Decoration>> = [];
  for (const m of marks) {
    const from = changes ? changes.mapPos(m.start, 1) : m.start;
    const to = changes ? changes.mapPos(m.end, -1) : m.end;
    if (to < from || to > state.doc.length) continue;
    if (to > from) out.push(Decoration.mark({ class: 'cm-suggestion-del', attributes: { title: m.title, 'data-suggestion-id': m.id } }).range(from, to));
    if (m.replacement !== '') out.push(Decoration.widget({ widget: new SuggestedWording(m), side: 1 }).range(to));
  }
  return Decoration.set(out, true);
}

const suggestionField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    let next = deco.map(tr.changes);
    for (const e of tr.effects) if (e.is(setSuggestionMarks)) next = build(tr.state, e.value.marks, e.value.baseText);
    return next;
  },
  provide: (f) => EditorView.decorations.from(f),
});

/** The open suggestions drawn on the text. */
export function suggestionMarks(): Extension {
  return suggestionField;
}

/** What review mode's command keys do. */
export interface ReviewKeys {
  /** S: suggest a change to the selected words (`start..end` of the text on screen), or to the selected claim when nothing is selected. */
  onSuggest: (sel: { start: number; end: number } | null) => void;
  /** 1–7: the selected claim's status, in the order the card lists them. */
  onStatus: (n: number) => void;
  /** A / R: accept or reject the suggestion at the cursor (its id). */
  onResolve: (how: 'accept' | 'reject', suggestionId: string) => void;
}

/** The id of the open suggestion whose words (or suggested wording) are at `pos`, if any. */
export function suggestionAt(state: EditorState, pos: number): string | null {
  let found: string | null = null;
  state.field(suggestionField, false)?.between(Math.max(0, pos - 1), Math.min(state.doc.length, pos + 1), (from, to, deco) => {
    const id = (deco.spec.attributes as Record<string, string> | undefined)?.['data-suggestion-id'] ?? (deco.spec.widget as SuggestedWording | undefined)?.mark.id;
    if (id && from <= pos && pos <= to) {
      found = id;
      return false;
    }
    return undefined;
  });
  return found;
}

/** Holds review mode, so switching it keeps the editor (its text, undo history and scroll). */
export const reviewCompartment = new Compartment();

/** Review mode's extensions: the text locked, letter and digit keys as commands. Empty when editing. */
export function reviewMode(on: boolean, keys: ReviewKeys): Extension {
  if (!on) return [];
  const suggest = (v: EditorView) => {
    const r = v.state.selection.main;
    keys.onSuggest(r.empty ? null : { start: r.from, end: r.to });
    return true;
  };
  const resolve = (how: 'accept' | 'reject') => (v: EditorView) => {
    const id = suggestionAt(v.state, v.state.selection.main.head);
    if (id) keys.onResolve(how, id);
    return true;
  };
  return [
    // The first value of the facet counts: above the editor's own (workspace read-only) setting.
    Prec.highest(EditorState.readOnly.of(true)),
    // Not contenteditable at all, so no typing and no input-method composition can reach the page;
    // still focusable, so the command keys, selection and the caret keep working.
    Prec.highest(EditorView.editable.of(false)),
    EditorView.contentAttributes.of({ 'aria-readonly': 'true', tabindex: '0' }),
    EditorView.editorAttributes.of({ class: 'cm-reviewing' }),
    // The state ignores typing when read-only, but the browser would still draw the letters until
    // the next redraw: typing, Enter, Backspace, cut and drop are stopped before they reach the page.
    EditorView.domEventHandlers({
      beforeinput: (e) => {
        e.preventDefault();
        return true;
      },
    }),
    keymap.of([
      { key: 's', run: suggest },
      { key: 'S', run: suggest },
      { key: 'a', run: resolve('accept') },
      { key: 'A', run: resolve('accept') },
      { key: 'r', run: resolve('reject') },
      { key: 'R', run: resolve('reject') },
      ...[1, 2, 3, 4, 5, 6, 7].map((n) => ({
        key: String(n),
        run: () => {
          keys.onStatus(n);
          return true;
        },
      })),
    ]),
  ];
}
