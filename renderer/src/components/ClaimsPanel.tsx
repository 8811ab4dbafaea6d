import { StatementsSection } from './StatementsSection.js';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnchorCandidate } from '../../../shared/anchoring/index.js';
import { openClaimStatuses, type AuditEntry, type Claim, type ClaimList } from '../../../shared/annotations.js';
import { checklistKinds, claimKinds, type ClaimKind, type DetectedClaim } from '../../../shared/claims/index.js';
import { client } from '../client.js';
import { formatClaimValue } from '../format.js';
import type { LiveArticle, LiveArticleStore } from '../stores/live-article.js';
import type { EditorSelection, FocusRequest } from './ArticleEditor.js';
import { TeamConflicts } from './TeamConflicts.js';
import { ClaimCard } from './ClaimCard.js';
import { ClaimProgress, countByStatus } from './ClaimProgress.js';
import { VirtualList } from './VirtualList.js';

export interface ClaimsPanelProps {
  articleId: string;
  list: ClaimList | null;
  /** The article as the editor holds it now (its figures, where the stored claims are); null before it is loaded. */
  live: LiveArticle | null;
  /** For what a click needs at that moment (the latest positions). */
  liveStore: LiveArticleStore;
  readOnly: boolean;
  selection: EditorSelection | null;
  selectedClaimId: string | null;
  onSelectClaim: (id: string | null) => void;
  onFocus: (spans: FocusRequest['spans']) => void;
  /** Saves unsaved edits first (claims point at saved text); false if saving failed or was refused. */
  ensureSaved: () => Promise<boolean>;
  onError: (e: unknown) => void;
  onDeleteClaim: (claim: Claim) => void;
  /** Claims named by a stated relation that is broken now. */
  flagged: Set<string>;
}

type Filter = 'all' | 'open' | 'done';
const openStatuses = openClaimStatuses;
const noFigures: DetectedClaim[] = [];
const claimKey = (c: Claim) => c.id;
const figureKey = (d: DetectedClaim) => `${d.start}:${d.end}`;

/** True once `flag` has been true for `ms` (progress is shown only for waits one notices). */
function useLongWait(flag: boolean, ms: number): boolean {
  const [long, setLong] = useState(false);
  useEffect(() => {
    if (!flag) {
      setLong(false);
      return;
    }
    const timer = setTimeout(() => setLong(true), ms);
    return () => clearTimeout(timer);
  }, [flag, ms]);
  return long && flag;
}

interface ClaimRowProps {
  claim: Claim;
  open: boolean;
  flagged: boolean;
  lang: string;
  onToggle: (c: Claim) => void;
}

/** One stored claim's row; drawn again only when its claim, its state or the language changes, not per keystroke. */
const ClaimRow = memo(function ClaimRow({ claim: c, open, flagged, lang, onToggle }: ClaimRowProps) {
  const { t } = useTranslation();
  return (
    <button className={`claim-row${open ? ' selected' : ''}`} aria-expanded={open} onClick={() => onToggle(c)}>
      <span className="claim-line">
        <span className={`claim-figure kind-${c.kind}`}>{c.anchor.quote}</span>
        <span className={`status-badge status-${c.status}`}>{t(`review.status.${c.status}`)}</span>
        {flagged ? <span className="status-badge status-false">{t('review.relationBroken')}</span> : null}
        <span className="spacer" />
        <span className="claim-value">{formatClaimValue(c, lang)}</span>
      </span>
      <span className="claim-context">
        …{c.anchor.prefix.slice(-16)}
        <mark>{c.anchor.quote}</mark>
        {c.anchor.suffix.slice(0, 16)}…
      </span>
      {c.sources.length || c.comments.length || c.assignee ? (
        <span className="claim-meta muted">
          {c.assignee ? `@${c.assignee} ` : ''}
          {c.sources.length ? `${t('review.sources')} ${c.sources.length} ` : ''}
          {c.comments.length ? `${t('review.comments')} ${c.comments.length}` : ''}
        </span>
      ) : null}
    </button>
  );
});

/** The claims of one article for review: stored claims, figures not claimed yet, detached and deleted claims. */
export function ClaimsPanel(p: ClaimsPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, setFilter] = useState<Filter>('all');
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [reattaching, setReattaching] = useState<{ claimId: string; candidates: AnchorCandidate[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const claims = useMemo(() => p.list?.claims ?? [], [p.list]);
  // The detected figures no stored claim covers: counted on every edit (one pass, no objects),
  // listed only while their section is open.
  const [unclaimedOpen, setUnclaimedOpen] = useState<boolean | null>(null);
  // Open by default only once the stored list is known to be empty.
  const showUnclaimed = unclaimedOpen ?? (p.list !== null && claims.length === 0);
  const shownUnclaimed = useRef(showUnclaimed);
  shownUnclaimed.current = showUnclaimed;
  const unclaimedCount = p.live?.unclaimedCount() ?? 0;
  // "Accept all" takes the checklist's kinds (bare dates out) unless the checker picks others.
  const [kinds, setKinds] = useState<ReadonlySet<ClaimKind>>(() => new Set(checklistKinds));
  const checklistOnly = kinds.size === checklistKinds.length && checklistKinds.every((k) => kinds.has(k));
  const acceptCount = checklistOnly ? unclaimedCount : (p.live?.unclaimedOfKinds(kinds) ?? 0);
  const unclaimed = showUnclaimed && p.live ? p.live.unclaimed() : noFigures;
  const detectingLong = useLongWait(!!p.live?.detecting, 1000);
  const shown = useMemo(
    () => claims.filter((c) => filter === 'all' || (filter === 'open' ? openStatuses.includes(c.status) : !openStatuses.includes(c.status))),
    [claims, filter],
  );

  const statusCounts = useMemo(() => countByStatus(claims), [claims]);

  // The chosen claim's row comes to the top of the list, with its card below it.
  const [scrollTo, setScrollTo] = useState<{ index: number; serial: number } | null>(null);
  useEffect(() => {
    if (!p.selectedClaimId) return;
    const index = shown.findIndex((c) => c.id === p.selectedClaimId);
    if (index >= 0) setScrollTo((prev) => ({ index, serial: (prev?.serial ?? 0) + 1 }));
    // Only a newly chosen claim scrolls the list, not a change of the list under it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [p.selectedClaimId]);

  useEffect(() => {
    if (!p.selectedClaimId) return;
    void client['articles.audit']({ id: p.articleId }).then(setAudit, p.onError);
  }, [p.selectedClaimId, p.articleId, p.list, p.onError]);

  const act = async (f: () => Promise<unknown>, needsSaved = true) => {
    setBusy(true);
    try {
      if (needsSaved && !(await p.ensureSaved())) return;
      await f();
    } catch (e) {
      p.onError(e);
    } finally {
      setBusy(false);
    }
  };

  // Rows keep one handler across renders (so they are not drawn again); it reads the latest props.
  const latest = useRef(p);
  latest.current = p;
  const toggleClaim = useCallback((c: Claim) => {
    const q = latest.current;
    // Opens or closes the card; either way the claim's words are selected in the text.
    q.onSelectClaim(q.selectedClaimId === c.id ? null : c.id);
    const pos = q.liveStore.current()?.storedPositions().get(c.id);
    if (pos) q.onFocus([{ start: pos.start, end: pos.end, tone: 'claim' }]);
  }, []);

  return (
    <div className="claims-panel">
      {claims.length ? <ClaimProgress counts={statusCounts} /> : null}
      <div className="panel-toolbar">
        <label>
          {t('review.workflow')}
          <select
            aria-label={t('review.workflow')}
            value={p.list?.workflow ?? 'draft'}
            disabled={p.readOnly || !p.list}
            onChange={(e) => void client['articles.setWorkflow']({ id: p.articleId, workflow: e.target.value as never }).catch(p.onError)}
          >
            {(['draft', 'in-review', 'approved', 'published'] as const).map((w) => (
              <option key={w} value={w}>
                {t(`workflow.${w}`)}
              </option>
            ))}
          </select>
        </label>
        <span className="spacer" />
        <label>
          {t('review.filter')}
          <select aria-label={t('review.filter')} value={filter} onChange={(e) => setFilter(e.target.value as Filter)}>
            <option value="all">{t('review.filterAll')}</option>
            <option value="open">{t('review.filterOpen')}</option>
            <option value="done">{t('review.filterDone')}</option>
          </select>
        </label>
      </div>
      {/* In a team: two members moved, renamed or deleted the article without seeing each other's change. */}
      <TeamConflicts articleId={p.articleId} claimId={null} />
      {!p.readOnly ? (
        <div className="panel-actions">
          <button
            disabled={busy || !p.selection}
            title={p.selection ? t('review.savesFirst') : t('review.addSelectionHint')}
            onClick={() => {
              const sel = p.selection!;
              void act(async () => {
                const c = await client['claims.add']({ articleId: p.articleId, start: sel.start, end: sel.end });
                p.onSelectClaim(c.id);
              });
            }}
          >
            {t('review.addSelection')}
          </button>
          {acceptCount > 0 ? (
            <button
              disabled={busy}
              title={t('review.savesFirst')}
              onClick={() => void act(() => client['claims.addDetected']({ articleId: p.articleId, kinds: claimKinds.filter((k) => kinds.has(k)) }))}
            >
              {t('review.addAll', { count: acceptCount })}
            </button>
          ) : null}
          {unclaimedCount > 0 || acceptCount > 0 ? (
            <details className="kind-filter">
              <summary>{t('accept.kinds')}</summary>
              <div role="group" aria-label={t('accept.kinds')}>
                {claimKinds.map((k) => (
                  <label key={k}>
                    <input
                      type="checkbox"
                      checked={kinds.has(k)}
                      onChange={() =>
                        setKinds((prev) => {
                          const next = new Set(prev);
                          if (next.has(k)) next.delete(k);
                          else next.add(k);
                          return next;
                        })
                      }
                    />
                    {t(`claimKind.${k}`)}
                  </label>
                ))}
              </div>
            </details>
          ) : null}
        </div>
      ) : null}

      <StatementsSection
        articleId={p.articleId}
        refreshKey={`${p.list?.revision ?? 0}:${claims.length}`}
        readOnly={p.readOnly}
        ensureSaved={p.ensureSaved}
        onSelectClaim={p.onSelectClaim}
        onFocus={(start, end) => p.onFocus([{ start, end, tone: 'claim' }])}
        onError={p.onError}
      />
      <h3 className="section-heading">{t('review.claims', { count: claims.length })}</h3>
      {claims.length === 0 ? <p className="muted">{t('review.noClaims')}</p> : null}
      {detectingLong ? (
        <p className="muted" role="status">
          {t('panel.detecting')}
        </p>
      ) : null}
      <VirtualList
        items={shown}
        itemKey={claimKey}
        itemProps={(c) => ({ className: p.selectedClaimId === c.id ? 'open' : '', 'data-claim-row': c.id })}
        estimateSize={64}
        className="claim-list stored"
        label={t('panel.claims')}
        scrollTo={scrollTo}
      >
        {(c) => {
          const open = p.selectedClaimId === c.id;
          return (
            <>
              <ClaimRow claim={c} open={open} flagged={p.flagged.has(c.id)} lang={lang} onToggle={toggleClaim} />
              {open ? (
                <ClaimCard
                  articleId={p.articleId}
                  claim={c}
                  readOnly={p.readOnly}
                  // The article's workflow moves belong to every claim's story (who sent it to review, when).
                  activity={audit.filter((a) => a.claimId === c.id || a.action === 'workflow' || a.action === 'gate.override')}
                  onError={p.onError}
                  onDelete={p.onDeleteClaim}
                />
              ) : null}
            </>
          );
        }}
      </VirtualList>

      {unclaimedCount > 0 ? (
        <details
          className="section"
          open={showUnclaimed}
          // Inserting an open <details> or setting `open` fires this too: only a user's toggle is remembered.
          onToggle={(e) => e.currentTarget.open !== shownUnclaimed.current && setUnclaimedOpen(e.currentTarget.open)}
        >
          <summary>{t('review.unclaimed', { count: unclaimedCount })}</summary>
          {showUnclaimed ? (
            <VirtualList
              items={unclaimed}
              itemKey={figureKey}
              itemProps={() => ({ className: 'candidate-row' })}
              estimateSize={36}
              className="claim-list"
              label={t('review.unclaimed', { count: unclaimedCount })}
            >
              {(d) => (
                <>
                  <button className="claim-row" onClick={() => p.onFocus([{ start: d.start, end: d.end, tone: 'claim' }])}>
                    <span className="claim-line">
                      <span className="claim-figure">{d.text}</span>
                      <span className="badge">{t(`claimKind.${d.kind}`)}</span>
                      <span className="spacer" />
                      <span className="claim-value">{formatClaimValue(d, lang)}</span>
                    </span>
                  </button>
                  {!p.readOnly ? (
                    <button
                      className="add-button"
                      aria-label={`${t('review.add')} ${d.text}`}
                      disabled={busy}
                      onClick={() =>
                        void act(async () => {
                          // After saving, the live text is the saved text, so the span is valid there.
                          const r = await client['claims.addDetected']({ articleId: p.articleId, start: d.start, end: d.end });
                          if (r.added[0]) p.onSelectClaim(r.added[0].id);
                        })
                      }
                    >
                      {t('review.add')}
                    </button>
                  ) : null}
                </>
              )}
            </VirtualList>
          ) : null}
        </details>
      ) : null}

      {p.list && p.list.detached.length > 0 ? (
        <details className="section" open>
          <summary className="warn">{t('review.detached', { count: p.list.detached.length })}</summary>
          <ul className="claim-list">
            {p.list.detached.map((c) => (
              <li key={c.id} className="detached-row">
                <div className="claim-line">
                  <span className="claim-figure">{c.anchor.quote}</span>
                  <span className={`status-badge status-${c.status}`}>{t(`review.status.${c.status}`)}</span>
                </div>
                <div className="muted">{c.detached?.reason === 'ambiguous' ? t('review.detachedAmbiguous') : t('review.detachedOrphan')}</div>
                {!p.readOnly ? (
                  <div className="row-actions-inline">
                    <button
                      className="link-button"
                      onClick={() =>
                        void client['claims.reattachCandidates']({ articleId: p.articleId, claimId: c.id }).then((candidates) => setReattaching({ claimId: c.id, candidates }), p.onError)
                      }
                    >
                      {t('review.reattach')}
                    </button>
                    <button
                      className="link-button"
                      disabled={!p.selection || busy}
                      onClick={() => {
                        const sel = p.selection!;
                        void act(() => client['claims.reattach']({ articleId: p.articleId, claimId: c.id, start: sel.start, end: sel.end }));
                      }}
                    >
                      {t('review.reattachSelection')}
                    </button>
                  </div>
                ) : null}
                {reattaching?.claimId === c.id ? (
                  reattaching.candidates.length === 0 ? (
                    <p className="muted">{t('review.noCandidates')}</p>
                  ) : (
                    <ul className="candidates">
                      {reattaching.candidates.map((cand) => (
                        <li key={`${cand.start}:${cand.end}`}>
                          <button className="link-button" onClick={() => p.onFocus([{ start: cand.start, end: cand.end, tone: 'claim' }])}>
                            {cand.quote}
                          </button>
                          <button
                            disabled={busy}
                            onClick={() =>
                              void act(async () => {
                                await client['claims.reattach']({ articleId: p.articleId, claimId: c.id, start: cand.start, end: cand.end });
                                setReattaching(null);
                              })
                            }
                          >
                            {t('review.reattachHere')}
                          </button>
                        </li>
                      ))}
                    </ul>
                  )
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}

      {p.list && p.list.deleted.length > 0 ? (
        <details className="section">
          <summary>{t('review.deleted', { count: p.list.deleted.length })}</summary>
          <ul className="claim-list">
            {p.list.deleted.map((c) => (
              <li key={c.id} className="candidate-row">
                <span className="claim-figure">{c.anchor.quote}</span>
                <span className="spacer" />
                {!p.readOnly ? (
                  <button onClick={() => void client['claims.restore']({ articleId: p.articleId, claimId: c.id }).catch(p.onError)}>{t('review.restore')}</button>
                ) : null}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
