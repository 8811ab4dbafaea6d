/**
 * Bulk review: one change (status, verdict note, assignee, a source) for
 * many claims across articles, and one undo for the whole batch. Each
 * article's claims change in one durable sidecar write with an audit entry
 * per claim; the batch — what every claim was before — is kept in
 * `.factdesk/batches.json` (the newest 20) so it can be undone after a reload.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { BulkBatch, BulkItem, BulkResult, ClaimStatus } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import type { AnnotationStore, ReviewChange, SourceFields } from './annotation-store.js';
import { DurableJsonFile } from './json-store.js';
import type { Workspace } from './workspace.js';

interface Journal {
  version: 1;
  batches: BulkBatch[];
}

const keep = 20;

function isJournal(d: unknown): d is Journal {
  const x = d as Journal;
  return !!x && x.version === 1 && Array.isArray(x.batches);
}

export class BulkReview {
  private readonly file: DurableJsonFile<Journal>;
  private journal: Journal | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly store: AnnotationStore,
    private readonly onProgress: (p: { batchId: string; done: number; total: number }) => void = () => {},
  ) {
    this.file = new DurableJsonFile<Journal>(join(ws.metaDir, 'batches.json'), { validate: isJournal, metaDir: ws.metaDir });
  }

  private async load(): Promise<Journal> {
    this.journal ??= (await this.file.read()) ?? { version: 1, batches: [] };
    return this.journal;
  }

  private async remember(batch: BulkBatch): Promise<void> {
    const j = await this.load();
    j.batches = [...j.batches.filter((b) => b.id !== batch.id), batch].slice(-keep);
    await this.ws.guardMeta(this.ws.metaDir);
    await this.file.write(j);
  }

  /** The batches that can still be undone, newest first (items left out). */
  async recent(): Promise<Array<Omit<BulkBatch, 'items'> & { count: number }>> {
    const j = await this.load();
    return j.batches
      .map(({ items, ...b }) => ({ ...b, count: items.length }))
      .reverse();
  }

  /** The claims a batch changed (for a team member's app to tell the team what its undo changed back). */
  async targets(batchId: string): Promise<Array<{ articleId: string; claimId: string }>> {
    const batch = (await this.load()).batches.find((b) => b.id === batchId);
    return batch?.items.map(({ articleId, claimId }) => ({ articleId, claimId })) ?? [];
  }

  /** Applies `change` to every claim listed, article by article, reporting progress; acknowledged once every write is durable. */
  async apply(targets: ReadonlyArray<{ articleId: string; claimId: string }>, change: ReviewChange & { addSource?: SourceFields }, summary: string): Promise<BulkResult> {
    const batchId = `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const byArticle = new Map<string, string[]>();
    for (const t of targets) {
      if (!this.ws.has(t.articleId)) continue;
      const list = byArticle.get(t.articleId) ?? [];
      list.push(t.claimId);
      byArticle.set(t.articleId, list);
    }
    const items: BulkItem[] = [];
    let done = 0;
    this.onProgress({ batchId, done, total: targets.length });
    for (const [articleId, claimIds] of byArticle) {
      items.push(...(await this.store.bulkChange(articleId, claimIds, change, batchId)));
      done += claimIds.length;
      this.onProgress({ batchId, done, total: targets.length });
    }
    if (items.length) await this.remember({ id: batchId, at: new Date().toISOString(), by: this.store.author, summary, items });
    return { batchId, changed: items.length, skipped: targets.length - items.length };
  }

  /** The statuses an undo of the batch would give back (where the batch changed the status). */
  async restoredStatuses(batchId: string): Promise<ClaimStatus[]> {
    const batch = (await this.load()).batches.find((b) => b.id === batchId);
    return batch ? [...new Set(batch.items.filter((it) => it.before.status !== it.after.status).map((it) => it.before.status))] : [];
  }

  /** Takes a batch back: every claim it changed returns to what it was, unless changed again since. */
  async undo(batchId: string): Promise<BulkResult> {
    const j = await this.load();
    const batch = j.batches.find((b) => b.id === batchId);
    if (!batch || batch.undone) throw new FactDeskError('not-found', `no batch ${batchId} to undo`, { what: batchId });
    const undoId = `u${batchId.slice(1)}`;
    const byArticle = new Map<string, BulkItem[]>();
    for (const it of batch.items) byArticle.set(it.articleId, [...(byArticle.get(it.articleId) ?? []), it]);
    let changed = 0;
    let skipped = 0;
    let done = 0;
    for (const [articleId, list] of byArticle) {
      if (!this.ws.has(articleId)) {
        skipped += list.length;
        continue;
      }
      const r = await this.store.bulkUndo(articleId, list, undoId);
      changed += r.undone;
      skipped += r.kept;
      done += list.length;
      this.onProgress({ batchId: undoId, done, total: batch.items.length });
    }
    await this.remember({ ...batch, undone: new Date().toISOString() });
    return { batchId: undoId, changed, skipped };
  }
}
