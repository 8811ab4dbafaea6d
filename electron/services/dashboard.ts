/**
 * The services' side of the workspace dashboard and of the article list's
 * progress bars: each article's tally (shared/dashboard.ts) is part of its
 * digest (claim-digests.ts: counted once from its sidecar, kept until its
 * claims change, and kept on disk between sessions), so a dashboard over
 * 100,000 claims is a merge of a few hundred small tallies, and only counts
 * cross the boundary.
 */
import { mergeDashboard, type ArticleTally, type StatusCounts, type WorkspaceDashboard } from '../../shared/dashboard.js';
import type { Session } from './session.js';

export class Dashboard {
  constructor(readonly session: Session) {}

  /** The tallies of these articles, read a few at a time. */
  private async talliesOf(ids: readonly string[]): Promise<Map<string, ArticleTally>> {
    const out = new Map<string, ArticleTally>();
    for (const [id, d] of await this.session.digests.many(ids)) out.set(id, d.tally);
    return out;
  }

  /** The dashboard now; `offsetMinutes` is the reader's offset east of UTC (days are the reader's days). */
  async summary(offsetMinutes: number): Promise<WorkspaceDashboard> {
    return mergeDashboard(await this.tallied(), offsetMinutes);
  }

  /** Everyone assigned at least one claim in the workspace, by name. */
  async assignees(): Promise<string[]> {
    const names = new Set<string>();
    for (const { tally } of await this.tallied()) for (const name of tally.assigned) names.add(name);
    return [...names].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  }

  /** Each article's tally, counted again only where its claims changed since. */
  private async tallied(): Promise<Array<{ articleId: string; title: string; path: string; tally: ArticleTally }>> {
    const ws = this.session.workspace;
    const ids = ws.ids();
    const tallies = await this.talliesOf(ids);
    const rows: Array<{ articleId: string; title: string; path: string; tally: ArticleTally }> = [];
    for (const id of ids) {
      const tally = tallies.get(id);
      if (!tally || !ws.has(id)) continue;
      const rec = ws.record(id);
      rows.push({ articleId: id, title: rec.title, path: rec.path, tally });
    }
    return rows;
  }

  /** Each article's claims by status (every article, or those of `ids` that exist), by article id. */
  async statusCounts(ids?: readonly string[]): Promise<Record<string, StatusCounts>> {
    const ws = this.session.workspace;
    const tallies = await this.talliesOf((ids ?? ws.ids()).filter((id) => ws.has(id)));
    const out: Record<string, StatusCounts> = {};
    // An article removed while the tallies were read is left out.
    for (const [id, { counts }] of tallies) if (ws.has(id)) out[id] = { ...counts };
    return out;
  }
}
