/**
 * Bulk review: one change (status, verdict note, assignee, a source) for
 * many claims across articles, and one undo for the whole batch. Each
 * article's claims change in one durable sidecar write with an audit entry
 * per claim.
 *
 * The batch — what every claim was and becomes — is its undo record, kept in
 * an append-only journal, `.factdesk/batches.jsonl`, and written *before* the
 * claims change: the whole plan first, in one line; then, inside each
 * article's section, a line correcting that article's part should its claims
 * have changed since the plan. So a crash at any moment leaves no change
 * without its undo record, and the undo of a batch cut short by a crash takes
 * back what was written and leaves the rest (a claim that is not what the
 * batch made it is left alone). The newest 20 batches are kept.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { BulkBatch, BulkItem, BulkResult, ClaimStatus } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import type { AnnotationStore, BulkChange } from './annotation-store.js';
import { writeFileDurable } from './durable-file.js';
import { DurableJsonFile } from './json-store.js';
import { appendWholeLines, readWholeLines } from './line-file.js';
import type { Workspace } from './workspace.js';

/** A line of the journal. */
type JournalLine =
  /** A batch and its plan: every claim it will change. */
  | { kind: 'batch'; id: string; at: string; by: string; summary: string; items: BulkItem[] }
  /** An article's part of a batch as written (replaces the plan's part for that article). */
  | { kind: 'article'; batch: string; articleId: string; items: BulkItem[] }
  | { kind: 'undone'; batch: string; at: string };

interface KeptBatch {
  id: string;
  at: string;
  by: string;
  summary: string;
  /** Items by article. */
  parts: Map<string, BulkItem[]>;
  undone?: string;
}

const keep = 20;
const journalName = '.factdesk/batches.jsonl';

function isLine(x: unknown): x is JournalLine {
  const l = x as JournalLine;
  if (!l || typeof l !== 'object') return false;
  if (l.kind === 'batch') return typeof l.id === 'string' && typeof l.at === 'string' && Array.isArray(l.items);
  if (l.kind === 'article') return typeof l.batch === 'string' && typeof l.articleId === 'string' && Array.isArray(l.items);
  return l.kind === 'undone' && typeof l.batch === 'string';
}

/** The journal before batches.jsonl: one JSON file rewritten whole after the claims changed. */
interface LegacyJournal {
  version: 1;
  batches: BulkBatch[];
}
const isLegacy = (d: unknown): d is LegacyJournal => !!d && (d as LegacyJournal).version === 1 && Array.isArray((d as LegacyJournal).batches);

function byArticle(items: readonly BulkItem[]): Map<string, BulkItem[]> {
  const parts = new Map<string, BulkItem[]>();
  for (const it of items) {
    const list = parts.get(it.articleId);
    if (list) list.push(it);
    else parts.set(it.articleId, [it]);
  }
  return parts;
}

const itemsOf = (b: KeptBatch): BulkItem[] => [...b.parts.values()].flat();

/** Two plans of an article's part agree: the same claims, each from and to the same values. */
function samePart(a: readonly BulkItem[], b: readonly BulkItem[]): boolean {
  const same = (x: BulkItem, y: BulkItem) =>
    x.claimId === y.claimId &&
    x.sourceId === y.sourceId &&
    x.before.status === y.before.status &&
    x.before.verdictNote === y.before.verdictNote &&
    x.before.assignee === y.before.assignee &&
    // Stored claims are frozen and replaced on change: an unchanged claim gives the same object.
    x.before.recheck === y.before.recheck &&
    x.after.status === y.after.status &&
    x.after.verdictNote === y.after.verdictNote &&
    x.after.assignee === y.after.assignee;
  return a.length === b.length && a.every((x, i) => same(x, b[i]!));
}

export class BulkReview {
  private readonly path: string;
  private journal: Promise<{ batches: Map<string, KeptBatch>; size: number }> | null = null;

  constructor(
    private readonly ws: Workspace,
    private readonly store: AnnotationStore,
    private readonly onProgress: (p: { batchId: string; done: number; total: number }) => void = () => {},
  ) {
    this.path = join(ws.metaDir, 'batches.jsonl');
  }

  private load() {
    if (!this.journal) {
      const reading = this.read();
      this.journal = reading;
      // A journal that could not be read is read again next time.
      reading.catch(() => this.journal === reading && (this.journal = null));
    }
    return this.journal;
  }

  private async read(): Promise<{ batches: Map<string, KeptBatch>; size: number }> {
    const { lines, size } = await readWholeLines(this.ws.metaDir, this.path, { readOnly: this.ws.readOnly });
    const batches = new Map<string, KeptBatch>();
    for (const line of lines) {
      if (!isLine(line)) {
        console.error(`factdesk: ${journalName}: a damaged line left out`);
        continue;
      }
      if (line.kind === 'batch') batches.set(line.id, { id: line.id, at: line.at, by: line.by, summary: line.summary, parts: byArticle(line.items) });
      else if (line.kind === 'article') {
        const parts = batches.get(line.batch)?.parts;
        if (line.items.length) parts?.set(line.articleId, line.items);
        else parts?.delete(line.articleId);
      }
      else {
        const b = batches.get(line.batch);
        if (b) b.undone = line.at;
      }
    }
    const legacy = new DurableJsonFile<LegacyJournal>(join(this.ws.metaDir, 'batches.json'), { validate: isLegacy, metaDir: this.ws.metaDir });
    const old = await legacy.read().catch(() => null);
    for (const b of old?.batches ?? []) if (!batches.has(b.id)) batches.set(b.id, { id: b.id, at: b.at, by: b.by, summary: b.summary, parts: byArticle(b.items), ...(b.undone ? { undone: b.undone } : {}) });
    const journal = { batches, size };
    // Batches beyond the newest 20 (and a journal of the old kind) are written out once, when the workspace opens.
    if (!this.ws.readOnly && (batches.size > keep || old)) {
      await this.rewrite(journal);
      if (old) await Promise.all(['batches.json', 'batches.json.bak'].map((n) => fs.rm(join(this.ws.metaDir, n), { force: true })));
    }
    return journal;
  }

  private async rewrite(journal: { batches: Map<string, KeptBatch>; size: number }): Promise<void> {
    const kept = [...journal.batches.values()].slice(-keep);
    const text = kept
      .map((b) => {
        const batch: JournalLine = { kind: 'batch', id: b.id, at: b.at, by: b.by, summary: b.summary, items: itemsOf(b) };
        return JSON.stringify(batch) + '\n' + (b.undone ? JSON.stringify({ kind: 'undone', batch: b.id, at: b.undone } satisfies JournalLine) + '\n' : '');
      })
      .join('');
    await this.ws.guardMeta(this.ws.metaDir);
    const bytes = Buffer.from(text, 'utf8');
    await writeFileDurable(this.path, bytes, { displayName: journalName });
    journal.batches = new Map(kept.map((b) => [b.id, b]));
    journal.size = bytes.length;
  }

  /** Appends lines to the journal, durably; then they count. */
  private async append(...lines: JournalLine[]): Promise<void> {
    const journal = await this.load();
    await this.ws.guardMeta(this.ws.metaDir);
    const bytes = Buffer.from(lines.map((l) => JSON.stringify(l) + '\n').join(''), 'utf8');
    if (journal.size > 0 && !(await fs.lstat(this.path).then(() => true, () => false))) {
      // The journal vanished under a running session (.factdesk/ deleted): what it held goes back first.
      await this.rewrite(journal);
    }
    await appendWholeLines(this.ws.metaDir, this.path, bytes, journal.size, journalName);
    journal.size += bytes.length;
  }

  private async batch(batchId: string): Promise<KeptBatch | undefined> {
    return (await this.load()).batches.get(batchId);
  }

  /** The batches that can still be undone, newest first (items left out). */
  async recent(): Promise<Array<Omit<BulkBatch, 'items'> & { count: number }>> {
    return [...(await this.load()).batches.values()]
      .map(({ parts, undone, ...b }) => ({ ...b, ...(undone ? { undone } : {}), count: [...parts.values()].reduce((n, p) => n + p.length, 0) }))
      .reverse();
  }

  /** The claims a batch changed (for a team member's app to tell the team what its undo changed back). */
  async targets(batchId: string): Promise<Array<{ articleId: string; claimId: string }>> {
    const batch = await this.batch(batchId);
    return batch ? itemsOf(batch).map(({ articleId, claimId }) => ({ articleId, claimId })) : [];
  }

  /**
   * Applies `change` to every claim listed, article by article, reporting
   * progress (within an article too: planned, changed, written); acknowledged
   * once every write is durable, its undo record on disk before any of them.
   */
  async apply(targets: ReadonlyArray<{ articleId: string; claimId: string }>, change: BulkChange, summary: string): Promise<BulkResult> {
    const batchId = `b${Date.now().toString(36)}${randomBytes(3).toString('hex')}`;
    const at = new Date().toISOString();
    const wanted = new Map<string, string[]>();
    for (const t of targets) {
      if (!this.ws.has(t.articleId)) continue;
      const list = wanted.get(t.articleId);
      if (list) list.push(t.claimId);
      else wanted.set(t.articleId, [t.claimId]);
    }
    this.onProgress({ batchId, done: 0, total: targets.length });
    // The plan, whole, before any claim changes.
    const plan = new Map<string, BulkItem[]>();
    for (const [articleId, claimIds] of wanted) plan.set(articleId, await this.store.bulkPlan(articleId, claimIds, change, at, batchId));
    const planned = [...plan.values()].flat();
    if (!planned.length) return { batchId, changed: 0, skipped: targets.length };
    const kept: KeptBatch = { id: batchId, at, by: this.store.author, summary, parts: new Map([...plan].filter(([, items]) => items.length)) };
    await this.append({ kind: 'batch', id: batchId, at, by: kept.by, summary, items: planned });
    const journal = await this.load();
    journal.batches.set(batchId, kept);
    let changed = 0;
    let done = 0;
    for (const [articleId, claimIds] of wanted) {
      const share = (f: number) => this.onProgress({ batchId, done: done + Math.round(claimIds.length * f), total: targets.length });
      const items = await this.store.bulkChange(articleId, claimIds, change, batchId, {
        at,
        planned: plan.get(articleId)!,
        // Claims changed since the plan (by someone else): this article's part is written again, as it will be.
        record: async (items) => {
          if (samePart(items, plan.get(articleId)!)) return;
          await this.append({ kind: 'article', batch: batchId, articleId, items });
          if (items.length) kept.parts.set(articleId, items);
          else kept.parts.delete(articleId);
        },
        progress: share,
      });
      changed += items.length;
      done += claimIds.length;
      this.onProgress({ batchId, done, total: targets.length });
    }
    return { batchId, changed, skipped: targets.length - changed };
  }

  /** The statuses an undo of the batch would give back (where the batch changed the status). */
  async restoredStatuses(batchId: string): Promise<ClaimStatus[]> {
    const batch = await this.batch(batchId);
    return batch ? [...new Set(itemsOf(batch).filter((it) => it.before.status !== it.after.status).map((it) => it.before.status))] : [];
  }

  /** Takes a batch back: every claim it changed returns to what it was, unless changed again since. */
  async undo(batchId: string): Promise<BulkResult> {
    const batch = await this.batch(batchId);
    if (!batch || batch.undone) throw new FactDeskError('not-found', `no batch ${batchId} to undo`, { what: batchId });
    const undoId = `u${batchId.slice(1)}`;
    const total = itemsOf(batch).length;
    let changed = 0;
    let skipped = 0;
    let done = 0;
    for (const [articleId, list] of batch.parts) {
      if (!this.ws.has(articleId)) {
        skipped += list.length;
        continue;
      }
      const r = await this.store.bulkUndo(articleId, list, undoId, (share) => this.onProgress({ batchId: undoId, done: done + Math.round(list.length * share), total }));
      changed += r.undone;
      skipped += r.kept;
      done += list.length;
      this.onProgress({ batchId: undoId, done, total });
    }
    const undone = new Date().toISOString();
    await this.append({ kind: 'undone', batch: batchId, at: undone });
    batch.undone = undone;
    return { batchId: undoId, changed, skipped };
  }
}
