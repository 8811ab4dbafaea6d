/**
 * The workspace claim board: the filter and sort the desk chose, the pages of
 * rows fetched so far (only the window in view is ever asked for), the rows
 * selected for a bulk change, and the last batch (to undo it).
 */
import type { BulkResult, ClaimStatus } from '../../../shared/annotations.js';
import type { BoardColumn, BoardFilter, BoardRow, SavedBoardFilter } from '../../../shared/board.js';
import { client } from '../client.js';
import { claimListStore, focusSpans, selectClaim } from './claims.js';
import { showError } from './errors.js';
import { loadArticle, openArticleStore } from './open-article.js';
import { guardUnsaved, viewStore } from './ui.js';
import { Store } from './store.js';

export const pageSize = 100;

export interface BoardView {
  filter: BoardFilter;
  sort: { column: BoardColumn; dir: 'asc' | 'desc' } | null;
}

export interface BoardRows {
  /** Bumped on every new filter or sort (pages of an older one are dropped). */
  generation: number;
  total: number | null;
  byStatus: Record<ClaimStatus, number> | null;
  /** Fetched pages by page number. */
  pages: Map<number, BoardRow[]>;
  /**
   * Pages of `pages` fetched under this generation. The others are the rows shown before
   * claims changed, kept on screen (not blanked) until their fresh copy arrives.
   */
  fresh: Set<number>;
}

export const boardViewStore = new Store<BoardView>({ filter: {}, sort: null });
export const boardRowsStore = new Store<BoardRows>({ generation: 0, total: null, byStatus: null, pages: new Map(), fresh: new Set() });
export const savedFiltersStore = new Store<SavedBoardFilter[]>([]);
/** Everyone assigned a claim in the workspace (the assignee filter offers them by name). */
export const assigneesStore = new Store<string[]>([]);

export const rowKey = (r: { articleId: string; claimId: string }) => `${r.articleId}/${r.claimId}`;

/** Selected rows by key; `all` when the whole filter was selected (Ctrl+A) and the keys came from board.select. */
export const boardSelectionStore = new Store<{ keys: Set<string>; anchor: number | null }>({ keys: new Set(), anchor: null });
export const bulkProgressStore = new Store<{ done: number; total: number } | null>(null);
export const lastBatchStore = new Store<(BulkResult & { undone?: boolean }) | null>(null);

const requested = new Set<string>();
/** Board pages on their way: other calls that can wait (the article list's counts) wait for them. */
export const boardPagesPendingStore = new Store<number>(0);

export function rowAt(index: number): BoardRow | undefined {
  return boardRowsStore.get().pages.get(Math.floor(index / pageSize))?.[index % pageSize];
}

async function fetchPage(page: number): Promise<void> {
  const { generation } = boardRowsStore.get();
  const key = `${generation}:${page}`;
  if (requested.has(key)) return;
  requested.add(key);
  const { filter, sort } = boardViewStore.get();
  boardPagesPendingStore.set((n) => n + 1);
  try {
    const res = await client['board.query']({ ...filter, ...(sort ? { sort } : {}), offset: page * pageSize, limit: pageSize });
    boardRowsStore.set((prev) => {
      if (prev.generation !== generation) return prev;
      const pages = new Map(prev.pages);
      pages.set(page, res.rows);
      const fresh = new Set(prev.fresh).add(page);
      // Stale rows past the new end are not shown as claims that no longer exist.
      const last = Math.floor(Math.max(0, res.total - 1) / pageSize);
      for (const p of pages.keys()) if (p > last) pages.delete(p);
      return { ...prev, total: res.total, byStatus: res.byStatus, pages, fresh };
    });
  } catch (e) {
    requested.delete(key);
    showError(e);
  } finally {
    boardPagesPendingStore.set((n) => n - 1);
  }
}

/** Makes sure the rows first..last (indexes) are fetched or on their way. */
export function ensureRows(first: number, last: number): void {
  for (let p = Math.floor(Math.max(0, first) / pageSize); p <= Math.floor(Math.max(0, last) / pageSize); p++) {
    if (!boardRowsStore.get().fresh.has(p)) void fetchPage(p);
  }
}

/**
 * Asks for the rows again. A new filter or sort drops the rows fetched so far; claims that
 * changed (`keepRows`) leave them on screen, and clickable, until their fresh copy arrives —
 * no blank rows under the pointer every time someone saves.
 */
export function reloadBoard(keepCounts = false, keepRows = false): void {
  // Pages asked for under older filters are dropped when they answer; forget them.
  requested.clear();
  boardRowsStore.set((prev) => ({
    generation: prev.generation + 1,
    total: keepCounts ? prev.total : null,
    byStatus: keepCounts ? prev.byStatus : null,
    pages: keepRows ? prev.pages : new Map(),
    fresh: new Set(),
  }));
  void fetchPage(0);
}

export function setBoardFilter(filter: BoardFilter): void {
  boardViewStore.set((v) => ({ ...v, filter }));
  boardSelectionStore.set({ keys: new Set(), anchor: null });
  reloadBoard(true);
}

export function updateBoardFilter(change: Partial<BoardFilter>): void {
  const next: BoardFilter = { ...boardViewStore.get().filter, ...change };
  for (const k of Object.keys(next) as Array<keyof BoardFilter>) {
    const v = next[k];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
  }
  setBoardFilter(next);
}

/** A click on a column header: ascending, then descending, then the board's own order. */
export function toggleSort(column: BoardColumn): void {
  boardViewStore.set((v) => ({
    ...v,
    sort: v.sort?.column !== column ? { column, dir: 'asc' } : v.sort.dir === 'asc' ? { column, dir: 'desc' } : null,
  }));
  reloadBoard(true);
}

export async function loadSavedFilters(): Promise<void> {
  try {
    savedFiltersStore.set(await client['board.filters']({}));
  } catch (e) {
    showError(e);
  }
}

async function loadAssignees(): Promise<void> {
  try {
    const names = await client['board.assignees']({});
    assigneesStore.set((prev) => (prev.length === names.length && prev.every((n, i) => n === names[i]) ? prev : names));
  } catch (e) {
    showError(e);
  }
}

export async function saveCurrentFilter(name: string): Promise<void> {
  try {
    await client['board.saveFilter']({ name, filter: boardViewStore.get().filter });
    await loadSavedFilters();
  } catch (e) {
    showError(e);
  }
}

export async function removeSavedFilter(id: string): Promise<void> {
  try {
    await client['board.removeFilter']({ id });
    await loadSavedFilters();
  } catch (e) {
    showError(e);
  }
}

/** A click on a row: alone, added/removed (Ctrl), or the range from the last click (Shift). */
export function clickRow(index: number, how: { shift: boolean; toggle: boolean }): void {
  const row = rowAt(index);
  if (!row) return;
  const { anchor } = boardSelectionStore.get();
  if (how.shift && anchor !== null) {
    const from = Math.min(anchor, index);
    const to = Math.max(anchor, index);
    const { pages } = boardRowsStore.get();
    let fetched = true;
    for (let p = Math.floor(from / pageSize); p <= Math.floor(to / pageSize) && fetched; p++) fetched = pages.has(p);
    // Rows scrolled past without being fetched (a dragged scroll bar): the services name the range.
    if (!fetched) return void selectRange(from, to + 1, how.toggle);
  }
  boardSelectionStore.set((prev) => {
    if (how.shift && prev.anchor !== null) {
      const keys = new Set(how.toggle ? prev.keys : []);
      for (let i = Math.min(prev.anchor, index); i <= Math.max(prev.anchor, index); i++) {
        const r = rowAt(i);
        if (r) keys.add(rowKey(r));
      }
      return { keys, anchor: prev.anchor };
    }
    const keys = new Set(how.toggle ? prev.keys : []);
    const key = rowKey(row);
    if (how.toggle && prev.keys.has(key)) keys.delete(key);
    else keys.add(key);
    return { keys, anchor: index };
  });
}

/** Every claim the filter keeps (Ctrl+A): asked of the services, since most rows were never fetched. */
export async function selectAllInFilter(): Promise<void> {
  try {
    const all = await client['board.select'](boardViewStore.get().filter);
    boardSelectionStore.set({ keys: new Set(all.map(rowKey)), anchor: null });
  } catch (e) {
    showError(e);
  }
}

async function selectRange(from: number, to: number, add: boolean): Promise<void> {
  const { filter, sort } = boardViewStore.get();
  try {
    const range = await client['board.select']({ ...filter, range: { from, to, ...(sort ? { sort } : {}) } });
    boardSelectionStore.set((prev) => {
      const keys = new Set(add ? prev.keys : []);
      for (const r of range) keys.add(rowKey(r));
      return { keys, anchor: prev.anchor };
    });
  } catch (e) {
    showError(e);
  }
}

export const clearBoardSelection = () => boardSelectionStore.set({ keys: new Set(), anchor: null });

function selectedTargets(): Array<{ articleId: string; claimId: string }> {
  return [...boardSelectionStore.get().keys].map((k) => {
    const [articleId, claimId] = k.split('/') as [string, string];
    return { articleId, claimId };
  });
}

export type BulkChange = { status?: ClaimStatus; assignee?: string | null; addSource?: { url: string; title: string } };

/** One change for every selected claim; progress as it goes, and the batch kept for Undo. */
export async function bulkChange(change: BulkChange): Promise<void> {
  await runBulk(selectedTargets(), change);
}

/** One bulk change of these claims (the board's selection, or the article list's). */
export async function runBulk(targets: Array<{ articleId: string; claimId: string }>, change: BulkChange): Promise<void> {
  if (!targets.length) return;
  bulkProgressStore.set({ done: 0, total: targets.length });
  try {
    lastBatchStore.set(await client['claims.bulk']({ targets, ...change }));
  } catch (e) {
    showError(e);
  } finally {
    bulkProgressStore.set(null);
  }
  // Hidden, the board follows the claims.changed events (it forgets its rows); shown, it reloads now.
  if (active) reloadBoard(true, true);
}

export async function undoLastBatch(): Promise<void> {
  const batch = lastBatchStore.get();
  if (!batch || batch.undone) return;
  bulkProgressStore.set({ done: 0, total: batch.changed });
  try {
    const r = await client['claims.undoBulk']({ batchId: batch.batchId });
    lastBatchStore.set({ ...r, undone: true });
  } catch (e) {
    showError(e);
  } finally {
    bulkProgressStore.set(null);
  }
  // Hidden, the board follows the claims.changed events (it forgets its rows); shown, it reloads now.
  if (active) reloadBoard(true, true);
}

client.on('bulk.progress', ({ done, total }) => {
  if (bulkProgressStore.get()) bulkProgressStore.set({ done, total });
});

// Claims changed anywhere (this window, another one, a bulk change): the board shows them
// at the next paint; many events in a row (a bulk change) reload it once.
let pending: ReturnType<typeof setTimeout> | undefined;
/** The board is on screen; hidden, it only forgets its rows (no query for a view nobody sees). */
let active = false;
const follow = () => {
  clearTimeout(pending);
  pending = setTimeout(() => {
    if (!active) return boardRowsStore.set((p) => ({ ...p, generation: p.generation + 1, pages: new Map(), fresh: new Set() }));
    reloadBoard(true, true);
    void loadAssignees();
  }, 250);
};

/** The generation of the rows asked for as the page started (see `askEarly`), until the board is shown. */
let early: number | null = null;

/**
 * A page that starts on the board (a reload keeps the view) asks for its first rows at once,
 * before anything is drawn, instead of after the app and the board are.
 */
export function askEarly(): void {
  if (viewStore.get() !== 'board') return;
  reloadBoard();
  early = boardRowsStore.get().generation;
}

export function boardShown(shown: boolean): void {
  active = shown;
  if (shown) {
    void loadSavedFilters();
    void loadAssignees();
    // Rows asked for early, with nothing changed since, are the rows the board would ask for.
    if (early !== boardRowsStore.get().generation) reloadBoard(true, true);
    early = null;
  }
}

/** A row opens its claim in place: the article opened, the claim scrolled to and its card open. */
export function openClaimInPlace(row: BoardRow): void {
  guardUnsaved(() =>
    void (async () => {
      if (openArticleStore.get()?.doc.id !== row.articleId) await loadArticle(row.articleId);
      viewStore.set('article');
      const claim = claimListStore.get()?.claims.find((c) => c.id === row.claimId);
      selectClaim(row.claimId);
      if (claim) focusSpans([{ start: claim.anchor.start, end: claim.anchor.end, tone: 'claim' }]);
    })(),
  );
}
client.on('claims.changed', follow);
client.on('articles.changed', follow);
