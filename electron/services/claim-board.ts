/**
 * The services' side of the workspace claim board: one compact row per claim
 * of every article (shared/board.ts), built from the sidecars on first use
 * and kept current article by article as claims change, so a query over
 * 100,000 claims filters and sorts rows in memory and sends back one page.
 */
import { checkerOf, statusEntries } from '../../shared/annotations.js';
import { queryBoard, filterBoard, sortedBoard, searchTextOf, type BoardFilter, type BoardPage, type BoardQuery, type IndexedRow } from '../../shared/board.js';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { SavedBoardFilter } from '../../shared/board.js';
import { FactDeskError } from '../../shared/errors.js';
import type { ArticleAnnotations } from '../../shared/annotations.js';
import type { AnnotationStore } from './annotation-store.js';
import { DurableJsonFile } from './json-store.js';
import { eachInPool } from './pool.js';
import type { Workspace } from './workspace.js';

interface FilterFile {
  version: 1;
  filters: SavedBoardFilter[];
}

/** Sidecars read at once when the board is built (the dashboard reads in the same order, sharing the reads). */
export const readersAtOnce = 8;

const isFilterFile = (d: unknown): d is FilterFile => !!d && (d as FilterFile).version === 1 && Array.isArray((d as FilterFile).filters);

export class ClaimBoard {
  private readonly byArticle = new Map<string, IndexedRow[]>();
  /** Articles whose rows must be read again before the next query. */
  private readonly stale = new Set<string>();
  private loaded = false;
  private metaStale = false;
  private all: IndexedRow[] | null = null;
  private refreshing: Promise<void> | null = null;

  private readonly filterFile: DurableJsonFile<FilterFile>;

  constructor(
    private readonly ws: Workspace,
    private readonly store: AnnotationStore,
    /** Hears every sidecar the board reads, with the store's `version` before the read (the dashboard counts it). */
    private readonly onRead: (id: string, data: ArticleAnnotations, version: number) => void = () => {},
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

  /** An article's claims changed. */
  invalidate(articleId: string): void {
    this.stale.add(articleId);
    this.all = null;
  }

  /** The article list changed (created, renamed, deleted, workflow moved). */
  invalidateList(): void {
    this.metaStale = true;
    this.all = null;
  }

  /**
   * Someone else (the dashboard) read an article's sidecar: its rows are made from that read if
   * the board has none yet. A change since marks them stale (`invalidate`), as for its own reads.
   */
  offer(id: string, data: ArticleAnnotations): void {
    if (this.byArticle.has(id) || !this.ws.has(id)) return;
    this.byArticle.set(id, this.rowsFrom(id, data));
    this.all = null;
  }

  private async rowsOf(id: string): Promise<IndexedRow[]> {
    if (!this.ws.has(id)) return [];
    const version = this.store.version(id);
    const data = await this.store.peek(id).catch(() => null);
    if (!data || !this.ws.has(id)) return [];
    this.onRead(id, data, version);
    return this.rowsFrom(id, data);
  }

  private rowsFrom(id: string, data: ArticleAnnotations): IndexedRow[] {
    const rec = this.ws.record(id);
    const entries = statusEntries(data.audit);
    const rows: IndexedRow[] = [];
    for (const c of Object.values(data.claims)) {
      if (c.deleted) continue;
      const { checker, checkedAt } = checkerOf(c, entries);
      rows.push({
        row: {
          articleId: id,
          claimId: c.id,
          articlePath: rec.path,
          articleTitle: rec.title,
          workflow: data.workflow,
          status: c.status,
          kind: c.kind,
          quote: c.anchor.quote,
          value: c.value,
          unit: c.unit,
          assignee: c.assignee,
          checker,
          checkedAt,
          updatedAt: c.updatedAt,
          start: c.anchor.start,
          detached: !!c.detached,
          verdictNote: c.verdictNote,
          sourceCount: c.sources.length,
          commentCount: c.comments.length,
        },
        search: searchTextOf(c),
      });
    }
    return rows.sort((a, b) => a.row.start - b.row.start);
  }

  /** Brings the rows up to date: read once, then only the articles whose claims changed. */
  private async refresh(): Promise<void> {
    if (!this.loaded) {
      // Articles whose rows came from another reader's read are not read again.
      for (const id of this.ws.ids()) if (!this.byArticle.has(id)) this.stale.add(id);
      this.loaded = true;
    }
    if (this.metaStale) {
      // Paths, titles and workflows come from the index; deleted articles drop out, new ones come in.
      this.metaStale = false;
      const ids = new Set(this.ws.ids());
      for (const id of [...this.byArticle.keys()]) if (!ids.has(id)) this.byArticle.delete(id);
      for (const id of ids) {
        const rows = this.byArticle.get(id);
        if (!rows) this.stale.add(id);
        else {
          const rec = this.ws.record(id);
          for (const r of rows) Object.assign(r.row, { articlePath: rec.path, articleTitle: rec.title, workflow: rec.workflow });
        }
      }
    }
    await eachInPool([...this.stale], readersAtOnce, async (id) => {
      this.stale.delete(id);
      this.byArticle.set(id, await this.rowsOf(id));
      this.all = null;
    });
  }

  private async rows(): Promise<IndexedRow[]> {
    // One refresh at a time: a query that comes while another one reads waits for that read (a
    // second reader would answer from half-read rows), then for what changed meanwhile — a few
    // rounds at most, so a stream of changes cannot hold a query back.
    for (let round = 0; round < 3 && (this.refreshing || !this.loaded || this.metaStale || this.stale.size); round++) {
      this.refreshing ??= this.refresh().finally(() => (this.refreshing = null));
      await this.refreshing;
    }
    if (!this.all) {
      const ids = [...this.byArticle.keys()].sort((a, b) => {
        const pa = this.ws.has(a) ? this.ws.record(a).path : '';
        const pb = this.ws.has(b) ? this.ws.record(b).path : '';
        return pa < pb ? -1 : pa > pb ? 1 : 0;
      });
      this.all = ids.flatMap((id) => this.byArticle.get(id)!);
    }
    return this.all;
  }

  /** One page of the board; `me` is who `@me` stands for. */
  async query(q: BoardQuery, me: string | null): Promise<BoardPage> {
    return queryBoard(await this.rows(), q, me);
  }

  /** Every claim a filter keeps (for "select all within the filter"), as article and claim ids. */
  async select(f: BoardFilter & { range?: { from: number; to: number; sort?: BoardQuery['sort'] } }, me: string | null): Promise<Array<{ articleId: string; claimId: string }>> {
    const { range, ...filter } = f;
    if (range) return sortedBoard(await this.rows(), filter, range.sort, me).slice(range.from, range.to).map((row) => ({ articleId: row.articleId, claimId: row.claimId }));
    return filterBoard(await this.rows(), filter, me).map(({ row }) => ({ articleId: row.articleId, claimId: row.claimId }));
  }
}
