/**
 * The workspace dashboard's numbers: claims by status and by article, checks
 * per day (from the audit log) and open claims per assignee. Pure: the
 * services summarize each article once and merge the summaries per request.
 */
import { claimStatuses, hasVerdict, openClaimStatuses, type ArticleAnnotations, type ClaimStatus } from './annotations.js';

export type StatusCounts = Record<ClaimStatus, number>;


/** One article's claims by status. */
export interface DashboardArticle {
  articleId: string;
  title: string;
  path: string;
  counts: StatusCounts;
  total: number;
  open: number;
}

/** The whole dashboard, compact: counts only, never a claim. */
export interface WorkspaceDashboard {
  total: number;
  byStatus: StatusCounts;
  /** Every article with claims, most open claims first. */
  articles: DashboardArticle[];
  /** Verdicts given per day (the reader's calendar day), oldest first; days without any left out. */
  checksByDay: Array<{ day: string; count: number }>;
  /** Open claims per assignee (null = unassigned), most first. */
  openByAssignee: Array<{ assignee: string | null; count: number }>;
}

/** What one article adds to the dashboard (kept per article, merged per request). */
export interface ArticleTally {
  counts: StatusCounts;
  /** Open claims by assignee ('' = unassigned). */
  openBy: Map<string, number>;
  /** Everyone assigned a claim (open or not). */
  assigned: Set<string>;
  /** Verdict audit entries by their UTC time in minutes (bucketed into days per request, in the reader's time zone). */
  checkTimes: number[];
}

export const emptyCounts = (): StatusCounts => Object.fromEntries(claimStatuses.map((s) => [s, 0])) as StatusCounts;

const isOpen = new Set<ClaimStatus>(openClaimStatuses);

/** Counts one article's sidecar: live claims by status and assignee, and every verdict in its audit log. */
export function tallyArticle(data: Pick<ArticleAnnotations, 'claims' | 'audit'>): ArticleTally {
  const counts = emptyCounts();
  const openBy = new Map<string, number>();
  const assigned = new Set<string>();
  for (const c of Object.values(data.claims)) {
    if (c.deleted) continue;
    counts[c.status]++;
    if (c.assignee) assigned.add(c.assignee);
    if (isOpen.has(c.status)) openBy.set(c.assignee ?? '', (openBy.get(c.assignee ?? '') ?? 0) + 1);
  }
  const checkTimes: number[] = [];
  for (const e of data.audit) {
    if (e.action !== 'claim.status' || !hasVerdict(e.after as ClaimStatus)) continue;
    const t = Date.parse(e.at);
    if (!Number.isNaN(t)) checkTimes.push(Math.floor(t / 60_000));
  }
  return { counts, openBy, assigned, checkTimes };
}

/** The calendar day (YYYY-MM-DD) of a UTC minute, `offsetMinutes` east of UTC. */
function dayOf(minute: number, offsetMinutes: number): string {
  return new Date((minute + offsetMinutes) * 60_000).toISOString().slice(0, 10);
}

/**
 * Merges article tallies into the dashboard; `offsetMinutes` is the reader's
 * offset east of UTC (−getTimezoneOffset()), so days are the reader's days.
 */
export function mergeDashboard(
  tallies: Iterable<{ articleId: string; title: string; path: string; tally: ArticleTally }>,
  offsetMinutes: number,
): WorkspaceDashboard {
  const byStatus = emptyCounts();
  const articles: DashboardArticle[] = [];
  const days = new Map<string, number>();
  const assignees = new Map<string, number>();
  let total = 0;
  for (const { articleId, title, path, tally } of tallies) {
    let n = 0;
    let open = 0;
    for (const s of claimStatuses) {
      byStatus[s] += tally.counts[s];
      n += tally.counts[s];
      if (isOpen.has(s)) open += tally.counts[s];
    }
    total += n;
    if (n > 0) articles.push({ articleId, title, path, counts: { ...tally.counts }, total: n, open });
    for (const [a, c] of tally.openBy) assignees.set(a, (assignees.get(a) ?? 0) + c);
    for (const m of tally.checkTimes) {
      const d = dayOf(m, offsetMinutes);
      days.set(d, (days.get(d) ?? 0) + 1);
    }
  }
  articles.sort((a, b) => b.open - a.open || b.total - a.total || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    total,
    byStatus,
    articles,
    checksByDay: [...days].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, count]) => ({ day, count })),
    openByAssignee: [...assignees]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .map(([assignee, count]) => ({ assignee: assignee === '' ? null : assignee, count })),
  };
}
