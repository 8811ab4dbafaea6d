import { useEffect, useRef, useState, type ReactNode } from 'react';
import { cardDraft, dropCardDraft, keepCardDraft, lastSavedStore, saveCardChange, undoLastSaved, type CardDraft, type DetailFields } from '../stores/card-edits.js';
import { mayGive, profileStore } from '../stores/profile.js';
import { useStore } from '../stores/store.js';
import { useTranslation } from 'react-i18next';
import { claimStatuses, type AuditEntry, type Claim, type ClaimSource, type ClaimStatus } from '../../../shared/annotations.js';
import { claimKinds, type ClaimKind } from '../../../shared/claims/index.js';
import { client } from '../client.js';
import { dayFieldText, formatClaimValue, formatDay, parseDay, today } from '../format.js';
import { AttachEvidence, SourceEvidence } from './KeptEvidence.js';
import { TeamConflicts } from './TeamConflicts.js';

export interface ClaimCardProps {
  articleId: string;
  claim: Claim;
  readOnly: boolean;
  /** Audit entries of this claim, oldest first. */
  activity: AuditEntry[];
  onError: (e: unknown) => void;
  onDelete: (claim: Claim) => void;
}

type SourceDraft = Pick<ClaimSource, 'title' | 'url' | 'publisher' | 'accessed' | 'quote' | 'note'>;
const emptySource: SourceDraft = { title: '', url: '', publisher: '', accessed: '', quote: '', note: '' };

/** A titled part of the card with its item count and a line for when it is empty. */
function CountedSection({ title, count, empty, children }: { title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section>
      <h4>
        {title} <span className="count">{count}</span>
      </h4>
      {count === 0 ? <p className="muted">{empty}</p> : null}
      {children}
    </section>
  );
}

/** Edit and Remove links under a source or a comment. */
function EditRemove({ onEdit, onRemove }: { onEdit: () => void; onRemove: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="row-actions-inline">
      <button className="link-button" onClick={onEdit}>
        {t('review.edit')}
      </button>
      <button className="link-button" onClick={onRemove}>
        {t('review.remove')}
      </button>
    </div>
  );
}

function when(iso: string, lang: string): string {
  return new Date(iso).toLocaleString(lang, { dateStyle: 'medium', timeStyle: 'short' });
}

type Details = NonNullable<CardDraft['details']>;
const detailsOf = (c: Claim): Details => ({ kind: c.kind, value: c.value === null ? '' : String(c.value), unit: c.unit ?? '', assignee: c.assignee ?? '', note: c.note });
/** The number a value field holds: null when empty, NaN when it is not a number. */
const numberIn = (text: string) => (text.trim() === '' ? null : Number(text.trim()));
/** What the detail fields would save: only those that differ from the claim. */
function detailChanges(d: Details, c: Claim): DetailFields {
  const out: DetailFields = {};
  if (d.kind !== c.kind) out.kind = d.kind;
  const v = numberIn(d.value);
  if (v !== c.value && (v === null || Number.isFinite(v))) out.value = v;
  if ((d.unit.trim() || null) !== c.unit) out.unit = d.unit.trim() || null;
  if ((d.assignee.trim() || null) !== c.assignee) out.assignee = d.assignee.trim() || null;
  if (d.note !== c.note) out.note = d.note;
  return out;
}
/** Ctrl/Cmd+Enter in a field saves it at once. */
const saveKey = (e: React.KeyboardEvent, save: () => void) => {
  if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
    e.preventDefault();
    save();
  }
};

/** Everything a fact-checker records about one claim: verdict, details, sources, discussion, activity. */
export function ClaimCard({ articleId, claim, readOnly, activity, onError, onDelete }: ClaimCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ref = { articleId, claimId: claim.id };
  const draft = cardDraft(ref);
  // Read so the card follows a change of role.
  const profile = useStore(profileStore);
  const last = useStore(lastSavedStore);
  const noteRefused = mayGive(claim.status);
  const [verdictNote, setVerdictNoteState] = useState(draft.verdictNote ?? claim.verdictNote);
  const [details, setDetailsState] = useState<Details>(draft.details ?? detailsOf(claim));
  const [sourceDraft, setSourceDraftState] = useState<{ id: string | null; fields: SourceDraft } | null>(draft.source ?? null);
  const [comment, setCommentState] = useState(draft.comment ?? '');
  const [editingComment, setEditingCommentState] = useState<{ id: string; text: string } | null>(draft.editingComment ?? null);
  // Every keystroke is kept with the claim too, so closing the card or switching claims loses nothing.
  const setVerdictNote = (v: string) => (setVerdictNoteState(v), keepCardDraft(ref, { verdictNote: v }));
  const setDetails = (d: Details) => (setDetailsState(d), keepCardDraft(ref, { details: d }));
  const setSourceDraft = (d: { id: string | null; fields: SourceDraft } | null) => (setSourceDraftState(d), keepCardDraft(ref, { source: d }));
  const setComment = (v: string) => (setCommentState(v), keepCardDraft(ref, { comment: v }));
  const setEditingComment = (v: { id: string; text: string } | null) => (setEditingCommentState(v), keepCardDraft(ref, { editingComment: v }));
  const badValue = Number.isNaN(numberIn(details.value));
  const badDay = !!sourceDraft && sourceDraft.fields.accessed.trim() !== '' && parseDay(sourceDraft.fields.accessed) === null;

  // A change from elsewhere (another window, a save, an undo) shows in the fields the checker is not editing.
  const shownClaim = useRef(claim);
  useEffect(() => {
    const before = shownClaim.current;
    shownClaim.current = claim;
    if (before === claim) return;
    setVerdictNoteState((v) => (v === before.verdictNote ? claim.verdictNote : v));
    setDetailsState((d) => {
      const was = detailsOf(before);
      const now = detailsOf(claim);
      const next = { ...d };
      for (const k of Object.keys(now) as Array<keyof Details>) if (d[k] === was[k]) (next as Record<string, string>)[k] = now[k];
      return next;
    });
  }, [claim]);

  // Saving reads the latest values (a blur can come after a re-render).
  const latest = useRef({ verdictNote, details, claim, readOnly });
  latest.current = { verdictNote, details, claim, readOnly };
  const saveVerdict = (status?: ClaimStatus) => {
    const l = latest.current;
    if (l.readOnly) return;
    void saveCardChange(ref, l.claim, { ...(status ? { status } : {}), verdictNote: l.verdictNote }).then((saved) => {
      if (saved && saved.verdictNote === latest.current.verdictNote) dropCardDraft(ref, 'verdictNote');
    });
  };
  const saveDetails = () => {
    const l = latest.current;
    if (l.readOnly || Number.isNaN(numberIn(l.details.value))) return;
    const change = detailChanges(l.details, l.claim);
    if (!Object.keys(change).length) return dropCardDraft(ref, 'details');
    void saveCardChange(ref, l.claim, change).then((saved) => {
      if (saved && !Object.keys(detailChanges(latest.current.details, saved)).length) dropCardDraft(ref, 'details');
    });
  };
  // The card closes (or shows another claim) with a field not left yet: it is saved all the same.
  useEffect(
    () => () => {
      const l = latest.current;
      if (l.readOnly) return;
      if (l.verdictNote !== l.claim.verdictNote) void saveCardChange(ref, l.claim, { verdictNote: l.verdictNote }).then((s) => s && dropCardDraft(ref, 'verdictNote'));
      const change = detailChanges(l.details, l.claim);
      if (Object.keys(change).length && !Number.isNaN(numberIn(l.details.value))) void saveCardChange(ref, l.claim, change).then((s) => s && dropCardDraft(ref, 'details'));
    },
    // Once, on unmount: `latest` holds what is current then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );
  const run = (p: Promise<unknown>, after?: () => void) => void p.then(() => after?.(), onError);
  const mine = last && last.articleId === articleId && last.claimId === claim.id ? last : null;

  return (
    // Focusable, so the keyboard flow (F8, then 1–7, Escape) can hand the keys to the card.
    <div className="claim-card" aria-label={claim.anchor.quote} tabIndex={-1} data-claim-id={claim.id}>
      <TeamConflicts articleId={articleId} claimId={claim.id} />
      {claim.status === 'needs-recheck' && claim.recheck ? (
        <div className="recheck" role="note">
          {t('review.recheck', { old: claim.recheck.oldQuote, new: claim.recheck.newQuote, status: t(`review.status.${claim.recheck.previousStatus}`) })}
        </div>
      ) : null}
      {mine ? (
        <div className="card-saved" role="status">
          {t(mine.undone ? 'card.undone' : 'card.saved', { fields: mine.change.fields.map((f) => t(`review.fields.${f}`)).join(t('card.and')) })}
          {!mine.undone && !readOnly ? (
            <button className="link-button" onClick={() => void undoLastSaved()}>
              {t('card.undo')}
            </button>
          ) : null}
        </div>
      ) : null}

      <section>
        <h4>{t('review.verdict')}</h4>
        <div className="status-picker" role="radiogroup" aria-label={t('review.verdict')}>
          {claimStatuses
            .filter((s) => s !== 'needs-recheck' || claim.status === 'needs-recheck')
            .map((s) => (
              <button
                key={s}
                role="radio"
                aria-checked={claim.status === s}
                className={`status-option status-${s}${claim.status === s ? ' chosen' : ''}`}
                disabled={readOnly || !!mayGive(s)}
                title={mayGive(s) ?? undefined}
                // A status is given at once (with the note as it stands).
                onClick={() => saveVerdict(s)}
              >
                {t(`review.status.${s}`)}
              </button>
            ))}
        </div>
        {profile?.role === 'editor' ? (
          <p className="muted role-note" role="note">
            {t('profile.verdictsForCheckers')}
          </p>
        ) : null}
        <textarea
          className="field"
          rows={2}
          aria-label={t('review.verdictNote')}
          placeholder={t('review.verdictNotePlaceholder')}
          value={verdictNote}
          // The note goes with the claim's status: one this role may not give is not theirs to explain.
          disabled={readOnly || !!noteRefused}
          title={noteRefused ?? undefined}
          onChange={(e) => setVerdictNote(e.target.value)}
          onBlur={() => saveVerdict()}
          onKeyDown={(e) => saveKey(e, () => saveVerdict())}
        />
        <div className="row">
          <span className="muted card-hint">{t('card.hint')}</span>
          <span className="spacer" />
          <button className="primary" disabled={readOnly || !!noteRefused} title={noteRefused ?? undefined} onClick={() => saveVerdict()}>
            {t('review.setStatus')}
          </button>
        </div>
      </section>

      <section>
        <div className="form-grid">
          <label>
            {t('review.kind')}
            <select
              value={details.kind}
              disabled={readOnly}
              onChange={(e) => {
                setDetails({ ...details, kind: e.target.value as ClaimKind });
                // A choice is made at once: saved without waiting for the focus to leave.
                queueMicrotask(saveDetails);
              }}
            >
              {claimKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`claimKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('review.value')}
            <input
              className="field"
              inputMode="decimal"
              value={details.value}
              disabled={readOnly}
              aria-invalid={badValue}
              aria-describedby={badValue ? `bad-value-${claim.id}` : undefined}
              onChange={(e) => setDetails({ ...details, value: e.target.value })}
              onBlur={saveDetails}
              onKeyDown={(e) => saveKey(e, saveDetails)}
            />
          </label>
          <label>
            {t('review.unit')}
            <input className="field" value={details.unit} disabled={readOnly} onChange={(e) => setDetails({ ...details, unit: e.target.value })} onBlur={saveDetails} onKeyDown={(e) => saveKey(e, saveDetails)} />
          </label>
          <label>
            {t('review.assignee')}
            <input
              className="field"
              value={details.assignee}
              disabled={readOnly}
              onChange={(e) => setDetails({ ...details, assignee: e.target.value })}
              onBlur={saveDetails}
              onKeyDown={(e) => saveKey(e, saveDetails)}
            />
          </label>
        </div>
        {badValue ? (
          <p className="field-error" role="alert" id={`bad-value-${claim.id}`}>
            {t('card.badNumber', { text: details.value })}
          </p>
        ) : null}
        <label className="stacked">
          {t('review.note')}
          <textarea className="field" rows={2} value={details.note} disabled={readOnly} onChange={(e) => setDetails({ ...details, note: e.target.value })} onBlur={saveDetails} onKeyDown={(e) => saveKey(e, saveDetails)} />
        </label>
        <div className="row">
          <span className="muted">{formatClaimValue({ kind: claim.kind, value: claim.value, unit: claim.unit }, lang)}</span>
        </div>
      </section>

      <CountedSection title={t('review.sources')} count={claim.sources.length} empty={t('review.noSources')}>
        <ul className="source-list">
          {claim.sources.map((s) => (
            <li key={s.id}>
              <div className="source-title">
                {s.url ? (
                  <a href={s.url} target="_blank" rel="noopener noreferrer">
                    {s.title || s.url}
                  </a>
                ) : (
                  s.title
                )}
              </div>
              <div className="muted">{[s.publisher, s.accessed && formatDay(s.accessed, lang)].filter(Boolean).join(' · ')}</div>
              {s.quote ? <blockquote>{s.quote}</blockquote> : null}
              <SourceEvidence source={s} />
              {s.note ? <div>{s.note}</div> : null}
              {!readOnly ? (
                <EditRemove
                  onEdit={() => setSourceDraft({ id: s.id, fields: { title: s.title, url: s.url, publisher: s.publisher, accessed: dayFieldText(s.accessed, lang), quote: s.quote, note: s.note } })}
                  onRemove={() => run(client['claims.removeSource']({ ...ref, sourceId: s.id }))}
                />
              ) : null}
            </li>
          ))}
        </ul>
        {sourceDraft ? (
          <form
            className="source-form"
            aria-label={t('review.addSource')}
            onSubmit={(e) => {
              e.preventDefault();
              if (badDay) return;
              // The day is typed in the UI language's way and stored as YYYY-MM-DD.
              const fields = { ...sourceDraft.fields, accessed: parseDay(sourceDraft.fields.accessed) ?? '' };
              const p = sourceDraft.id
                ? client['claims.updateSource']({ ...ref, sourceId: sourceDraft.id, source: fields })
                : client['claims.addSource']({ ...ref, source: fields });
              run(p, () => setSourceDraft(null));
            }}
            // Ctrl+Enter in any of its fields saves the source.
            onKeyDown={(e) => saveKey(e, () => e.currentTarget.requestSubmit())}
          >
            {(['title', 'url', 'publisher', 'accessed'] as const).map((f) => (
              <label key={f}>
                {t(`review.source${f[0]!.toUpperCase()}${f.slice(1)}`)}
                <input
                  className="field"
                  // Not type=date: it shows the browser's locale (mm/dd/yyyy), not the UI language.
                  type={f === 'url' ? 'url' : 'text'}
                  value={sourceDraft.fields[f]}
                  onChange={(e) => setSourceDraft({ ...sourceDraft, fields: { ...sourceDraft.fields, [f]: e.target.value } })}
                  {...(f === 'accessed' ? { placeholder: t('review.sourceAccessedHint'), 'aria-invalid': badDay, 'aria-describedby': badDay ? `bad-day-${claim.id}` : undefined } : {})}
                />
              </label>
            ))}
            {badDay ? (
              <p className="field-error" role="alert" id={`bad-day-${claim.id}`}>
                {t('review.badDay', { text: sourceDraft.fields.accessed.trim() })}
              </p>
            ) : null}
            {(['quote', 'note'] as const).map((f) => (
              <label key={f}>
                {t(`review.source${f[0]!.toUpperCase()}${f.slice(1)}`)}
                <textarea className="field" rows={2} value={sourceDraft.fields[f]} onChange={(e) => setSourceDraft({ ...sourceDraft, fields: { ...sourceDraft.fields, [f]: e.target.value } })} />
              </label>
            ))}
            <div className="row">
              <span className="spacer" />
              <button type="button" onClick={() => setSourceDraft(null)}>
                {t('review.cancel')}
              </button>
              <button type="submit" className="primary" disabled={badDay || (!sourceDraft.fields.title.trim() && !sourceDraft.fields.url.trim())}>
                {t('review.saveSource')}
              </button>
            </div>
          </form>
        ) : !readOnly ? (
          <button onClick={() => setSourceDraft({ id: null, fields: { ...emptySource, accessed: dayFieldText(today(), lang) } })}>{t('review.addSource')}</button>
        ) : null}
        {!readOnly && !sourceDraft ? <AttachEvidence articleId={articleId} claimId={claim.id} /> : null}
      </CountedSection>

      <CountedSection title={t('review.comments')} count={claim.comments.length} empty={t('review.noComments')}>
        <ul className="comment-list">
          {claim.comments.map((c) => (
            <li key={c.id}>
              <div className="muted">
                {t('review.by', { who: c.author, when: when(c.at, lang) })}
                {c.editedAt ? ` · ${t('review.edited')}` : ''}
              </div>
              {editingComment?.id === c.id ? (
                <>
                  <textarea
                    className="field"
                    rows={2}
                    value={editingComment.text}
                    onChange={(e) => setEditingComment({ id: c.id, text: e.target.value })}
                    onKeyDown={(e) => saveKey(e, () => editingComment.text.trim() && run(client['claims.editComment']({ ...ref, commentId: c.id, text: editingComment.text }), () => setEditingComment(null)))}
                  />
                  <div className="row">
                    <span className="spacer" />
                    <button onClick={() => setEditingComment(null)}>{t('review.cancel')}</button>
                    <button
                      className="primary"
                      disabled={!editingComment.text.trim()}
                      onClick={() => run(client['claims.editComment']({ ...ref, commentId: c.id, text: editingComment.text }), () => setEditingComment(null))}
                    >
                      {t('review.addComment')}
                    </button>
                  </div>
                </>
              ) : (
                <div className="comment-text">{c.text}</div>
              )}
              {!readOnly && editingComment?.id !== c.id ? (
                <EditRemove onEdit={() => setEditingComment({ id: c.id, text: c.text })} onRemove={() => run(client['claims.removeComment']({ ...ref, commentId: c.id }))} />
              ) : null}
            </li>
          ))}
        </ul>
        {!readOnly ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (comment.trim()) run(client['claims.addComment']({ ...ref, text: comment }), () => setComment(''));
            }}
          >
            <textarea
              className="field"
              rows={2}
              aria-label={t('review.commentPlaceholder')}
              placeholder={t('review.commentPlaceholder')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) e.currentTarget.form?.requestSubmit();
              }}
            />
            <div className="row">
              <span className="spacer" />
              <button type="submit" disabled={!comment.trim()}>
                {t('review.addComment')}
              </button>
            </div>
          </form>
        ) : null}
      </CountedSection>

      <section>
        <h4>{t('review.activity')}</h4>
        <ol className="activity">
          {activity.map((a, i) => {
            // Statuses and workflow stages are stored as ids and shown in the UI's words.
            const name = (v: AuditEntry['before']) =>
              typeof v !== 'string' ? String(v ?? '—') : a.action === 'claim.status' ? t(`review.status.${v}`) : a.action === 'workflow' ? t(`workflow.${v}`) : v;
            return (
              <li key={`${a.at}-${i}`} className={a.action === 'workflow' ? 'activity-workflow' : undefined}>
                <span className="muted">{t('review.by', { who: a.by ?? t('review.outside'), when: when(a.at, lang) })}</span>{' '}
                {t(`review.audit.${a.action}`, {
                  field: a.field ? t(`review.fields.${a.field}`, { defaultValue: a.field }) : '',
                  before: name(a.before),
                  after: name(a.after),
                })}
              </li>
            );
          })}
        </ol>
      </section>

      {!readOnly ? (
        <div className="row">
          <span className="spacer" />
          <button className="danger" onClick={() => onDelete(claim)}>
            {t('review.deleteClaim')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
