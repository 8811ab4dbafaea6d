/**
 * One open workspace with everything that hangs off it: the file service,
 * the watcher that notices edits made outside FactDesk, and the listeners
 * (revisions, annotations) that must hear about every change of an
 * article's text. Both hosts and the CLI drive FactDesk through a session.
 */
import os from 'node:os';
import { join } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import type { RevisionSource } from '../../shared/annotations.js';
import type { ArticleDocument } from '../../shared/model.js';
import { AnnotationStore } from './annotation-store.js';
import { DraftStore } from './draft-store.js';
import { EventBus } from './event-bus.js';
import { RevisionStore } from './revision-store.js';
import { Workspace, type OpenOptions, type ScanResult } from './workspace.js';
import { metaDirName } from './workspace-paths.js';

/** Why an article's text changed; `first-seen` is an article's text when FactDesk first meets it. */
export type TextChangeSource = RevisionSource;

export interface TextChange {
  id: string;
  doc: ArticleDocument;
  source: TextChangeSource;
  label?: string;
  /** For `restore`: the revision whose text was restored. */
  restoredFrom?: number;
}

/** Hears every change of an article's text (records revisions, re-anchors claims). */
export type TextChangeListener = (change: TextChange) => Promise<void>;

export interface SessionOptions extends OpenOptions {
  /** Watch the folder for changes made outside FactDesk (apps: yes; CLI: no). */
  watch?: boolean;
  /** The host's event bus, shared across the workspaces it opens in turn. */
  bus?: EventBus;
  /** Who edits in this session (claims, audit log, revisions); default `$FACTDESK_AUTHOR` or the OS user name. */
  author?: string;
}

/** The OS user name, which stands for the author unless the session is told otherwise. */
export function defaultAuthor(): string {
  if (process.env.FACTDESK_AUTHOR) return process.env.FACTDESK_AUTHOR;
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return 'unknown';
  }
}

export class Session {
  private watcher: FSWatcher | null = null;
  private readonly textListeners: TextChangeListener[] = [];
  private syncTimer: NodeJS.Timeout | null = null;
  private syncing: Promise<ScanResult> | null = null;
  private ready: Promise<void> = Promise.resolve();
  /** Articles known to have a revision 1 (checked once per session, then kept up to date). */
  private baselined: Set<string> | null = null;
  readonly revisions: RevisionStore;
  readonly annotations: AnnotationStore;
  readonly drafts: DraftStore;

  private constructor(
    readonly workspace: Workspace,
    readonly bus: EventBus,
    readonly author: string,
  ) {
    this.revisions = new RevisionStore(join(workspace.metaDir, 'revisions'), workspace.readOnly);
    this.drafts = new DraftStore(join(workspace.metaDir, 'drafts'), workspace.readOnly);
    this.annotations = new AnnotationStore(workspace, this.revisions, {
      author,
      onChange: (id) => bus.emit('claims.changed', { id }),
      onListChange: () => bus.emit('articles.changed', {}),
      onRevision: (id, revision) => bus.emit('revisions.changed', { id, revision: revision.n }),
      onRecovered: (r) => {
        console.error(`factdesk: ${r.file} was damaged; moved aside to ${r.movedTo}${r.restored ? ', last good copy restored' : ', no good copy found'}`);
        bus.emit('store.recovered', r);
      },
    });
    // Every change of an article's text is recorded and its claims re-anchored.
    this.onTextChange(async (c) => {
      await this.annotations.takeIn(c);
    });
  }

  static async open(root: string, opts: SessionOptions = {}): Promise<Session> {
    const bus = opts.bus ?? new EventBus();
    const userRecovered = opts.onRecovered;
    const workspace = await Workspace.open(root, {
      ...opts,
      onRecovered: (r) => {
        userRecovered?.(r);
        bus.emit('store.recovered', r);
      },
    });
    const s = new Session(workspace, bus, opts.author ?? defaultAuthor());
    await s.annotations.sweepLeftovers();
    await s.syncFromDisk();
    if (opts.watch) s.startWatching();
    return s;
  }

  onTextChange(listener: TextChangeListener): void {
    this.textListeners.push(listener);
  }

  async notifyTextChange(change: TextChange): Promise<void> {
    for (const l of this.textListeners) await l(change);
  }

  /**
   * Scans the folder and lets the listeners record every article changed on
   * disk since FactDesk last saw it, then marks those bytes as seen.
   * Concurrent calls share one scan.
   */
  syncFromDisk(): Promise<ScanResult> {
    if (!this.syncing) {
      this.syncing = this.doSync().finally(() => {
        this.syncing = null;
      });
    }
    return this.syncing;
  }

  private async doSync(): Promise<ScanResult> {
    const ws = this.workspace;
    const result = await ws.scan();
    if (!ws.readOnly) {
      // An article's text when FactDesk first meets it becomes its revision 1.
      this.baselined ??= await this.revisions.recordedIds();
      for (const id of ws.ids()) {
        if (this.baselined.has(id) || result.changed.includes(id) || ws.record(id).missing) continue;
        try {
          await this.notifyTextChange({ id, doc: await ws.readCurrent(id), source: 'first-seen' });
          this.baselined.add(id);
        } catch (e) {
          console.error(`factdesk: could not record the first revision of ${id}:`, e instanceof Error ? e.message : e);
          this.baselined.add(id);
        }
      }
      for (const id of result.changed) {
        try {
          const doc = await ws.readCurrent(id);
          await this.notifyTextChange({ id, doc, source: 'external' });
          this.baselined?.add(id);
          await ws.acknowledgeDisk(id);
        } catch (e) {
          // An unreadable file stays unacknowledged and is reported when opened.
          console.error(`factdesk: could not take in the outside change of ${id}:`, e instanceof Error ? e.message : e);
        }
      }
    }
    for (const id of result.changed) this.bus.emit('article.changedOnDisk', { id, missing: false });
    for (const id of result.missing) this.bus.emit('article.changedOnDisk', { id, missing: true });
    if (result.added.length || result.missing.length || result.relinked.length || result.changed.length) this.bus.emit('articles.changed', {});
    return result;
  }

  private startWatching(): void {
    this.watcher = watch(this.workspace.root, {
      ignoreInitial: true,
      ignored: (path: string) => path.split(/[\\/]/).some((seg) => seg.startsWith('.') && seg !== '.' && seg !== '..') || path.includes(metaDirName),
      awaitWriteFinish: { stabilityThreshold: 150, pollInterval: 50 },
      depth: 20,
    });
    const w = this.watcher;
    this.ready = new Promise((resolve) => w.once('ready', () => resolve()));
    const schedule = () => {
      if (this.syncTimer) clearTimeout(this.syncTimer);
      this.syncTimer = setTimeout(() => {
        this.syncTimer = null;
        void this.syncFromDisk().catch((e) => console.error('factdesk: scan after outside change failed:', e));
      }, 200);
    };
    this.watcher.on('all', schedule);
    this.watcher.on('error', (e) => console.error('factdesk: watcher error:', e));
  }

  /** Resolves once the watcher is ready to report changes. */
  watching(): Promise<void> {
    return this.ready;
  }

  async close(): Promise<void> {
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.watcher?.close();
    await this.syncing?.catch(() => {});
    // Changes already asked for are written before the lock is let go.
    await this.annotations.idle();
    await this.workspace.close();
  }
}
