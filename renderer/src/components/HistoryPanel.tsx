import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { RevisionChange, RevisionInfo } from '../../../shared/annotations.js';
import type { ArticleDocument } from '../../../shared/model.js';
import type { DisplayDiff } from '../../../shared/revisions/index.js';
import { client } from '../client.js';
import { Dialog } from './Dialog.js';
import { DiffView, type DiffMode } from './DiffView.js';
import { WideDialog } from './WideDialog.js';
import '../dashboard.css';

export interface HistoryPanelProps {
  articleId: string;
  readOnly: boolean;
  /** The editor holds unsaved edits, which a restore would replace. */
  dirty: boolean;
  /** The restored text, now on disk: the editor should load it. */
  onRestored: (doc: ArticleDocument) => void;
  onError: (e: unknown) => void;
}

/** When a revision was recorded, in the reader's language and time zone. */
export function formatRevisionDate(at: string, lang: string): string {
  const d = new Date(at);
  if (Number.isNaN(d.getTime())) return at;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' }).format(d);
}

/** Who made a revision and how, in one phrase: "Saved by 王芳", "Changed outside FactDesk"… */
function describeRevision(r: RevisionInfo, t: TFunction): string {
  if (r.source === 'save') return r.author ? t('history.by.save', { author: r.author }) : t('history.by.saveAnonymous');
  if (r.source === 'restore') {
    const from = r.restoredFrom ?? '?';
    return r.author ? t('history.by.restore', { author: r.author, from }) : t('history.by.restoreAnonymous', { from });
  }
  return t(`history.by.${r.source}`);
}

/**
 * The article's revisions, newest first, with the readable diff of the one
 * selected against the one before it (or any other), a wide view of that
 * diff, and "Restore this version" — itself recorded as a new revision.
 */
export function HistoryPanel({ articleId, readOnly, dirty, onRestored, onError }: HistoryPanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [revisions, setRevisions] = useState<RevisionInfo[] | null>(null);
  /** Characters each revision added and removed, by number. */
  const [changes, setChanges] = useState<ReadonlyMap<number, RevisionChange>>(new Map());
  const [selected, setSelected] = useState<number | null>(null);
  /** The revision compared against; null means the one before `selected`. */
  const [base, setBase] = useState<number | null>(null);
  const [diff, setDiff] = useState<{ key: string; diff: DisplayDiff } | null>(null);
  const [mode, setMode] = useState<DiffMode>('inline');
  const [fullOpen, setFullOpen] = useState(false);
  const [confirming, setConfirming] = useState<RevisionInfo | null>(null);
  const [restoring, setRestoring] = useState(false);

  const current = useRef({ articleId, selected, latest: 0 });
  current.current.articleId = articleId;
  current.current.selected = selected;
  // Revisions never change once recorded, so their diffs can be kept.
  const cache = useRef(new Map<string, DisplayDiff>());
  const listRef = useRef<HTMLUListElement>(null);
  // A new onError from the parent must not reload the list or reset the selection.
  const reportError = useRef(onError);
  reportError.current = onError;

  /** Reloads the list; `selectNewest` moves the selection to the newest revision whatever was selected. */
  const refresh = useCallback(async (selectNewest = false) => {
    const id = articleId;
    try {
      const [list, sizes] = await Promise.all([client['revisions.list']({ articleId: id }), client['revisions.changes']({ articleId: id })]);
      if (current.current.articleId !== id) return;
      setChanges(new Map(sizes.map((c) => [c.n, c])));
      const latest = list.length ? list[list.length - 1]!.n : 0;
      const { selected: sel, latest: prevLatest } = current.current;
      current.current.latest = latest;
      setRevisions(list);
      // The newest revision stays selected as new ones arrive; an older choice is kept.
      if (selectNewest || sel === null || sel === prevLatest || !list.some((r) => r.n === sel)) {
        setSelected(latest || null);
        setBase(null);
      }
    } catch (e) {
      if (current.current.articleId === id) reportError.current(e);
    }
  }, [articleId]);

  useEffect(() => {
    setRevisions(null);
    setChanges(new Map());
    setSelected(null);
    setBase(null);
    setDiff(null);
    setFullOpen(false);
    cache.current = new Map();
    current.current.latest = 0;
    current.current.selected = null;
    void refresh();
    return client.on('revisions.changed', ({ id }) => {
      if (id === articleId) void refresh();
    });
  }, [articleId, refresh]);

  const byNumber = useMemo(() => new Map((revisions ?? []).map((r, i) => [r.n, i])), [revisions]);
  const selectedInfo = selected !== null && revisions ? (revisions[byNumber.get(selected) ?? -1] ?? null) : null;
  const previous = selectedInfo && revisions ? (revisions[(byNumber.get(selectedInfo.n) ?? 0) - 1] ?? null) : null;
  const from = base ?? previous?.n ?? null;
  const latest = revisions?.length ? revisions[revisions.length - 1]! : null;
  const diffKey = selected !== null && from !== null ? `${from}:${selected}` : null;

  useEffect(() => {
    if (diffKey === null || selected === null || from === null) return;
    const cached = cache.current.get(diffKey);
    if (cached) return setDiff({ key: diffKey, diff: cached });
    let live = true;
    client['revisions.diff']({ articleId, from, to: selected }).then(
      (d) => {
        cache.current.set(diffKey, d);
        if (live) setDiff({ key: diffKey, diff: d });
      },
      (e) => live && reportError.current(e),
    );
    return () => {
      live = false;
    };
  }, [articleId, diffKey, from, selected]);

  const shownDiff = diff && diff.key === diffKey ? diff.diff : null;

  const select = (n: number) => {
    setSelected(n);
    setBase(null);
  };

  const onListKey = (e: KeyboardEvent<HTMLUListElement>) => {
    if (!revisions?.length || selected === null || (e.key !== 'ArrowDown' && e.key !== 'ArrowUp')) return;
    e.preventDefault();
    // The list shows the newest first, so "down" goes back in time.
    const i = (byNumber.get(selected) ?? 0) + (e.key === 'ArrowDown' ? -1 : 1);
    const next = revisions[Math.max(0, Math.min(revisions.length - 1, i))]!;
    select(next.n);
    listRef.current?.querySelector<HTMLElement>(`[data-revision="${next.n}"]`)?.focus();
  };

  const restore = async (r: RevisionInfo) => {
    setConfirming(null);
    setRestoring(true);
    try {
      const doc = await client['revisions.restore']({ articleId, revision: r.n });
      onRestored(doc);
      // Show the new "restored" revision the store just recorded.
      await refresh(true);
    } catch (e) {
      onError(e);
    } finally {
      setRestoring(false);
    }
  };

  if (revisions === null) return <p className="muted">{t('history.loading')}</p>;
  if (revisions.length === 0) return <p className="muted">{t('history.empty')}</p>;

  const isLatest = selectedInfo !== null && selectedInfo.n === latest?.n;
  const restoreBlocked = readOnly ? t('history.restoreReadOnly') : isLatest ? t('history.restoreCurrent') : undefined;
  const oldLabel = from !== null ? t('history.revision', { n: from }) : '';
  const newLabel = selected !== null ? t('history.revision', { n: selected }) : '';
  const diffLabel = t('history.diffLabel', { from, to: selected });
  const newestFirst = [...revisions].reverse();
  // The first revision has no changes of its own to show.
  const detailTitle = selected === null ? '' : from === null ? t('history.revision', { n: selected }) : t('history.changesIn', { n: selected });

  return (
    <div className="history-panel">
      <div className="history-head">
        <span className="muted">{t('history.count', { count: revisions.length })}</span>
      </div>
      <RevisionTimeline revisions={revisions} changes={changes} selected={selected} onSelect={select} />
      <ul className="revision-list" role="listbox" aria-label={t('history.list')} ref={listRef} onKeyDown={onListKey}>
        {newestFirst.map((r) => {
          const isSelected = r.n === selected;
          return (
            <li
              key={r.n}
              role="option"
              aria-selected={isSelected}
              tabIndex={isSelected ? 0 : -1}
              data-revision={r.n}
              className={`revision-row source-${r.source}${isSelected ? ' selected' : ''}`}
              onClick={() => select(r.n)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && select(r.n)}
            >
              <span className="revision-line">
                <span className="revision-n">#{r.n}</span>
                <span className="revision-date">{formatRevisionDate(r.at, lang)}</span>
                <span className="spacer" />
                {r.n === latest?.n ? <span className="badge badge-current">{t('history.current')}</span> : null}
              </span>
              <span className="revision-by">
                {describeRevision(r, t)}
                <ChangeSize change={changes.get(r.n)} />
              </span>
              {r.label ? <span className="revision-label">{r.label}</span> : null}
            </li>
          );
        })}
      </ul>

      {selectedInfo ? (
        <section className="revision-detail" aria-label={detailTitle}>
          <h3 className="revision-detail-title">{detailTitle}</h3>
          {revisions.length > 1 ? (
            <label className="revision-base">
              <span>{t('history.compareWith')}</span>
              <select value={from ?? ''} onChange={(e) => setBase(Number(e.target.value))}>
                {from === null ? <option value="">—</option> : null}
                {newestFirst
                  .filter((r) => r.n !== selectedInfo.n)
                  .map((r) => (
                    <option key={r.n} value={r.n}>
                      {r.n === previous?.n ? t('history.previous', { n: r.n }) : t('history.option', { n: r.n, date: formatRevisionDate(r.at, lang) })}
                    </option>
                  ))}
              </select>
            </label>
          ) : null}
          <div className="revision-actions">
            <button onClick={() => setFullOpen(true)} disabled={!shownDiff}>
              {t('history.openFull')}
            </button>
            <button onClick={() => setConfirming(selectedInfo)} disabled={!!restoreBlocked || restoring} title={restoreBlocked}>
              {t('history.restore')}
            </button>
          </div>
          {from === null ? (
            <p className="muted">{t('history.firstRevision')}</p>
          ) : shownDiff ? (
            <DiffView diff={shownDiff} label={diffLabel} oldLabel={oldLabel} newLabel={newLabel} mode={mode} onModeChange={setMode} />
          ) : (
            <p className="muted">{t('history.loading')}</p>
          )}
        </section>
      ) : null}

      {fullOpen && shownDiff && selected !== null && from !== null ? (
        <WideDialog title={t('history.fullTitle', { from, to: selected })} onClose={() => setFullOpen(false)}>
          <DiffView diff={shownDiff} label={diffLabel} oldLabel={oldLabel} newLabel={newLabel} defaultMode="side" />
        </WideDialog>
      ) : null}

      {confirming ? (
        <Dialog
          title={t('history.restoreTitle', { n: confirming.n })}
          message={
            <>
              <p>{t('history.restoreMessage', { n: confirming.n, date: formatRevisionDate(confirming.at, lang) })}</p>
              {dirty ? (
                <p className="restore-dirty" role="alert">
                  {t('history.restoreDirty')}
                </p>
              ) : null}
            </>
          }
          buttons={
            // With unsaved edits at stake, Enter cancels: only a deliberate click replaces them.
            dirty
              ? [
                  { label: t('history.cancel'), value: 'cancel', primary: true },
                  { label: t('history.restoreDiscard'), value: 'restore' },
                ]
              : [
                  { label: t('history.restoreConfirm'), value: 'restore', primary: true },
                  { label: t('history.cancel'), value: 'cancel' },
                ]
          }
          onClose={(v) => (v === 'restore' ? void restore(confirming) : setConfirming(null))}
        />
      ) : null}
    </div>
  );
}

/** "+12 −3": what a revision added and removed, in words for screen readers. */
function ChangeSize({ change }: { change: RevisionChange | undefined }) {
  const { t } = useTranslation();
  if (!change) return null;
  return (
    <span className="revision-size" title={t('view.timelineSize', { added: change.added, removed: change.removed })}>
      <span className="size-added">{t('view.timelineAdded', { count: change.added })}</span>{' '}
      <span className="size-removed">{t('view.timelineRemoved', { count: change.removed })}</span>
    </span>
  );
}

/** Revisions drawn (the most recent); the list below holds every one. */
const timelineDrawn = 60;

/**
 * The revision timeline: one column per revision, oldest on the left —
 * characters added rise above the line, characters removed hang below it
 * (log scale, so a small fix next to a whole new text still shows).
 * Clicking a column selects that revision in the list.
 */
export function RevisionTimeline({
  revisions,
  changes,
  selected,
  onSelect,
}: {
  revisions: readonly RevisionInfo[];
  changes: ReadonlyMap<number, RevisionChange>;
  selected: number | null;
  onSelect: (n: number) => void;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const drawn = revisions.slice(-timelineDrawn);
  if (drawn.length === 0 || changes.size === 0) return null;
  const w = 320;
  const h = 84;
  const mid = 40;
  const reach = 34;
  const slot = w / drawn.length;
  // A few revisions spread over the width, each column no wider than a finger's tap needs.
  const bar = Math.max(1.5, Math.min(slot * 0.6, 18));
  const max = Math.max(1, ...drawn.map((r) => Math.max(changes.get(r.n)?.added ?? 0, changes.get(r.n)?.removed ?? 0)));
  const scale = (n: number) => (n > 0 ? Math.max(2, (Math.log1p(n) / Math.log1p(max)) * reach) : 0);
  const describe = (r: RevisionInfo) =>
    t('view.timelineChange', { n: r.n, date: formatRevisionDate(r.at, lang), who: describeRevision(r, t), added: changes.get(r.n)?.added ?? 0, removed: changes.get(r.n)?.removed ?? 0 });
  const first = drawn[0]!;
  const last = drawn[drawn.length - 1]!;
  const short = (at: string) => new Intl.DateTimeFormat(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(at));
  return (
    <figure className="revision-timeline">
      <figcaption className="muted">{t('view.timeline')}</figcaption>
      <svg viewBox={`0 0 ${w} ${h}`} role="group" aria-label={t('view.timeline')}>
        <line className="axis" x1="0" y1={mid} x2={w} y2={mid} />
        {drawn.map((r, i) => {
          const c = changes.get(r.n);
          const up = scale(c?.added ?? 0);
          const down = scale(c?.removed ?? 0);
          const x = i * slot;
          const isSelected = r.n === selected;
          return (
            <g
              key={r.n}
              className={`timeline-point${isSelected ? ' selected' : ''}`}
              data-revision={r.n}
              role="button"
              aria-label={describe(r)}
              aria-pressed={isSelected}
              tabIndex={-1}
              onClick={() => onSelect(r.n)}
            >
              <title>{describe(r)}</title>
              <rect className="timeline-hit" x={x} y="0" width={slot} height={h - 14} />
              {isSelected ? <rect className="timeline-selected" x={x} y="1" width={slot} height={h - 16} /> : null}
              {up ? <rect className="chart-mark timeline-added" x={x + (slot - bar) / 2} y={mid - up} width={bar} height={up} /> : null}
              {down ? <rect className="chart-mark timeline-removed" x={x + (slot - bar) / 2} y={mid + 1} width={bar} height={down} /> : null}
              {!up && !down ? <circle className="chart-mark timeline-same" cx={x + slot / 2} cy={mid} r="2" /> : null}
            </g>
          );
        })}
        <text className="axis-text" x="0" y={h - 2}>
          {short(first.at)}
        </text>
        {drawn.length > 1 ? (
          <text className="axis-text" x={w} y={h - 2} textAnchor="end">
            {short(last.at)}
          </text>
        ) : null}
      </svg>
    </figure>
  );
}
