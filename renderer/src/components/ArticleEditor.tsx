import { useEffect, useRef } from 'react';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import type { DetectedClaim } from '../../../shared/claims/index.js';
import { claimHighlighting, setFocusSpans } from '../editor/claim-highlights.js';
import { setStoredClaims, storedClaims, type StoredMark } from '../editor/stored-claims.js';

/** The selected words in the editor (offsets in the text on screen). */
export interface EditorSelection {
  start: number;
  end: number;
  text: string;
}

/** Spans the editor should emphasize and scroll to (a selected claim or finding). */
export interface FocusRequest {
  spans: Array<{ start: number; end: number; tone: 'ok' | 'alarm' | 'claim' }>;
  /** Changes on every request, so asking twice for the same spans scrolls again. */
  serial: number;
}

export interface ArticleEditorProps {
  /** Identity of the loaded text: a new key replaces the editor state (and its undo history). */
  docKey: string;
  text: string;
  readOnly: boolean;
  onChange: (text: string) => void;
  onSave: () => void;
  label: string;
  onClaims: (claims: DetectedClaim[], text: string) => void;
  describeClaim: (claim: DetectedClaim) => string;
  focus: FocusRequest | null;
  /** Stored claims, in the coordinates of `baseText` (the saved text). */
  stored: { marks: StoredMark[]; baseText: string } | null;
  onClaimClick: (id: string) => void;
  onSelection: (sel: EditorSelection | null) => void;
  /** More behaviour for this text (a team article's live binding). */
  extensions?: Extension[];
}

/**
 * The article text, edited as plain text in CodeMirror 6 — never rendered as
 * HTML, whatever the file contains.
 */
export function ArticleEditor({ docKey, text, readOnly, onChange, onSave, label, onClaims, describeClaim, focus, stored, onClaimClick, onSelection, extensions }: ArticleEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onChange, onSave, onClaims, describeClaim, onClaimClick, onSelection });
  callbacks.current = { onChange, onSave, onClaims, describeClaim, onClaimClick, onSelection };
  const storedRef = useRef(stored);
  storedRef.current = stored;

  useEffect(() => {
    const state = EditorState.create({
      doc: text,
      extensions: [
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        EditorView.lineWrapping,
        EditorState.readOnly.of(readOnly),
        EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false' }),
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              callbacks.current.onSave();
              return true;
            },
          },
          ...defaultKeymap,
          ...historyKeymap,
          ...searchKeymap,
        ]),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) callbacks.current.onChange(u.state.doc.toString());
          if (u.selectionSet || u.docChanged) {
            const r = u.state.selection.main;
            callbacks.current.onSelection(r.empty ? null : { start: r.from, end: r.to, text: u.state.sliceDoc(r.from, r.to) });
          }
        }),
        storedClaims({ onClick: (id) => callbacks.current.onClaimClick(id) }),
        claimHighlighting({
          onClaims: (claims, t) => callbacks.current.onClaims(claims, t),
          describe: (c) => callbacks.current.describeClaim(c),
        }),
        ...(extensions ?? []),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    // Report the claims of the freshly loaded text (listeners fire on updates only).
    v.dispatch(storedRef.current ? { effects: setStoredClaims.of(storedRef.current) } : {});
    return () => {
      v.destroy();
      view.current = null;
    };
    // The editor is rebuilt only when another text is loaded (docKey), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey, readOnly]);

  useEffect(() => {
    if (stored) view.current?.dispatch({ effects: setStoredClaims.of(stored) });
  }, [stored]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focus) return;
    const first = focus.spans.filter((s) => s.end <= v.state.doc.length).sort((a, b) => a.start - b.start)[0];
    v.dispatch({
      effects: [setFocusSpans.of(focus.spans), ...(first ? [EditorView.scrollIntoView(first.start, { y: 'center' })] : [])],
      ...(first ? { selection: { anchor: first.start, head: first.end } } : {}),
    });
    // Like "Go to" in Word: the figure is selected in the text, ready to be corrected.
    if (first) v.focus();
  }, [focus]);

  return <div className="editor-host" ref={host} data-testid="article-text" />;
}
