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
} from '../../shared/model.js';
import { writeFileDurable } from './durable-file.js';
import { openJsonStore, type Recovery } from './json-store.js';
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
}

export interface ScanResult {
  /** Known articles whose bytes differ from what FactDesk last saw. */
  changed: string[];
  added: string[];
  missing: string[];
  /** Articles that were missing and were found again under a new path (same content hash). */
  relinked: string[];
}

export interface OpenOptions {
  /** Create the folder if it does not exist. */
  create?: boolean;
  /** Open without taking the writer lock (CLI reads). */
  readOnly?: boolean;
  /** Called when a damaged store file was moved aside and restored. */
  onRecovered?: (r: Recovery) => void;
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
  private constructor(
    /** Realpath of the workspace folder. */
    readonly root: string,
    private readonly db: Low<WorkspaceIndex>,
    readonly readOnly: boolean,
    readonly readOnlyReason: string | undefined,
    private readonly release: (() => Promise<void>) | null,
    /** The process holding the writer lock when this one was refused it. */
    readonly lockedBy: { pid: number } | null = null,
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
    if (!readOnly) {
      await fs.mkdir(metaDir, { recursive: true });
      const lockPath = join(metaDir, 'writer.lock');
      const take = () =>
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
    const db = await openJsonStore<WorkspaceIndex>(join(metaDir, 'workspace.json'), { version: 1, articles: {}, trash: {} }, {
      validate: isValidIndex,
      onRecovered: opts.onRecovered,
    });
    return new Workspace(root, db, readOnly, reason, release, lockedBy);
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
    if (!this.readOnly) await this.db.write();
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

  private async walk(dir: string, out: string[]): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      if (e.name.startsWith('.') || skipDirs.has(e.name)) continue;
      const abs = join(dir, e.name);
      if (e.isDirectory()) await this.walk(abs, out);
      else if (e.isFile() && formatOf(e.name)) out.push(abs);
      else if (e.isSymbolicLink() && formatOf(e.name)) {
        // A symlinked article is listed only if it really lives inside the workspace.
        const real = await fs.realpath(abs).catch(() => null);
        if (real && isInside(this.root, real) && (await fs.stat(real)).isFile()) out.push(abs);
      }
    }
  }

  private async stampOf(abs: string): Promise<{ stamp: DiskStamp; bytes: Buffer }> {
    const bytes = await fs.readFile(abs);
    const st = await fs.stat(abs);
    return { stamp: { size: bytes.length, mtimeMs: st.mtimeMs, hash: sha256(bytes) }, bytes };
  }

  /**
   * Brings the index in line with the folder: new files get ids, vanished
   * ones are marked missing (never dropped), files renamed outside FactDesk
   * are relinked by content hash, and files whose bytes changed are reported.
   */
  async scan(): Promise<ScanResult> {
    const files: string[] = [];
    await this.walk(this.root, files);
    const byPath = new Map(Object.entries(this.db.data.articles).map(([id, r]) => [r.path, id]));
    const seen = new Set<string>();
    const result: ScanResult = { changed: [], added: [], missing: [], relinked: [] };
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
        const { stamp, bytes } = await this.stampOf(abs);
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
      if (!st || st.size > maxArticleBytes) continue;
      fresh.push({ rel, abs, ...(await this.stampOf(abs)) });
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
        const id = newId();
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
    const { stamp, bytes } = await this.stampOf(abs);
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
    const r = this.record(id);
    const abs = await resolveInside(this.root, r.path);
    let bytes: Buffer;
    try {
      const st = await fs.stat(abs);
      if (st.size > maxArticleBytes) throw new FactDeskError('file-too-large', `${r.path} is too large`, { name: r.path, size: st.size, max: maxArticleBytes });
      bytes = await fs.readFile(abs);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw new FactDeskError('article-missing', `${r.path} is missing`, { name: r.path });
      throw e;
    }
    const st = await fs.stat(abs);
    const d = decodeArticleBytes(bytes, r.path);
    return {
      id,
      path: r.path,
      title: titleOf(d.text, r.format, basename(r.path)),
      format: r.format,
      text: d.text,
      encoding: d.encoding,
      bom: d.bom,
      lineEnding: d.lineEnding,
      disk: { size: bytes.length, mtimeMs: st.mtimeMs, hash: sha256(bytes) },
    };
  }

  /**
   * Writes an article's text back in its own encoding and line endings.
   * Refuses (`changed-on-disk`) when the file's bytes are not the ones the
   * caller based the edit on, unless `overwrite` says the user chose "keep mine".
   */
  async write(id: string, text: string, baseHash: string, overwrite = false): Promise<{ doc: ArticleDocument; previous: DiskStamp | null }> {
    this.assertWritable();
    const r = this.record(id);
    const abs = await resolveInside(this.root, r.path);
    const current = await fs.readFile(abs).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') throw new FactDeskError('article-missing', `${r.path} is missing`, { name: r.path });
      throw e;
    });
    const currentHash = sha256(current);
    if (currentHash !== baseHash && !overwrite) {
      throw new FactDeskError('changed-on-disk', `${r.path} changed on disk`, { name: r.path, id });
    }
    const bytes = encodeArticleText({ text, encoding: r.encoding, bom: r.bom, lineEnding: r.lineEnding });
    await writeFileDurable(abs, bytes, { displayName: r.path });
    const previous = r.disk;
    const st = await fs.stat(abs);
    r.disk = { size: bytes.length, mtimeMs: st.mtimeMs, hash: sha256(bytes) };
    r.title = titleOf(text, r.format, basename(r.path));
    await this.persist();
    return { doc: await this.readCurrent(id), previous };
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
    this.assertWritable();
    const rel = normalizeArticleName(name);
    const abs = await resolveInside(this.root, rel);
    await fs.mkdir(dirname(abs), { recursive: true });
    await resolveInside(this.root, rel);
    const bytes = Buffer.from(text, 'utf8');
    try {
      await fs.writeFile(abs, bytes, { flag: 'wx' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new FactDeskError('already-exists', `${rel} exists`, { name: rel });
      throw e;
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
    const id = await this.create(candidate, '');
    const abs = await resolveInside(this.root, candidate);
    await writeFileDurable(abs, out, { displayName: candidate });
    await this.acknowledgeDisk(id);
    return id;
  }

  async rename(id: string, name: string): Promise<void> {
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

  /** Moves the file to `.factdesk/trash/` (restorable); its annotations stay with its id. */
  async delete(id: string): Promise<TrashEntry> {
    this.assertWritable();
    const r = this.record(id);
    const from = await resolveInside(this.root, r.path);
    const trashId = `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
    const storedAs = join(metaDirName, 'trash', trashId, basename(r.path)).split('\\').join('/');
    const to = join(this.root, storedAs);
    await fs.mkdir(dirname(to), { recursive: true });
    await fs.rename(from, to);
    const entry: TrashEntry = { trashId, path: r.path, articleId: id, deletedAt: new Date().toISOString() };
    this.db.data.trash[trashId] = { ...entry, storedAs, record: r };
    delete this.db.data.articles[id];
    await this.persist();
    return entry;
  }

  trash(): TrashEntry[] {
    return Object.values(this.db.data.trash)
      .map(({ trashId, path, articleId, deletedAt }) => ({ trashId, path, articleId, deletedAt }))
      .sort((a, b) => b.deletedAt.localeCompare(a.deletedAt));
  }

  /** Puts a deleted article back where it was, under its old id. */
  async restore(trashId: string): Promise<string> {
    this.assertWritable();
    const t = Object.hasOwn(this.db.data.trash, trashId) ? this.db.data.trash[trashId] : undefined;
    if (!t) throw new FactDeskError('not-found', `no trash entry ${trashId}`, { what: trashId });
    const from = await resolveInside(this.root, t.storedAs);
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
