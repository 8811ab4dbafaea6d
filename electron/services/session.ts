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
import { FactDeskError } from '../../shared/errors.js';
import type { ArticleDocument, SaveResult } from '../../shared/model.js';
import { textHash } from '../../shared/revisions/index.js';
import { AnnotationStore } from './annotation-store.js';
import { BulkReview } from './bulk-review.js';
import { ClaimBoard } from './claim-board.js';
import { SidecarDigests } from './claim-digests.js';
import { ArticleSearch } from './article-search.js';
import { Dashboard } from './dashboard.js';
import { DraftStore } from './draft-store.js';
import { EventBus } from './event-bus.js';
import { EvidenceStore } from './evidence-store.js';
import { knownArticleIds } from './index-rebuild.js';
import type { Recovery } from './json-store.js';
import { NoticeBoard } from './notices.js';
import { RevisionStore } from './revision-store.js';
import { maxArticleBytes } from './text-codec.js';
import { Workspace, type OpenOptions, type ScanResult } from './workspace.js';
import { metaDirName } from './workspace-paths.js';

/** What a save asks for. */
export interface SaveRequest {
  text: string;
  /** Hash of the file as the editor last saw it. */
  baseHash: string;
  /** "Keep mine": save over a file changed on disk (its text is recorded as a revision first). */
  overwrite?: boolean;
  label?: string;
  /** `restore` when an old revision's text is written back. */
  source?: 'save' | 'restore';
  restoredFrom?: number;
}

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
  /** Make every article's digest (board rows, dashboard tally) at once, without waiting for it (the app's sessions). */
  warm?: boolean;
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
  /** Kept copies of sources (`.factdesk/evidence/`). */
  readonly evidence: EvidenceStore;
  /** What the board and the dashboard keep of each article's claims. */
  readonly digests: SidecarDigests;
  /** Every claim of the workspace, for the board. */
  readonly board: ClaimBoard;
  /** The article list's filter by the articles' words. */
  readonly articleSearch: ArticleSearch;
  readonly bulk: BulkReview;
  /** Claims by status per article (the dashboard, the article list's progress bars), kept until they change. */
  readonly dashboard: Dashboard;
  private readonly offBus: () => void;

  private constructor(
    readonly workspace: Workspace,
    readonly bus: EventBus,
    private authorName: string,
    readonly notices: NoticeBoard,
  ) {
    const guard = (path: string) => workspace.guardMeta(path);
    this.revisions = new RevisionStore(join(workspace.metaDir, 'revisions'), workspace.readOnly, { metaDir: workspace.metaDir, guard });
    this.drafts = new DraftStore(join(workspace.metaDir, 'drafts'), workspace.readOnly, guard);
    this.evidence = new EvidenceStore(workspace);
    this.annotations = new AnnotationStore(workspace, this.revisions, {
      author: authorName,
      onChange: (id) => bus.emit('claims.changed', { id }),
      onListChange: () => bus.emit('articles.changed', {}),
      onRevision: (id, revision) => bus.emit('revisions.changed', { id, revision: revision.n }),
      onRecovered: (r) => recovered(notices, bus, r),
    });
    workspace.onMetaRecreated(async () => ({ histories: await this.revisions.rewriteLoaded() }));
    // The board and the dashboard share each article's digest: one read of its sidecar serves both.
    this.digests = new SidecarDigests(workspace, this.annotations);
    this.board = new ClaimBoard(workspace, this.digests);
    this.dashboard = new Dashboard(this);
    this.articleSearch = new ArticleSearch(workspace);
    this.bulk = new BulkReview(workspace, this.annotations, (p) => bus.emit('bulk.progress', p));
    // The board follows every change of claims and of the article list, whoever made it.
    this.offBus = bus.on((event, payload) => {
      if (event === 'claims.changed') this.digests.invalidate((payload as { id: string }).id);
      else if (event === 'articles.changed') this.board.invalidateList();
    });
    // Every change of an article's text is recorded and its claims re-anchored.
    this.onTextChange(async (c) => {
      await this.annotations.takeIn(c);
    });
  }

  /** Who edits in this session: claims, audit entries, comments and revisions carry it. */
  get author(): string {
    return this.authorName;
  }

  /** The profile was set: what is recorded from now on carries its name. */
  setAuthor(name: string): void {
    this.authorName = name;
    this.annotations.setAuthor(name);
  }

  static async open(root: string, opts: SessionOptions = {}): Promise<Session> {
    const bus = opts.bus ?? new EventBus();
    const notices = new NoticeBoard();
    notices.listen((n) => bus.emit('workspace.notice', n));
    const userRecovered = opts.onRecovered;
    const workspace = await Workspace.open(root, {
      ...opts,
      notices,
      onRecovered: (r) => {
        userRecovered?.(r);
        recovered(notices, bus, r);
      },
    });
    const s = new Session(workspace, bus, opts.author ?? defaultAuthor(), notices);
    await s.annotations.sweepLeftovers();
    await s.evidence.sweepLeftovers();
    // A lost index is rebuilt from what the sidecars and revision files remember, so no article gets a new id
    // and no claim silently disappears.
    const known = workspace.indexLost && workspace.isEmpty() && !workspace.readOnly ? await knownArticleIds(workspace.metaDir) : null;
    if (known && known.ids.size) workspace.knownIds = known;
    await s.syncFromDisk();
    if (workspace.knownIds && known) {
      let adopted = 0;
      for (const id of workspace.ids()) {
        const state = known.state.get(id);
        if (!known.ids.has(id)) continue;
        adopted++;
        if (state) workspace.adoptMeta(id, state);
      }
      workspace.knownIds = null;
      await workspace.save();
      notices.add('index-rebuilt', { adopted, articles: known.ids.size });
    }
    if (opts.watch) s.startWatching();
    // The app's first screen (the article list's progress bars, or the board) needs every article's
    // digest: they are made now, mostly from the digests file, while the window loads.
    if (opts.warm) void s.digests.warm();
    return s;
  }

  /**
   * Saves an article's text as one step per article: the file's bytes are
   * compared with `baseHash` and replaced, the revision recorded and the
   * claims re-anchored before the next save of the same article may look at
   * the file. Of two saves from the same base exactly one wins; the other
   * gets `changed-on-disk`. Once this resolves the text is in the file and
   * in the history, durably.
   */
  async save(id: string, req: SaveRequest): Promise<SaveResult> {
    const ws = this.workspace;
    const result = await ws.withArticle(id, async () => {
      if (req.overwrite) {
        // "Keep mine" over an outside edit: the outside text is kept as a revision first, never lost.
        await this.takeInOutsideChange(id);
      }
      const { doc, kept } = await ws.write(id, req.text, req.baseHash, req.overwrite ?? false);
      const source = req.source ?? 'save';
      await this.notifyTextChange({ id, doc, source, ...(req.label ? { label: req.label } : {}), ...(req.restoredFrom !== undefined ? { restoredFrom: req.restoredFrom } : {}) });
      this.baselined?.add(id);
      // Saved: the kept draft has done its job.
      await this.drafts.discard(id);
      return { ...doc, ...(kept ? { kept } : {}) };
    });
    const head = await this.revisions.head(id).catch(() => null);
    this.bus.emit('article.saved', { id, textHash: textHash(result.text), revision: head?.n ?? 0 });
    if (result.kept) this.bus.emit('articles.changed', {});
    return result;
  }

  /**
   * Writes an old revision's `text` back to the file as a new revision
   * (history is never rewritten); the text on disk now is taken in first, so
   * restoring never loses it.
   */
  async restore(id: string, text: string, restoredFrom: number, baseHash?: string, label?: string): Promise<ArticleDocument> {
    await this.syncFromDisk();
    const current = await this.workspace.readCurrent(id);
    const { kept: _kept, ...doc } = await this.save(id, {
      text,
      baseHash: baseHash ?? current.disk.hash,
      source: 'restore',
      restoredFrom,
      ...(label ? { label } : {}),
    });
    return doc;
  }

  /**
   * Records the file's current text as an outside edit if FactDesk has not seen it yet (caller holds the article's
   * section). False when the bytes are ones FactDesk wrote itself (a save that finished while the scan looked).
   */
  private async takeInOutsideChange(id: string): Promise<boolean> {
    const ws = this.workspace;
    const r = ws.record(id);
    let doc: ArticleDocument;
    try {
      doc = await ws.readCurrent(id);
    } catch (e) {
      // Unreadable bytes cannot be a revision: `write` keeps them in the trash instead.
      if (e instanceof FactDeskError && e.code !== 'article-missing') return true;
      throw e;
    }
    if (r.disk?.hash === doc.disk.hash) return false;
    await this.notifyTextChange({ id, doc, source: 'external' });
    await ws.acknowledgeDisk(id);
    return true;
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
    /** Files the scan met halfway through a save of FactDesk's own (a team member's typing written under an open editor): no outside change. */
    const ownWrites = new Set<string>();
    if (!ws.readOnly) {
      // An article's text when FactDesk first meets it becomes its revision 1.
      this.baselined ??= await this.revisions.recordedIds();
      for (const id of ws.ids()) {
        if (this.baselined.has(id) || result.changed.includes(id) || ws.record(id).missing) continue;
        try {
          await ws.withArticle(id, async () => this.notifyTextChange({ id, doc: await ws.readCurrent(id), source: 'first-seen' }));
          this.baselined.add(id);
        } catch (e) {
          console.error(`factdesk: could not record the first revision of ${id}:`, e instanceof Error ? e.message : e);
          this.baselined.add(id);
        }
      }
      for (const id of result.changed) {
        try {
          // Within the article's section, and only if still unseen: a save in flight has already recorded its own bytes.
          if (!(await ws.withArticle(id, () => this.takeInOutsideChange(id)))) ownWrites.add(id);
          this.baselined?.add(id);
        } catch (e) {
          // An unreadable file stays unacknowledged and is reported when opened.
          console.error(`factdesk: could not take in the outside change of ${id}:`, e instanceof Error ? e.message : e);
        }
      }
    }
    for (const f of result.skipped) {
      if (f.reason === 'name') this.notices.add('file-skipped-name', { name: f.name }, `skip-name:${f.name}`);
      else this.notices.add('file-skipped-size', { name: f.name, size: f.size ?? 0, max: maxArticleBytes }, `skip-size:${f.name}:${f.size}`);
    }
    for (const id of result.changed) if (!ownWrites.has(id)) this.bus.emit('article.changedOnDisk', { id, missing: false });
    for (const id of result.missing) this.bus.emit('article.changedOnDisk', { id, missing: true });
    if (result.added.length || result.missing.length || result.relinked.length || result.changed.length > ownWrites.size) this.bus.emit('articles.changed', {});
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
    this.offBus();
    await this.digests.close();
    if (this.syncTimer) clearTimeout(this.syncTimer);
    await this.watcher?.close();
    await this.syncing?.catch(() => {});
    // Changes already asked for are written before the lock is let go.
    await this.annotations.idle();
    await this.workspace.close();
  }
}

/** A store file that was damaged or missing and has been dealt with: the user is told, in every window. */
function recovered(notices: NoticeBoard, bus: EventBus, r: Recovery): void {
  bus.emit('store.recovered', r);
  if (r.movedTo === '') notices.add('store-restored-missing', { file: r.file });
  else notices.add(r.restored ? 'store-recovered' : 'store-recovered-empty', { file: r.file, movedTo: r.movedTo });
}
