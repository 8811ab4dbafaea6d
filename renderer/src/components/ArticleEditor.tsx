import { formatExtensions } from '../editor/markdown.js';
import { statementHighlighting } from '../editor/statement-highlights.js';
import type { StatementCategory } from '../../../shared/statements/index.js';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EditorState, type Extension } from '@codemirror/state';
import { EditorView, keymap, drawSelection, highlightActiveLine } from '@codemirror/view';
import { copyLineDown, copyLineUp, defaultKeymap, history, historyKeymap, moveLineDown, moveLineUp } from '@codemirror/commands';
import { highlightSelectionMatches, searchKeymap } from '@codemirror/search';
import type { DetectedClaim } from '../../../shared/claims/index.js';
import { claimHighlighting, detectionVersion, setFocusSpans } from '../editor/claim-highlights.js';
import { setStoredClaims, storedClaims, storedRanges, type StoredMark } from '../editor/stored-claims.js';
import type { LiveArticleStore } from '../stores/live-article.js';
import { editorPhrases, phrasesCompartment } from '../editor/phrases.js';
import { reviewCompartment, reviewMode, setSuggestionMarks, suggestionMarks, type ReviewKeys, type SuggestionMark } from '../editor/suggestions.js';

/** The selected words in the editor (offsets in the text on screen). */
export interface EditorSelection {
  start: number;
  end: number;
  text: string;
}

/** Spans the editor should emphasize and scroll to (a selected claim or finding). */
export interface FocusRequest {
  spans: Array<{ start: number; end: number; tone: 'ok' | 'alarm' | 'claim' }>;
  /** Select and scroll, but leave the keyboard focus where it is (stepping through claims from the card). */
  keepFocus?: boolean;
  /** Changes on every request, so asking twice for the same spans scrolls again. */
  serial: number;
}

export interface ArticleEditorProps {
  /** Identity of the loaded text: a new key replaces the editor state (and its undo history). */
  docKey: string;
  /** The text to load (read once per docKey: from then on the editor owns the text). */
  text: string;
  /** The text on disk (differs from `text` when a kept draft was restored). */
  savedText: string;
  /** Where the editor publishes what it holds, for save, drafts, the panel and the checks. */
  live: LiveArticleStore;
  readOnly: boolean;
  onSave: () => void;
  label: string;
  describeClaim: (claim: DetectedClaim) => string;
  /** Names a statement's category (award, ranking…) for its mark's tooltip. */
  describeStatement?: (category: StatementCategory) => string;
  focus: FocusRequest | null;
  /** Stored claims, in the coordinates of `baseText` (the saved text). */
  stored: { marks: StoredMark[]; baseText: string } | null;
  onClaimClick: (id: string) => void;
  onSelection: (sel: EditorSelection | null) => void;
  /** The hover tooltip of a stored claim: its status, verdict and checker. */
  describeStored?: (id: string) => string | null;
  /** Ctrl+Shift+C: make the detected figure at the cursor a claim. */
  onAcceptAtCursor?: (pos: number) => void;
  /** The article's format: `.md` articles get Markdown styling (the text itself is unchanged). */
  format?: string;
  /** More behaviour for this text (a team article's live binding). */
  extensions?: Extension[];
  /** Review mode: the text locked, keys as commands (switching keeps the editor). */
  reviewing?: boolean;
  /** Review mode's command keys. */
  reviewKeys?: ReviewKeys;
  /** Open suggestions, in the coordinates of `baseText` (the saved text). */
  suggestions?: { marks: SuggestionMark[]; baseText: string } | null;
}

// Alt+↑/↓ (and with Shift) would move or copy a paragraph without a word: an article is not code.
const paragraphMovers: ReadonlySet<unknown> = new Set([moveLineUp, moveLineDown, copyLineUp, copyLineDown]);
const articleKeymap = defaultKeymap.filter((b) => !paragraphMovers.has(b.run));

/**
 * The article text, edited as plain text in CodeMirror 6 — never rendered as
 * HTML, whatever the file contains.
 */
export function ArticleEditor({ docKey, text, savedText, live, readOnly, onSave, label, describeClaim, describeStatement, focus, stored, onClaimClick, onSelection, onAcceptAtCursor, describeStored, format = 'txt', extensions, reviewing = false, reviewKeys, suggestions }: ArticleEditorProps) {
  const { t, i18n } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const callbacks = useRef({ onSave, describeClaim, describeStatement, onClaimClick, onSelection, onAcceptAtCursor, describeStored });
  callbacks.current = { onSave, describeClaim, describeStatement, onClaimClick, onSelection, onAcceptAtCursor, describeStored };
  const storedRef = useRef(stored);
  storedRef.current = stored;
  const review = useRef({ reviewing, reviewKeys, suggestions });
  review.current = { reviewing, reviewKeys, suggestions };
  const keys: ReviewKeys = {
    onSuggest: (sel) => review.current.reviewKeys?.onSuggest(sel),
    onStatus: (n) => review.current.reviewKeys?.onStatus(n),
    onResolve: (how, id) => review.current.reviewKeys?.onResolve(how, id),
  };

  useEffect(() => {
    const state = EditorState.create({
      doc: text,
      extensions: [
        history(),
        drawSelection(),
        highlightActiveLine(),
        highlightSelectionMatches(),
        EditorView.lineWrapping,
        ...formatExtensions(format),
        EditorState.readOnly.of(readOnly),
        phrasesCompartment.of(editorPhrases(t)),
        // tabindex: the text is in the tab order as an editable element anyway; said outright, tools that only count
        // tabindex (axe's scrollable-region-focusable) see that a long article's scrolling box can be reached by keyboard.
        EditorView.contentAttributes.of({ 'aria-label': label, spellcheck: 'false', tabindex: '0' }),
        keymap.of([
          {
            key: 'Mod-s',
            preventDefault: true,
            run: () => {
              callbacks.current.onSave();
              return true;
            },
          },
          {
            key: 'Mod-Shift-c',
            preventDefault: true,
            run: (v) => {
              callbacks.current.onAcceptAtCursor?.(v.state.selection.main.head);
              return true;
            },
          },
          ...articleKeymap,
          ...historyKeymap,
          ...searchKeymap,
        ]),
        EditorView.updateListener.of((u) => {
          // The app hears of every change; what it needs it takes from the state, when it needs it.
          if (u.docChanged || detectionVersion(u.startState) !== detectionVersion(u.state) || storedRanges(u.startState) !== storedRanges(u.state)) live.publish(u.state, { state: u.startState, changes: u.changes, transactions: u.transactions.length });
          if (u.selectionSet || u.docChanged) {
            const r = u.state.selection.main;
            callbacks.current.onSelection(r.empty ? null : { start: r.from, end: r.to, text: u.state.sliceDoc(r.from, r.to) });
          }
        }),
        storedClaims({ onClick: (id) => callbacks.current.onClaimClick(id), describe: (id) => callbacks.current.describeStored?.(id) ?? null }),
        claimHighlighting({ describe: (c) => callbacks.current.describeClaim(c) }),
        statementHighlighting({ describe: (c) => callbacks.current.describeStatement?.(c) ?? c }),
        ...(extensions ?? []),
        reviewCompartment.of(reviewMode(review.current.reviewing, keys)),
        suggestionMarks(),
      ],
    });
    const v = new EditorView({ state, parent: host.current! });
    view.current = v;
    live.attach(v, savedText);
    if (storedRef.current) v.dispatch({ effects: setStoredClaims.of(storedRef.current) });
    if (review.current.suggestions) v.dispatch({ effects: setSuggestionMarks.of(review.current.suggestions) });
    return () => {
      live.detach(v);
      v.destroy();
      view.current = null;
    };
    // The editor is rebuilt only when another text is loaded (docKey), not on every keystroke.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [docKey, readOnly]);

  // The find panel and the editor's announcements follow a switch of the UI language.
  useEffect(() => {
    const v = view.current;
    if (!v) return;
    // Reconfiguring builds an open find panel again, in the new language and with its words, and the new
    // panel takes the focus: it goes back where it was (the language menu).
    const had = document.activeElement;
    v.dispatch({ effects: phrasesCompartment.reconfigure(editorPhrases(t)) });
    if (had instanceof HTMLElement && had.isConnected && !v.dom.contains(had) && document.activeElement !== had) had.focus();
  }, [t, i18n.language]);

  useEffect(() => {
    if (stored) view.current?.dispatch({ effects: setStoredClaims.of(stored) });
  }, [stored]);

  useEffect(() => {
    view.current?.dispatch({ effects: reviewCompartment.reconfigure(reviewMode(reviewing, keys)) });
    // The keys read the latest callbacks through a ref; only the mode itself reconfigures.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reviewing]);

  useEffect(() => {
    if (suggestions) view.current?.dispatch({ effects: setSuggestionMarks.of(suggestions) });
  }, [suggestions]);

  useEffect(() => {
    const v = view.current;
    if (!v || !focus) return;
    const first = focus.spans.filter((s) => s.end <= v.state.doc.length).sort((a, b) => a.start - b.start)[0];
    v.dispatch({
      effects: [setFocusSpans.of(focus.spans), ...(first ? [EditorView.scrollIntoView(first.start, { y: 'center' })] : [])],
      ...(first ? { selection: { anchor: first.start, head: first.end } } : {}),
    });
    // Like "Go to" in Word: the figure is selected in the text, ready to be corrected.
    if (first && !focus.keepFocus) v.focus();
  }, [focus]);

  return <div className="editor-host" ref={host} data-testid="article-text" />;
}
