import { useEffect, useState, type ReactNode } from 'react';
import { mayGive, profileStore } from '../stores/profile.js';
import { useStore } from '../stores/store.js';
import { useTranslation } from 'react-i18next';
import { claimStatuses, type AuditEntry, type Claim, type ClaimSource, type ClaimStatus } from '../../../shared/annotations.js';
import { claimKinds, type ClaimKind } from '../../../shared/claims/index.js';
import { client } from '../client.js';
import { formatClaimValue } from '../format.js';
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

/** Everything a fact-checker records about one claim: verdict, details, sources, discussion, activity. */
export function ClaimCard({ articleId, claim, readOnly, activity, onError, onDelete }: ClaimCardProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const ref = { articleId, claimId: claim.id };
  const [status, setStatus] = useState<ClaimStatus>(claim.status);
  // Read so the card follows a change of role.
  const profile = useStore(profileStore);
  const [verdictNote, setVerdictNote] = useState(claim.verdictNote);
  const [details, setDetails] = useState({ kind: claim.kind, value: claim.value === null ? '' : String(claim.value), unit: claim.unit ?? '', assignee: claim.assignee ?? '', note: claim.note });
  const [sourceDraft, setSourceDraft] = useState<{ id: string | null; fields: SourceDraft } | null>(null);
  const [comment, setComment] = useState('');
  const [editingComment, setEditingComment] = useState<{ id: string; text: string } | null>(null);

  // A change from elsewhere (another window, a re-anchoring) resets the forms to the stored values.
  useEffect(() => {
    setStatus(claim.status);
    setVerdictNote(claim.verdictNote);
    setDetails({ kind: claim.kind, value: claim.value === null ? '' : String(claim.value), unit: claim.unit ?? '', assignee: claim.assignee ?? '', note: claim.note });
  }, [claim]);

  const run = (p: Promise<unknown>, after?: () => void) => void p.then(() => after?.(), onError);
  const valueNumber = details.value.trim() === '' ? null : Number(details.value);
  const detailsChanged =
    details.kind !== claim.kind ||
    valueNumber !== claim.value ||
    (details.unit || null) !== claim.unit ||
    (details.assignee || null) !== claim.assignee ||
    details.note !== claim.note;

  return (
    // Focusable, so the keyboard flow (F8, then 1–7, Escape) can hand the keys to the card.
    <div className="claim-card" aria-label={claim.anchor.quote} tabIndex={-1} data-claim-id={claim.id}>
      <TeamConflicts articleId={articleId} claimId={claim.id} />
      {claim.status === 'needs-recheck' && claim.recheck ? (
        <div className="recheck" role="note">
          {t('review.recheck', { old: claim.recheck.oldQuote, new: claim.recheck.newQuote, status: t(`review.status.${claim.recheck.previousStatus}`) })}
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
                aria-checked={status === s}
                className={`status-option status-${s}${status === s ? ' chosen' : ''}`}
                disabled={readOnly || !!mayGive(s)}
                title={mayGive(s) ?? undefined}
                onClick={() => setStatus(s)}
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
          disabled={readOnly}
          onChange={(e) => setVerdictNote(e.target.value)}
        />
        <button
          className="primary"
          disabled={readOnly || (status === claim.status && verdictNote === claim.verdictNote)}
          onClick={() => run(client['claims.setStatus']({ ...ref, status, verdictNote }))}
        >
          {t('review.setStatus')}
        </button>
      </section>

      <section>
        <div className="form-grid">
          <label>
            {t('review.kind')}
            <select value={details.kind} disabled={readOnly} onChange={(e) => setDetails({ ...details, kind: e.target.value as ClaimKind })}>
              {claimKinds.map((k) => (
                <option key={k} value={k}>
                  {t(`claimKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('review.value')}
            <input className="field" inputMode="decimal" value={details.value} disabled={readOnly} onChange={(e) => setDetails({ ...details, value: e.target.value })} />
          </label>
          <label>
            {t('review.unit')}
            <input className="field" value={details.unit} disabled={readOnly} onChange={(e) => setDetails({ ...details, unit: e.target.value })} />
          </label>
          <label>
            {t('review.assignee')}
            <input className="field" value={details.assignee} disabled={readOnly} onChange={(e) => setDetails({ ...details, assignee: e.target.value })} />
          </label>
        </div>
        <label className="stacked">
          {t('review.note')}
          <textarea className="field" rows={2} value={details.note} disabled={readOnly} onChange={(e) => setDetails({ ...details, note: e.target.value })} />
        </label>
        <div className="row">
          <span className="muted">{formatClaimValue({ kind: claim.kind, value: claim.value, unit: claim.unit }, lang)}</span>
          <span className="spacer" />
          <button
            disabled={readOnly || !detailsChanged || (valueNumber !== null && !Number.isFinite(valueNumber))}
            onClick={() =>
              run(
                client['claims.update']({
                  ...ref,
                  kind: details.kind,
                  value: valueNumber,
                  unit: details.unit.trim() || null,
                  assignee: details.assignee.trim() || null,
                  note: details.note,
                }),
              )
            }
          >
            {t('review.saveDetails')}
          </button>
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
              <div className="muted">{[s.publisher, s.accessed].filter(Boolean).join(' · ')}</div>
              {s.quote ? <blockquote>{s.quote}</blockquote> : null}
              <SourceEvidence source={s} />
              {s.note ? <div>{s.note}</div> : null}
              {!readOnly ? (
                <EditRemove
                  onEdit={() => setSourceDraft({ id: s.id, fields: { title: s.title, url: s.url, publisher: s.publisher, accessed: s.accessed, quote: s.quote, note: s.note } })}
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
              const fields = sourceDraft.fields;
              const p = sourceDraft.id
                ? client['claims.updateSource']({ ...ref, sourceId: sourceDraft.id, source: fields })
                : client['claims.addSource']({ ...ref, source: fields });
              run(p, () => setSourceDraft(null));
            }}
          >
            {(['title', 'url', 'publisher', 'accessed'] as const).map((f) => (
              <label key={f}>
                {t(`review.source${f[0]!.toUpperCase()}${f.slice(1)}`)}
                <input
                  className="field"
                  type={f === 'url' ? 'url' : f === 'accessed' ? 'date' : 'text'}
                  value={sourceDraft.fields[f]}
                  onChange={(e) => setSourceDraft({ ...sourceDraft, fields: { ...sourceDraft.fields, [f]: e.target.value } })}
                />
              </label>
            ))}
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
              <button type="submit" className="primary" disabled={!sourceDraft.fields.title.trim() && !sourceDraft.fields.url.trim()}>
                {t('review.saveSource')}
              </button>
            </div>
          </form>
        ) : !readOnly ? (
          <button onClick={() => setSourceDraft({ id: null, fields: { ...emptySource, accessed: new Date().toISOString().slice(0, 10) } })}>{t('review.addSource')}</button>
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
                  <textarea className="field" rows={2} value={editingComment.text} onChange={(e) => setEditingComment({ id: c.id, text: e.target.value })} />
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
