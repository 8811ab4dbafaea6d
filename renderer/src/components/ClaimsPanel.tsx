import { StatementsSection } from './StatementsSection.js';
import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnchorCandidate } from '../../../shared/anchoring/index.js';
import { openClaimStatuses, type AuditEntry, type Claim, type ClaimList } from '../../../shared/annotations.js';
import { checklistKinds, claimKinds, type ClaimKind, type DetectedClaim } from '../../../shared/claims/index.js';
import { client } from '../client.js';
import { formatClaimValue } from '../format.js';
import { useLiveArticle, useLiveValue, type LiveArticleStore } from '../stores/live-article.js';
import type { EditorSelection, FocusRequest } from './ArticleEditor.js';
import { TeamConflicts } from './TeamConflicts.js';
import { ClaimCard } from './ClaimCard.js';
import { ClaimProgress, countByStatus } from './ClaimProgress.js';
import { VirtualList } from './VirtualList.js';
import { ClaimPickBar, ClaimPickBox } from './ClaimSelection.js';
import { pickClaim, pickClaims } from '../stores/claim-selection.js';

export interface ClaimsPanelProps {
  articleId: string;
  list: ClaimList | null;
  /**
   * The article as the editor holds it (its figures, where the stored claims are). Only the parts
   * that show a count or the figures follow it, so a keystroke does not draw the panel again.
   */
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
const claimKey = (c: Claim) => c.id;
const noFigures = { length: 0, at: () => undefined };

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
  onToggle: (c: Claim, e?: React.MouseEvent) => void;
}

/** One stored claim's row; drawn again only when its claim, its state or the language changes, not per keystroke. */
const ClaimRow = memo(function ClaimRow({ claim: c, open, flagged, lang, onToggle }: ClaimRowProps) {
  const { t } = useTranslation();
  return (
    <button className={`claim-row${open ? ' selected' : ''}`} aria-expanded={open} onClick={(e) => onToggle(c, e)}>
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

interface AcceptAllProps {
  liveStore: LiveArticleStore;
  kinds: ReadonlySet<ClaimKind>;
  setKinds: (f: (prev: ReadonlySet<ClaimKind>) => ReadonlySet<ClaimKind>) => void;
  busy: boolean;
  onAccept: () => void;
}

/** "Accept all N" and the kinds it takes: follows the editor's count, at low priority. */
function AcceptAll({ liveStore, kinds, setKinds, busy, onAccept }: AcceptAllProps) {
  const { t } = useTranslation();
  const live = useLiveArticle(liveStore);
  const unclaimedCount = live?.unclaimedCount() ?? 0;
  const checklistOnly = kinds.size === checklistKinds.length && checklistKinds.every((k) => kinds.has(k));
  const acceptCount = checklistOnly ? unclaimedCount : (live?.unclaimedOfKinds(kinds) ?? 0);
  return (
    <>
      {acceptCount > 0 ? (
        <button disabled={busy} title={t('review.savesFirst')} onClick={onAccept}>
          {t('review.addAll', { count: acceptCount })}
        </button>
      ) : null}
      {unclaimedCount > 0 || acceptCount > 0 ? <KindFilter kinds={kinds} setKinds={setKinds} /> : null}
    </>
  );
}

/** The kinds "accept all" takes; drawn again only when they change, not with the count. */
const KindFilter = memo(function KindFilter({ kinds, setKinds }: Pick<AcceptAllProps, 'kinds' | 'setKinds'>) {
  const { t } = useTranslation();
  return (
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
            {/* Left out by default: say what it is, bare years like 2023年 included. */}
            {k === 'date' ? t('accept.dates') : t(`claimKind.${k}`)}
          </label>
        ))}
      </div>
    </details>
  );
});

interface FigureRowProps {
  figure: DetectedClaim;
  lang: string;
  readOnly: boolean;
  busy: boolean;
  onFocus: (start: number, end: number) => void;
  onAdd: (d: DetectedClaim) => void;
}

/** One figure not claimed yet; drawn again only when it moves or changes, not for an edit elsewhere. */
const FigureRow = memo(
  function FigureRow({ figure: d, lang, readOnly, busy, onFocus, onAdd }: FigureRowProps) {
    const { t } = useTranslation();
    return (
      <>
        <button className="claim-row" onClick={() => onFocus(d.start, d.end)}>
          <span className="claim-line">
            <span className="claim-figure">{d.text}</span>
            <span className="badge">{t(`claimKind.${d.kind}`)}</span>
            <span className="spacer" />
            <span className="claim-value">{formatClaimValue(d, lang)}</span>
          </span>
        </button>
        {!readOnly ? (
          <button className="add-button" aria-label={`${t('review.add')} ${d.text}`} disabled={busy} onClick={() => onAdd(d)}>
            {t('review.add')}
          </button>
        ) : null}
      </>
    );
  },
  (a, b) =>
    a.figure.start === b.figure.start &&
    a.figure.end === b.figure.end &&
    a.figure.text === b.figure.text &&
    a.figure.kind === b.figure.kind &&
    a.lang === b.lang &&
    a.readOnly === b.readOnly &&
    a.busy === b.busy &&
    a.onFocus === b.onFocus &&
    a.onAdd === b.onAdd,
);

interface UnclaimedSectionProps {
  liveStore: LiveArticleStore;
  open: boolean;
  onOpen: (open: boolean) => void;
  readOnly: boolean;
  busy: boolean;
  onFocus: (start: number, end: number) => void;
  onAdd: (d: DetectedClaim) => void;
}

/**
 * The detected figures no stored claim covers: counted per line as the text changes, and
 * listed only while open, each row asking the snapshot for its figure by index, so an edit
 * costs the rows on screen, not the 60,000 figures of a long article.
 */
function UnclaimedSection({ liveStore, open, onOpen, readOnly, busy, onFocus, onAdd }: UnclaimedSectionProps) {
  const { t, i18n } = useTranslation();
  const live = useLiveArticle(liveStore);
  const count = live?.unclaimedCount() ?? 0;
  const shown = useRef(open);
  shown.current = open;
  const figures = useMemo(() => (open && live ? { length: live.unclaimedCount(), at: (i: number) => live.unclaimedAt(i) ?? undefined } : noFigures), [open, live]);
  // The latest handler, one identity: the rows stay memoized while `busy` and the article change.
  const add = useRef(onAdd);
  add.current = onAdd;
  const addFigure = useCallback((d: DetectedClaim) => add.current(d), []);
  if (count === 0) return null;
  return (
    <details
      className="section"
      open={open}
      // Inserting an open <details> or setting `open` fires this too: only a user's toggle is remembered.
      onToggle={(e) => e.currentTarget.open !== shown.current && onOpen(e.currentTarget.open)}
    >
      <summary>{t('review.unclaimed', { count })}</summary>
      {open ? (
        <VirtualList items={figures} itemProps={candidateRow} estimateSize={36} className="claim-list" label={t('review.unclaimed', { count })}>
          {(d) => <FigureRow figure={d} lang={i18n.language} readOnly={readOnly} busy={busy} onFocus={onFocus} onAdd={addFigure} />}
        </VirtualList>
      ) : null}
    </details>
  );
}

const candidateRow = () => ({ className: 'candidate-row' });
const detachedRow = () => ({ className: 'detached-row' });

/** The claims of one article for review: stored claims, figures not claimed yet, detached and deleted claims. */
export function ClaimsPanel(p: ClaimsPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [filter, setFilter] = useState<Filter>('all');
  const [audit, setAudit] = useState<AuditEntry[]>([]);
  const [reattaching, setReattaching] = useState<{ claimId: string; candidates: AnchorCandidate[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const claims = useMemo(() => p.list?.claims ?? [], [p.list]);
  // The figures not claimed yet follow the editor (a count per key, the list while open); the rest
  // of the panel is drawn again only when the stored list or the panel's own state changes.
  const [unclaimedOpen, setUnclaimedOpen] = useState<boolean | null>(null);
  // Open by default only once the stored list is known to be empty.
  const showUnclaimed = unclaimedOpen ?? (p.list !== null && claims.length === 0);
  // "Accept all" takes the checklist's kinds (bare dates out) unless the checker picks others.
  const [kinds, setKinds] = useState<ReadonlySet<ClaimKind>>(() => new Set(checklistKinds));
  const detectingLong = useLongWait(
    useLiveValue(p.liveStore, (a) => !!a?.detecting),
    1000,
  );
  const shown = useMemo(
    () => claims.filter((c) => filter === 'all' || (filter === 'open' ? openStatuses.includes(c.status) : !openStatuses.includes(c.status))),
    [claims, filter],
  );

  const statusCounts = useMemo(() => countByStatus(claims), [claims]);

  // The chosen claim's row comes to the top of the list, with its card below it.
  const [scrollTo, setScrollTo] = useState<{ index: number; serial: number } | null>(null);
  // Only a newly chosen claim scrolls the list, not a change of the list under it — but a claim
  // chosen as it is made (Ctrl+Shift+C, "Claim the selection") is scrolled to once the list has it.
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    const id = p.selectedClaimId;
    if (!id) return void (scrolledTo.current = null);
    if (scrolledTo.current === id) return;
    const index = shown.findIndex((c) => c.id === id);
    if (index < 0) return;
    scrolledTo.current = id;
    setScrollTo((prev) => ({ index, serial: (prev?.serial ?? 0) + 1 }));
  }, [p.selectedClaimId, shown]);

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
  const focusSpan = useCallback((start: number, end: number) => latest.current.onFocus([{ start, end, tone: 'claim' }]), []);
  const selectClaim = useCallback((id: string | null) => latest.current.onSelectClaim(id), []);
  const toggleClaim = useCallback((c: Claim, e?: React.MouseEvent) => {
    const q = latest.current;
    // Shift / Ctrl / Cmd + click picks claims for a bulk change instead.
    if (e && (e.shiftKey || e.ctrlKey || e.metaKey)) return pickClaim(q.articleId, c.id, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
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
          <AcceptAll
            liveStore={p.liveStore}
            kinds={kinds}
            setKinds={setKinds}
            busy={busy}
            onAccept={() =>
              void act(async () => {
                const r = await client['claims.addDetected']({ articleId: p.articleId, kinds: claimKinds.filter((k) => kinds.has(k)) });
                // The new claims come picked, so a bulk change can follow at once.
                pickClaims(p.articleId, r.added.map((c) => c.id));
              })
            }
          />
        </div>
      ) : null}

      <StatementsSection
        articleId={p.articleId}
        refreshKey={p.list && p.list.articleId === p.articleId ? `${p.list.revision}:${claims.length}` : null}
        readOnly={p.readOnly}
        ensureSaved={p.ensureSaved}
        onSelectClaim={selectClaim}
        onFocus={focusSpan}
        onError={p.onError}
      />
      <h3 className="section-heading">{t('review.claims', { count: claims.length })}</h3>
      {claims.length === 0 ? <p className="muted">{t('review.noClaims')}</p> : null}
      {detectingLong ? (
        <p className="muted" role="status">
          {t('panel.detecting')}
        </p>
      ) : null}
      <ClaimPickBar articleId={p.articleId} shown={shown} readOnly={p.readOnly} />
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
              {!p.readOnly ? <ClaimPickBox articleId={p.articleId} claim={c} /> : null}
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

      <UnclaimedSection
        liveStore={p.liveStore}
        open={showUnclaimed}
        onOpen={setUnclaimedOpen}
        readOnly={p.readOnly}
        busy={busy}
        onFocus={focusSpan}
        onAdd={(d) =>
          void act(async () => {
            // After saving, the live text is the saved text, so the span is valid there.
            const r = await client['claims.addDetected']({ articleId: p.articleId, start: d.start, end: d.end });
            if (r.added[0]) p.onSelectClaim(r.added[0].id);
          })
        }
      />

      {p.list && p.list.detached.length > 0 ? (
        <details className="section" open>
          <summary className="warn">{t('review.detached', { count: p.list.detached.length })}</summary>
          <VirtualList items={p.list.detached} itemKey={claimKey} itemProps={detachedRow} estimateSize={72} className="claim-list" label={t('review.detached', { count: p.list.detached.length })}>
            {(c) => (
              <>
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
              </>
            )}
          </VirtualList>
        </details>
      ) : null}

      {p.list && p.list.deleted.length > 0 ? (
        <details className="section">
          <summary>{t('review.deleted', { count: p.list.deleted.length })}</summary>
          <VirtualList items={p.list.deleted} itemKey={claimKey} itemProps={candidateRow} estimateSize={36} className="claim-list" label={t('review.deleted', { count: p.list.deleted.length })}>
            {(c) => (
              <>
                <span className="claim-figure">{c.anchor.quote}</span>
                <span className="spacer" />
                {!p.readOnly ? (
                  <button onClick={() => void client['claims.restore']({ articleId: p.articleId, claimId: c.id }).catch(p.onError)}>{t('review.restore')}</button>
                ) : null}
              </>
            )}
          </VirtualList>
        </details>
      ) : null}
    </div>
  );
}
