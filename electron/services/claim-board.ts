/**
 * The services' side of the workspace claim board: one compact row per claim
 * of every article (shared/board.ts). The rows are each article's digest
 * (claim-digests.ts: made from its sidecar once, kept until its claims change,
 * and kept on disk between sessions), so a query over 100,000 claims filters
 * and sorts rows in memory and sends back one page.
 */
import { isPlainQuery, plainPage, queryBoard, filterBoard, sortedBoard, type BoardFilter, type BoardPage, type BoardQuery, type IndexedRow } from '../../shared/board.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SavedBoardFilter } from '../../shared/board.js';
import { FactDeskError } from '../../shared/errors.js';
import type { ArticleDigest, SidecarDigests } from './claim-digests.js';
import { DurableJsonFile } from './json-store.js';
import type { Workspace } from './workspace.js';

interface FilterFile {
  version: 1;
  filters: SavedBoardFilter[];
}

const isFilterFile = (d: unknown): d is FilterFile => !!d && (d as FilterFile).version === 1 && Array.isArray((d as FilterFile).filters);

export class ClaimBoard {
  /** Every row, articles in path order; remade when a digest or the article list changed. */
  private all: IndexedRow[] | null = null;
  private builtFrom = -1;
  private listChanged = false;

  private readonly filterFile: DurableJsonFile<FilterFile>;

  constructor(
    private readonly ws: Workspace,
    private readonly digests: SidecarDigests,
  ) {
    this.filterFile = new DurableJsonFile<FilterFile>(join(ws.metaDir, 'board-filters.json'), { validate: isFilterFile, metaDir: ws.metaDir });
  }

  /** The filters the desk saved (kept in the workspace, so everyone who opens it has them). */
  async filters(): Promise<SavedBoardFilter[]> {
    return (await this.filterFile.read())?.filters ?? [];
  }

  async saveFilter(name: string, filter: BoardFilter): Promise<SavedBoardFilter> {
    if (this.ws.readOnly) throw new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: this.ws.readOnlyReason ?? '' });
    const filters = await this.filters();
    const saved: SavedBoardFilter = { id: `f${randomBytes(6).toString('hex')}`, name, filter };
    // A filter saved again under the same name replaces the old one.
    await this.ws.guardMeta(this.ws.metaDir);
    await this.filterFile.write({ version: 1, filters: [...filters.filter((f) => f.name !== name), saved] });
    return saved;
  }

  async removeFilter(id: string): Promise<void> {
    if (this.ws.readOnly) throw new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: this.ws.readOnlyReason ?? '' });
    const filters = await this.filters();
    if (!filters.some((f) => f.id === id)) throw new FactDeskError('not-found', `no saved filter ${id}`, { what: id });
    await this.ws.guardMeta(this.ws.metaDir);
    await this.filterFile.write({ version: 1, filters: filters.filter((f) => f.id !== id) });
  }

  /** The article list changed (created, renamed, deleted, workflow moved). */
  invalidateList(): void {
    this.listChanged = true;
  }

  /** The articles there are, in board order (by path), with their index records. */
  private ordered(ids: readonly string[]) {
    const present = ids.filter((id) => this.ws.has(id)).map((id) => ({ id, rec: this.ws.record(id) }));
    return present.sort((a, b) => (a.rec.path < b.rec.path ? -1 : a.rec.path > b.rec.path ? 1 : 0));
  }

  /** An article's rows with its path, title and workflow as the index has them now (a rename or a move keeps the digest). */
  private rowsOf(id: string, rec: { path: string; title: string; workflow: IndexedRow['row']['workflow'] }, digest: ArticleDigest): IndexedRow[] | null {
    const rows = this.digests.rowsOf(id, digest);
    const first = rows?.[0]?.row;
    if (rows && first && (first.articlePath !== rec.path || first.articleTitle !== rec.title || first.workflow !== rec.workflow))
      for (const r of rows) Object.assign(r.row, { articlePath: rec.path, articleTitle: rec.title, workflow: rec.workflow });
    return rows;
  }

  private async rows(): Promise<IndexedRow[]> {
    // Rows found damaged in the digests file drop their digest: the next round reads those sidecars.
    for (let round = 0; ; round++) {
      const ids = this.ws.ids();
      const digests = await this.digests.many(ids);
      const generation = this.digests.generation;
      if (this.all && this.builtFrom === generation && !this.listChanged) return this.all;
      const all: IndexedRow[] = [];
      let damaged = false;
      for (const { id, rec } of this.ordered(ids)) {
        const digest = digests.get(id);
        const rows = digest ? this.rowsOf(id, rec, digest) : [];
        if (rows) for (const r of rows) all.push(r);
        else damaged = true;
      }
      if (damaged && round < 2) continue;
      this.builtFrom = generation;
      this.listChanged = false;
      this.all = all;
      return all;
    }
  }

  /** One page of the board; `me` is who `@me` stands for. */
  async query(q: BoardQuery, me: string | null): Promise<BoardPage> {
    // The board as it opens (no filter, no sort) is cut from the articles' counts: only the
    // articles under the page need their rows, so a session that just opened answers at once.
    if (isPlainQuery(q) && !this.current()) {
      const ids = this.ws.ids();
      const digests = await this.digests.many(ids);
      const articles = this.ordered(ids).flatMap(({ id, rec }) => {
        const d = digests.get(id);
        return d ? [{ size: d.size, counts: d.tally.counts, rows: () => this.rowsOf(id, rec, d) }] : [];
      });
      const page = plainPage(articles, q);
      if (page) {
        this.digests.settleNow();
        return page;
      }
    }
    return queryBoard(await this.rows(), q, me);
  }

  /** Whether the rows put together last are still every row (then any query just filters them). */
  private current(): boolean {
    return !!this.all && this.builtFrom === this.digests.generation && !this.listChanged;
  }

  /** Every claim a filter keeps (for "select all within the filter"), as article and claim ids. */
  async select(f: BoardFilter & { range?: { from: number; to: number; sort?: BoardQuery['sort'] } }, me: string | null): Promise<Array<{ articleId: string; claimId: string }>> {
    const { range, ...filter } = f;
    if (range) return sortedBoard(await this.rows(), filter, range.sort, me).slice(range.from, range.to).map((row) => ({ articleId: row.articleId, claimId: row.claimId }));
    return filterBoard(await this.rows(), filter, me).map(({ row }) => ({ articleId: row.articleId, claimId: row.claimId }));
  }
}
