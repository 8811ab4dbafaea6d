/**
 * The services' side of the workspace dashboard and of the article list's
 * progress bars: each article's sidecar is counted once (shared/dashboard.ts)
 * and its tally kept until its claims change, so a dashboard over 100,000
 * claims is a merge of a few hundred small tallies, and only counts cross the
 * boundary. The claim board reads the same sidecars: what one of them reads
 * it hands to the other (`offer`), so a sidecar is read once for both.
 */
import type { ArticleAnnotations } from '../../shared/annotations.js';
import { mergeDashboard, tallyArticle, type ArticleTally, type StatusCounts, type WorkspaceDashboard } from '../../shared/dashboard.js';
import { readersAtOnce } from './claim-board.js';
import { eachInPool } from './pool.js';
import type { Session } from './session.js';

export class Dashboard {
  private readonly tallies = new Map<string, ArticleTally>();
  private readonly offBus: () => void;

  constructor(readonly session: Session) {
    this.offBus = session.bus.on((event, payload) => {
      if (event === 'claims.changed') this.tallies.delete((payload as { id: string }).id);
    });
  }

  /** The article's tally, counted from its sidecar when not kept. */
  private async tally(id: string): Promise<ArticleTally> {
    const kept = this.tallies.get(id);
    if (kept) return kept;
    const { annotations: store, workspace: ws } = this.session;
    const version = store.version(id);
    const data = await store.peek(id).catch(() => null);
    const tally = tallyArticle(data ?? { claims: {}, audit: [] });
    // A reader of a read-only workspace sees what the writer wrote since: nothing is kept. Nor is
    // what was read while a change began (claims.changed comes after it, and must find it gone).
    if (!ws.readOnly && store.version(id) === version) {
      this.tallies.set(id, tally);
      if (data) this.session.board.offer(id, data);
    }
    return tally;
  }

  /** The claim board read an article's sidecar (at `version`): its tally is counted from that read. */
  offer(id: string, data: ArticleAnnotations, version: number): void {
    if (this.session.workspace.readOnly || this.tallies.has(id) || this.session.annotations.version(id) !== version) return;
    this.tallies.set(id, tallyArticle(data));
  }

  /** The tallies of these articles, read a few at a time. */
  private async talliesOf(ids: readonly string[]): Promise<Map<string, ArticleTally>> {
    const out = new Map<string, ArticleTally>();
    await eachInPool(ids, readersAtOnce, async (id) => void out.set(id, await this.tally(id)));
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
      const tally = tallies.get(id)!;
      if (!ws.has(id)) continue;
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

  dispose(): void {
    this.offBus();
  }
}
