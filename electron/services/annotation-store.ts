/**
 * The fact-check record of each article: one lowdb sidecar per article,
 * `.factdesk/articles/<id>.json`, holding its claims (anchor, figure,
 * status and verdict, sources, comments, assignee), the relations a checker
 * stated among them, its audit log and its workflow status. The sidecar is
 * the source of truth; the workspace index keeps a copy of the workflow and
 * the claim count so the article list never opens a sidecar.
 *
 * It also keeps the claims on their words: every change of an article's
 * text (a save, a restored revision, an edit made outside FactDesk) is
 * recorded as a revision and every claim is mapped from the text its anchor
 * points into to the new one (shared/anchoring).
 *
 * Writes are serialized per article; a failed write (disk full, no
 * permission) leaves the file as it was and the in-memory copy is reloaded
 * from it, so what the user sees is what is on disk.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { Low } from 'lowdb';
import { createAnchor, reanchor, reattach, type AnchorCandidate, type AnchorOutcome, type TextAnchor } from '../../shared/anchoring/index.js';
import {
  claimStatuses,
  type AddDetectedResult,
  type BulkItem,
  type StatementCandidate,
  type ArticleAnnotations,
  type AuditEntry,
  type AuditValue,
  type Claim,
  type ClaimCandidate,
  type ClaimComment,
  type ClaimList,
  type ClaimSource,
  type ClaimStatus,
  type RevisionInfo,
  type RevisionSource,
} from '../../shared/annotations.js';
import { parseRelation, type CheckerRelation } from '../../shared/checks/index.js';
import { publicationBlockedError, publicationGate, type CorrectionNote, type GateOverride, type PlacedClaim, type PublicationRecord } from '../../shared/export/index.js';
import { checklistKinds, claimKinds, createClaimDetector, type ClaimDetector, type ClaimKind, type DetectedClaim } from '../../shared/claims/index.js';
import { FactDeskError } from '../../shared/errors.js';
import { detectStatements, type StatementCategory } from '../../shared/statements/index.js';
import type { ArticleDocument, WorkflowStatus } from '../../shared/model.js';
import { textHash } from '../../shared/revisions/index.js';
import { suggestionStates, type Suggestion, type SuggestionList } from '../../shared/suggestions.js';
import { DurableJsonFile, frozenJson, type Recovery } from './json-store.js';
import { PerKeyQueue } from './per-key-queue.js';
import { readStoreFileStamped, storeFileStamp } from './safe-open.js';
import type { RevisionStore } from './revision-store.js';
import type { Workspace } from './workspace.js';

export interface AnnotationStoreOptions {
  /** Who is making changes in this session (created/updated by, audit, revisions). */
  author: string;
  /** Called after an article's annotations changed. */
  onChange?: (articleId: string) => void;
  /** Called when what the article list shows (workflow, claim count) changed. */
  onListChange?: () => void;
  /** Called after a revision was recorded. */
  onRevision?: (articleId: string, revision: RevisionInfo) => void;
  /** Called when a damaged sidecar was moved aside (and restored from its backup if there was one). */
  onRecovered?: (r: Recovery) => void;
}

/** A text change to take in: the article's text as it is now, and why it changed. */
export interface TextTakeIn {
  id: string;
  doc: ArticleDocument;
  source: RevisionSource;
  label?: string;
  restoredFrom?: number;
}

/** Fields of a claim a checker may edit directly. */
export interface ClaimUpdate {
  kind?: ClaimKind;
  value?: number | null;
  unit?: string | null;
  assignee?: string | null;
  note?: string;
}

export type SourceFields = Pick<ClaimSource, 'title' | 'url' | 'publisher' | 'accessed' | 'quote' | 'note' | 'locator' | 'evidence'>;
/** What a checker may edit in a source afterwards (the kept copy is what was read, and stays). */
export type EditableSourceFields = Omit<SourceFields, 'evidence'>;

/** A review change that can be made to many claims at once. */
export interface ReviewChange {
  status?: ClaimStatus;
  verdictNote?: string;
  assignee?: string | null;
}

/** A bulk review change: the review fields, and a source added to each claim. */
export type BulkChange = ReviewChange & { addSource?: SourceFields };

/** What a bulk change does to one claim: its patch, its audit entries, and the item the batch journal keeps. */
interface BulkStep {
  claim: Claim;
  patch: Partial<Claim>;
  audit: AuditEntry[];
  item: BulkItem;
}

const articleIdPattern = /^[a-z0-9]{6,40}$/;

function newId(prefix: string): string {
  return prefix + randomBytes(6).toString('hex');
}

/** Claims, relations and audit entries are frozen (the store serializes them once); a change replaces them. */
function freezeStored(data: ArticleAnnotations): ArticleAnnotations {
  for (const [id, c] of Object.entries(data.claims)) data.claims[id] = frozenJson(c);
  for (const [id, r] of Object.entries(data.relations)) data.relations[id] = frozenJson(r);
  data.audit = data.audit.map(frozenJson);
  if (data.suggestions) for (const [id, g] of Object.entries(data.suggestions)) data.suggestions[id] = frozenJson(g);
  return data;
}

const isStatus = (s: unknown): s is ClaimStatus => typeof s === 'string' && (claimStatuses as readonly string[]).includes(s);

function isAnchor(a: unknown): a is TextAnchor {
  const x = a as TextAnchor;
  return !!x && Number.isInteger(x.start) && Number.isInteger(x.end) && typeof x.quote === 'string' && typeof x.prefix === 'string' && typeof x.suffix === 'string';
}

function isClaim(c: unknown): c is Claim {
  const x = c as Claim;
  return !!x && typeof x.id === 'string' && isAnchor(x.anchor) && isStatus(x.status) && Array.isArray(x.sources) && Array.isArray(x.comments) && typeof x.deleted === 'boolean';
}

function isSuggestion(g: unknown): g is Suggestion {
  const x = g as Suggestion;
  return !!x && typeof x.id === 'string' && isAnchor(x.anchor) && typeof x.replacement === 'string' && (suggestionStates as readonly string[]).includes(x.state) && typeof x.by === 'string';
}

function isSidecar(d: unknown): d is ArticleAnnotations {
  const x = d as ArticleAnnotations;
  return (
    !!x &&
    x.version === 1 &&
    typeof x.articleId === 'string' &&
    typeof x.workflow === 'string' &&
    Number.isInteger(x.anchoredTo) &&
    !!x.claims &&
    typeof x.claims === 'object' &&
    Object.values(x.claims).every(isClaim) &&
    !!x.relations &&
    typeof x.relations === 'object' &&
    Array.isArray(x.audit) &&
    // Sidecars written before suggestions existed have none.
    (x.suggestions === undefined || (!!x.suggestions && typeof x.suggestions === 'object' && Object.values(x.suggestions).every(isSuggestion)))
  );
}

/** Claims sorted by where they sit in the text. */
const byPosition = (a: Claim, b: Claim): number => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end || a.id.localeCompare(b.id);

/**
 * An anchor whose offsets cannot hold its quote, so re-anchoring looks for
 * the quote (with its context) near `at` instead of trusting the offsets of a
 * claim that is not attached anywhere.
 */
function searchProbe(c: { anchor: TextAnchor; detached?: { at: number } | undefined }): TextAnchor {
  const at = c.detached?.at ?? c.anchor.start;
  return { ...c.anchor, start: at, end: at + c.anchor.quote.length + 1 };
}

/** The stretch of `text` a candidate figure has to overlap. */
function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

/** A sidecar as read, and the stamp of the file it came from (see `peekStamped`). */
export interface Stamped {
  data: ArticleAnnotations | null;
  stamp: string | null;
}

export class AnnotationStore {
  private readonly sidecars = new Map<string, Promise<Low<ArticleAnnotations>>>();
  private readonly queue = new PerKeyQueue();
  /** One incremental claim detector per article: after an edit only the changed lines are scanned again. */
  private readonly detectors = new Map<string, ClaimDetector>();
  private dirMade: Promise<void> | null = null;
  /** Per article, bumped when a change begins (or the copy in memory is reloaded): see `version`. */
  private readonly versions = new Map<string, number>();
  /** Reads of sidecars not kept in memory, under way: a second reader of the same article shares the first one's. */
  private readonly peeking = new Map<string, Promise<Stamped>>();

  /** Sidecars on disk when the session started (to say what a vanished `.factdesk/` took with it). */
  private onDisk = new Set<string>();

  constructor(
    private readonly ws: Workspace,
    readonly revisions: RevisionStore,
    private readonly opts: AnnotationStoreOptions,
  ) {
    // Should `.factdesk/` vanish while the workspace is open, every sidecar held in memory is written back.
    ws.onMetaRecreated(async () => {
      this.dirMade = null;
      await fs.mkdir(this.dir, { recursive: true });
      let sidecars = 0;
      for (const [, s] of this.sidecars) {
        const db = await s.catch(() => null);
        if (!db) continue;
        await db.write();
        sidecars++;
      }
      const lost = [...this.onDisk].filter((id) => !this.sidecars.has(id)).length;
      return { sidecars, lost };
    });
  }

  get author(): string {
    return this.opts.author;
  }

  setAuthor(name: string): void {
    this.opts.author = name;
  }

  private get dir(): string {
    return join(this.ws.metaDir, 'articles');
  }

  private path(id: string): string {
    if (!articleIdPattern.test(id)) throw new FactDeskError('article-not-found', `no article ${id}`, { id });
    return join(this.dir, `${id}.json`);
  }

  private assertWritable(): void {
    if (this.ws.readOnly) throw new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: this.ws.readOnlyReason ?? '' });
  }

  private defaults(id: string): ArticleAnnotations {
    // Workflow lived in the workspace index before sidecars held it.
    const workflow = this.ws.has(id) ? this.ws.record(id).workflow : 'draft';
    return { version: 1, articleId: id, workflow, anchoredTo: 0, claims: {}, relations: {}, audit: [] };
  }

  /**
   * Removes temp files a crashed writer left beside the sidecars. Only the
   * holder of the writer lock calls this, so no write can be in progress.
   */
  async sweepLeftovers(): Promise<number> {
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    this.onDisk = new Set(names.filter((n) => n.endsWith('.json')).map((n) => n.slice(0, -'.json'.length)));
    if (this.ws.readOnly) return 0;
    const leftovers = names.filter((n) => n.startsWith('.') && n.endsWith('.tmp'));
    await Promise.all(leftovers.map((n) => fs.rm(join(this.dir, n), { force: true })));
    return leftovers.length;
  }

  /** The sidecar of an article (read once, then kept). Articles without one get an empty record, written on first change. */
  private sidecar(id: string): Promise<Low<ArticleAnnotations>> {
    let s = this.sidecars.get(id);
    if (!s) {
      s = (async () => {
        const adapter = new DurableJsonFile<ArticleAnnotations>(this.path(id), {
          validate: isSidecar,
          metaDir: this.ws.metaDir,
          onRecovered: (r) => this.opts.onRecovered?.(r),
        });
        const db = new Low<ArticleAnnotations>(adapter, this.defaults(id));
        await db.read();
        freezeStored(db.data);
        return db;
      })();
      this.sidecars.set(id, s);
      s.catch(() => this.sidecars.delete(id));
    }
    return s;
  }

  /**
   * The article's annotations as they are now, read without keeping them in
   * memory when they are not loaded already (the board reads every article).
   * Null when the article has no sidecar.
   */
  async peek(id: string): Promise<ArticleAnnotations | null> {
    return (await this.peekStamped(id)).data;
  }

  /**
   * `peek`, with the stamp of the sidecar file the data was read from (`fileStamp`): null when it
   * came from memory or from a recovered copy, which need not be what the file holds.
   */
  async peekStamped(id: string): Promise<Stamped> {
    const loaded = this.sidecars.get(id);
    if (loaded && !this.ws.readOnly) return { data: (await loaded).data, stamp: null };
    // The board and the article list's counts read every sidecar, often at the same time: one read serves both.
    let reading = this.peeking.get(id);
    if (!reading) {
      reading = this.readSidecar(id);
      this.peeking.set(id, reading);
      const done = () => void (this.peeking.get(id) === reading && this.peeking.delete(id));
      reading.then(done, done);
    }
    return reading;
  }

  /**
   * A number that changes whenever a change of the article's annotations
   * begins: a reader that sees the same number before and after `peek` read
   * them as they are, and may keep what it made of them until `claims.changed`.
   */
  version(id: string): number {
    return this.versions.get(id) ?? 0;
  }

  private bump(id: string): void {
    this.versions.set(id, this.version(id) + 1);
  }

  /**
   * The stamp of the article's sidecar file now, as `peekStamped` gives it: `none` when it has none
   * (nor a copy to recover from), null when what a read would give cannot be said from the outside.
   */
  async stampOf(id: string): Promise<string | null> {
    const stamp = await storeFileStamp(this.path(id));
    return stamp === 'none' && (await storeFileStamp(`${this.path(id)}.bak`)) !== 'none' ? null : stamp;
  }

  private async readSidecar(id: string): Promise<Stamped> {
    const recovered = async () => ({ data: (await this.sidecarIfAny(id))?.data ?? null, stamp: null });
    try {
      const { bytes, stamp } = await readStoreFileStamped(this.ws.metaDir, this.path(id));
      const data: unknown = JSON.parse(bytes.toString('utf8'));
      return isSidecar(data) ? { data, stamp } : await recovered();
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' && !(await fs.access(`${this.path(id)}.bak`).then(() => true, () => false))) return { data: null, stamp: 'none' };
      // Damaged or only a copy left: the ordinary read recovers it (and says so).
      return await recovered();
    }
  }

  /** The sidecar if the article has one (or had one loaded); null otherwise, without creating it. */
  private async sidecarIfAny(id: string): Promise<Low<ArticleAnnotations> | null> {
    // A reader sees what the writer (another process) wrote since: no keeping.
    if (this.ws.readOnly) this.sidecars.delete(id);
    if (this.sidecars.has(id)) return this.sidecar(id);
    const p = this.path(id);
    const exists = async (f: string) => fs.access(f).then(() => true, () => false);
    return (await exists(p)) || (await exists(`${p}.bak`)) ? this.sidecar(id) : null;
  }

  /** Puts the in-memory copy back to what the file holds (after a failed write). */
  private async reload(id: string, db: Low<ArticleAnnotations>): Promise<void> {
    this.bump(id);
    const fresh = await db.adapter.read().catch(() => null);
    db.data = freezeStored(fresh ?? this.defaults(id));
  }

  /** The figures the claim engine finds in an article's text (the whole text, so tables and `$` read right). */
  private figures(id: string, text: string): DetectedClaim[] {
    let d = this.detectors.get(id);
    if (!d) {
      d = createClaimDetector();
      this.detectors.set(id, d);
    }
    return d.detect(text);
  }

  /** Resolves once every change queued so far has been written (or failed). */
  idle(): Promise<void> {
    return this.queue.idle();
  }

  /** Runs `fn` after every earlier operation on the same article has finished. */
  private exclusive<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.queue.run(id, fn);
  }

  /** `exclusive`, inside the workspace's per-article file section (taken first, always in this order). */
  private withText<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.ws.withArticle(id, () => this.exclusive(id, fn));
  }

  /** Notes the article's new path in its sidecar (after a rename), if it has one. */
  async notePath(id: string): Promise<void> {
    if (this.ws.readOnly || !(await this.sidecarIfAny(id))) return;
    await this.mutate(id, () => undefined);
  }

  /**
   * Changes an article's sidecar and writes it durably. `fn` checks its input
   * before changing anything (and refuses with a FactDeskError); if the write
   * or anything unexpected fails, the sidecar is reloaded from disk and the
   * error passed on.
   */
  private async change<T>(db: Low<ArticleAnnotations>, id: string, fn: (data: ArticleAnnotations) => T): Promise<T> {
    this.bump(id);
    let result: T;
    try {
      result = fn(db.data);
    } catch (e) {
      // A refused input (a FactDeskError) is refused before anything changed.
      if (!(e instanceof FactDeskError)) await this.reload(id, db);
      throw e;
    }
    try {
      // The sidecar remembers its article's path, so a lost index can be rebuilt from the sidecars.
      const path = this.ws.has(id) ? this.ws.record(id).path : undefined;
      if (path !== undefined && db.data.path !== path) db.data.path = path;
      await this.ws.guardMeta(this.dir);
      this.dirMade ??= fs.mkdir(this.dir, { recursive: true }).then(() => undefined);
      await this.dirMade.catch((e) => {
        this.dirMade = null;
        throw e;
      });
      await this.ws.guardMeta(this.dir);
      await db.write().catch(async (e: NodeJS.ErrnoException) => {
        // The sidecar folder vanished under a running session: made again, the sidecar held in memory is written.
        if (e.code !== 'ENOENT') throw e;
        this.dirMade = null;
        await fs.mkdir(this.dir, { recursive: true });
        await db.write();
      });
    } catch (e) {
      await this.reload(id, db);
      throw e;
    }
    const listChanged = await this.ws.cacheAnnotationState(id, { workflow: db.data.workflow, claimCount: countClaims(db.data) }).catch((e) => {
      // The index copy is a cache: the sidecar already holds the truth.
      console.error(`factdesk: could not update the article list copy of ${id}:`, e instanceof Error ? e.message : e);
      return false;
    });
    this.opts.onChange?.(id);
    if (listChanged) this.opts.onListChange?.();
    return result;
  }

  /** A change that does not depend on the article's text (status, notes, sources…). */
  private async mutate<T>(id: string, fn: (data: ArticleAnnotations, now: string) => T): Promise<T> {
    this.assertWritable();
    this.ws.record(id);
    return this.exclusive(id, async () => this.change(await this.sidecar(id), id, (data) => fn(data, new Date().toISOString())));
  }

  /**
   * A change that needs the article's text as it is now (adding or
   * re-attaching claims): the file is read and taken in first, so the claims'
   * anchors and the text agree.
   */
  private async mutateWithText<T>(id: string, fn: (data: ArticleAnnotations, doc: ArticleDocument, head: RevisionInfo, now: string) => T): Promise<T> {
    this.assertWritable();
    // The file is read and taken in within the article's critical section, so a save cannot slip in between.
    return this.withText(id, async () => {
      const doc = await this.ws.readCurrent(id);
      const head = await this.takeInLocked({ id, doc, source: 'external' });
      const db = await this.sidecar(id);
      return this.change(db, id, (data) => {
        const result = fn(data, doc, head, new Date().toISOString());
        data.anchoredTo = head.n;
        return result;
      });
    });
  }

  /** Adds an entry to the audit log (`data` null: a plan, nothing is logged). */
  private audit(data: Pick<ArticleAnnotations, 'audit'> | null, entry: Omit<AuditEntry, 'at' | 'by'> & { at: string; by?: string | null }): void {
    if (!data) return;
    data.audit.push(frozenJson({ ...entry, by: entry.by === undefined ? this.author : entry.by }));
  }

  private claimIn(data: ArticleAnnotations, claimId: string): Claim {
    const c = Object.hasOwn(data.claims, claimId) ? data.claims[claimId] : undefined;
    if (!c) throw new FactDeskError('claim-not-found', `no claim ${claimId} in ${data.articleId}`, { id: claimId });
    return c;
  }

  /** Replaces a claim by a changed copy (stored claims are frozen). */
  private put(data: ArticleAnnotations, claim: Claim, patch: Partial<Claim>, now: string, by: string | null = this.author): Claim {
    // Members set to undefined in `patch` are dropped.
    const next = frozenJson({ ...claim, ...patch, updatedAt: now, updatedBy: by ?? claim.updatedBy });
    data.claims[claim.id] = next;
    return next;
  }

  // ---- Reading -------------------------------------------------------------

  /** The article's claims: attached ones in text order, detached and deleted ones apart. */
  async list(id: string): Promise<ClaimList> {
    this.ws.record(id);
    if (!this.ws.readOnly) await this.catchUp(id);
    const db = await this.sidecarIfAny(id);
    const data = db?.data ?? this.defaults(id);
    const all = Object.values(data.claims).sort(byPosition);
    const head = await this.revisions.head(id).catch(() => null);
    return {
      articleId: id,
      revision: Object.keys(data.claims).length ? data.anchoredTo : (head?.n ?? 0),
      workflow: data.workflow,
      claims: all.filter((c) => !c.deleted && !c.detached),
      detached: all.filter((c) => !c.deleted && c.detached),
      deleted: all.filter((c) => c.deleted),
      relations: Object.values(data.relations).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id)),
    };
  }

  /** Brings the claims up to the text in the file, if that can be read (a missing or unreadable file is left alone). */
  private async catchUp(id: string): Promise<void> {
    await this.withText(id, async () => {
      let doc: ArticleDocument;
      try {
        doc = await this.ws.readCurrent(id);
      } catch (e) {
        if (e instanceof FactDeskError) return;
        throw e;
      }
      await this.takeInLocked({ id, doc, source: 'external' });
    });
  }

  async claim(id: string, claimId: string): Promise<Claim> {
    this.ws.record(id);
    const db = await this.sidecarIfAny(id);
    if (!db) throw new FactDeskError('claim-not-found', `no claim ${claimId} in ${id}`, { id: claimId });
    return this.claimIn(db.data, claimId);
  }

  async auditLog(id: string): Promise<AuditEntry[]> {
    this.ws.record(id);
    const db = await this.sidecarIfAny(id);
    return db ? [...db.data.audit] : [];
  }

  /** The article's text now (an outside edit taken in first) and the spans of its attached claims. */
  private async textAndSpans(id: string): Promise<{ doc: ArticleDocument; spans: Array<{ id: string; start: number; end: number }> }> {
    const doc = this.ws.readOnly
      ? await this.ws.readCurrent(id)
      : await this.withText(id, async () => {
          const d = await this.ws.readCurrent(id);
          await this.takeInLocked({ id, doc: d, source: 'external' });
          return d;
        });
    const db = await this.sidecarIfAny(id);
    return { doc, spans: db ? attachedSpans(db.data) : [] };
  }

  /** The figures the claim engine finds in the article now, each with the claim that already covers it. */
  async detect(id: string): Promise<ClaimCandidate[]> {
    const { doc, spans } = await this.textAndSpans(id);
    const covering = overlapIndex(spans);
    return this.figures(id, doc.text).map((c) => ({ ...c, claimId: covering(c) }));
  }

  /** Finds which article a claim id belongs to (the CLI names claims without their article). */
  async findClaim(claimId: string): Promise<string> {
    if (!/^[\w-]{1,64}$/.test(claimId)) throw new FactDeskError('claim-not-found', `no claim ${claimId}`, { id: claimId });
    for (const [id, s] of this.sidecars) {
      if (Object.hasOwn((await s).data.claims, claimId)) return id;
    }
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    for (const name of names) {
      if (!name.endsWith('.json')) continue;
      const id = name.slice(0, -'.json'.length);
      if (!articleIdPattern.test(id) || this.sidecars.has(id)) continue;
      const raw = await fs.readFile(join(this.dir, name), 'utf8').catch(() => '');
      if (raw.includes(`"${claimId}"`) && Object.hasOwn((await this.sidecar(id)).data.claims, claimId)) return id;
    }
    throw new FactDeskError('claim-not-found', `no claim ${claimId}`, { id: claimId });
  }

  /** Places in the current text where a claim could be re-attached, best first. */
  async reattachCandidates(id: string, claimId: string): Promise<AnchorCandidate[]> {
    const c = await this.claim(id, claimId);
    const doc = await this.ws.readCurrent(id);
    return reattach(c.anchor, doc.text, { near: c.detached?.at ?? c.anchor.start });
  }

  // ---- Claims --------------------------------------------------------------

  /** Adds a claim on `text.slice(start, end)` of the article as it is now; kind/value/unit default to what the claim engine reads there. */
  async add(id: string, input: { start: number; end: number; baseHash?: string } & ClaimUpdate): Promise<Claim> {
    return this.mutateWithText(id, (data, doc, _head, now) => {
      if (input.baseHash && input.baseHash !== doc.disk.hash) throw new FactDeskError('changed-on-disk', `${doc.path} changed on disk`, { name: doc.path, id });
      const anchor = createAnchor(doc.text, input.start, input.end);
      if (anchor.quote.trim() === '') throw new FactDeskError('invalid-input', 'the selection is empty', { detail: 'select the words of the claim first' });
      const same = Object.values(data.claims).find((c) => !c.deleted && !c.detached && c.anchor.start === anchor.start && c.anchor.end === anchor.end);
      if (same) return same;
      const found = figureAt(this.figures(id, doc.text), anchor);
      const claim = this.newClaim(anchor, {
        kind: input.kind ?? found?.kind ?? 'other',
        value: input.value !== undefined ? input.value : (found?.value ?? null),
        unit: input.unit !== undefined ? input.unit : (found?.unit ?? null),
        assignee: input.assignee ?? null,
        note: input.note ?? '',
      }, now);
      data.claims[claim.id] = claim;
      this.audit(data, { at: now, action: 'claim.added', claimId: claim.id, after: anchor.quote });
      return claim;
    });
  }

  /**
   * Adds detected figures as claims: the one at exactly `span`, or every one
   * no claim covers yet (deleted claims count: a figure a checker dismissed
   * is not brought back).
   */
  async addDetected(id: string, span?: { start: number; end: number }, opts: { kinds?: readonly ClaimKind[] } = {}): Promise<AddDetectedResult> {
    return this.mutateWithText(id, (data, doc, _head, now) => {
      const kinds = new Set(opts.kinds ?? checklistKinds);
      // Figures from the claim engine; statements (awards, rankings, quotes…) when asked for by kind or by span.
      let candidates: Array<Pick<DetectedClaim, 'start' | 'end' | 'kind' | 'value' | 'unit'> & { category?: StatementCategory }> = this.figures(id, doc.text);
      if (span || kinds.has('statement')) {
        const statements = detectStatements(doc.text).map((st) => ({ start: st.start, end: st.end, kind: 'statement' as const, value: null, unit: null, category: st.category }));
        candidates = [...candidates, ...statements].sort((a, b) => a.start - b.start || a.end - b.end);
      }
      if (span) {
        const hit = candidates.find((c) => c.start === span.start && c.end === span.end);
        if (!hit) throw new FactDeskError('not-found', `no detected figure at ${span.start}..${span.end}`, { what: `${span.start}..${span.end}` });
        candidates = [hit];
      } else {
        // An article's checklist is its figures: bare years and dates, and statements, only when asked for.
        candidates = candidates.filter((c) => kinds.has(c.kind));
      }
      const taken = new SpanSet(attachedSpans(data));
      const added: Claim[] = [];
      let skipped = 0;
      for (const c of candidates) {
        if (taken.overlaps(c)) {
          skipped++;
          continue;
        }
        const claim = this.newClaim(
          createAnchor(doc.text, c.start, c.end),
          { kind: c.kind, value: c.value, unit: c.unit, assignee: null, note: '', ...(c.category ? { category: c.category } : {}) },
          now,
        );
        data.claims[claim.id] = claim;
        taken.add(c);
        added.push(claim);
      }
      // One entry for the batch (each claim carries createdBy/createdAt): a sidecar of thousands of claims stays small.
      if (added.length === 1) this.audit(data, { at: now, action: 'claim.added', claimId: added[0]!.id, after: added[0]!.anchor.quote });
      else if (added.length > 1) this.audit(data, { at: now, action: 'claim.added', after: `${added.length} detected figures` });
      return { added, skipped };
    });
  }

  /** The statements (awards, rankings, firsts, quotes…) found in the article now, each with the claim that covers it. */
  async detectStatementsOf(id: string): Promise<StatementCandidate[]> {
    const { doc, spans } = await this.textAndSpans(id);
    const covering = overlapIndex(spans);
    return detectStatements(doc.text).map((st) => ({ ...st, claimId: covering(st) }));
  }

  private newClaim(
    anchor: TextAnchor,
    fields: Required<Pick<ClaimUpdate, 'kind' | 'value' | 'unit' | 'note'>> & { assignee: string | null; category?: StatementCategory },
    now: string,
  ): Claim {
    return frozenJson({
      id: newId('c'),
      anchor,
      ...fields,
      status: 'unchecked',
      verdictNote: '',
      sources: [],
      comments: [],
      createdBy: this.author,
      createdAt: now,
      updatedBy: this.author,
      updatedAt: now,
      deleted: false,
    });
  }

  /** Changes kind/value/unit/assignee/note; one audit entry per field that changed. */
  async update(id: string, claimId: string, patch: ClaimUpdate, by?: string): Promise<Claim> {
    if (patch.kind !== undefined && !(claimKinds as readonly string[]).includes(patch.kind)) {
      throw new FactDeskError('invalid-input', `unknown kind ${patch.kind}`, { detail: `kind must be one of ${claimKinds.join(', ')}` });
    }
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const changed: Partial<Claim> = {};
      for (const field of ['kind', 'value', 'unit', 'assignee', 'note'] as const) {
        const v = patch[field];
        if (v === undefined || v === c[field]) continue;
        (changed as Record<string, unknown>)[field] = v;
        this.audit(data, { at: now, by, action: 'claim.updated', claimId, field, before: c[field] as AuditValue, after: v as AuditValue });
      }
      return Object.keys(changed).length ? this.put(data, c, changed, now, by) : c;
    });
  }

  /** Sets a claim's status (and verdict note, when given). */
  async setStatus(id: string, claimId: string, status: ClaimStatus, verdictNote?: string): Promise<Claim> {
    if (!isStatus(status)) throw new FactDeskError('invalid-input', `unknown status ${String(status)}`, { detail: `status must be one of ${claimStatuses.join(', ')}` });
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const patch = this.statusPatch(data, c, { status, ...(verdictNote !== undefined ? { verdictNote } : {}) }, now);
      return Object.keys(patch).length ? this.put(data, c, patch, now) : c;
    });
  }

  /** What setting status / verdict note / assignee changes in a claim, with an audit entry per field (tagged with `batch`). */
  private statusPatch(data: Pick<ArticleAnnotations, 'audit'> | null, c: Claim, change: ReviewChange, now: string, batch?: string, by?: string): Partial<Claim> {
    const patch: Partial<Claim> = {};
    // Tagged with its batch, and in the name of who made it (another team member) when that is not this session's author.
    const tag = { ...(batch ? { batch } : {}), ...(by !== undefined ? { by } : {}) };
    if (change.status !== undefined && change.status !== c.status) {
      patch.status = change.status;
      // A verdict given after a figure changed settles the re-check.
      if (c.recheck && change.status !== 'needs-recheck') patch.recheck = undefined;
      this.audit(data, { at: now, action: 'claim.status', claimId: c.id, before: c.status, after: change.status, ...tag });
    }
    if (change.verdictNote !== undefined && change.verdictNote !== c.verdictNote) {
      patch.verdictNote = change.verdictNote;
      this.audit(data, { at: now, action: 'claim.updated', claimId: c.id, field: 'verdictNote', before: c.verdictNote, after: change.verdictNote, ...tag });
    }
    if (change.assignee !== undefined && change.assignee !== c.assignee) {
      patch.assignee = change.assignee;
      this.audit(data, { at: now, action: 'claim.updated', claimId: c.id, field: 'assignee', before: c.assignee, after: change.assignee, ...tag });
    }
    return patch;
  }

  /**
   * What one change would do to these claims of an article now (bulk
   * review): each claim that would change, what it is and would become, and
   * the id the source added to it would get (`sourceIds`, kept from an
   * earlier plan, else new). Changes nothing.
   */
  private planBulk(
    data: ArticleAnnotations,
    id: string,
    claimIds: readonly string[],
    change: BulkChange,
    opts: { at: string; batch: string; sourceIds?: ReadonlyMap<string, string>; withAudit: boolean },
  ): BulkStep[] {
    const { at, batch, sourceIds } = opts;
    const steps: BulkStep[] = [];
    for (const claimId of claimIds) {
      const c = Object.hasOwn(data.claims, claimId) ? data.claims[claimId] : undefined;
      if (!c || c.deleted) continue;
      const audit: AuditEntry[] = [];
      const log = opts.withAudit ? { audit } : null;
      const patch = this.statusPatch(log, c, change, at, batch);
      let sourceId: string | undefined;
      if (change.addSource) {
        const source: ClaimSource = { id: sourceIds?.get(claimId) ?? newId('s'), ...change.addSource, addedBy: this.author, addedAt: at };
        sourceId = source.id;
        patch.sources = [...c.sources, source];
        this.audit(log, { at, action: 'source.added', claimId, after: source.title || source.url, batch });
      }
      if (Object.keys(patch).length === 0) continue;
      const after = { ...c, ...patch };
      const item: BulkItem = {
        articleId: id,
        claimId,
        before: { status: c.status, verdictNote: c.verdictNote, assignee: c.assignee, ...(c.recheck ? { recheck: c.recheck } : {}) },
        after: { status: after.status, verdictNote: after.verdictNote, assignee: after.assignee },
        ...(sourceId ? { sourceId } : {}),
      };
      steps.push({ claim: c, patch, audit, item });
    }
    return steps;
  }

  /** What `bulkChange` would do to these claims of an article as they are now (for the batch journal, written first). */
  async bulkPlan(id: string, claimIds: readonly string[], change: BulkChange, at: string, batch: string): Promise<BulkItem[]> {
    this.assertWritable();
    this.ws.record(id);
    if (change.status !== undefined && !isStatus(change.status)) throw new FactDeskError('invalid-input', `unknown status ${String(change.status)}`, { detail: 'status' });
    return this.exclusive(id, async () => this.planBulk((await this.sidecar(id)).data, id, claimIds, change, { at, batch, withAudit: false }).map((s) => s.item));
  }

  /**
   * One change for many claims of an article (bulk review): one sidecar
   * write, one audit entry per claim and field, each tagged with `batch`.
   * Inside the article's section, what will change is planned again from the
   * claims as they are and handed to `record` (the batch journal) before
   * anything changes, so the undo record is on disk before the write; the
   * source ids of `planned` are kept. `progress` hears the share of the
   * article done: planned and recorded, changed in memory, written.
   */
  async bulkChange(
    id: string,
    claimIds: readonly string[],
    change: BulkChange,
    batch: string,
    opts: { at: string; planned?: readonly BulkItem[]; record?: (items: BulkItem[]) => Promise<void>; progress?: (share: number) => void },
  ): Promise<BulkItem[]> {
    this.assertWritable();
    this.ws.record(id);
    if (change.status !== undefined && !isStatus(change.status)) throw new FactDeskError('invalid-input', `unknown status ${String(change.status)}`, { detail: 'status' });
    const sourceIds = new Map(opts.planned?.flatMap((it) => (it.sourceId ? [[it.claimId, it.sourceId] as const] : [])));
    return this.exclusive(id, async () => {
      const db = await this.sidecar(id);
      const steps = this.planBulk(db.data, id, claimIds, change, { at: opts.at, batch, sourceIds, withAudit: true });
      const items = steps.map((s) => s.item);
      await opts.record?.(items);
      opts.progress?.(0.25);
      if (!steps.length) return items;
      return this.change(db, id, (data) => {
        for (const step of steps) {
          for (const e of step.audit) data.audit.push(e);
          this.put(data, step.claim, step.patch, opts.at);
        }
        opts.progress?.(0.5);
        return items;
      });
    });
  }

  /**
   * Takes a batch back for the claims of one article: each goes back to what
   * it was, unless it was changed again since (then it is left alone and
   * counted). Returns how many were undone and how many left alone;
   * `progress` hears when the claims changed in memory, before the write.
   */
  async bulkUndo(id: string, items: readonly BulkItem[], batch: string, progress?: (share: number) => void): Promise<{ undone: number; kept: number }> {
    return this.mutate(id, (data, now) => {
      let undone = 0;
      let kept = 0;
      for (const it of items) {
        const c = Object.hasOwn(data.claims, it.claimId) ? data.claims[it.claimId] : undefined;
        if (!c || c.status !== it.after.status || c.verdictNote !== it.after.verdictNote || c.assignee !== it.after.assignee) {
          kept++;
          continue;
        }
        const patch = this.statusPatch(data, c, it.before, now, batch);
        if (it.before.recheck && it.before.status === 'needs-recheck') patch.recheck = it.before.recheck;
        if (it.sourceId && c.sources.some((s) => s.id === it.sourceId)) {
          const removed = c.sources.find((s) => s.id === it.sourceId)!;
          patch.sources = c.sources.filter((s) => s.id !== it.sourceId);
          this.audit(data, { at: now, action: 'source.removed', claimId: c.id, before: removed.title || removed.url, batch });
        }
        if (Object.keys(patch).length) this.put(data, c, patch, now);
        undone++;
      }
      // Changed in memory: half the article's share (the durable write is the other half).
      progress?.(0.5);
      return { undone, kept };
    });
  }

  /** Soft-deletes a claim: hidden from the article, kept and restorable. */
  async remove(id: string, claimId: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      if (c.deleted) return c;
      this.audit(data, { at: now, action: 'claim.deleted', claimId, before: c.anchor.quote });
      return this.put(data, c, { deleted: true, deletedBy: this.author, deletedAt: now }, now);
    });
  }

  async restore(id: string, claimId: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      if (!c.deleted) return c;
      this.audit(data, { at: now, action: 'claim.restored', claimId, after: c.anchor.quote });
      return this.put(data, c, { deleted: false, deletedBy: undefined, deletedAt: undefined }, now);
    });
  }

  /**
   * Attaches a claim (typically an orphan) to `start..end` of the current
   * text. If the words differ from those the verdict was given on, the claim
   * needs a re-check (unless it was still unchecked).
   */
  async reattachTo(id: string, claimId: string, span: { start: number; end: number; baseHash?: string }): Promise<Claim> {
    return this.mutateWithText(id, (data, doc, head, now) => {
      if (span.baseHash && span.baseHash !== doc.disk.hash) throw new FactDeskError('changed-on-disk', `${doc.path} changed on disk`, { name: doc.path, id });
      const c = this.claimIn(data, claimId);
      const anchor = createAnchor(doc.text, span.start, span.end);
      if (anchor.quote.trim() === '') throw new FactDeskError('invalid-input', 'the selection is empty', { detail: 'select the words of the claim first' });
      this.audit(data, { at: now, action: 'claim.reattached', claimId, before: c.anchor.quote, after: anchor.quote, revision: head.n });
      const patch: Partial<Claim> = { anchor, detached: undefined };
      if (anchor.quote !== c.anchor.quote) Object.assign(patch, this.recheckPatch(data, c, c.anchor.quote, anchor.quote, head.n, now, this.author));
      return this.put(data, c, patch, now);
    });
  }

  // ---- Sources and comments ------------------------------------------------

  async addSource(id: string, claimId: string, fields: SourceFields): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const source: ClaimSource = { id: newId('s'), ...fields, addedBy: this.author, addedAt: now };
      // A kept copy is named by the file or address it came from, which the log must show.
      this.audit(data, { at: now, action: 'source.added', claimId, after: source.evidence?.name ?? (source.title || source.url) });
      return this.put(data, c, { sources: [...c.sources, source] }, now);
    });
  }

  async updateSource(id: string, claimId: string, sourceId: string, fields: Partial<EditableSourceFields>, by?: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const old = c.sources.find((s) => s.id === sourceId);
      if (!old) throw new FactDeskError('not-found', `no source ${sourceId}`, { what: sourceId });
      const next: ClaimSource = { ...old, updatedBy: by ?? this.author, updatedAt: now };
      for (const [k, v] of Object.entries(fields) as Array<[keyof EditableSourceFields, string | undefined]>) {
        if (v === undefined || v === (old[k] ?? '')) continue;
        next[k] = v;
        this.audit(data, { at: now, by, action: 'source.updated', claimId, field: `source.${k}`, before: old[k] ?? '', after: v });
      }
      return this.put(data, c, { sources: c.sources.map((s) => (s.id === sourceId ? next : s)) }, now, by);
    });
  }

  async removeSource(id: string, claimId: string, sourceId: string, by?: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const old = c.sources.find((s) => s.id === sourceId);
      if (!old) throw new FactDeskError('not-found', `no source ${sourceId}`, { what: sourceId });
      this.audit(data, { at: now, by, action: 'source.removed', claimId, before: old.title || old.url });
      return this.put(data, c, { sources: c.sources.filter((s) => s.id !== sourceId) }, now, by);
    });
  }

  async addComment(id: string, claimId: string, text: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const comment: ClaimComment = { id: newId('m'), author: this.author, at: now, text };
      this.audit(data, { at: now, action: 'comment.added', claimId, after: text });
      return this.put(data, c, { comments: [...c.comments, comment] }, now);
    });
  }

  async editComment(id: string, claimId: string, commentId: string, text: string, by?: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const old = c.comments.find((m) => m.id === commentId);
      if (!old) throw new FactDeskError('not-found', `no comment ${commentId}`, { what: commentId });
      if (old.text === text) return c;
      this.audit(data, { at: now, by, action: 'comment.edited', claimId, before: old.text, after: text });
      return this.put(data, c, { comments: c.comments.map((m) => (m.id === commentId ? { ...m, text, editedAt: now } : m)) }, now, by);
    });
  }

  async removeComment(id: string, claimId: string, commentId: string, by?: string): Promise<Claim> {
    return this.mutate(id, (data, now) => {
      const c = this.claimIn(data, claimId);
      const old = c.comments.find((m) => m.id === commentId);
      if (!old) throw new FactDeskError('not-found', `no comment ${commentId}`, { what: commentId });
      this.audit(data, { at: now, by, action: 'comment.removed', claimId, before: old.text });
      return this.put(data, c, { comments: c.comments.filter((m) => m.id !== commentId) }, now, by);
    });
  }

  // ---- Relations and workflow ---------------------------------------------

  /** Records a relation a checker states among this article's claims (`A + B ≤ C`, …). */
  async addRelation(id: string, expression: string, claimIds: string[], team?: { by: string; id: string }): Promise<CheckerRelation> {
    parseRelation(expression);
    return this.mutate(id, (data, now) => {
      for (const cid of claimIds) this.claimIn(data, cid);
      for (const ref of parseRelation(expression).refs) {
        if (ref.startsWith('{')) this.claimIn(data, ref.slice(1, -1));
        else if (ref.charCodeAt(0) - 65 >= claimIds.length) {
          throw new FactDeskError('invalid-relation', `relation names ${ref} but only ${claimIds.length} claim(s) were given`, { expression, at: expression.indexOf(ref) + 1, reason: `${ref} has no claim` });
        }
      }
      // A team member's relation keeps the id and author it has for the whole team.
      const relation: CheckerRelation = frozenJson({ id: team?.id ?? newId('r'), expression, claimIds: [...claimIds], createdBy: team?.by ?? this.author, createdAt: now });
      data.relations[relation.id] = relation;
      this.audit(data, { at: now, by: team?.by, action: 'relation.added', after: expression });
      return relation;
    });
  }

  async removeRelation(id: string, relationId: string, by?: string): Promise<CheckerRelation> {
    return this.mutate(id, (data, now) => {
      const r = Object.hasOwn(data.relations, relationId) ? data.relations[relationId] : undefined;
      if (!r) throw new FactDeskError('not-found', `no relation ${relationId}`, { what: relationId });
      delete data.relations[relationId];
      this.audit(data, { at: now, by, action: 'relation.removed', before: r.expression });
      return r;
    });
  }

  /**
   * Moves the article along draft → in review → approved → published (any
   * step may be taken back). Moving it to published passes the publication
   * gate: while claims block, only with an editor's written override reason,
   * which is recorded (audit log, report).
   */
  async setWorkflow(id: string, workflow: WorkflowStatus, override?: { reason: string }, conflicted?: ReadonlySet<string>): Promise<WorkflowStatus> {
    return this.mutate(id, (data, now) => {
      if (data.workflow === workflow) return workflow;
      if (workflow === 'published') this.passGate(data, now, override, conflicted);
      this.audit(data, { at: now, action: 'workflow', before: data.workflow, after: workflow });
      data.workflow = workflow;
      return workflow;
    });
  }

  /** Refuses (`publication-blocked`) while claims block (`conflicted`: a team's unresolved ones too) and no override is given; records an override. */
  private passGate(data: ArticleAnnotations, now: string, override?: { reason: string }, conflicted?: ReadonlySet<string>): GateOverride | undefined {
    const gate = publicationGate(Object.values(data.claims), override, conflicted);
    if (gate.decision === 'blocked') throw publicationBlockedError(gate);
    if (gate.decision !== 'overridden') return undefined;
    const record: GateOverride = { at: now, by: this.author, reason: gate.reason!, claimIds: gate.blocking.map((b) => b.claimId) };
    data.overrides = [...(data.overrides ?? []), frozenJson(record)];
    this.audit(data, { at: now, action: 'gate.override', after: record.reason, before: `${record.claimIds.length} blocking claims` });
    return record;
  }

  /**
   * Records a publication export: which revision, when, by whom, in what
   * format, with what file hash; an override of the gate and a correction
   * note with it, if any; moves the workflow to published. The gate is
   * passed inside the same step, so the gate and the record see the same claims.
   */
  async recordPublication(
    id: string,
    pub: { revision: number; format: string; fileHash: string; override?: { reason: string }; correction?: string; conflicted?: ReadonlySet<string> },
  ): Promise<PublicationRecord> {
    return this.mutate(id, (data, now) => {
      const override = this.passGate(data, now, pub.override, pub.conflicted);
      const correction: CorrectionNote | undefined = pub.correction ? { at: now, by: this.author, text: pub.correction, revision: pub.revision } : undefined;
      if (correction) {
        data.corrections = [...(data.corrections ?? []), frozenJson(correction)];
        this.audit(data, { at: now, action: 'correction', after: correction.text, revision: pub.revision });
      }
      const record: PublicationRecord = {
        revision: pub.revision,
        at: now,
        by: this.author,
        format: pub.format,
        fileHash: pub.fileHash,
        ...(override ? { override } : {}),
        ...(correction ? { correction } : {}),
      };
      data.publications = [...(data.publications ?? []), frozenJson(record)];
      this.audit(data, { at: now, action: 'publication', after: `${pub.format} ${pub.fileHash.slice(0, 12)}`, revision: pub.revision });
      if (data.workflow !== 'published') {
        this.audit(data, { at: now, action: 'workflow', before: data.workflow, after: 'published' });
        data.workflow = 'published';
      }
      return record;
    });
  }

  /** Where the article is published (ClaimReview `url`); empty to clear. */
  async setPublicationUrl(id: string, url: string): Promise<void> {
    await this.mutate(id, (data) => {
      if (url) data.publicationUrl = url;
      else delete data.publicationUrl;
    });
  }

  /**
   * Adds claims read from a Web Annotation file, placed by the one anchoring
   * routine: attached where their words are found, detached (orphan or
   * ambiguous) where not — never dropped. Their status, verdict, sources and
   * comments come with them; an id already in use gets a new one.
   */
  async importClaims(id: string, placed: readonly PlacedClaim[], revision: number): Promise<{ attached: number; detached: number }> {
    return this.mutate(id, (data, now) => {
      let attached = 0;
      let detached = 0;
      for (const p of placed) {
        const { claim } = p;
        const known = claim.claimId && /^c[0-9a-f]{12}$/.test(claim.claimId) && !Object.hasOwn(data.claims, claim.claimId) ? claim.claimId : null;
        const stored: Claim = frozenJson({
          id: known ?? newId('c'),
          anchor: p.anchor,
          kind: claim.kind,
          value: claim.value,
          unit: claim.unit,
          status: claim.status,
          verdictNote: claim.verdictNote,
          note: claim.note,
          sources: claim.sources,
          comments: claim.comments,
          assignee: claim.assignee,
          createdBy: claim.createdBy || this.author,
          createdAt: claim.createdAt || now,
          updatedBy: claim.updatedBy || this.author,
          updatedAt: claim.updatedAt || now,
          deleted: false,
          ...(p.placement === 'orphan' ? { detached: { reason: 'orphan', since: now, revision, at: p.at } } : {}),
          ...(p.placement === 'ambiguous'
            ? { detached: { reason: 'ambiguous', since: now, revision, at: p.candidates[0]?.start ?? 0, candidates: p.candidates.slice(0, 10).map(({ start, end }) => ({ start, end })) } }
            : {}),
        } satisfies Claim);
        data.claims[stored.id] = stored;
        if (p.placement === 'attached') attached++;
        else detached++;
      }
      if (placed.length) {
        this.audit(data, { at: now, action: 'claims.imported', after: `${attached} attached, ${detached} detached` });
        data.anchoredTo = revision;
      }
      return { attached, detached };
    });
  }

  /** Everything the exports need that only the sidecar knows (read-only copy). */
  async publishing(id: string): Promise<Pick<ArticleAnnotations, 'publications' | 'overrides' | 'corrections' | 'publicationUrl' | 'audit' | 'workflow'>> {
    this.ws.record(id);
    const data = (await this.sidecarIfAny(id))?.data ?? this.defaults(id);
    return {
      publications: [...(data.publications ?? [])],
      overrides: [...(data.overrides ?? [])],
      corrections: [...(data.corrections ?? [])],
      ...(data.publicationUrl ? { publicationUrl: data.publicationUrl } : {}),
      audit: [...data.audit],
      workflow: data.workflow,
    };
  }

  // ---- Suggestions ---------------------------------------------------------

  private suggestionIn(data: ArticleAnnotations, suggestionId: string): Suggestion {
    const g = data.suggestions && Object.hasOwn(data.suggestions, suggestionId) ? data.suggestions[suggestionId] : undefined;
    if (!g) throw new FactDeskError('not-found', `no suggestion ${suggestionId} in ${data.articleId}`, { what: suggestionId });
    return g;
  }

  private putSuggestion(data: ArticleAnnotations, g: Suggestion): Suggestion {
    const next = frozenJson(g);
    data.suggestions = { ...(data.suggestions ?? {}), [g.id]: next };
    return next;
  }

  /** The article's suggestions: open ones in text order, detached ones apart, resolved ones newest first. */
  async suggestionList(id: string): Promise<SuggestionList> {
    this.ws.record(id);
    if (!this.ws.readOnly) await this.catchUp(id);
    const all = Object.values((await this.sidecarIfAny(id))?.data.suggestions ?? {});
    const open = all.filter((g) => g.state === 'open');
    return {
      articleId: id,
      open: open.filter((g) => !g.detached).sort((a, b) => a.anchor.start - b.anchor.start || a.at.localeCompare(b.at)),
      detached: open.filter((g) => g.detached).sort((a, b) => a.at.localeCompare(b.at)),
      resolved: all.filter((g) => g.state !== 'open').sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? '') || b.id.localeCompare(a.id)),
    };
  }

  /**
   * Suggests `replacement` for `start..end` of the article as it is now, or
   * for the words of claim `claimId` when no span is given. Refused when the
   * words already have an open suggestion (one proposal per words at a time,
   * so accepting all never has to choose).
   */
  async addSuggestion(id: string, input: { start?: number; end?: number; quote?: string; replacement: string; note?: string; claimId?: string; baseHash?: string }): Promise<Suggestion> {
    return this.mutateWithText(id, (data, doc, _head, now) => {
      if (input.baseHash && input.baseHash !== doc.disk.hash) throw new FactDeskError('changed-on-disk', `${doc.path} changed on disk`, { name: doc.path, id });
      let { start, end } = input;
      if (input.claimId) {
        const c = this.claimIn(data, input.claimId);
        if (c.deleted || c.detached) throw new FactDeskError('suggestion-detached', `claim ${c.id} is not attached to the text`, { quote: c.anchor.quote });
        start ??= c.anchor.start;
        end ??= c.anchor.end;
      }
      if (start === undefined || end === undefined) throw new FactDeskError('invalid-input', 'no words to change', { detail: 'select words or a claim first' });
      const anchor = createAnchor(doc.text, start, end);
      if (input.quote !== undefined && anchor.quote !== input.quote) throw new FactDeskError('suggestion-detached', `the text at ${start}..${end} is not the words given`, { quote: input.quote });
      if (anchor.quote.trim() === '') throw new FactDeskError('invalid-input', 'the selection is empty', { detail: 'select the words to change first' });
      if (anchor.quote === input.replacement) throw new FactDeskError('suggestion-unchanged', 'the suggestion changes nothing', { quote: anchor.quote });
      const clash = Object.values(data.suggestions ?? {}).find((g) => g.state === 'open' && !g.detached && overlaps(g.anchor, anchor));
      if (clash) throw new FactDeskError('suggestion-overlaps', `${clash.id} already suggests a change there`, { quote: clash.anchor.quote, by: clash.by });
      // Words chosen by selection that touch a claim change that claim: its record names the suggestion too.
      const claimId = input.claimId ?? Object.values(data.claims).filter((c) => !c.deleted && !c.detached && overlaps(c.anchor, anchor)).sort(byPosition)[0]?.id;
      const g = this.putSuggestion(data, {
        id: newId('g'),
        anchor,
        replacement: input.replacement,
        ...(claimId ? { claimId } : {}),
        note: input.note ?? '',
        state: 'open',
        by: this.author,
        at: now,
      });
      this.audit(data, { at: now, action: 'suggestion.added', ...(g.claimId ? { claimId: g.claimId } : {}), suggestionId: g.id, before: anchor.quote, after: g.replacement });
      return g;
    });
  }

  /** Rejects open suggestions (one already rejected is left as it is); the text is not touched. */
  async rejectSuggestions(id: string, ids: readonly string[]): Promise<Suggestion[]> {
    return this.mutate(id, (data, now) => {
      const gs = ids.map((sid) => this.suggestionIn(data, sid));
      for (const g of gs) if (g.state === 'accepted') throw new FactDeskError('suggestion-not-open', `${g.id} was accepted`, { by: g.resolvedBy ?? '' });
      return gs.map((g) => {
        if (g.state === 'rejected') return g;
        this.audit(data, { at: now, action: 'suggestion.rejected', ...(g.claimId ? { claimId: g.claimId } : {}), suggestionId: g.id, before: g.anchor.quote, after: g.replacement });
        return this.putSuggestion(data, { ...g, state: 'rejected', resolvedBy: this.author, resolvedAt: now });
      });
    });
  }

  /**
   * For accepting: the article's text now (an outside edit taken in first)
   * and the suggestions `ids`, each checked to be open and still on its words.
   */
  async suggestionsToAccept(id: string, ids: readonly string[]): Promise<{ doc: ArticleDocument; suggestions: Suggestion[] }> {
    this.assertWritable();
    return this.withText(id, async () => {
      const doc = await this.ws.readCurrent(id);
      await this.takeInLocked({ id, doc, source: 'external' });
      const data = (await this.sidecarIfAny(id))?.data ?? this.defaults(id);
      const suggestions = ids.map((sid) => {
        const g = this.suggestionIn(data, sid);
        if (g.state !== 'open') throw new FactDeskError('suggestion-not-open', `${g.id} is ${g.state}`, { by: g.resolvedBy ?? '' });
        if (g.detached || doc.text.slice(g.anchor.start, g.anchor.end) !== g.anchor.quote) throw new FactDeskError('suggestion-detached', `${g.id} is not on its words`, { quote: g.anchor.quote });
        return g;
      });
      return { doc, suggestions };
    });
  }

  /**
   * Records suggestions as accepted once their text is saved (`revision`):
   * each now anchored on its new words in `text`, with an audit entry on its
   * claim (if any) naming the revision.
   */
  async markAccepted(id: string, accepted: ReadonlyArray<{ id: string; start: number; end: number }>, text: string, revision: number): Promise<Suggestion[]> {
    return this.mutate(id, (data, now) =>
      accepted.map(({ id: sid, start, end }) => {
        const g = this.suggestionIn(data, sid);
        this.audit(data, { at: now, action: 'suggestion.accepted', ...(g.claimId ? { claimId: g.claimId } : {}), suggestionId: g.id, before: g.anchor.quote, after: g.replacement, revision });
        const { detached: _d, ...rest } = g;
        return this.putSuggestion(data, { ...rest, original: g.anchor.quote, anchor: createAnchor(text, start, end), state: 'accepted', resolvedBy: this.author, resolvedAt: now, revision });
      }),
    );
  }

  /** Moves open suggestions with their words; one whose words went or changed is shown detached, never dropped. */
  private reanchorSuggestions(data: ArticleAnnotations, oldText: string, newText: string, revision: number, now: string): void {
    const open = Object.values(data.suggestions ?? {}).filter((g) => g.state === 'open');
    if (open.length === 0) return;
    const outcomes = reanchor(
      open.map((g) => (g.detached ? searchProbe(g) : g.anchor)),
      oldText,
      newText,
    );
    open.forEach((g, i) => {
      const o = outcomes[i]!;
      const since = (reason: string) => (g.detached?.reason === reason ? g.detached.since : now);
      if (o.status === 'unchanged' || o.status === 'moved') {
        const { detached: _d, ...rest } = g;
        if (g.detached || !sameAnchor(g.anchor, o.anchor)) this.putSuggestion(data, { ...rest, anchor: o.anchor });
      } else if (o.status === 'figure-changed') {
        this.putSuggestion(data, { ...g, detached: { reason: 'changed', since: since('changed'), revision, at: o.anchor.start, nowQuote: o.newQuote } });
      } else if (g.detached) {
        // Still not found: it stays detached for the reason it first had.
        this.putSuggestion(data, { ...g, detached: { ...g.detached, revision, at: o.status === 'orphan' ? o.at : (o.candidates[0]?.start ?? g.detached.at) } });
      } else if (o.status === 'orphan') {
        this.putSuggestion(data, { ...g, detached: { reason: 'orphan', since: now, revision, at: o.at } });
      } else {
        this.putSuggestion(data, { ...g, detached: { reason: 'ambiguous', since: now, revision, at: o.candidates[0]?.start ?? 0 } });
      }
    });
  }

  // ---- Team workspace ------------------------------------------------------

  /**
   * Adds a claim another team member made, with their id, name and time, on
   * `start..end` of the text as it is now (the team client has written the
   * team's text to the file first). A claim already here is left alone.
   */
  async adoptClaim(
    id: string,
    claim: { id: string; start: number; end: number; kind: ClaimKind; value: number | null; unit: string | null; by: string; at: string },
  ): Promise<Claim | null> {
    return this.mutateWithText(id, (data, doc) => {
      if (Object.hasOwn(data.claims, claim.id)) return null;
      if (claim.end <= claim.start || claim.end > doc.text.length) return null;
      const anchor = createAnchor(doc.text, claim.start, claim.end);
      const c = frozenJson<Claim>({
        ...this.newClaim(anchor, { kind: claim.kind, value: claim.value, unit: claim.unit, assignee: null, note: '' }, claim.at),
        id: claim.id,
        createdBy: claim.by,
        updatedBy: claim.by,
      });
      data.claims[c.id] = c;
      this.audit(data, { at: claim.at, by: claim.by, action: 'claim.added', claimId: c.id, after: anchor.quote });
      return c;
    });
  }

  /**
   * Writes what another team member changed into this copy of the review:
   * each changed field one audit entry in their name. Sources and comments
   * are added by id (never twice). `claimId` null: the article's workflow.
   */
  async applyTeamChange(
    id: string,
    claimId: string | null,
    change: {
      status?: ClaimStatus;
      verdictNote?: string;
      assignee?: string | null;
      deleted?: boolean;
      workflow?: WorkflowStatus;
      source?: ClaimSource;
      comment?: ClaimComment;
      override?: GateOverride;
    },
    by: string,
    at: string,
  ): Promise<void> {
    await this.mutate(id, (data, now) => {
      // An editor's override of the publication gate, made on another member's app: recorded here as there.
      const o = change.override;
      if (o && !(data.overrides ?? []).some((x) => x.at === o.at && x.by === o.by && x.reason === o.reason)) {
        data.overrides = [...(data.overrides ?? []), frozenJson(o)];
        this.audit(data, { at, by, action: 'gate.override', after: o.reason, before: `${o.claimIds.length} blocking claims` });
      }
      if (claimId === null) {
        if (change.workflow && change.workflow !== data.workflow) {
          this.audit(data, { at, by, action: 'workflow', before: data.workflow, after: change.workflow });
          data.workflow = change.workflow;
        }
        return;
      }
      if (!Object.hasOwn(data.claims, claimId)) return;
      const c = data.claims[claimId]!;
      const patch: Partial<Claim> = this.statusPatch(data, c, change, at, undefined, by);
      if (change.deleted !== undefined && change.deleted !== c.deleted) {
        Object.assign(patch, change.deleted ? { deleted: true, deletedBy: by, deletedAt: at } : { deleted: false, deletedBy: undefined, deletedAt: undefined });
        this.audit(data, { at, by, action: change.deleted ? 'claim.deleted' : 'claim.restored', claimId, after: c.anchor.quote });
      }
      if (change.source && !c.sources.some((x) => x.id === change.source!.id)) {
        patch.sources = [...c.sources, change.source];
        this.audit(data, { at, by, action: 'source.added', claimId, after: change.source.title || change.source.url });
      }
      if (change.comment && !c.comments.some((x) => x.id === change.comment!.id)) {
        patch.comments = [...c.comments, change.comment];
        this.audit(data, { at, by, action: 'comment.added', claimId, after: change.comment.text });
      }
      if (Object.keys(patch).length) this.put(data, c, patch, now, by);
    });
  }

  // ---- Text changes --------------------------------------------------------

  /** Takes in a change of an article's text: records a revision and re-anchors its claims. */
  takeIn(change: TextTakeIn): Promise<RevisionInfo | null> {
    if (this.ws.readOnly) return Promise.resolve(null);
    return this.exclusive(change.id, () => this.takeInLocked(change));
  }

  /**
   * Records the text as a revision unless the newest one already holds it
   * (a restore or a labelled save always records one), then maps the claims
   * from the revision their anchors point into to this one. Idempotent, so
   * it also repairs a crash between saving a file and re-anchoring.
   */
  private async takeInLocked(change: TextTakeIn): Promise<RevisionInfo> {
    const { id, doc } = change;
    let head = await this.revisions.head(id);
    if (!head || head.hash !== textHash(doc.text) || change.source === 'restore' || (change.label && change.source === 'save')) {
      const byAuthor = change.source === 'save' || change.source === 'restore';
      head = await this.revisions.record(id, {
        text: doc.text,
        source: head ? change.source : change.source === 'save' ? 'save' : 'first-seen',
        author: byAuthor ? this.author : null,
        diskHash: doc.disk.hash,
        ...(change.label ? { label: change.label } : {}),
        ...(change.restoredFrom !== undefined ? { restoredFrom: change.restoredFrom } : {}),
      });
      this.opts.onRevision?.(id, head);
    }
    const db = await this.sidecarIfAny(id);
    if (!db || db.data.anchoredTo === head.n || (Object.keys(db.data.claims).length === 0 && !hasOpenSuggestions(db.data))) return head;
    const from = db.data.anchoredTo;
    let oldText: string;
    try {
      oldText = from > 0 ? await this.revisions.text(id, from) : '';
    } catch (e) {
      // Without the old text every claim is looked for by its quote and context.
      console.error(`factdesk: revision ${from} of ${id} cannot be read; re-finding claims by quote:`, e instanceof Error ? e.message : e);
      oldText = '';
    }
    const by = change.source === 'save' || change.source === 'restore' ? this.author : null;
    const revision = head.n;
    await this.change(db, id, (data) => {
      this.applyReanchoring(data, oldText, doc.text, revision, by, () => this.figures(id, doc.text));
      data.anchoredTo = revision;
    });
    return head;
  }

  private applyReanchoring(data: ArticleAnnotations, oldText: string, newText: string, revision: number, by: string | null, figures: () => DetectedClaim[]): void {
    const claims = Object.values(data.claims);
    const outcomes = reanchor(
      claims.map((c) => (c.detached ? searchProbe(c) : c.anchor)),
      oldText,
      newText,
    );
    const now = new Date().toISOString();
    let found: DetectedClaim[] | null = null;
    const detected = (): DetectedClaim[] => (found ??= figures());
    claims.forEach((c, i) => this.applyOutcome(data, c, outcomes[i]!, { newText, revision, by, now, detected }));
    this.reanchorSuggestions(data, oldText, newText, revision, now);
  }

  private applyOutcome(
    data: ArticleAnnotations,
    c: Claim,
    o: AnchorOutcome,
    ctx: { newText: string; revision: number; by: string | null; now: string; detected: () => DetectedClaim[] },
  ): void {
    const { revision, by, now } = ctx;
    switch (o.status) {
      case 'unchanged':
      case 'moved': {
        if (c.detached) {
          this.audit(data, { at: now, by, action: 'claim.reattached', claimId: c.id, after: o.anchor.quote, revision });
          this.put(data, c, { anchor: o.anchor, detached: undefined }, now, by);
        } else if (!sameAnchor(c.anchor, o.anchor)) {
          // Moving with its words is not an edit of the claim: updatedAt/By stay.
          data.claims[c.id] = frozenJson({ ...c, anchor: o.anchor });
        }
        return;
      }
      case 'figure-changed': {
        this.audit(data, { at: now, by, action: 'claim.figure-changed', claimId: c.id, before: o.oldQuote, after: o.newQuote, revision });
        const patch: Partial<Claim> = { anchor: o.anchor, ...this.recheckPatch(data, c, o.oldQuote, o.newQuote, revision, now, by) };
        // The figure's value follows its new words when the claim engine reads a figure exactly there.
        const found = ctx.detected().find((d) => d.start === o.anchor.start && d.end === o.anchor.end);
        if (found && (found.value !== c.value || found.unit !== c.unit || found.kind !== c.kind)) {
          if (found.value !== c.value) this.audit(data, { at: now, by, action: 'claim.updated', claimId: c.id, field: 'value', before: c.value, after: found.value, revision });
          Object.assign(patch, { kind: found.kind, value: found.value, unit: found.unit });
        }
        this.put(data, c, patch, now, by);
        return;
      }
      case 'orphan': {
        if (c.detached?.reason !== 'orphan') this.audit(data, { at: now, by, action: 'claim.orphaned', claimId: c.id, before: c.anchor.quote, revision });
        const since = c.detached?.reason === 'orphan' ? c.detached.since : now;
        data.claims[c.id] = frozenJson({ ...c, detached: { reason: 'orphan', since, revision, at: o.at } });
        return;
      }
      case 'ambiguous': {
        if (c.detached?.reason !== 'ambiguous') this.audit(data, { at: now, by, action: 'claim.ambiguous', claimId: c.id, before: c.anchor.quote, revision });
        const since = c.detached?.reason === 'ambiguous' ? c.detached.since : now;
        const candidates = o.candidates.slice(0, 10).map(({ start, end }) => ({ start, end }));
        data.claims[c.id] = frozenJson({ ...c, detached: { reason: 'ambiguous', since, revision, at: candidates[0]?.start ?? 0, candidates } });
        return;
      }
    }
  }

  /**
   * What a change of a claim's words does to its status: a claim with a
   * verdict needs a re-check (remembering the words and status it had); one
   * whose words are back to those it was checked on gets its status back; an
   * unchecked claim stays unchecked.
   */
  private recheckPatch(data: ArticleAnnotations, c: Claim, oldQuote: string, newQuote: string, revision: number, now: string, by: string | null): Partial<Claim> {
    if (c.recheck && c.status === 'needs-recheck') {
      if (newQuote === c.recheck.oldQuote) {
        this.audit(data, { at: now, by, action: 'claim.status', claimId: c.id, before: c.status, after: c.recheck.previousStatus, revision });
        return { status: c.recheck.previousStatus, recheck: undefined };
      }
      return { recheck: { ...c.recheck, newQuote, revision, at: now } };
    }
    if (c.status === 'unchecked' || c.status === 'needs-recheck') return {};
    this.audit(data, { at: now, by, action: 'claim.status', claimId: c.id, before: c.status, after: 'needs-recheck', revision });
    return { status: 'needs-recheck', recheck: { oldQuote, newQuote, previousStatus: c.status, revision, at: now } };
  }
}

function hasOpenSuggestions(data: ArticleAnnotations): boolean {
  return Object.values(data.suggestions ?? {}).some((g) => g.state === 'open');
}

function sameAnchor(a: TextAnchor, b: TextAnchor): boolean {
  return a.start === b.start && a.end === b.end && a.quote === b.quote && a.prefix === b.prefix && a.suffix === b.suffix;
}

function countClaims(data: ArticleAnnotations): number {
  let n = 0;
  for (const c of Object.values(data.claims)) if (!c.deleted) n++;
  return n;
}

/** Spans kept in start order, so "does this figure overlap a claim?" is a binary search, not a scan of every claim. */
class SpanSet {
  private readonly spans: Array<{ start: number; end: number }>;
  /** The longest span, which bounds how far back an overlapping span can start. */
  private longest = 0;

  constructor(spans: Array<{ start: number; end: number }>) {
    this.spans = spans.sort((a, b) => a.start - b.start);
    for (const s of spans) this.longest = Math.max(this.longest, s.end - s.start);
  }

  private firstAtOrAfter(pos: number): number {
    let lo = 0;
    let hi = this.spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.spans[mid]!.start < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  overlaps(c: { start: number; end: number }): boolean {
    for (let i = this.firstAtOrAfter(c.start - this.longest); i < this.spans.length && this.spans[i]!.start < c.end; i++) {
      if (overlaps(this.spans[i]!, c)) return true;
    }
    return false;
  }

  add(s: { start: number; end: number }): void {
    // Detected figures come in start order: nearly always an append.
    const last = this.spans[this.spans.length - 1];
    if (!last || last.start <= s.start) this.spans.push(s);
    else this.spans.splice(this.firstAtOrAfter(s.start), 0, s);
    this.longest = Math.max(this.longest, s.end - s.start);
  }
}

/** Spans of claims attached to the text now (deleted ones included), to tell which figures are annotated. */
function attachedSpans(data: ArticleAnnotations): Array<{ id: string; start: number; end: number }> {
  return Object.values(data.claims)
    .filter((c) => !c.detached)
    .map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end }));
}

/**
 * Which claim covers a candidate: the first span (in the given order) that overlaps it, as
 * `spans.find(overlaps)` answers, without comparing every candidate with every claim — 60,000
 * figures against 30,000 claims was billions of comparisons. Spans sorted by start with the
 * running maximum of their ends: a candidate looks back only over spans that can reach it.
 */
export function overlapIndex(spans: ReadonlyArray<{ id: string; start: number; end: number }>): (c: { start: number; end: number }) => string | null {
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.start - spans[b]!.start || a - b);
  const starts = order.map((i) => spans[i]!.start);
  const reach: number[] = [];
  for (let k = 0, max = -Infinity; k < order.length; k++) reach.push((max = Math.max(max, spans[order[k]!]!.end)));
  return (c) => {
    // Spans starting before the candidate ends: [0, hi).
    let lo = 0;
    let hi = starts.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (starts[mid]! < c.end) lo = mid + 1;
      else hi = mid;
    }
    let best = -1;
    for (let k = lo - 1; k >= 0 && reach[k]! > c.start; k--) {
      const i = order[k]!;
      if (overlaps(spans[i]!, c) && (best < 0 || i < best)) best = i;
    }
    return best < 0 ? null : spans[best]!.id;
  };
}

/** The figure the claim engine reads at exactly this anchor, or else the only one inside it. */
function figureAt(figures: readonly DetectedClaim[], anchor: TextAnchor): DetectedClaim | undefined {
  const exact = figures.find((c) => c.start === anchor.start && c.end === anchor.end);
  if (exact) return exact;
  const inside = figures.filter((c) => c.start >= anchor.start && c.end <= anchor.end);
  return inside.length === 1 ? inside[0] : undefined;
}
