/**
 * The services' side of the workspace dashboard: each article's sidecar is
 * counted once (shared/dashboard.ts) and its tally kept until its claims
 * change, so a dashboard over 100,000 claims is a merge of a few hundred
 * small tallies, and only counts cross the boundary.
 */
import { mergeDashboard, tallyArticle, type ArticleTally, type WorkspaceDashboard } from '../../shared/dashboard.js';
import type { Session } from './session.js';

export class Dashboard {
  private readonly tallies = new Map<string, ArticleTally>();
  private readonly offBus: () => void;

  constructor(readonly session: Session) {
    this.offBus = session.bus.on((event, payload) => {
      if (event === 'claims.changed') this.tallies.delete((payload as { id: string }).id);
    });
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
    const rows: Array<{ articleId: string; title: string; path: string; tally: ArticleTally }> = [];
    for (const id of ws.ids()) {
      let tally = this.tallies.get(id);
      if (!tally) {
        const data = await this.session.annotations.peek(id).catch(() => null);
        tally = data ? tallyArticle(data) : tallyArticle({ claims: {}, audit: [] });
        // A reader of a read-only workspace sees what the writer wrote since: nothing is kept.
        if (!ws.readOnly) this.tallies.set(id, tally);
      }
      if (!ws.has(id)) continue;
      const rec = ws.record(id);
      rows.push({ articleId: id, title: rec.title, path: rec.path, tally });
    }
    return rows;
  }

  dispose(): void {
    this.offBus();
  }
}

/** One dashboard for whichever session is open: a new session (another workspace) replaces the old one's. */
export function dashboardFor(): (session: Session) => Dashboard {
  let current: Dashboard | null = null;
  return (session) => {
    if (current?.session !== session) {
      current?.dispose();
      current = new Dashboard(session);
    }
    return current;
  };
}
