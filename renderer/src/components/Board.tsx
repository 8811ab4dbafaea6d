import { memo, useCallback, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useVirtualizer } from '@tanstack/react-virtual';
import { claimStatuses } from '../../../shared/annotations.js';
import { boardColumns, type BoardFilter, type BoardRow } from '../../../shared/board.js';
import { claimKinds, type ClaimKind } from '../../../shared/claims/index.js';
import { workflowStatuses, type WorkflowStatus } from '../../../shared/model.js';
import { formatClaimValue } from '../format.js';
import {
  assigneesStore,
  boardRowsStore,
  boardSelectionStore,
  boardShown,
  boardViewStore,
  bulkChange,
  clearBoardSelection,
  clickRow,
  ensureRows,
  openClaimInPlace,
  removeSavedFilter,
  rowAt,
  rowKey,
  saveCurrentFilter,
  savedFiltersStore,
  selectAllInFilter,
  setBoardFilter,
  toggleSort,
  updateBoardFilter,
} from '../stores/board.js';
import { useStore } from '../stores/store.js';
import { searchDelay, showDialog } from '../stores/ui.js';
import '../board.css';
import { BulkActions } from './BulkActions.js';
import { articlesStore, workspaceStore } from '../stores/workspace.js';

const rowHeight = 34;
const initialRect = () => ({ width: window.innerWidth, height: window.innerHeight });

/** Every claim of the workspace in one table that draws (and fetches) only the rows in view. */
export function Board() {
  const { t } = useTranslation();
  useEffect(() => {
    boardShown(true);
    return () => boardShown(false);
  }, []);
  const search = useRef<HTMLInputElement>(null);
  // '/' or Ctrl+F on the board goes to its search; Ctrl+A selects every claim the filter keeps.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const inField = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
      if ((e.key === '/' && !inField && !e.ctrlKey && !e.metaKey) || ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'f')) {
        e.preventDefault();
        search.current?.focus();
        search.current?.select();
      } else if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'a' && !inField) {
        e.preventDefault();
        void selectAllInFilter();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <section className="pane pane-board" aria-label={t('board.title')}>
      <BoardFilters searchRef={search} />
      <BulkBar />
      <BoardTable />
    </section>
  );
}

function toggle<T>(list: readonly T[] | undefined, x: T): T[] {
  const set = new Set(list ?? []);
  if (set.has(x)) set.delete(x);
  else set.add(x);
  return [...set];
}

function BoardFilters({ searchRef }: { searchRef: React.RefObject<HTMLInputElement | null> }) {
  const { t } = useTranslation();
  const { filter } = useStore(boardViewStore);
  const byStatus = useStore(boardRowsStore, (r) => r.byStatus);
  const articles = useStore(articlesStore);
  const saved = useStore(savedFiltersStore);
  const assignees = useStore(assigneesStore);
  const readOnly = useStore(workspaceStore, (w) => !!w?.readOnly);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const one = <T,>(xs: readonly T[] | undefined): T | '' => (xs && xs.length === 1 ? xs[0]! : '');
  const assignee = filter.assignee?.length === 1 ? (filter.assignee[0] === null ? '(none)' : filter.assignee[0]!) : '';
  return (
    <div className="board-filters">
      <input
        ref={searchRef}
        type="search"
        className="board-search"
        placeholder={t('board.search')}
        aria-label={t('board.search')}
        title="/ · Ctrl+F"
        defaultValue={filter.text ?? ''}
        onChange={(e) => {
          const text = e.target.value;
          clearTimeout(timer.current);
          timer.current = setTimeout(() => updateBoardFilter({ text }), searchDelay);
        }}
      />
      <div className="chips" role="group" aria-label={t('board.columns.status')}>
        {claimStatuses.map((s) => (
          <button key={s} className="filter-chip" aria-pressed={!!filter.status?.includes(s)} onClick={() => updateBoardFilter({ status: toggle(filter.status, s) })}>
            {t(`review.status.${s}`)} <span className="count">{byStatus?.[s] ?? '·'}</span>
          </button>
        ))}
      </div>
      <div className="board-selects">
        <select aria-label={t('board.columns.kind')} value={one(filter.kind)} onChange={(e) => updateBoardFilter({ kind: e.target.value ? [e.target.value as ClaimKind] : [] })}>
          <option value="">{t('board.anyKind')}</option>
          {claimKinds.map((k) => (
            <option key={k} value={k}>
              {t(`claimKind.${k}`)}
            </option>
          ))}
        </select>
        <select
          aria-label={t('board.columns.assignee')}
          value={assignee}
          onChange={(e) => updateBoardFilter({ assignee: e.target.value === '' ? [] : [e.target.value === '(none)' ? null : e.target.value] })}
        >
          <option value="">{t('board.anyAssignee')}</option>
          <option value="@me">{t('board.me')}</option>
          <option value="(none)">{t('board.unassigned')}</option>
          {/* A name filtered by stays offered while no claim is assigned to it any more. */}
          {(assignee && assignee !== '@me' && assignee !== '(none)' && !assignees.includes(assignee) ? [...assignees, assignee] : assignees).map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
        <select aria-label={t('board.columns.article')} value={one(filter.articleId)} onChange={(e) => updateBoardFilter({ articleId: e.target.value ? [e.target.value] : [] })}>
          <option value="">{t('board.anyArticle')}</option>
          {articles.map((a) => (
            <option key={a.id} value={a.id}>
              {a.path}
            </option>
          ))}
        </select>
        <select
          aria-label={t('review.workflow')}
          value={one(filter.workflow)}
          onChange={(e) => updateBoardFilter({ workflow: e.target.value ? [e.target.value as WorkflowStatus] : [] })}
        >
          <option value="">{t('board.anyWorkflow')}</option>
          {workflowStatuses.map((w) => (
            <option key={w} value={w}>
              {t(`workflow.${w}`)}
            </option>
          ))}
        </select>
        <button
          onClick={() => {
            if (searchRef.current) searchRef.current.value = '';
            setBoardFilter({});
          }}
        >
          {t('board.clear')}
        </button>
      </div>
      <div className="saved-filters" role="group" aria-label={t('board.saved')}>
        <span className="muted">{t('board.saved')}:</span>
        {saved.map((f) => (
          <span key={f.id} className="saved-filter">
            <button
              className="filter-chip"
              onClick={() => {
                if (searchRef.current) searchRef.current.value = f.filter.text ?? '';
                setBoardFilter(f.filter);
              }}
            >
              {f.name}
            </button>
            <button className="link-button" disabled={readOnly} aria-label={t('board.removeFilter', { name: f.name })} onClick={() => void removeSavedFilter(f.id)}>
              ×
            </button>
          </span>
        ))}
        {/* Offered until it is kept: then its saved button applies it (no second copy per click). */}
        {saved.some((f) => f.name === t('board.mineNotVerified')) ? null : (
          <button
            disabled={readOnly}
            onClick={() => {
              const mine: BoardFilter = { assignee: ['@me'], status: claimStatuses.filter((s) => s !== 'verified') };
              setBoardFilter(mine);
              void saveCurrentFilter(t('board.mineNotVerified'));
            }}
          >
            {t('board.mineNotVerified')}
          </button>
        )}
        <button
          disabled={readOnly}
          onClick={() =>
            showDialog({
              title: t('board.saveFilter'),
              message: t('board.saveFilterPrompt'),
              input: '',
              buttons: [
                { label: t('board.saveFilter'), value: 'ok', primary: true },
                { label: t('editor.cancel'), value: 'cancel' },
              ],
              onClose: (v, name) => {
                showDialog(null);
                if (v === 'ok' && name.trim()) void saveCurrentFilter(name.trim());
              },
            })
          }
        >
          {t('board.saveFilter')}
        </button>
      </div>
    </div>
  );
}

function BulkBar() {
  const { t } = useTranslation();
  const selected = useStore(boardSelectionStore, (s) => s.keys.size);
  const total = useStore(boardRowsStore, (r) => r.total);
  return (
    <div className="bulk-bar" role="toolbar" aria-label={t('board.bulk.setStatus')}>
      <span className="muted">{total === null ? t('board.loading') : t('board.total', { count: total })}</span>
      <span>{t('board.selected', { count: selected })}</span>
      <button onClick={() => void selectAllInFilter()} title="Ctrl+A">
        {t('board.bulk.selectAll')}
      </button>
      <button onClick={clearBoardSelection} disabled={!selected}>
        {t('board.bulk.clearSelection')}
      </button>
      <BulkActions selected={selected} onChange={(change) => void bulkChange(change)} />
    </div>
  );
}

/** Building a date format costs far more than formatting with one: one per language. */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function formatUpdated(iso: string, lang: string): string {
  let f = dateFormats.get(lang);
  if (!f) dateFormats.set(lang, (f = new Intl.DateTimeFormat(lang, { dateStyle: 'short', timeStyle: 'short' })));
  return f.format(new Date(iso));
}

interface BoardRowProps {
  index: number;
  start: number;
  row: BoardRow | undefined;
  selected: boolean;
  lang: string;
  onKey: (e: React.KeyboardEvent, index: number, row: BoardRow | undefined) => void;
}

/** One row; drawn again only when its claim, its place, its selection or the language changes — not on every scroll step. */
const BoardRowView = memo(function BoardRowView({ index, start, row, selected, lang, onKey }: BoardRowProps) {
  const { t } = useTranslation();
  return (
    <div
      role="row"
      tabIndex={0}
      aria-rowindex={index + 2}
      aria-selected={selected}
      className={`board-row${selected ? ' selected' : ''}`}
      style={{ transform: `translateY(${start}px)`, height: rowHeight }}
      onClick={(e) => {
        if (!row) return;
        if (e.shiftKey || e.ctrlKey || e.metaKey) clickRow(index, { shift: e.shiftKey, toggle: e.ctrlKey || e.metaKey });
        else openClaimInPlace(row);
      }}
      onKeyDown={(e) => onKey(e, index, row)}
    >
      <span className="board-cell cell-select" role="cell">
        <input
          type="checkbox"
          tabIndex={-1}
          aria-label={row?.quote ?? ''}
          checked={selected}
          // A row still on its way cannot be picked (nothing to pick yet).
          disabled={!row}
          onClick={(e) => {
            e.stopPropagation();
            clickRow(index, { shift: e.shiftKey, toggle: true });
          }}
          readOnly
        />
      </span>
      {row ? (
        <>
          <span role="cell" className={`board-cell cell-status status-${row.status}`}>
            {t(`review.status.${row.status}`)}
          </span>
          <span role="cell" className="board-cell cell-article" title={row.articlePath}>
            {row.articleTitle}
          </span>
          <span role="cell" className="board-cell cell-quote" title={row.quote}>
            {row.quote}
          </span>
          <span role="cell" className="board-cell cell-value">
            {row.value === null ? '' : formatClaimValue({ kind: row.kind, value: row.value, unit: row.unit }, lang)}
          </span>
          <span role="cell" className="board-cell cell-kind">
            {t(`claimKind.${row.kind}`)}
          </span>
          <span role="cell" className="board-cell cell-assignee">
            {row.assignee ?? ''}
          </span>
          <span role="cell" className="board-cell cell-checker">
            {row.checker ?? ''}
          </span>
          <span role="cell" className="board-cell cell-updated">
            {formatUpdated(row.updatedAt, lang)}
          </span>
        </>
      ) : (
        <span role="cell" className="board-cell muted">
          {t('board.loading')}
        </span>
      )}
    </div>
  );
});

function BoardTable() {
  const { t, i18n } = useTranslation();
  const rows = useStore(boardRowsStore);
  const view = useStore(boardViewStore);
  const selection = useStore(boardSelectionStore);
  const scroller = useRef<HTMLDivElement>(null);
  const count = rows.total ?? 0;
  const getScrollElement = useCallback(() => scroller.current, []);
  const estimate = useCallback(() => rowHeight, []);
  // Rows are drawn in their own task after a scroll, not inside the scroll event: a profile of
  // wheel scrolling had React's render, style, layout and paint of the new rows in one task (up
  // to 24 ms of CPU, 50–140 ms on a busy machine); apart, the longest is the frame's rendering.
  // The first rows are drawn with the first render (the window's height stands for the table's
  // until it is measured), not one layout and one render later.
  const virtualizer = useVirtualizer({ count, getScrollElement, estimateSize: estimate, overscan: 10, useFlushSync: false, initialRect: initialRect() });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  // Only the pages under the rows in view are asked for.
  useEffect(() => {
    if (count) ensureRows(first, last);
  }, [first, last, count, rows.generation]);
  useEffect(() => {
    scroller.current?.scrollTo({ top: 0 });
  }, [view]);
  // The row ↓/↑ went to, until it is drawn and focused.
  const focusNext = useRef<number | null>(null);
  const focusDrawn = () => {
    const row = focusNext.current === null ? null : scroller.current?.querySelector<HTMLElement>(`[aria-rowindex="${focusNext.current + 2}"]`);
    if (!row) return;
    focusNext.current = null;
    row.focus();
  };
  useLayoutEffect(focusDrawn);
  const rowKeyHandler = (e: React.KeyboardEvent, index: number, row: BoardRow | undefined) => {
    if (e.key === 'Enter' && row) openClaimInPlace(row);
    else if (e.key === ' ') {
      e.preventDefault();
      clickRow(index, { shift: e.shiftKey, toggle: true });
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      // From the row still to be drawn, if a key went there before it was: no key is lost.
      const next = Math.max(0, Math.min(count - 1, (focusNext.current ?? index) + (e.key === 'ArrowDown' ? 1 : -1)));
      virtualizer.scrollToIndex(next);
      // The row is usually drawn already (it is next to the focused one); if not, it gets the focus once drawn.
      focusNext.current = next;
      focusDrawn();
    }
  };
  // One handler for every row across renders (so rows are memoized), reading the latest state.
  const keyHandler = useRef(rowKeyHandler);
  keyHandler.current = rowKeyHandler;
  const onRowKey = useCallback((e: React.KeyboardEvent, index: number, row: BoardRow | undefined) => keyHandler.current(e, index, row), []);
  return (
    <div className="board-table" role="table" aria-label={t('board.title')} aria-rowcount={count + 1}>
      <div className="board-row board-head" role="row" aria-rowindex={1}>
        <span className="board-cell cell-select" role="columnheader" />
        {boardColumns.map((c) => (
          <span
            key={c}
            role="columnheader"
            className={`board-cell cell-${c}`}
            aria-sort={view.sort?.column === c ? (view.sort.dir === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button className="sort-button" onClick={() => toggleSort(c)}>
              {t(`board.columns.${c}`)}
              {view.sort?.column === c ? (view.sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          </span>
        ))}
      </div>
      <div ref={scroller} className="board-scroll">
        {rows.total === 0 ? <p className="muted board-empty">{t('board.empty')}</p> : null}
        <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            return <BoardRowView key={item.key} index={item.index} start={item.start} row={row} selected={!!row && selection.keys.has(rowKey(row))} lang={i18n.language} onKey={onRowKey} />;
          })}
        </div>
      </div>
    </div>
  );
}
