/**
 * The workspace claim board: every claim of every article as one compact
 * row, and the query a desk runs over them (filter, full-text search, sort,
 * page). The services keep the rows and answer pages, so a board of 100,000
 * claims never crosses the wire whole.
 */
import { claimStatuses, type Claim, type ClaimStatus } from './annotations.js';
import type { ClaimKind } from './claims/index.js';
import type { WorkflowStatus } from './model.js';

/** One claim as the board shows it. */
export interface BoardRow {
  articleId: string;
  claimId: string;
  articlePath: string;
  articleTitle: string;
  workflow: WorkflowStatus;
  status: ClaimStatus;
  kind: ClaimKind;
  quote: string;
  value: number | null;
  unit: string | null;
  assignee: string | null;
  /** Who last gave the claim a status, and when. */
  checker: string | null;
  checkedAt: string | null;
  updatedAt: string;
  /** Where the claim starts in the article (to open it in place). */
  start: number;
  detached: boolean;
  verdictNote: string;
  sourceCount: number;
  commentCount: number;
}

export const boardColumns = ['status', 'article', 'quote', 'value', 'kind', 'assignee', 'checker', 'updated'] as const;
export type BoardColumn = (typeof boardColumns)[number];

/** What to show: every filter that is given must match; `text` searches quotes, verdicts, notes, sources and comments. */
export interface BoardFilter {
  status?: ClaimStatus[];
  kind?: ClaimKind[];
  /** Assignees to keep; `null` in the list keeps unassigned claims. */
  assignee?: Array<string | null>;
  articleId?: string[];
  workflow?: WorkflowStatus[];
  text?: string;
}

export interface BoardQuery extends BoardFilter {
  sort?: { column: BoardColumn; dir: 'asc' | 'desc' };
  offset?: number;
  limit?: number;
}

/** One page of the board, with the number of matching claims and their counts by status. */
export interface BoardPage {
  total: number;
  offset: number;
  rows: BoardRow[];
  /** Matching claims by status, ignoring the status filter (for the filter chips). */
  byStatus: Record<ClaimStatus, number>;
}

/** A named filter a checker keeps ("assigned to me, not verified"). `assignee: ['@me']` follows the profile. */
export interface SavedBoardFilter {
  id: string;
  name: string;
  filter: BoardFilter;
}

/** The text the board's search looks through for one claim, lower-cased. */
export function searchTextOf(c: Claim): string {
  const parts = [c.anchor.quote, c.verdictNote, c.note, c.assignee ?? ''];
  for (const s of c.sources) parts.push(s.title, s.url, s.publisher, s.quote, s.note, s.locator ?? '', s.evidence?.name ?? '', s.evidence?.finalUrl ?? '');
  for (const m of c.comments) parts.push(m.text);
  return parts.join('\u0001').toLowerCase();
}

/** The search text of a claim with nothing but its quote (no verdict, note, assignee, source or comment). */
export function bareSearchText(quote: string): string {
  return `${quote}\u0001\u0001\u0001`.toLowerCase();
}

/** A board row and the text searched for it (null until first searched when that of the bare quote). */
export interface IndexedRow {
  row: BoardRow;
  search: string | null;
}

const statusRank = new Map(claimStatuses.map((s, i) => [s, i]));

function compareBy(column: BoardColumn): (a: BoardRow, b: BoardRow) => number {
  const str = (x: string | null, y: string | null) => (x === y ? 0 : x === null ? 1 : y === null ? -1 : x < y ? -1 : 1);
  switch (column) {
    case 'status':
      return (a, b) => statusRank.get(a.status)! - statusRank.get(b.status)!;
    case 'article':
      return (a, b) => str(a.articlePath, b.articlePath) || a.start - b.start;
    case 'quote':
      return (a, b) => str(a.quote, b.quote);
    case 'value':
      return (a, b) => (a.value === b.value ? 0 : a.value === null ? 1 : b.value === null ? -1 : a.value - b.value);
    case 'kind':
      return (a, b) => str(a.kind, b.kind);
    case 'assignee':
      return (a, b) => str(a.assignee, b.assignee);
    case 'checker':
      return (a, b) => str(a.checker, b.checker);
    case 'updated':
      return (a, b) => str(a.updatedAt, b.updatedAt);
  }
}

function matcher(f: BoardFilter, me: string | null, withStatus: boolean): (r: IndexedRow) => boolean {
  const set = <T>(xs: readonly T[] | undefined) => (xs && xs.length ? new Set(xs) : null);
  const status = withStatus ? set(f.status) : null;
  const kind = set(f.kind);
  const assignee = set(f.assignee?.map((a) => (a === '@me' ? me : a)));
  const article = set(f.articleId);
  const workflow = set(f.workflow);
  const words = (f.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  return (r) => {
    const row = r.row;
    return (
      (!status || status.has(row.status)) &&
      (!kind || kind.has(row.kind)) &&
      (!assignee || assignee.has(row.assignee)) &&
      (!article || article.has(row.articleId)) &&
      (!workflow || workflow.has(row.workflow)) &&
      (words.length === 0 || words.every((w) => (r.search ??= bareSearchText(row.quote)).includes(w)))
    );
  };
}

/** The rows a filter keeps, in board order (article, then place in the article). `@me` stands for `me`. */
export function filterBoard(rows: readonly IndexedRow[], f: BoardFilter, me: string | null): IndexedRow[] {
  return rows.filter(matcher(f, me, true));
}

/** The rows a filter keeps in the order the board shows them (`sort`, ties in board order). */
export function sortedBoard(rows: readonly IndexedRow[], f: BoardFilter, sort: BoardQuery['sort'], me: string | null): BoardRow[] {
  const hits = filterBoard(rows, f, me).map((r) => r.row);
  if (sort) {
    const cmp = compareBy(sort.column);
    const sign = sort.dir === 'desc' ? -1 : 1;
    hits.sort((a, b) => sign * cmp(a, b));
  }
  return hits;
}

/** True when a query keeps every row in board order (no filter, no search, no sort). */
export function isPlainQuery(q: BoardQuery): boolean {
  const none = (xs: readonly unknown[] | undefined) => !xs || xs.length === 0;
  return !q.sort && !(q.text ?? '').trim() && none(q.status) && none(q.kind) && none(q.assignee) && none(q.articleId) && none(q.workflow);
}

/** An article as a plain page needs it: how many rows, by status, and the rows themselves only when the page reaches them. */
export interface ArticleRows {
  size: number;
  counts: Record<ClaimStatus, number>;
  rows(): readonly IndexedRow[] | null;
}

/**
 * The answer to a plain query (`isPlainQuery`) — the same as `queryBoard` over every row — from
 * the articles in board order: only the articles under the page give their rows. Null when one
 * of them cannot.
 */
export function plainPage(articles: readonly ArticleRows[], q: BoardQuery): BoardPage | null {
  const byStatus = Object.fromEntries(claimStatuses.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  let total = 0;
  for (const a of articles) {
    total += a.size;
    for (const s of claimStatuses) byStatus[s] += a.counts[s];
  }
  const offset = Math.max(0, Math.min(q.offset ?? 0, total));
  const limit = Math.max(0, Math.min(q.limit ?? 200, 1000));
  const rows: BoardRow[] = [];
  let skip = offset;
  for (const a of articles) {
    if (rows.length >= limit) break;
    if (skip >= a.size) {
      skip -= a.size;
      continue;
    }
    const mine = a.rows();
    if (!mine || mine.length !== a.size) return null;
    for (let i = skip; i < mine.length && rows.length < limit; i++) rows.push(mine[i]!.row);
    skip = 0;
  }
  return { total, offset, rows, byStatus };
}

/**
 * Answers a board query over all rows: filter, count by status, sort (a
 * stable sort, ties in board order), and cut the page.
 */
export function queryBoard(rows: readonly IndexedRow[], q: BoardQuery, me: string | null): BoardPage {
  const byStatus = Object.fromEntries(claimStatuses.map((s) => [s, 0])) as Record<ClaimStatus, number>;
  const keep = matcher(q, me, false);
  const statusSet = q.status && q.status.length ? new Set(q.status) : null;
  const hits: BoardRow[] = [];
  for (const r of rows) {
    if (!keep(r)) continue;
    byStatus[r.row.status]++;
    if (!statusSet || statusSet.has(r.row.status)) hits.push(r.row);
  }
  if (q.sort) {
    const cmp = compareBy(q.sort.column);
    const sign = q.sort.dir === 'desc' ? -1 : 1;
    hits.sort((a, b) => sign * cmp(a, b));
  }
  const offset = Math.max(0, Math.min(q.offset ?? 0, hits.length));
  const limit = Math.max(0, Math.min(q.limit ?? 200, 1000));
  return { total: hits.length, offset, rows: hits.slice(offset, offset + limit), byStatus };
}
