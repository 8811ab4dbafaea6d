/**
 * A workspace: a folder of article files plus FactDesk's own `.factdesk/`
 * beside them. This service owns the files — listing, reading, writing,
 * create/rename/delete/restore — and the workspace index that gives each
 * article a stable id. It never trusts a name it did not check and never
 * writes over a file that changed on disk since the caller read it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import { basename, dirname, join } from 'node:path';
import lockfile from 'proper-lockfile';
import type { Low } from 'lowdb';
import { FactDeskError } from '../../shared/errors.js';
import type {
  ArticleDocument,
  ArticleFormat,
  ArticleSummary,
  DiskStamp,
  LineEnding,
  TextEncodingName,
  TrashEntry,
  WorkflowStatus,
  WorkspaceInfo,
  WorkspaceSettings,
} from '../../shared/model.js';
import { loneSurrogateAt } from '../../shared/well-formed.js';
import { writeFileDurable, writeError } from './durable-file.js';
import { openJsonStore, type Recovery } from './json-store.js';
import type { NoticeBoard } from './notices.js';
import { PerKeyQueue } from './per-key-queue.js';
import { assertNoLinks, readArticle, storeLinkError } from './safe-open.js';
import { decodeArticleBytes, encodeArticleText, maxArticleBytes } from './text-codec.js';
import { formatOf, isInside, metaDirName, normalizeArticleName, resolveInside, toRelative } from './workspace-paths.js';

/** What the index remembers of one article. */
export interface ArticleRecord {
  path: string;
  title: string;
  format: ArticleFormat;
  /** The file as FactDesk last read or wrote it; null if never read. */
  disk: DiskStamp | null;
  encoding: TextEncodingName;
  bom: boolean;
  lineEnding: LineEnding;
  /** A copy of the workflow status in the article's sidecar (the source of truth), for the article list. */
  workflow: WorkflowStatus;
  /** A copy of the sidecar's count of claims (not deleted); absent before the article has claims. */
  claimCount?: number;
  missing: boolean;
  addedAt: string;
}

export interface TrashRecord extends TrashEntry {
  /** Where the file sits inside `.factdesk/trash/`. */
  storedAs: string;
  record: ArticleRecord;
}

export interface WorkspaceIndex {
  version: 1;
  articles: Record<string, ArticleRecord>;
  trash: Record<string, TrashRecord>;
  settings?: WorkspaceSettings;
}

export interface ScanResult {
  /** Known articles whose bytes differ from what FactDesk last saw. */
  changed: string[];
  added: string[];
  missing: string[];
  /** Articles that were missing and were found again under a new path (same content hash). */
  relinked: string[];
  /** Article files left out of the list, and why (the user is told). */
  skipped: Array<{ name: string; reason: 'name' | 'size'; size?: number }>;
}

/** Ids to give files the index does not know (rebuilding a lost index from the sidecars and revisions). */
export interface KnownIds {
  byPath: Map<string, string>;
  byHash: Map<string, string>;
}

export interface OpenOptions {
  /** Create the folder if it does not exist. */
  create?: boolean;
  /** Open without taking the writer lock (CLI reads). */
  readOnly?: boolean;
  /** Called when a damaged store file was moved aside and restored. */
  onRecovered?: (r: Recovery) => void;
  /** Where notices for the user go (links refused, files left out, bytes kept). */
  notices?: NoticeBoard;
}

/** Called when `.factdesk/` vanished and was re-created: each store writes back what it holds in memory. */
export type MetaRecreatedListener = () => Promise<{ sidecars?: number; histories?: number; lost?: number }>;

/**
 * Moves every link found in `.factdesk/` (the folder itself, its files and
 * folders, two levels down) aside so nothing FactDesk writes or reads there
 * goes through one. Returns the names moved and where to.
 */
async function setLinksAside(root: string): Promise<Array<{ name: string; movedTo: string }>> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const moved: Array<{ name: string; movedTo: string }> = [];
  const aside = async (abs: string) => {
    const to = `${abs}.link-refused-${stamp}`;
    await fs.rename(abs, to);
    moved.push({ name: toRelative(root, abs), movedTo: toRelative(root, to) });
  };
  const metaDir = join(root, metaDirName);
  const top = await fs.lstat(metaDir).catch(() => null);
  if (!top) return moved;
  if (top.isSymbolicLink()) {
    await aside(metaDir);
    return moved;
  }
  const visit = async (dir: string, depth: number): Promise<void> => {
    const entries = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
    for (const e of entries) {
      const abs = join(dir, e.name);
      if (e.isSymbolicLink()) await aside(abs);
      else if (e.isDirectory() && depth < 2) await visit(abs, depth + 1);
    }
  };
  await visit(metaDir, 0);
  return moved;
}

/** A file name read from disk, or null when it is not valid UTF-8 (such a file cannot be opened by name). */
function decodeName(raw: Buffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    return null;
  }
}

const skipDirs = new Set(['node_modules']);

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

interface LockOwner {
  pid: number;
  host: string;
}

async function readLockOwner(metaDir: string): Promise<LockOwner | null> {
  try {
    const o = JSON.parse(await fs.readFile(join(metaDir, 'writer.json'), 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? { pid: o.pid, host: o.host } : null;
  } catch {
    return null;
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * True when the process that holds the writer lock is gone from this machine.
 * Read twice, a moment apart: a writer that has just taken the lock has not
 * written its own pid yet, and the first reading may still name its dead
 * predecessor.
 */
async function lockOwnerIsGone(metaDir: string): Promise<boolean> {
  const first = await readLockOwner(metaDir);
  if (!first || first.host !== os.hostname() || first.pid === process.pid || processAlive(first.pid)) return false;
  await new Promise((r) => setTimeout(r, 250));
  const second = await readLockOwner(metaDir);
  return second?.pid === first.pid && second.host === first.host && !processAlive(first.pid);
}

/** The index record of an article just found or created: a UTF-8 draft until its bytes say otherwise. */
function newRecord(path: string, disk: DiskStamp | null): ArticleRecord {
  return {
    path,
    title: basename(path),
    format: formatOf(path)!,
    disk,
    encoding: 'utf-8',
    bom: false,
    lineEnding: 'lf',
    workflow: 'draft',
    missing: false,
    addedAt: new Date().toISOString(),
  };
}

function newId(): string {
  return randomBytes(8).toString('hex');
}

/** The title editors recognize an article by: its first heading or first line. */
export function titleOf(text: string, format: ArticleFormat, fallback: string): string {
  let title = '';
  if (format === 'html') {
    const m = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text) ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(text);
    title = m ? m[1]!.replace(/<[^>]*>/g, '').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') : '';
  } else {
    const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
    const heading = format === 'md' ? lines.find((l) => /^#\s/.test(l)) : undefined;
    title = (heading ?? lines[0] ?? '').replace(/^#+\s*/, '');
  }
  title = title.replace(/\s+/g, ' ').trim();
  return (title || fallback).slice(0, 160);
}

function isValidIndex(d: unknown): d is WorkspaceIndex {
  const x = d as WorkspaceIndex;
  return !!x && x.version === 1 && typeof x.articles === 'object' && typeof x.trash === 'object';
}

export class Workspace {
  /** One file operation per article at a time: read, compare, write and record are one step. */
  private readonly articleLocks = new PerKeyQueue();
  /** One section for what changes which file is which article (scan, create, rename, delete, restore). */
  private readonly listLock = new PerKeyQueue();
  private readonly metaListeners: MetaRecreatedListener[] = [];
  private recreating: Promise<void> | null = null;
  /** Ids for files the index does not know yet (set while an index is rebuilt). */
  knownIds: KnownIds | null = null;

  private constructor(
    /** Realpath of the workspace folder. */
    readonly root: string,
    private readonly db: Low<WorkspaceIndex>,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | undefined,
    private release: (() => Promise<void>) | null,
    /** The process holding the writer lock when this one was refused it. */
    readonly lockedBy: { pid: number } | null = null,
    private readonly takeLock: (() => Promise<() => Promise<void>>) | null = null,
    readonly notices: NoticeBoard | null = null,
    /** The index file was absent or beyond repair when the workspace was opened. */
    readonly indexLost = false,
  ) {}

  get metaDir(): string {
    return join(this.root, metaDirName);
  }

  static async open(path: string, opts: OpenOptions = {}): Promise<Workspace> {
    if (opts.create) await fs.mkdir(path, { recursive: true });
    let root: string;
    try {
      root = await fs.realpath(path);
      if (!(await fs.stat(root)).isDirectory()) throw new Error('not a directory');
    } catch {
      throw new FactDeskError('not-a-directory', `${path} is not a folder`, { path });
    }
    const metaDir = join(root, metaDirName);
    let readOnly = !!opts.readOnly;
    let reason: string | undefined;
    let lockedBy: { pid: number } | null = null;
    let release: (() => Promise<void>) | null = null;
    let take: (() => Promise<() => Promise<void>>) | null = null;
    if (!readOnly) {
      // Links planted in .factdesk/ (a workspace shared through git can carry them) are moved aside, never followed.
      for (const m of await setLinksAside(root)) opts.notices?.add('link-refused', m, `link:${m.name}`);
      await fs.mkdir(metaDir, { recursive: true });
      const lockPath = join(metaDir, 'writer.lock');
      take = () =>
        lockfile.lock(metaDir, {
          lockfilePath: lockPath,
          stale: 30_000,
          update: 10_000,
          realpath: false,
          // A lost lock (machine slept past `stale`, lock dir removed) must not crash the app.
          onCompromised: (e) => console.error(`factdesk: workspace lock of ${root} compromised: ${e.message}`),
        });
      try {
        try {
          release = await take();
        } catch (e) {
          // A writer that crashed leaves its lock behind; when its process is gone, take over at once
          // instead of making the user wait for the lock to go stale.
          if ((e as NodeJS.ErrnoException).code !== 'ELOCKED' || !(await lockOwnerIsGone(metaDir))) throw e;
          await fs.rm(lockPath, { recursive: true, force: true });
          release = await take();
        }
        await writeFileDurable(join(metaDir, 'writer.json'), JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }) + '\n');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ELOCKED') throw e;
        const owner = await readLockOwner(metaDir);
        readOnly = true;
        lockedBy = { pid: owner?.pid ?? 0 };
        reason = new FactDeskError('workspace-locked', 'another FactDesk process is editing this workspace', { pid: owner?.pid ?? 0 }).message;
      }
    }
    const indexPath = join(metaDir, 'workspace.json');
    let indexLost = !(await fs.lstat(indexPath).then(() => true, () => false)) && !(await fs.lstat(`${indexPath}.bak`).then(() => true, () => false));
    const db = await openJsonStore<WorkspaceIndex>(indexPath, { version: 1, articles: {}, trash: {} }, {
      validate: isValidIndex,
      metaDir,
      onRecovered: (r) => {
        if (!r.restored) indexLost = true;
        opts.onRecovered?.(r);
      },
    });
    return new Workspace(root, db, readOnly, reason, release, lockedBy, take, opts.notices ?? null, indexLost);
  }

  /** True when the index knows no article (a new workspace, or one whose index was lost). */
  isEmpty(): boolean {
    return Object.keys(this.db.data.articles).length === 0 && Object.keys(this.db.data.trash).length === 0;
  }

  /**
   * Runs `fn` when every earlier file operation on the article has finished:
   * the one per-article critical section (read, compare, write, record).
   * Never call it from inside the annotation store's own per-article queue.
   */
  withArticle<T>(id: string, fn: () => Promise<T>): Promise<T> {
    return this.articleLocks.run(id, fn);
  }

  /**
   * Runs `fn` when no other change of the listing is under way: a scan that
   * met a file a create, rename or restore had just put in place, before its
   * record, would give that file a second id.
   */
  private listing<T>(fn: () => Promise<T>): Promise<T> {
    return this.listLock.run('', fn);
  }

  /** Registers a store that can write back what it holds should `.factdesk/` vanish. */
  onMetaRecreated(listener: MetaRecreatedListener): void {
    this.metaListeners.push(listener);
  }

  /**
   * Called before anything is written under `.factdesk/`: refuses a link
   * there, and re-creates the folder (from what the stores hold in memory,
   * with a notice) if it was deleted while the workspace was open.
   */
  async guardMeta(path?: string): Promise<void> {
    if (this.readOnly) return;
    if (this.recreating) return this.recreating;
    const st = await fs.lstat(this.metaDir).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (st?.isSymbolicLink()) throw storeLinkError(this.metaDir, this.metaDir);
    if (!st) {
      this.recreating ??= this.recreateMeta().finally(() => {
        this.recreating = null;
      });
      await this.recreating;
    }
    if (path) await assertNoLinks(this.metaDir, path);
  }

  private async recreateMeta(): Promise<void> {
    await fs.mkdir(this.metaDir, { recursive: true });
    // The writer lock went with the folder: take it again so a second instance still opens read-only.
    if (this.takeLock) {
      const old = this.release;
      this.release = await this.takeLock().catch((e) => {
        console.error(`factdesk: could not take the writer lock of ${this.root} again:`, e instanceof Error ? e.message : e);
        return old;
      });
      await writeFileDurable(join(this.metaDir, 'writer.json'), JSON.stringify({ pid: process.pid, host: os.hostname(), since: new Date().toISOString() }) + '\n');
    }
    await this.db.write();
    let sidecars = 0;
    let histories = 0;
    let lost = 0;
    for (const l of this.metaListeners) {
      const r = await l();
      sidecars += r.sidecars ?? 0;
      histories += r.histories ?? 0;
      lost = Math.max(lost, r.lost ?? 0);
    }
    this.notices?.add('meta-recreated', { sidecars, histories, lost });
  }

  info(): WorkspaceInfo {
    return {
      root: this.root,
      name: basename(this.root),
      readOnly: this.readOnly,
      ...(this.readOnlyReason ? { readOnlyReason: this.readOnlyReason } : {}),
      ...(this.lockedBy ? { lockedBy: this.lockedBy } : {}),
    };
  }

  async close(): Promise<void> {
    await this.release?.().catch(() => {});
  }

  private assertWritable(): void {
    if (this.readOnly) throw new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: this.readOnlyReason ?? '' });
  }

  private async persist(): Promise<void> {
    if (this.readOnly) return;
    await this.guardMeta();
    await this.db.write();
  }

  /** Adopts an id (and what its sidecar remembers) for an article while the index is rebuilt. */
  adoptMeta(id: string, state: { workflow?: WorkflowStatus; claimCount?: number }): void {
    const r = this.has(id) ? this.record(id) : undefined;
    if (!r) return;
    if (state.workflow) r.workflow = state.workflow;
    if (state.claimCount !== undefined) r.claimCount = state.claimCount;
  }

  settings(): WorkspaceSettings {
    return structuredClone(this.db.data.settings ?? {});
  }

  async setSettings(settings: WorkspaceSettings): Promise<WorkspaceSettings> {
    this.assertWritable();
    this.db.data.settings = structuredClone(settings);
    await this.persist();
    return this.settings();
  }

  /** Saves the index now (after a rebuild). */
  async save(): Promise<void> {
    await this.persist();
  }

  has(id: string): boolean {
    return Object.hasOwn(this.db.data.articles, id);
  }

  record(id: string): ArticleRecord {
    const r = Object.hasOwn(this.db.data.articles, id) ? this.db.data.articles[id] : undefined;
    if (!r) throw new FactDeskError('article-not-found', `no article ${id}`, { id });
    return r;
  }

  /** Finds an article by id or by its workspace-relative path (CLI convenience). */
  resolveArticle(idOrPath: string): string {
    if (Object.hasOwn(this.db.data.articles, idOrPath)) return idOrPath;
    const norm = idOrPath.replace(/^\.\//, '');
    const hit = Object.entries(this.db.data.articles).find(([, r]) => r.path === norm);
    if (!hit) throw new FactDeskError('article-not-found', `no article ${idOrPath}`, { id: idOrPath });
    return hit[0];
  }

  ids(): string[] {
    return Object.keys(this.db.data.articles);
  }

  private async walk(dir: string, out: string[], skipped: ScanResult['skipped']): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true, encoding: 'buffer' });
    } catch {
      return;
    }
    for (const e of entries) {
      const name = decodeName(e.name);
      const shown = name ?? new TextDecoder('utf-8').decode(e.name);
      if (shown.startsWith('.') || skipDirs.has(shown)) continue;
      if (name === null) {
        if (formatOf(shown) || e.isDirectory()) skipped.push({ name: toRelative(this.root, join(dir, shown)), reason: 'name' });
        continue;
      }
      const abs = join(dir, name);
      if (e.isDirectory()) await this.walk(abs, out, skipped);
      else if (e.isFile() && formatOf(name)) out.push(abs);
      else if (e.isSymbolicLink() && formatOf(name)) {
        // A symlinked article is listed only if it really lives inside the workspace (and outside .factdesk/).
        const real = await fs.realpath(abs).catch(() => null);
        if (real && isInside(this.root, real) && !isInside(this.metaDir, real) && (await fs.stat(real)).isFile()) out.push(abs);
      }
    }
  }

  private async stampOf(abs: string): Promise<{ stamp: DiskStamp; bytes: Buffer }> {
    const { bytes, mtimeMs } = await readArticle(this.root, abs, maxArticleBytes, toRelative(this.root, abs));
    return { stamp: { size: bytes.length, mtimeMs, hash: sha256(bytes) }, bytes };
  }

  /**
   * Brings the index in line with the folder: new files get ids, vanished
   * ones are marked missing (never dropped), files renamed outside FactDesk
   * are relinked by content hash, and files whose bytes changed are reported.
   */
  async scan(): Promise<ScanResult> {
    return this.listing(() => this.scanListed());
  }

  private async scanListed(): Promise<ScanResult> {
    const files: string[] = [];
    const result: ScanResult = { changed: [], added: [], missing: [], relinked: [], skipped: [] };
    await this.walk(this.root, files, result.skipped);
    const byPath = new Map(Object.entries(this.db.data.articles).map(([id, r]) => [r.path, id]));
    const seen = new Set<string>();
    const fresh: Array<{ rel: string; abs: string; stamp: DiskStamp; bytes: Buffer }> = [];
    let dirty = false;

    for (const abs of files) {
      const rel = toRelative(this.root, abs);
      const id = byPath.get(rel);
      if (id) {
        seen.add(id);
        const r = this.db.data.articles[id]!;
        const st = await fs.stat(abs).catch(() => null);
        if (!st) continue;
        if (r.missing) {
          r.missing = false;
          dirty = true;
        }
        if (r.disk && st.size === r.disk.size && st.mtimeMs === r.disk.mtimeMs) continue;
        if (st.size > maxArticleBytes) {
          result.skipped.push({ name: rel, reason: 'size', size: st.size });
          continue;
        }
        const stamped = await this.stampOf(abs).catch(() => null);
        if (!stamped) continue;
        const { stamp, bytes } = stamped;
        if (!r.disk || stamp.hash !== r.disk.hash) {
          if (r.disk) result.changed.push(id);
          else this.refreshFromBytes(r, bytes, stamp);
        } else if (r.disk.mtimeMs !== stamp.mtimeMs) {
          // Touched but identical: remember the new mtime so we do not hash it again.
          r.disk = stamp;
          dirty = true;
        }
        continue;
      }
      const st = await fs.stat(abs).catch(() => null);
      if (!st) continue;
      if (st.size > maxArticleBytes) {
        result.skipped.push({ name: rel, reason: 'size', size: st.size });
        continue;
      }
      const stamped = await this.stampOf(abs).catch(() => null);
      if (stamped) fresh.push({ rel, abs, ...stamped });
    }

    const missingNow = Object.entries(this.db.data.articles).filter(([id]) => !seen.has(id));
    for (const f of fresh) {
      const twin = missingNow.find(([, r]) => r.disk?.hash === f.stamp.hash);
      if (twin) {
        const [id, r] = twin;
        r.path = f.rel;
        r.missing = false;
        r.disk = f.stamp;
        missingNow.splice(missingNow.indexOf(twin), 1);
        result.relinked.push(id);
      } else {
        // Rebuilding a lost index: the id the sidecars and revisions know this file by.
        const known = this.knownIds?.byPath.get(f.rel) ?? this.knownIds?.byHash.get(f.stamp.hash);
        const id = known && !this.has(known) ? known : newId();
        const r = newRecord(f.rel, null);
        this.refreshFromBytes(r, f.bytes, f.stamp);
        this.db.data.articles[id] = r;
        result.added.push(id);
      }
      dirty = true;
    }
    for (const [id, r] of missingNow) {
      if (!r.missing) {
        r.missing = true;
        dirty = true;
        result.missing.push(id);
      }
    }
    if (dirty || result.added.length) await this.persist();
    return result;
  }

  /** Updates title and encoding facts from bytes; undecodable files keep their name as title. */
  private refreshFromBytes(r: ArticleRecord, bytes: Uint8Array, stamp: DiskStamp): void {
    r.disk = stamp;
    try {
      const d = decodeArticleBytes(bytes, r.path);
      Object.assign(r, { encoding: d.encoding, bom: d.bom, lineEnding: d.lineEnding, title: titleOf(d.text, r.format, basename(r.path)) });
    } catch {
      r.title = basename(r.path);
    }
  }

  /** Accepts the bytes now on disk as seen (after the caller recorded the external change). */
  async acknowledgeDisk(id: string): Promise<DiskStamp> {
    const r = this.record(id);
    const abs = await resolveInside(this.root, r.path);
    const { stamp, bytes } = await this.stampOf(abs).catch((e) => {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FactDeskError('article-missing', `${r.path} is missing`, { name: r.path });
      throw e;
    });
    this.refreshFromBytes(r, bytes, stamp);
    await this.persist();
    return stamp;
  }

  summaries(): ArticleSummary[] {
    return Object.entries(this.db.data.articles)
      .map(([id, r]) => ({
        id,
        path: r.path,
        title: r.title,
        format: r.format,
        size: r.disk?.size ?? 0,
        mtimeMs: r.disk?.mtimeMs ?? 0,
        workflow: r.workflow,
        claimCount: r.claimCount ?? null,
        missing: r.missing,
      }))
      .sort((a, b) => a.path.localeCompare(b.path, 'zh-CN'));
  }

  summary(id: string): ArticleSummary {
    this.record(id);
    return this.summaries().find((s) => s.id === id)!;
  }

  /** Reads the file as it is now, without changing what the index has seen. */
  async readCurrent(id: string): Promise<ArticleDocument> {
    return (await this.readWithBytes(id)).doc;
  }

  /** The file's bytes as they are now, opened and checked in one step (no link can swap in between). */
  private async readBytes(id: string): Promise<{ r: ArticleRecord; bytes: Buffer; mtimeMs: number; realPath: string }> {
    const r = this.record(id);
    const abs = await resolveInside(this.root, r.path);
    try {
      return { r, ...(await readArticle(this.root, abs, maxArticleBytes, r.path)) };
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new FactDeskError('article-missing', `${r.path} is missing`, { name: r.path });
      if (code === 'EISDIR' || code === 'ENOTDIR') throw new FactDeskError('unsupported-file-type', `${r.path} is not a file`, { name: r.path });
      throw e;
    }
  }

  private async readWithBytes(id: string): Promise<{ doc: ArticleDocument; bytes: Buffer; realPath: string }> {
    const { r, bytes, mtimeMs, realPath } = await this.readBytes(id);
    return { doc: this.docOf(id, r, bytes, mtimeMs), bytes, realPath };
  }

  /** The article as these bytes hold it. */
  private docOf(id: string, r: ArticleRecord, bytes: Uint8Array, mtimeMs: number): ArticleDocument {
    const d = decodeArticleBytes(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), r.path);
    return {
      id,
      path: r.path,
      title: titleOf(d.text, r.format, basename(r.path)),
      format: r.format,
      text: d.text,
      encoding: d.encoding,
      bom: d.bom,
      lineEnding: d.lineEnding,
      disk: { size: bytes.length, mtimeMs, hash: sha256(bytes) },
    };
  }

  /**
   * Writes an article's text back in its own encoding and line endings, as
   * one compare-and-swap: the caller holds `withArticle(id)`, so the bytes
   * compared with `baseHash` are the bytes replaced. Refuses
   * (`changed-on-disk`) when they are not the ones the caller based the edit
   * on, unless `overwrite` says the user chose "keep mine"; saving the very
   * text already on disk succeeds whatever the base. Nothing is written when
   * the text cannot be saved faithfully (a lone surrogate) or would exceed
   * the size limit. Bytes FactDesk cannot read as text are kept in the trash
   * before they are replaced (`kept`). A link to another article inside the
   * workspace is written through to its target and stays a link.
   */
  async write(id: string, text: string, baseHash: string, overwrite = false): Promise<{ doc: ArticleDocument; previous: DiskStamp | null; kept?: TrashEntry }> {
    this.assertWritable();
    const bad = loneSurrogateAt(text);
    if (bad >= 0) throw new FactDeskError('invalid-text', 'the text holds a lone surrogate', { at: bad + 1 });
    const { r, bytes: current, realPath, mtimeMs: currentMtimeMs } = await this.readBytes(id);
    const bytes = encodeArticleText({ text, encoding: r.encoding, bom: r.bom, lineEnding: r.lineEnding });
    if (bytes.length > maxArticleBytes) throw new FactDeskError('file-too-large', `${r.path} would be too large`, { name: r.path, size: bytes.length, max: maxArticleBytes });
    const currentHash = sha256(current);
    const previous = r.disk;
    if (currentHash !== baseHash && !overwrite) {
      // The same save again (a retry) is not a conflict.
      if (Buffer.compare(Buffer.from(bytes), current) === 0) return { doc: this.docOf(id, r, current, currentMtimeMs), previous };
      throw new FactDeskError('changed-on-disk', `${r.path} changed on disk`, { name: r.path, id });
    }
    let kept: TrashEntry | undefined;
    if (!this.readable(current, r.path)) kept = await this.keepReplaced(id, r, current);
    await writeFileDurable(realPath, bytes, { displayName: r.path });
    const st = await fs.stat(realPath);
    r.disk = { size: bytes.length, mtimeMs: st.mtimeMs, hash: sha256(bytes) };
    r.title = titleOf(text, r.format, basename(r.path));
    await this.persist();
    // The article as written, not as read back: a program writing the file meanwhile must not have its
    // text recorded as this save (its change is an outside change, taken in by the next scan).
    return { doc: this.docOf(id, r, bytes, st.mtimeMs), previous, ...(kept ? { kept } : {}) };
  }

  /** Whether FactDesk can read these bytes as text in the encoding it would save them in. */
  private readable(bytes: Buffer, name: string): boolean {
    try {
      decodeArticleBytes(bytes, name);
      return true;
    } catch {
      return false;
    }
  }

  /** Keeps bytes a save is about to replace in the trash (restorable), and tells the user. */
  private async keepReplaced(id: string, r: ArticleRecord, bytes: Buffer): Promise<TrashEntry> {
    const { trashId, storedAs, to } = await this.trashSlot(r.path);
    await writeFileDurable(to, bytes, { displayName: storedAs });
    const entry: TrashEntry = { trashId, path: r.path, articleId: id, deletedAt: new Date().toISOString(), reason: 'replaced' };
    this.db.data.trash[trashId] = { ...entry, storedAs, record: { ...r } };
    await this.persist();
    this.notices?.add('bytes-kept', { name: r.path, storedAs });
    return entry;
  }

  /**
   * Keeps the article list's copy of what the article's sidecar holds; the
   * index is written only when the copy changes (a status change does not).
   * Returns whether it changed.
   */
  async cacheAnnotationState(id: string, state: { workflow: WorkflowStatus; claimCount: number }): Promise<boolean> {
    if (this.readOnly || !this.has(id)) return false;
    const r = this.record(id);
    if (r.workflow === state.workflow && r.claimCount === state.claimCount) return false;
    r.workflow = state.workflow;
    r.claimCount = state.claimCount;
    await this.persist();
    return true;
  }

  async create(name: string, text = ''): Promise<string> {
    return this.listing(() => this.createListed(name, text));
  }

  private async createListed(name: string, text: string): Promise<string> {
    this.assertWritable();
    const rel = normalizeArticleName(name);
    const bad = loneSurrogateAt(text);
    if (bad >= 0) throw new FactDeskError('invalid-text', 'the text holds a lone surrogate', { at: bad + 1 });
    const abs = await resolveInside(this.root, rel);
    await fs.mkdir(dirname(abs), { recursive: true });
    await resolveInside(this.root, rel);
    const bytes = Buffer.from(text, 'utf8');
    try {
      await fs.writeFile(abs, bytes, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FactDeskError('already-exists', `${rel} exists`, { name: rel });
      throw writeError(e, rel);
    }
    const h = await fs.open(abs, 'r+');
    await h.sync();
    await h.close();
    const id = newId();
    const st = await fs.stat(abs);
    const r = newRecord(rel, { size: bytes.length, mtimeMs: st.mtimeMs, hash: sha256(bytes) });
    r.title = titleOf(text, r.format, basename(rel));
    this.db.data.articles[id] = r;
    await this.persist();
    return id;
  }

  /**
   * Copies an article file from outside into the workspace root under a
   * free name. The bytes are checked first (binary or broken files are
   * refused); with `toUtf8` a GB18030/UTF-16 file is converted, otherwise it
   * keeps its encoding and is saved back in it.
   */
  async importFile(sourcePath: string, opts: { toUtf8?: boolean } = {}): Promise<string> {
    return this.listing(() => this.importListed(sourcePath, opts));
  }

  private async importListed(sourcePath: string, opts: { toUtf8?: boolean }): Promise<string> {
    this.assertWritable();
    const name = basename(sourcePath);
    if (!formatOf(name)) throw new FactDeskError('unsupported-file-type', `${name} is not .md/.txt/.html`, { name });
    const bytes = await fs.readFile(sourcePath);
    const decoded = decodeArticleBytes(bytes, name);
    const out = opts.toUtf8 ? encodeArticleText({ ...decoded, encoding: 'utf-8', bom: false }) : bytes;
    const dot = name.lastIndexOf('.');
    let candidate = normalizeArticleName(name.replace(/^\.+/, '_'));
    for (let n = 2; await fs.lstat(join(this.root, candidate)).then(() => true, () => false); n++) {
      candidate = normalizeArticleName(`${name.slice(0, dot)} (${n})${name.slice(dot)}`);
    }
    const id = await this.createListed(candidate, '');
    const abs = await resolveInside(this.root, candidate);
    await writeFileDurable(abs, out, { displayName: candidate });
    await this.acknowledgeDisk(id);
    return id;
  }

  /** Puts kept bytes back beside the article they were replaced in, under a free name, as an article of their own. */
  private async restoreReplaced(trashId: string, t: TrashRecord, from: string): Promise<string> {
    const dot = t.path.lastIndexOf('.');
    let candidate = '';
    for (let n = 1; ; n++) {
      candidate = normalizeArticleName(`${t.path.slice(0, dot)} (${n === 1 ? 'kept' : `kept ${n}`})${t.path.slice(dot)}`);
      if (!(await fs.lstat(await resolveInside(this.root, candidate)).then(() => true, () => false))) break;
    }
    const to = await resolveInside(this.root, candidate);
    await fs.mkdir(dirname(to), { recursive: true });
    await fs.rename(from, to);
    await fs.rm(dirname(from), { recursive: true, force: true });
    const id = newId();
    const st = await fs.stat(to);
    const bytes = await fs.readFile(to);
    this.db.data.articles[id] = { ...newRecord(candidate, { size: st.size, mtimeMs: st.mtimeMs, hash: sha256(bytes) }), encoding: t.record.encoding, bom: t.record.bom, lineEnding: t.record.lineEnding };
    delete this.db.data.trash[trashId];
    await this.persist();
    return id;
  }

  async rename(id: string, name: string): Promise<void> {
    return this.listing(() => this.renameListed(id, name));
  }

  private async renameListed(id: string, name: string): Promise<void> {
    this.assertWritable();
    const r = this.record(id);
    const rel = normalizeArticleName(name);
    if (rel === r.path) return;
    const from = await resolveInside(this.root, r.path);
    const to = await resolveInside(this.root, rel);
    if (await fs.lstat(to).then(() => true, () => false)) throw new FactDeskError('already-exists', `${rel} exists`, { name: rel });
    await fs.mkdir(dirname(to), { recursive: true });
    await resolveInside(this.root, rel);
    await fs.rename(from, to);
    r.path = rel;
    if (r.format !== formatOf(rel)) r.format = formatOf(rel)!;
    await this.persist();
  }

  /** A new, empty folder in `.factdesk/trash/` for a file named like `path`. */
  private async trashSlot(path: string): Promise<{ trashId: string; storedAs: string; to: string }> {
    const trashId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const storedAs = join(metaDirName, 'trash', trashId, basename(path)).split('\\').join('/');
    const to = join(this.root, storedAs);
    // A link planted at .factdesk/trash would carry the file out of the workspace: checked before and after making the folder.
    await this.guardMeta(dirname(to));
    await fs.mkdir(dirname(to), { recursive: true });
    await this.guardMeta(dirname(to));
    return { trashId, storedAs, to };
  }

  /** Moves the file to `.factdesk/trash/` (restorable); its annotations stay with its id. */
  async delete(id: string): Promise<TrashEntry> {
    return this.listing(() => this.deleteListed(id));
  }

  private async deleteListed(id: string): Promise<TrashEntry> {
    this.assertWritable();
    const r = this.record(id);
    const from = await resolveInside(this.root, r.path);
    const { trashId, storedAs, to } = await this.trashSlot(r.path);
    await fs.rename(from, to);
    const entry: TrashEntry = { trashId, path: r.path, articleId: id, deletedAt: new Date().toISOString() };
    this.db.data.trash[trashId] = { ...entry, storedAs, record: r };
    delete this.db.data.articles[id];
    await this.persist();
    return entry;
  }

  trash(): TrashEntry[] {
    return Object.values(this.db.data.trash)
      .map(({ trashId, path, articleId, deletedAt, reason }) => ({ trashId, path, articleId, deletedAt, ...(reason ? { reason } : {}) }))
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** Puts a deleted article back where it was, under its old id. */
  async restore(trashId: string): Promise<string> {
    return this.listing(() => this.restoreListed(trashId));
  }

  private async restoreListed(trashId: string): Promise<string> {
    this.assertWritable();
    const t = Object.hasOwn(this.db.data.trash, trashId) ? this.db.data.trash[trashId] : undefined;
    if (!t) throw new FactDeskError('not-found', `no trash entry ${trashId}`, { what: trashId });
    const from = await resolveInside(this.root, t.storedAs);
    await assertNoLinks(this.metaDir, from);
    if (t.reason === 'replaced') return this.restoreReplaced(trashId, t, from);
    const to = await resolveInside(this.root, t.path);
    if (await fs.lstat(to).then(() => true, () => false)) throw new FactDeskError('already-exists', `${t.path} exists`, { name: t.path });
    await fs.mkdir(dirname(to), { recursive: true });
    await fs.rename(from, to);
    await fs.rm(dirname(from), { recursive: true, force: true });
    this.db.data.articles[t.articleId] = { ...t.record, path: t.path, missing: false };
    delete this.db.data.trash[trashId];
    await this.persist();
    return t.articleId;
  }
}
