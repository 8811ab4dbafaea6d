import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim } from '../../../shared/annotations.js';
import type { Suggestion } from '../../../shared/suggestions.js';
import type { SuggestionMark } from '../editor/suggestions.js';
import { focusSpans, selectedClaimStore, claimListStore } from '../stores/claims.js';
import { useStore } from '../stores/store.js';
import {
  closeComposer,
  composerErrorStore,
  composerStore,
  mayResolve,
  resolveSuggestions,
  reviewModeStore,
  submitSuggestion,
  suggestForClaim,
  suggestForSpan,
  suggestionListStore,
} from '../stores/suggestions.js';
import { textSelectionStore } from '../stores/claims.js';
import { profileStore } from '../stores/profile.js';
import { workspaceStore } from '../stores/workspace.js';

function when(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Editing / Reviewing, in the toolbar. */
export function ReviewModeSwitch() {
  const { t } = useTranslation();
  const reviewing = useStore(reviewModeStore);
  return (
    <div className="view-switch review-mode-switch" role="group" aria-label={t('suggestions.mode')} title={t('suggestions.modeHint')}>
      <button aria-pressed={!reviewing} onClick={() => reviewModeStore.set(false)}>
        {t('suggestions.editing')}
      </button>
      <button aria-pressed={reviewing} onClick={() => reviewModeStore.set(true)}>
        {t('suggestions.reviewing')}
      </button>
    </div>
  );
}

/** Says the text is locked, above the article, while reviewing. */
export function ReviewBanner() {
  const { t } = useTranslation();
  const reviewing = useStore(reviewModeStore);
  return reviewing ? (
    <div className="banner banner-review" role="status">
      {t('suggestions.lockedBanner')}
    </div>
  ) : null;
}

/** The open suggestions as editor marks (saved-text offsets), with who and when on hover. */
export function useSuggestionMarks(articleId: string | null, baseText: string | null): { marks: SuggestionMark[]; baseText: string } | null {
  const { t, i18n } = useTranslation();
  const list = useStore(suggestionListStore);
  return useMemo(() => {
    if (!list || list.articleId !== articleId || baseText === null) return null;
    const marks = list.open.map((g) => ({
      id: g.id,
      start: g.anchor.start,
      end: g.anchor.end,
      replacement: g.replacement,
      title: t('suggestions.tooltip', { who: g.by, when: when(g.at, i18n.language), from: g.anchor.quote, to: g.replacement || `(${t('suggestions.deletion')})` }),
    }));
    return { marks, baseText };
  }, [list, articleId, baseText, t, i18n.language]);
}

/** The small form a reviewer types the new wording into (a modal dialog: it keeps the focus). */
export function SuggestionComposer() {
  const { t } = useTranslation();
  const draft = useStore(composerStore);
  const error = useStore(composerErrorStore);
  const ref = useRef<HTMLDialogElement>(null);
  const [replacement, setReplacement] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (draft) {
      setReplacement(draft.quote);
      setNote('');
      if (!d.open) d.showModal();
    } else if (d.open) d.close();
  }, [draft]);
  return (
    <dialog
      ref={ref}
      className="modal suggestion-composer"
      aria-label={t('suggestions.composerTitle')}
      onCancel={(e) => {
        e.preventDefault();
        closeComposer();
      }}
    >
      {draft ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setBusy(true);
            void submitSuggestion(replacement, note).finally(() => setBusy(false));
          }}
        >
          <h3>{t('suggestions.composerTitle')}</h3>
          <p className="suggestion-original">
            <span className="muted">{t('suggestions.original')}: </span>
            <del>{draft.quote}</del>
          </p>
          <label className="suggestion-field">
            <span>{t('suggestions.replacement')}</span>
            <input className="modal-input" autoFocus value={replacement} onChange={(e) => setReplacement(e.target.value)} onFocus={(e) => e.target.select()} />
          </label>
          <label className="suggestion-field">
            <span>{t('suggestions.note')}</span>
            <input className="modal-input" value={note} onChange={(e) => setNote(e.target.value)} />
          </label>
          {error ? (
            <p className="modal-error banner banner-error" role="alert">
              {error}
            </p>
          ) : null}
          <div className="modal-buttons">
            <button type="submit" className="primary" disabled={busy}>
              {t('suggestions.submit')}
            </button>
            <button type="button" onClick={closeComposer}>
              {t('suggestions.cancel')}
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}

/**
 * On the claims tab, while a claim's card is open: its corrected wording, suggested in one step
 * (the reason to suggest is usually a false or disputed verdict; it is offered for any claim, so
 * giving a verdict never moves the panel under the pointer).
 */
export function ClaimSuggestBar({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const selectedId = useStore(selectedClaimStore);
  const list = useStore(claimListStore);
  const claim: Claim | undefined = list?.claims.find((c) => c.id === selectedId);
  if (!claim || readOnly) return null;
  const wrong = claim.status === 'false' || claim.status === 'disputed';
  return (
    <div className="suggest-bar">
      <button className={wrong ? 'suggest-wrong' : undefined} onClick={() => suggestForClaim(claim)}>
        ✎ {t('suggestions.suggestForClaim')}: “{claim.anchor.quote}”
      </button>
    </div>
  );
}

function SuggestionItem({ g, lang, canResolve, readOnly }: { g: Suggestion; lang: string; canResolve: boolean; readOnly: boolean }) {
  const { t } = useTranslation();
  const to = g.replacement || `(${t('suggestions.deletion')})`;
  const refusal = canResolve ? undefined : t('suggestions.editorOnly');
  return (
    <li className="suggestion" data-suggestion-id={g.id}>
      {g.detached ? (
        // Its offsets no longer point at its words: nothing to show in the text.
        <span className="suggestion-change">
          <del>{g.anchor.quote}</del> → <ins>{to}</ins>
        </span>
      ) : (
        <button className="suggestion-change link-button" onClick={() => focusSpans([{ start: g.anchor.start, end: g.anchor.end, tone: 'claim' }], true)}>
          <del>{g.anchor.quote}</del> → <ins>{to}</ins>
        </button>
      )}
      <span className="muted suggestion-by">
        {t('suggestions.by', { who: g.by, when: when(g.at, lang) })}
        {g.claimId ? ` · ${t('suggestions.forClaim')}` : ''}
      </span>
      {g.note ? <span className="suggestion-note">{g.note}</span> : null}
      {g.detached ? <span className="warn">⚠ {t(`suggestions.detachedReason.${g.detached.reason}`, { now: g.detached.nowQuote ?? '' })}</span> : null}
      {!readOnly ? (
        <span className="row suggestion-actions">
          {!g.detached ? (
            <button className="primary" disabled={!canResolve} title={refusal} aria-label={t('suggestions.acceptOne', { from: g.anchor.quote, to })} onClick={() => void resolveSuggestions('accept', [g.id])}>
              ✓ {t('suggestions.accept')}
            </button>
          ) : null}
          <button disabled={!canResolve} title={refusal} aria-label={t('suggestions.rejectOne', { from: g.anchor.quote, to })} onClick={() => void resolveSuggestions('reject', [g.id])}>
            ✗ {t('suggestions.reject')}
          </button>
        </span>
      ) : null}
    </li>
  );
}

/** The Suggestions tab: suggest a change, and the open, detached and resolved suggestions with accept and reject. */
export function SuggestionsSection() {
  const { t, i18n } = useTranslation();
  const list = useStore(suggestionListStore);
  const selection = useStore(textSelectionStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  // Re-rendered when the profile (its role) changes.
  useStore(profileStore);
  const canResolve = mayResolve() === null;
  const lang = i18n.language;
  const open = list?.open ?? [];
  return (
    <div className="suggestions-panel">
      {!readOnly ? (
        <div className="row">
          <button disabled={!selection} title={selection ? undefined : t('suggestions.suggestHint')} onClick={() => selection && void suggestForSpan(selection.start, selection.end, selection.text)}>
            ✎ {t('suggestions.suggest')}
          </button>
        </div>
      ) : null}
      {!selection && !readOnly ? <p className="muted">{t('suggestions.suggestHint')}</p> : null}
      <div className="row suggestions-head">
        <h4>{t('suggestions.open', { count: open.length })}</h4>
        <span className="spacer" />
        {!readOnly && open.length > 1 ? (
          <>
            <button className="primary" disabled={!canResolve} title={canResolve ? undefined : t('suggestions.editorOnly')} onClick={() => void resolveSuggestions('accept', open.map((g) => g.id))}>
              {t('suggestions.acceptAll')}
            </button>
            <button disabled={!canResolve} title={canResolve ? undefined : t('suggestions.editorOnly')} onClick={() => void resolveSuggestions('reject', open.map((g) => g.id))}>
              {t('suggestions.rejectAll')}
            </button>
          </>
        ) : null}
      </div>
      {!canResolve && open.length > 0 ? <p className="muted">{t('suggestions.editorOnly')}</p> : null}
      {list && open.length === 0 ? <p className="muted">{t('suggestions.none')}</p> : null}
      <ul className="suggestion-list" aria-label={t('suggestions.list')}>
        {open.map((g) => (
          <SuggestionItem key={g.id} g={g} lang={lang} canResolve={canResolve} readOnly={readOnly} />
        ))}
      </ul>
      {list && list.detached.length > 0 ? (
        <>
          <h4>{t('suggestions.detached', { count: list.detached.length })}</h4>
          <ul className="suggestion-list suggestion-list-detached">
            {list.detached.map((g) => (
              <SuggestionItem key={g.id} g={g} lang={lang} canResolve={canResolve} readOnly={readOnly} />
            ))}
          </ul>
        </>
      ) : null}
      {list && list.resolved.length > 0 ? (
        <details>
          <summary>
            {t('suggestions.resolved')} ({list.resolved.length})
          </summary>
          <ul className="suggestion-list suggestion-list-resolved">
            {list.resolved.map((g) => (
              <li key={g.id} className={`suggestion suggestion-${g.state}`}>
                <span>
                  {g.state === 'accepted' ? '✓ ' : '✗ '}
                  <del>{g.original ?? g.anchor.quote}</del> → <ins>{g.replacement || `(${t('suggestions.deletion')})`}</ins>
                </span>
                <span className="muted">
                  {g.state === 'accepted'
                    ? t('suggestions.accepted', { who: g.resolvedBy ?? '', when: when(g.resolvedAt ?? g.at, lang), revision: g.revision ?? '' })
                    : t('suggestions.rejected', { who: g.resolvedBy ?? '', when: when(g.resolvedAt ?? g.at, lang) })}
                </span>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
