/**
 * The team client of one open workspace: keeps the local files and sidecars
 * in step with the team's Yjs documents on a Hocuspocus server.
 *
 * - The local files stay the working copy. The team's text of an article
 *   reaches the file through `Session.save` (atomic, in the file's own
 *   encoding, a revision, claims re-anchored by the store's one routine — so
 *   a remote edit that changes a checked figure makes the claim
 *   needs-recheck exactly as a local one). Every change of the file's text
 *   (a save in the app, an edit outside FactDesk) goes up as an edit,
 *   merged with what the team typed meanwhile (`rebaseChanges`).
 * - Review changes go up as events (`shared/team/review.ts`); the events of
 *   others are written into the sidecar, which stays a readable copy.
 * - Every update is kept in `.factdesk/team/docs/` (`DocLog`) before it
 *   counts as made, so offline work survives a restart and is merged on
 *   reconnect.
 *
 * Plain Node (no `electron`): browser mode and the desktop app share it.
 */
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import { applyAwarenessUpdate, encodeAwarenessUpdate } from 'y-protocols/awareness';
import * as Y from 'yjs';
import { computeChanges } from '../../../shared/anchoring/index.js';
import type { AuditEntry, Claim, ClaimStatus, RevisionInfo, RevisionSource } from '../../../shared/annotations.js';
import type { GateOverride } from '../../../shared/export/index.js';
import { FactDeskError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../../../shared/errors.js';
import type { WorkflowStatus } from '../../../shared/model.js';
import {
  indexDocName,
  parseDocName,
  reviewDocName,
  teamArticleIdPattern,
  textDocName,
  type TeamArticleEntry,
  type TeamAuditEntry,
} from '../../../shared/team/docs.js';
import { textHash } from '../../../shared/revisions/index.js';
import { mapPosition, rebaseChanges } from '../../../shared/team/merge.js';
import { nextRevision, revisionEvents, revisionInfos, revisionText } from '../../../shared/team/revisions.js';
import {
  deriveReview,
  fieldState,
  reviewEventSchema,
  sourceTextFields,
  type FieldState,
  type FieldValue,
  type ReviewEvent,
  type ReviewState,
  type SettableField,
} from '../../../shared/team/review.js';
import type { CheckerRelation } from '../../../shared/checks/types.js';
import { assertMayDo, isTeamRole, mayDo, type TeamAction, type TeamRole } from '../../../shared/team/roles.js';
import type { TeamConflict, TeamReview, TeamStatus } from '../../../shared/team/status.js';
import { writeFileDurable } from '../durable-file.js';
import { PerKeyQueue } from '../per-key-queue.js';
import { readStoreFile } from '../safe-open.js';
import type { Session, TextChange } from '../session.js';
import { normalizeArticleName } from '../workspace-paths.js';
import { DocLog } from './doc-log.js';

/** What links a workspace to a team: `.factdesk/team/link.json`. */
interface TeamLink {
  version: 1;
  url: string;
  token: string;
  member: { name: string; role: TeamRole };
  /** Team article id → local article id. */
  articles: Record<string, string>;
  /** The member chose to work offline (kept across restarts). */
  offline?: boolean;
}

interface TeamDoc {
  name: string;
  doc: Y.Doc;
  log: DocLog;
  provider: HocuspocusProvider | null;
  synced: boolean;
}

/** One page of an article's audit log, as the server sends it. */
interface AuditPage {
  entries: Array<TeamAuditEntry & { seq: number }>;
  more: boolean;
}

/** Origin of changes this client makes to a team document. */
const localOrigin = 'factdesk-local';
/** Origin of what an editor bound live (in a window) typed or where its cursor moved. */
const rendererOrigin = 'factdesk-renderer';

const newEventId = () => 'e' + randomBytes(8).toString('hex');

/** A server refusal arrives as a close reason `team:<code>:<detail>`. */
function parseRefusal(reason: string | undefined): ErrorPayload | null {
  const m = /^team:(team-[a-z-]+):(.*)$/.exec(reason ?? '');
  if (!m) return null;
  const code = m[1] as ErrorCode;
  const detail = m[2]!;
  if (code === 'team-role-refused') {
    const [role, action] = detail.split(':');
    return { code, message: `the team server refused: ${detail}`, params: { role: role ?? '', action: action ?? '' } };
  }
  return { code, message: `the team server refused: ${detail}`, params: { reason: detail } };
}

export interface TeamClientOptions {
  /** Longest wait between reconnection attempts (ms). */
  maxReconnectDelay?: number;
}

export class TeamClient {
  private link: TeamLink | null = null;
  private socket: HocuspocusProviderWebsocket | null = null;
  private readonly docs = new Map<string, TeamDoc>();
  private userOffline = false;
  private error: ErrorPayload | null = null;
  private socketOpen = false;
  /** Set once a connection attempt failed, until the next one succeeds: the status bar says offline, not connecting. */
  private unreachable = false;
  /** The file's text as this client last saw it, per local article: the base of the next local change. */
  private readonly lastDisk = new Map<string, string>();
  /** The text this client is writing to a file right now (its own write is not a local edit). */
  private readonly writing = new Map<string, string>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly queue = new PerKeyQueue();
  /** Field heads already written into the sidecar: `teamId|claimId|field` → head ids. */
  private readonly applied = new Map<string, string>();
  private statusTimer: NodeJS.Timeout | null = null;
  private closed = false;
  /** Team articles whose documents are open and observed. */
  private readonly opened = new Set<string>();
  /** What this member has read of each team article's audit log (kept on disk: readable offline). */
  private readonly auditCache = new Map<string, { seq: number; entries: TeamAuditEntry[] }>();
  private readonly auditWaiters = new Map<number, (page: AuditPage | null) => void>();
  private auditReq = 0;
  private helloWaiters: Array<(m: TeamLink['member'] | ErrorPayload) => void> = [];

  private constructor(
    private readonly session: Session,
    private readonly opts: TeamClientOptions,
  ) {
    session.onTextChange((c) => this.onLocalText(c));
  }

  /** The team client of a session: connects at once if the workspace is linked to a team. */
  static async attach(session: Session, opts: TeamClientOptions = {}): Promise<TeamClient> {
    const t = new TeamClient(session, opts);
    const link = await t.readLink();
    if (link && !session.workspace.readOnly) {
      t.link = link;
      t.userOffline = link.offline === true;
      t.signAs(link.member);
      await t.start();
    }
    return t;
  }

  /**
   * The team client of a command run in a team workspace (`factdesk export`):
   * no server, no article file written; the review documents of `localIds` are
   * read from what this computer keeps, so the publication gate sees the
   * team's conflicts and roles as the app does, and what the command adds
   * to the team (an override of the gate) waits in the log until the app
   * next connects. A read-only session (the app holds the workspace) gets
   * an unlinked client.
   */
  static async offline(session: Session, localIds: readonly string[]): Promise<TeamClient> {
    const t = new TeamClient(session, {});
    const link = await t.readLink();
    if (link && !session.workspace.readOnly) {
      t.link = link;
      t.userOffline = true;
      t.signAs(link.member);
      const wanted = new Set(localIds);
      for (const [teamId, localId] of Object.entries(link.articles)) {
        if (teamArticleIdPattern.test(teamId) && wanted.has(localId)) await t.openDoc(reviewDocName(teamId));
      }
    }
    return t;
  }

  /**
   * A publication of a team article through the gate (`run`, the export): an
   * override needs the role that may give it; the override and the move to
   * published that the export records become the team's. In a workspace
   * not linked to a team: `run` alone.
   */
  async publishThroughGate<T>(localId: string, overrideReason: string | undefined, run: () => Promise<T>): Promise<T> {
    if (!this.link) return run();
    if (overrideReason !== undefined) this.check('gate.override');
    const { overrides, workflow } = await this.publishing(localId);
    const r = await run();
    const after = await this.publishing(localId);
    await this.publishGateOverrides(localId, after.overrides.slice(overrides.length));
    // A publication moves the article to published: for the team too, when this member may move the workflow.
    if (after.workflow && after.workflow !== workflow && this.may('workflow')) await this.publishField(localId, null, 'workflow', after.workflow);
    return r;
  }

  /**
   * In a team workspace the member is who works here: what this app records (claims, comments, audit entries,
   * revisions) carries the team name the server knows, not the computer's profile.
   */
  private signAs(member: TeamLink['member']): void {
    if (member.name) this.session.setAuthor(member.name);
  }

  private get metaDir(): string {
    return this.session.workspace.metaDir;
  }

  private get linkPath(): string {
    return join(this.metaDir, 'team', 'link.json');
  }

  /**
   * Where this team's documents are kept: one folder per team server, so
   * linking the workspace to another team never mixes the two (and a failed
   * attempt leaves the first team's offline work where it was).
   */
  private docsDir(): string {
    return join(this.metaDir, 'team', createHash('sha256').update(this.link?.url ?? '').digest('hex').slice(0, 16), 'docs');
  }

  private async readLink(): Promise<TeamLink | null> {
    try {
      const l = JSON.parse((await readStoreFile(this.metaDir, this.linkPath)).toString('utf8')) as TeamLink;
      if (l.version !== 1 || typeof l.url !== 'string' || typeof l.token !== 'string' || !isTeamRole(l.member?.role)) return null;
      // A linked article id from the file is used as an id, never as a path.
      for (const [k, v] of Object.entries(l.articles ?? {})) if (!teamArticleIdPattern.test(k) || !teamArticleIdPattern.test(v)) delete l.articles[k];
      return l;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  private async saveLink(): Promise<void> {
    if (!this.link) return;
    await this.session.workspace.guardMeta();
    await fs.mkdir(join(this.metaDir, 'team'), { recursive: true });
    // The join token is a secret: readable by this user only.
    await writeFileDurable(this.linkPath, JSON.stringify(this.link, null, 2) + '\n', { mode: 0o600 });
  }

  // ---- Status --------------------------------------------------------------

  status(): TeamStatus {
    const waiting = [...this.docs.values()].reduce((n, d) => n + d.log.pending, 0);
    let state: TeamStatus['state'];
    if (!this.link) state = 'unlinked';
    else if (this.userOffline || !this.socket) state = 'offline';
    else if (!this.socketOpen) state = this.error?.code === 'team-auth-failed' || this.unreachable ? 'offline' : 'connecting';
    else if (waiting > 0 || [...this.docs.values()].some((d) => !d.synced)) state = 'syncing';
    else state = 'online';
    return { state, url: this.link?.url ?? null, member: this.link?.member ?? null, waiting, error: this.error };
  }

  private statusChanged(): void {
    if (this.statusTimer || this.closed) return;
    this.statusTimer = setTimeout(() => {
      this.statusTimer = null;
      this.session.bus.emit('team.status', this.status());
    }, 50);
  }

  /** The member's role, or null outside a team. */
  get role(): TeamRole | null {
    return this.link?.member.role ?? null;
  }

  /** Throws the translated refusal before anything is changed, when this member's role may not do it. */
  check(action: TeamAction): void {
    if (this.link) assertMayDo(this.link.member.role, action);
  }

  // ---- Connecting ----------------------------------------------------------

  /**
   * Links this workspace to the team at `url` with a join token and
   * connects: the team's articles appear as files here, and this
   * workspace's articles (if the member may create articles) go up.
   */
  async connect(url: string, token: string, timeoutMs = 15_000): Promise<TeamStatus> {
    if (this.session.workspace.readOnly) throw new FactDeskError('workspace-read-only', 'read-only', { reason: this.session.workspace.readOnlyReason ?? '' });
    if (!/^wss?:\/\/[^\s]+$/i.test(url)) throw new FactDeskError('invalid-input', 'the team server address must start with ws:// or wss://', { detail: 'url must start with ws:// or wss://' });
    await this.stop();
    this.error = null;
    this.userOffline = false;
    const previous = await this.readLink();
    const sameTeam = previous && previous.url === url;
    this.link = { version: 1, url, token, member: previous?.member ?? { name: '', role: 'fact-checker' }, articles: sameTeam ? previous.articles : {} };
    const hello = new Promise<TeamLink['member'] | ErrorPayload>((resolve) => {
      this.helloWaiters.push(resolve);
      setTimeout(() => resolve({ code: 'team-unreachable', message: `no answer from ${url}`, params: { url } }), timeoutMs).unref();
    });
    await this.start(false);
    const got = await hello;
    if ('code' in got) {
      await this.stop();
      // The team this workspace was linked to (if any) goes on as before.
      this.link = previous;
      if (previous) {
        this.userOffline = previous.offline === true;
        await this.start();
      }
      this.error = got;
      this.statusChanged();
      throw FactDeskError.fromPayload(got);
    }
    this.link.member = got;
    this.signAs(got);
    await this.saveLink();
    await this.whenIndexSynced(timeoutMs);
    await this.reconcile();
    this.statusChanged();
    return this.status();
  }

  /** Goes offline (the link is kept; changes are kept on disk and sent on reconnect). */
  async disconnect(): Promise<TeamStatus> {
    this.userOffline = true;
    this.detachAll();
    if (this.link) {
      this.link.offline = true;
      await this.saveLink();
    }
    this.statusChanged();
    return this.status();
  }

  async reconnect(): Promise<TeamStatus> {
    if (!this.link) throw new FactDeskError('team-not-linked', 'not linked', {});
    this.userOffline = false;
    this.error = null;
    delete this.link.offline;
    await this.saveLink();
    this.openSocket();
    for (const d of this.docs.values()) this.attachProvider(d);
    this.statusChanged();
    return this.status();
  }

  private async start(reconcile = true): Promise<void> {
    const index = await this.openDoc(indexDocName);
    const articles = index.doc.getMap<TeamArticleEntry>('articles');
    for (const teamId of articles.keys()) await this.openArticle(teamId);
    articles.observe((e) => {
      for (const key of e.keysChanged) void this.openArticle(key).catch((err) => this.fail(err));
    });
    if (!this.userOffline) {
      this.openSocket();
      for (const d of this.docs.values()) this.attachProvider(d);
    }
    if (reconcile) void this.reconcile().catch((e) => this.fail(e));
  }

  private openSocket(): void {
    if (this.socket || !this.link) return;
    const socket = new HocuspocusProviderWebsocket({
      url: this.link.url,
      WebSocketPolyfill: WebSocket,
      maxDelay: this.opts.maxReconnectDelay ?? 5000,
      delay: 200,
      minDelay: 200,
      // The provider's own ping check: a silent server is noticed within this time.
      messageReconnectTimeout: 30_000,
    });
    socket.on('status', ({ status }: { status: string }) => {
      this.socketOpen = status === 'connected';
      if (status === 'connected') this.unreachable = false;
      if (status === 'disconnected') this.unreachable = true;
      if (!this.socketOpen) for (const d of this.docs.values()) d.synced = false;
      this.statusChanged();
    });
    this.socket = socket;
  }

  private attachProvider(d: TeamDoc): void {
    if (!this.socket || !this.link || d.provider) return;
    const provider = new HocuspocusProvider({
      websocketProvider: this.socket,
      name: d.name,
      document: d.doc,
      token: this.link.token,
      // Presence is only shared on text documents (cursors); elsewhere it would only be traffic.
      ...(parseDocName(d.name)?.kind === 'text' || d.name === indexDocName ? {} : { awareness: null }),
      onSynced: () => {
        d.synced = true;
        if (!provider.hasUnsyncedChanges) void d.log.acknowledge();
        this.statusChanged();
      },
      onUnsyncedChanges: ({ number }) => {
        if (number === 0 && d.synced) void d.log.acknowledge();
        this.statusChanged();
      },
      onStateless: ({ payload }) => {
        if (parseDocName(d.name)?.kind === 'review') return this.onAuditMessage(payload);
        if (d.name !== indexDocName) return;
        try {
          const msg = JSON.parse(payload) as { type?: string; member?: { name: string; role: TeamRole } };
          if (msg.type === 'hello' && msg.member && isTeamRole(msg.member.role)) this.hello(msg.member);
        } catch {
          // Not ours.
        }
      },
      onAuthenticationFailed: ({ reason }) => {
        const e = parseRefusal(reason) ?? { code: 'team-auth-failed' as const, message: reason, params: { reason } };
        this.error = e;
        this.hello(e);
        // A token that is not accepted will not be accepted on the next try either.
        this.detachAll();
        this.statusChanged();
      },
      onClose: ({ event }) => {
        const e = parseRefusal(event?.reason);
        if (!e) return;
        this.error = e;
        this.session.bus.emit('team.status', this.status());
        if (e.code === 'team-auth-failed') {
          this.detachAll();
        } else if (e.code === 'team-limit') {
          // Too fast: nothing is wrong with the change itself; it goes again (with what followed) a moment later.
          d.provider?.destroy();
          d.provider = null;
          d.synced = false;
          setTimeout(() => this.attachProvider(d), 1000).unref();
        } else if (e.code === 'team-role-refused' || e.code === 'team-invalid-change') {
          // The refused change stays out of the team: this copy starts again from the server's.
          void this.resetDoc(d.name).catch((err) => this.fail(err));
        }
      },
    });
    provider.attach();
    d.provider = provider;
    const parsed = parseDocName(d.name);
    if (parsed?.kind === 'text' && provider.awareness) {
      const aw = provider.awareness;
      aw.on('update', ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
        const localId = this.link?.articles[parsed.articleId!];
        if (origin === rendererOrigin || !localId) return;
        const changed = [...added, ...updated, ...removed].filter((c) => c !== d.doc.clientID);
        if (changed.length) this.session.bus.emit('team.text', { articleId: localId, awareness: Buffer.from(encodeAwarenessUpdate(aw, changed)).toString('base64') });
      });
    }
  }

  private hello(m: TeamLink['member'] | ErrorPayload): void {
    const waiters = this.helloWaiters;
    this.helloWaiters = [];
    for (const w of waiters) w(m);
    if (!('code' in m) && this.link && (this.link.member.name !== m.name || this.link.member.role !== m.role)) {
      this.link.member = m;
      this.signAs(m);
      void this.saveLink().catch((e) => this.fail(e));
    }
  }

  private detachAll(): void {
    for (const d of this.docs.values()) {
      d.provider?.destroy();
      d.provider = null;
      d.synced = false;
    }
    // Closing a socket that is still connecting makes ws emit an error nobody else listens to.
    (this.socket?.webSocket as unknown as WebSocket | null | undefined)?.on?.('error', () => {});
    const socket = this.socket;
    if (socket) {
      socket.destroy();
      // A destroyed provider socket can still be asked to connect by a provider detaching from it, and its retry loop
      // would then dial a gone server forever (keeping the process alive): make sure it never connects again.
      socket.shouldConnect = false;
      socket.cancelWebsocketRetry?.();
      socket.connect = async () => {};
    }
    this.socket = null;
    this.socketOpen = false;
  }

  private async whenIndexSynced(timeoutMs: number): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (!this.docs.get(indexDocName)?.synced && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
  }

  /** Resolves once every document is synced and nothing waits to be sent (or after `timeoutMs`). */
  async settled(timeoutMs = 10_000): Promise<boolean> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      await this.queue.idle();
      const s = this.status();
      if (s.state === 'online' && !this.timers.size) return true;
      if (Date.now() > until) return false;
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  /** What is still going on (for a test that waits too long to say why). */
  pendingWork(): { timers: string[]; unsynced: string[]; waiting: Record<string, number> } {
    const docs = [...this.docs.values()];
    return {
      timers: [...this.timers.keys()],
      unsynced: docs.filter((d) => !d.synced).map((d) => d.name),
      waiting: Object.fromEntries(docs.filter((d) => d.log.pending > 0).map((d) => [d.name, d.log.pending])),
    };
  }

  private async stop(): Promise<void> {
    this.detachAll();
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    await this.queue.idle();
    for (const d of this.docs.values()) {
      await d.log.flushed();
      d.doc.destroy();
    }
    this.docs.clear();
    this.opened.clear();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.statusTimer) clearTimeout(this.statusTimer);
    await this.stop();
  }

  private fail(e: unknown): void {
    const p = toErrorPayload(e);
    console.error('factdesk team:', p.message);
    this.error = p;
    this.statusChanged();
  }

  // ---- Documents -----------------------------------------------------------

  private async openDoc(name: string): Promise<TeamDoc> {
    const have = this.docs.get(name);
    if (have) return have;
    const doc = new Y.Doc();
    const log = await DocLog.open(this.metaDir, this.docsDir(), name, doc);
    const d: TeamDoc = { name, doc, log, provider: null, synced: false };
    this.docs.set(name, d);
    this.bindLog(d);
    if (this.socket) this.attachProvider(d);
    return d;
  }

  private bindLog(d: TeamDoc): void {
    d.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === d.log) return;
      const local = origin !== d.provider;
      void d.log.append(update, local).catch((e) => this.fail(e));
      if (local) this.statusChanged();
      if (d.log.long) void d.log.fold(d.doc);
    });
  }

  /** Starts a document again from the server's copy (after the server refused a change in it). */
  private async resetDoc(name: string): Promise<void> {
    const d = this.docs.get(name);
    if (!d) return;
    d.provider?.destroy();
    d.provider = null;
    await d.log.flushed();
    await fs.rm(d.log.path, { force: true });
    d.doc.destroy();
    this.docs.delete(name);
    const parsed = parseDocName(name);
    if (parsed?.articleId) {
      this.opened.delete(parsed.articleId);
      this.docs.delete(textDocName(parsed.articleId));
      this.docs.delete(reviewDocName(parsed.articleId));
      await this.openArticle(parsed.articleId);
    } else {
      await this.openDoc(name);
    }
  }

  private index(): Y.Map<TeamArticleEntry> {
    return this.docs.get(indexDocName)!.doc.getMap<TeamArticleEntry>('articles');
  }

  private text(teamId: string): Y.Text | null {
    return this.docs.get(textDocName(teamId))?.doc.getText('text') ?? null;
  }

  private events(teamId: string): Y.Array<ReviewEvent> | null {
    return this.docs.get(reviewDocName(teamId))?.doc.getArray<ReviewEvent>('events') ?? null;
  }

  private teamIdOf(localId: string): string | null {
    if (!this.link) return null;
    for (const [t, l] of Object.entries(this.link.articles)) if (l === localId) return t;
    return null;
  }

  /** Opens an article's two documents and makes sure it has a local file. */
  private async openArticle(teamId: string): Promise<void> {
    if (!this.link || !teamArticleIdPattern.test(teamId) || this.opened.has(teamId)) return;
    const entry = this.index().get(teamId);
    if (!entry) return;
    this.opened.add(teamId);
    let name: string;
    try {
      // A name from the team is checked like any name a user types: nothing outside this workspace.
      name = normalizeArticleName(entry.name);
    } catch (e) {
      this.fail(e);
      return;
    }
    const textDoc = await this.openDoc(textDocName(teamId));
    const reviewDoc = await this.openDoc(reviewDocName(teamId));
    if (!this.link.articles[teamId]) {
      const ws = this.session.workspace;
      const existing = ws.ids().find((id) => ws.record(id).path === name && !this.teamIdOf(id));
      const localId = existing ?? (await ws.create(name, textDoc.doc.getText('text').toString()));
      this.link.articles[teamId] = localId;
      await this.saveLink();
      this.session.bus.emit('articles.changed', {});
    }
    textDoc.doc.getText('text').observe(() => this.schedule(teamId));
    // Editors bound live to this article (in any window) follow every change and every cursor.
    textDoc.doc.on('update', (update: Uint8Array) => {
      const localId = this.link?.articles[teamId];
      if (localId) this.session.bus.emit('team.text', { articleId: localId, update: Buffer.from(update).toString('base64') });
    });
    reviewDoc.doc.getArray('events').observe(() => this.schedule(teamId));
    this.schedule(teamId);
  }

  /**
   * Puts this workspace's articles into the team (an editor's first join)
   * and the team's into this workspace. Same name on both sides: the team's
   * text is written to the file (the local one stays in the History).
   */
  private async reconcile(): Promise<void> {
    if (!this.link) return;
    const ws = this.session.workspace;
    const index = this.index();
    for (const teamId of index.keys()) await this.openArticle(teamId);
    if (!mayDo(this.link.member.role, 'article.create')) return;
    for (const localId of ws.ids()) {
      const r = ws.record(localId);
      if (r.missing || this.teamIdOf(localId)) continue;
      if ([...index.values()].some((e) => e.name === r.path)) continue;
      await this.addArticle(localId, (await ws.readCurrent(localId)).text);
    }
  }

  /** Puts a local article into the team (its id becomes the team's id). */
  async addArticle(localId: string, text: string): Promise<void> {
    if (!this.link) return;
    this.check('article.create');
    const teamId = localId;
    this.link.articles[teamId] = localId;
    await this.saveLink();
    const textDoc = await this.openDoc(textDocName(teamId));
    textDoc.doc.transact(() => textDoc.doc.getText('text').insert(0, text), localOrigin);
    this.lastDisk.set(localId, text);
    await this.openDoc(reviewDocName(teamId));
    const index = this.docs.get(indexDocName)!;
    const entry: TeamArticleEntry = { name: this.session.workspace.record(localId).path, by: this.link.member.name, at: new Date().toISOString() };
    index.doc.transact(() => this.index().set(teamId, entry), localOrigin);
    await Promise.all([textDoc.log.flushed(), index.log.flushed()]);
    // The index observer opens the article (observers, providers) as for any other.
    await this.openArticle(teamId);
    await this.recordRevision(teamId, 'first-seen');
    // Claims already made here go up with the article.
    for (const c of (await this.session.annotations.list(localId)).claims) await this.publishClaim(localId, c);
  }

  // ---- Text: team → file ---------------------------------------------------

  private schedule(teamId: string): void {
    if (this.timers.has(teamId) || this.closed) return;
    this.timers.set(
      teamId,
      setTimeout(() => {
        this.timers.delete(teamId);
        void this.queue.run(teamId, () => this.syncArticle(teamId)).catch((e) => this.fail(e));
      }, 30),
    );
  }

  /** Writes the team's text to the file if they differ, then the team's review into the sidecar. */
  private async syncArticle(teamId: string): Promise<void> {
    const localId = this.link?.articles[teamId];
    const ytext = this.text(teamId);
    const ws = this.session.workspace;
    if (!localId || !ytext || !ws.has(localId)) return;
    if (!(await this.applyArticle(teamId, localId))) return;
    // Read within the article's section, so a save renaming the file into place is never met halfway.
    let doc = await ws.withArticle(localId, () => ws.readCurrent(localId));
    if (ws.record(localId).disk?.hash !== doc.disk.hash) {
      // An edit made outside FactDesk that the watcher has not taken in yet goes up first, never overwritten.
      await this.session.syncFromDisk();
      this.schedule(teamId);
      return;
    }
    // The team's text as it is now (it may have moved while the file was read).
    const text = ytext.toString();
    if (doc.text !== text) {
      this.writing.set(localId, text);
      try {
        // `lastDisk` follows inside the save (onLocalText sees this client's own write).
        doc = await this.session.save(localId, { text, baseHash: doc.disk.hash });
      } catch (e) {
        if (e instanceof FactDeskError && e.code === 'changed-on-disk') {
          this.schedule(teamId);
          return;
        }
        throw e;
      } finally {
        this.writing.delete(localId);
      }
    }
    if (doc.text === ytext.toString()) await this.applyReview(teamId, localId, doc.text);
    else this.schedule(teamId);
  }

  // ---- Text: file → team ---------------------------------------------------

  /** Hears every change of a file's text (in the article's critical section): it goes up as an edit. */
  private async onLocalText(c: TextChange): Promise<void> {
    if (!this.link) return;
    const teamId = this.teamIdOf(c.id);
    const ytext = teamId ? this.text(teamId) : null;
    if (!teamId || !ytext) return;
    const mine = c.doc.text;
    if (this.writing.get(c.id) === mine) {
      this.lastDisk.set(c.id, mine);
      return;
    }
    // The text FactDesk first met is not an edit; the team's text is written over it (it stays revision 1).
    if (c.source === 'first-seen') {
      if (!this.lastDisk.has(c.id)) this.lastDisk.set(c.id, mine);
      this.schedule(teamId);
      return;
    }
    // The change is against the text this client last knew in the file: the last change it heard, or its own
    // write. Not the revision before the one just recorded: the store may have recorded a state in between that
    // this client never heard (a file read half-written by another program, when claims were listed), and a diff
    // from it would send the whole text up again. Before it has heard any (an edit taken in as the session
    // opened), the revision before the one the store has just recorded for it.
    const known = this.lastDisk.get(c.id);
    const head = known === undefined ? await this.session.revisions.head(c.id) : null;
    const base =
      known ?? (head && head.n > 1 && head.hash === textHash(mine) ? await this.session.revisions.text(c.id, head.n - 1) : ytext.toString());
    this.lastDisk.set(c.id, mine);
    if (base === mine) return;
    // A member who may not edit the text gets the team's text back in the file; theirs stays in the History.
    if (!mayDo(this.link.member.role, 'text.edit')) {
      this.schedule(teamId);
      return;
    }
    const changes = rebaseChanges(base, mine, ytext.toString());
    const d = this.docs.get(textDocName(teamId))!;
    d.doc.transact(() => {
      for (let i = changes.length - 1; i >= 0; i--) {
        const ch = changes[i]!;
        if (ch.to > ch.from) ytext.delete(ch.from, ch.to - ch.from);
        if (ch.insert) ytext.insert(ch.from, ch.insert);
      }
    }, localOrigin);
    // One revision for the team, by the member whose change it was (others only write it to their files).
    await this.recordRevision(teamId, c.source, c.label);
    // The edit counts as made once it is in the team log on disk.
    await d.log.flushed();
  }

  /** Records the team text as it is now as the team's next revision (unless the latest one holds it). */
  private async recordRevision(teamId: string, source: RevisionSource, label?: string): Promise<void> {
    const ytext = this.text(teamId);
    if (!this.link || !ytext || !mayDo(this.link.member.role, 'text.edit')) return;
    const next = nextRevision(revisionEvents(this.validEvents(teamId)), ytext.toString(), source);
    if (next) await this.pushEvent(teamId, { ...this.base(), ...next, ...(label ? { label: label.slice(0, 200) } : {}) });
  }

  /** The team's revisions of an article (the same list for every member), or null if it is not a team article. */
  revisionList(localId: string): RevisionInfo[] | null {
    const teamId = this.teamIdOf(localId);
    if (!teamId || !this.text(teamId)) return null;
    return revisionInfos(revisionEvents(this.validEvents(teamId)));
  }

  /** Writes the team's revision `n` (its `text`) back as the article's next revision, for everyone. */
  async restore(localId: string, text: string, n: number, baseHash?: string, label?: string) {
    return this.session.restore(localId, text, n, baseHash, label);
  }

  /** The team text of an article as one Yjs update, for an editor bound to it live. */
  textState(localId: string): { update: string } {
    const teamId = this.teamIdOf(localId);
    const d = teamId ? this.docs.get(textDocName(teamId)) : undefined;
    if (!d) throw new FactDeskError('team-not-linked', 'not a team article', {});
    return { update: Buffer.from(Y.encodeStateAsUpdate(d.doc)).toString('base64') };
  }

  /** What a live editor typed, or where its cursor is: into the team document (and so to the team and the file). */
  async textPush(localId: string, update?: string, awareness?: string): Promise<null> {
    const teamId = this.teamIdOf(localId);
    const d = teamId ? this.docs.get(textDocName(teamId)) : undefined;
    if (!d) throw new FactDeskError('team-not-linked', 'not a team article', {});
    if (update) {
      this.check('text.edit');
      try {
        Y.applyUpdate(d.doc, Buffer.from(update, 'base64'), rendererOrigin);
      } catch {
        throw new FactDeskError('invalid-input', 'not a Yjs update', { detail: 'update is not a Yjs update' });
      }
      await d.log.flushed();
    }
    const aw = d.provider?.awareness;
    if (awareness && aw) applyAwarenessUpdate(aw, Buffer.from(awareness, 'base64'), rendererOrigin);
    return null;
  }

  /** The text of the team's revision `n` of an article, or null if it is not a team article. */
  revisionText(localId: string, n: number): { revision: RevisionInfo; text: string } | null {
    const teamId = this.teamIdOf(localId);
    if (!teamId || !this.text(teamId)) return null;
    const revs = revisionEvents(this.validEvents(teamId));
    const text = revisionText(revs, n);
    return { revision: revisionInfos(revs)[n - 1]!, text };
  }

  // ---- Review: events ------------------------------------------------------

  private async pushEvent(teamId: string, event: ReviewEvent): Promise<void> {
    const d = this.docs.get(reviewDocName(teamId));
    if (!d) return;
    d.doc.transact(() => d.doc.getArray<ReviewEvent>('events').push([event]), localOrigin);
    await d.log.flushed();
  }

  private base(): { id: string; by: string; at: string } {
    return { id: newEventId(), by: this.link!.member.name, at: new Date().toISOString() };
  }

  /** The heads a new value of a field replaces. */
  private heads(teamId: string, claimId: string | null, field: SettableField, itemId?: string): string[] {
    return fieldState(deriveReview(this.validEvents(teamId)), { claimId, itemId, field })?.heads ?? [];
  }

  private validEvents(teamId: string): ReviewEvent[] {
    return (this.events(teamId)?.toArray() ?? []).filter((e) => reviewEventSchema.safeParse(e).success);
  }

  /** A claim made here goes up, anchored with Yjs relative positions so it stays on its words. */
  async publishClaim(localId: string, claim: Claim): Promise<void> {
    const teamId = this.teamIdOf(localId);
    const ytext = teamId ? this.text(teamId) : null;
    if (!teamId || !ytext || claim.detached) return;
    const disk = this.lastDisk.get(localId) ?? ytext.toString();
    const through = computeChanges(disk, ytext.toString());
    const start = mapPosition(claim.anchor.start, through, false);
    const end = Math.max(start, mapPosition(claim.anchor.end, through, false));
    const rel = (i: number, assoc: number) => Buffer.from(Y.encodeRelativePosition(Y.createRelativePositionFromTypeIndex(ytext, i, assoc))).toString('base64');
    await this.pushEvent(teamId, {
      ...this.base(),
      kind: 'claim',
      claimId: claim.id,
      start: rel(start, 0),
      end: rel(end, -1),
      quote: claim.anchor.quote.slice(0, 2000),
      claimKind: claim.kind,
      value: claim.value,
      unit: claim.unit,
    });
  }

  async publishField(localId: string, claimId: string | null, field: SettableField, value: FieldValue, itemId?: string): Promise<void> {
    const teamId = this.teamIdOf(localId);
    if (!teamId) return;
    const prev = this.heads(teamId, claimId, field, itemId);
    await this.pushEvent(teamId, { ...this.base(), kind: 'set', claimId, ...(itemId ? { itemId } : {}), field, value, prev });
  }

  /**
   * After a bulk change (or its undo) made here: the given fields of the
   * given claims go up as this member's events where the team's value
   * differs from this copy's, and sources this copy has that the team has not
   * (or lacks that the team has) are added (or removed).
   */
  async publishBulk(targets: ReadonlyArray<{ articleId: string; claimId: string }>, fields: ReadonlyArray<'status' | 'verdict' | 'assignee'>, sources: boolean): Promise<void> {
    const byArticle = new Map<string, Set<string>>();
    for (const t of targets) byArticle.set(t.articleId, (byArticle.get(t.articleId) ?? new Set()).add(t.claimId));
    for (const [localId, claimIds] of byArticle) {
      const teamId = this.teamIdOf(localId);
      if (!teamId || !this.session.workspace.has(localId)) continue;
      const state = deriveReview(this.validEvents(teamId));
      const list = await this.session.annotations.list(localId);
      for (const c of [...list.claims, ...list.detached, ...list.deleted]) {
        const review = state.claims[c.id];
        if (!claimIds.has(c.id) || !review) continue;
        const mine = { status: c.status, verdict: c.verdictNote, assignee: c.assignee };
        const initial = { status: 'unchecked', verdict: '', assignee: null };
        for (const f of fields) {
          const team = fieldState(state, { claimId: c.id, field: f })?.value ?? initial[f];
          if (team !== mine[f]) await this.publishField(localId, c.id, f, mine[f]);
        }
        if (!sources) continue;
        for (const s of c.sources) if (!review.sources.some((x) => x.id === s.id)) await this.publishSource(localId, c.id, s);
        for (const s of review.sources) {
          if (!c.sources.some((x) => x.id === s.id) && fieldState(state, { claimId: c.id, itemId: s.id, field: 'source.removed' })?.value !== true) {
            await this.publishField(localId, c.id, 'source.removed', true, s.id);
          }
        }
      }
    }
  }

  async publishRelation(localId: string, r: CheckerRelation): Promise<void> {
    const teamId = this.teamIdOf(localId);
    if (!teamId) return;
    await this.pushEvent(teamId, { ...this.base(), kind: 'relation', relation: { id: r.id, expression: r.expression, claimIds: r.claimIds } });
  }

  async publishSource(localId: string, claimId: string, s: Claim['sources'][number]): Promise<void> {
    const teamId = this.teamIdOf(localId);
    if (!teamId) return;
    const { id, title, url, publisher, accessed, quote, note } = s;
    await this.pushEvent(teamId, { ...this.base(), kind: 'source', claimId, source: { id, title, url, publisher, accessed, quote, note } });
  }

  async publishComment(localId: string, claimId: string, m: Claim['comments'][number]): Promise<void> {
    const teamId = this.teamIdOf(localId);
    if (!teamId) return;
    await this.pushEvent(teamId, { ...this.base(), kind: 'comment', claimId, comment: { id: m.id, text: m.text } });
  }

  /** Whether this member's role allows `action`. */
  may(action: TeamAction): boolean {
    return !!this.link && mayDo(this.link.member.role, action);
  }

  /** The article's gate overrides and workflow as this member's store has them. */
  async publishing(localId: string): Promise<{ overrides: GateOverride[]; workflow: WorkflowStatus | undefined }> {
    const p = await this.session.annotations.publishing(localId);
    return { overrides: p.overrides ?? [], workflow: p.workflow };
  }

  /** Overrides of the publication gate this member's store recorded go up as team events (editors only). */
  async publishGateOverrides(localId: string, overrides: readonly GateOverride[]): Promise<void> {
    const teamId = this.teamIdOf(localId);
    if (!teamId || overrides.length === 0) return;
    this.check('gate.override');
    for (const o of overrides) {
      await this.pushEvent(teamId, { ...this.base(), at: o.at, kind: 'gate-override', note: o.reason.slice(0, 2000), claimIds: o.claimIds.slice(0, 10_000) });
    }
  }

  /** Writes the team's review into the sidecar (the file holds the team's text right now: `text`). */
  private async applyReview(teamId: string, localId: string, text: string): Promise<void> {
    const ytext = this.text(teamId);
    const doc = this.docs.get(textDocName(teamId))?.doc;
    if (!ytext || !doc || !this.link) return;
    const state = deriveReview(this.validEvents(teamId));
    const store = this.session.annotations;
    const list = await store.list(localId);
    const local = new Map([...list.claims, ...list.detached, ...list.deleted].map((c) => [c.id, c]));
    for (const [claimId, review] of Object.entries(state.claims)) {
      if (!local.has(claimId)) {
        const abs = (b64: string) => Y.createAbsolutePositionFromRelativePosition(Y.decodeRelativePosition(Buffer.from(b64, 'base64')), doc)?.index ?? null;
        const start = abs(review.claim.start);
        const end = abs(review.claim.end);
        if (start === null || end === null || end <= start || ytext.toString() !== text) continue;
        const c = review.claim;
        const adopted = await store.adoptClaim(localId, { id: claimId, start, end, kind: c.claimKind, value: c.value, unit: c.unit, by: c.by, at: c.at });
        if (adopted) local.set(claimId, adopted);
      }
      const mine = local.get(claimId);
      if (!mine) continue;
      for (const field of ['status', 'verdict', 'assignee', 'deleted'] as const) {
        const f = review.fields[field];
        if (!f) continue;
        const key = `${teamId}|${claimId}|${field}`;
        const heads = f.heads.join(',');
        if (this.applied.get(key) === heads) continue;
        this.applied.set(key, heads);
        // A figure that changed after this verdict was given keeps the claim waiting for a re-check.
        if (field === 'status' && mine.recheck && f.at <= mine.recheck.at) continue;
        const change =
          field === 'status' ? { status: f.value as ClaimStatus } :
          field === 'verdict' ? { verdictNote: String(f.value ?? '') } :
          field === 'assignee' ? { assignee: (f.value as string | null) ?? null } :
          { deleted: f.value === true };
        await store.applyTeamChange(localId, claimId, change, f.by, f.at);
      }
      for (const s of review.sources) {
        if (mine.sources.some((x) => x.id === s.id) || review.items[s.id]?.['source.removed']?.value === true) continue;
        const { by, at, ...fields } = s;
        await store.applyTeamChange(localId, claimId, { source: { ...fields, addedBy: by, addedAt: at } }, by, at);
      }
      for (const m of review.comments) {
        if (mine.comments.some((x) => x.id === m.id) || review.items[m.id]?.['comment.removed']?.value === true) continue;
        await store.applyTeamChange(localId, claimId, { comment: { id: m.id, author: m.by, at: m.at, text: m.text } }, m.by, m.at);
      }
      // The claim's description, and edits and removals of its sources and comments: through the store's own routines.
      const update: Record<string, unknown> = {};
      let updateBy = '';
      for (const field of ['kind', 'value', 'unit', 'note'] as const) {
        const f = this.fresh(teamId, claimId, undefined, field, review.fields[field]);
        if (f && f.value !== mine[field]) {
          update[field] = f.value;
          updateBy = f.by;
        }
      }
      if (Object.keys(update).length) await store.update(localId, claimId, update, updateBy);
      for (const [itemId, fields] of Object.entries(review.items)) {
        await this.applyItem(localId, teamId, claimId, itemId, fields).catch((e: unknown) => {
          // A source or comment removed here meanwhile: nothing left to change.
          if (!(e instanceof FactDeskError && e.code === 'not-found')) throw e;
        });
      }
    }
    await this.applyRelations(teamId, localId, state, list.relations);
    for (const o of state.gateOverrides) {
      const key = `${teamId}|gate|${o.eventId}`;
      if (this.applied.has(key)) continue;
      this.applied.set(key, o.eventId);
      await store.applyTeamChange(localId, null, { override: { at: o.at, by: o.by, reason: o.note, claimIds: o.claimIds } }, o.by, o.at);
    }
    if (state.workflow) {
      const key = `${teamId}||workflow`;
      const heads = state.workflow.heads.join(',');
      if (this.applied.get(key) !== heads) {
        this.applied.set(key, heads);
        await store.applyTeamChange(localId, null, { workflow: state.workflow.value as WorkflowStatus }, state.workflow.by, state.workflow.at);
      }
    }
  }

  /**
   * A field's value when it has changed since this copy last applied it
   * (its heads are new), else undefined. Marks it applied.
   */
  private fresh(teamId: string, claimId: string | null, itemId: string | undefined, field: SettableField, f: FieldState | undefined): FieldState | undefined {
    if (!f) return undefined;
    const key = `${teamId}|${claimId ?? ''}|${itemId ?? ''}|${field}`;
    const heads = f.heads.join(',');
    if (this.applied.get(key) === heads) return undefined;
    this.applied.set(key, heads);
    return f;
  }

  /** Edits and the removal of one source or comment, from the team into the store. */
  private async applyItem(localId: string, teamId: string, claimId: string, itemId: string, fields: ReviewState['claims'][string]['items'][string]): Promise<void> {
    const store = this.session.annotations;
    const claim = await store.claim(localId, claimId);
    const source = claim.sources.find((s) => s.id === itemId);
    const comment = claim.comments.find((m) => m.id === itemId);
    const removed = this.fresh(teamId, claimId, itemId, source ? 'source.removed' : 'comment.removed', fields[source ? 'source.removed' : 'comment.removed']);
    if (source) {
      const patch: Record<string, string> = {};
      let by = '';
      for (const k of sourceTextFields) {
        const f = this.fresh(teamId, claimId, itemId, `source.${k}`, fields[`source.${k}`]);
        if (f && typeof f.value === 'string' && f.value !== (source[k] ?? '')) {
          patch[k] = f.value;
          by = f.by;
        }
      }
      if (Object.keys(patch).length) await store.updateSource(localId, claimId, itemId, patch, by);
      if (removed?.value === true) await store.removeSource(localId, claimId, itemId, removed.by);
    } else if (comment) {
      const f = this.fresh(teamId, claimId, itemId, 'comment.text', fields['comment.text']);
      if (f && typeof f.value === 'string' && f.value !== comment.text) await store.editComment(localId, claimId, itemId, f.value, f.by);
      if (removed?.value === true) await store.removeComment(localId, claimId, itemId, removed.by);
    }
  }

  /** Relations stated by members, and their removal, from the team into the store. */
  private async applyRelations(teamId: string, localId: string, state: ReviewState, mine: readonly CheckerRelation[]): Promise<void> {
    const store = this.session.annotations;
    for (const [id, r] of Object.entries(state.relations)) {
      const have = mine.some((x) => x.id === id);
      const removed = r.removed?.value === true;
      if (!have && !removed && !this.applied.has(`${teamId}|relation|${id}`)) {
        this.applied.set(`${teamId}|relation|${id}`, id);
        await store.addRelation(localId, r.relation.expression, r.relation.claimIds, { by: r.by, id }).catch((e: unknown) => this.fail(e));
      } else if (have && removed) {
        await store.removeRelation(localId, id, r.removed!.by);
      }
    }
  }

  /**
   * The article's name and deletion as the team has them: a rename moves
   * this member's file (a name checked like any a user types), a deletion
   * moves it to this member's trash. Returns false when the article is gone.
   */
  private async applyArticle(teamId: string, localId: string): Promise<boolean> {
    const state = deriveReview(this.validEvents(teamId));
    const ws = this.session.workspace;
    const deleted = this.fresh(teamId, null, undefined, 'article.deleted', state.article['article.deleted']);
    if (deleted?.value === true) {
      await ws.delete(localId);
      this.session.bus.emit('articles.changed', {});
      return false;
    }
    const named = this.fresh(teamId, null, undefined, 'name', state.article.name);
    if (named && typeof named.value === 'string') {
      const name = normalizeArticleName(named.value);
      if (ws.record(localId).path !== name) {
        await ws.rename(localId, name);
        await this.session.annotations.notePath(localId);
        this.session.bus.emit('articles.changed', {});
      }
    }
    return true;
  }

  /** Conflicts and the team's audit log of one article. */
  async review(localId: string): Promise<TeamReview> {
    const teamId = this.teamIdOf(localId);
    if (!this.link) throw new FactDeskError('team-not-linked', 'not linked', {});
    if (!teamId) return { articleId: localId, conflicts: [], audit: [] };
    const audit = await this.audit(teamId);
    return { articleId: localId, conflicts: this.conflicts(teamId), audit };
  }

  /** Every unresolved conflict of a team article: its claims' fields, their sources and comments, the article's own. */
  private conflicts(teamId: string): TeamConflict[] {
    const state = deriveReview(this.validEvents(teamId));
    const conflicts: TeamConflict[] = [];
    for (const [claimId, c] of Object.entries(state.claims)) {
      for (const [field, f] of Object.entries(c.fields)) if (f?.conflict) conflicts.push({ claimId, field: field as SettableField, values: f.conflict });
      for (const [itemId, fields] of Object.entries(c.items)) {
        for (const [field, f] of Object.entries(fields)) if (f?.conflict) conflicts.push({ claimId, itemId, field: field as SettableField, values: f.conflict });
      }
    }
    if (state.workflow?.conflict) conflicts.push({ claimId: null, field: 'workflow', values: state.workflow.conflict });
    for (const [field, f] of Object.entries(state.article)) if (f?.conflict) conflicts.push({ claimId: null, field: field as SettableField, values: f.conflict });
    return conflicts;
  }

  /**
   * The claims of an article whose review holds an unresolved conflict (empty outside a team): the publication gate
   * holds them like unchecked claims — the value the sidecar shows is only the latest, not a winner.
   */
  conflictedClaims(localId: string): Set<string> {
    const teamId = this.teamIdOf(localId);
    if (!teamId || !this.events(teamId)) return new Set();
    return new Set(this.conflicts(teamId).flatMap((c) => (c.claimId ? [c.claimId] : [])));
  }

  /**
   * An article's audit log as the app shows it, for a team article: what
   * members did, as the server recorded it (the same for everyone), with what
   * this copy noticed in the text itself (claims whose figure changed or whose
   * words were deleted, `by: null`). Null for an article outside the team.
   */
  async auditLog(localId: string): Promise<AuditEntry[] | null> {
    const teamId = this.teamIdOf(localId);
    if (!teamId || !this.text(teamId)) return null;
    const team = (await this.audit(teamId)).flatMap((e): AuditEntry[] => {
        const base = { at: e.at, by: e.by, ...(e.claimId ? { claimId: e.claimId } : {}) };
        const change = { before: e.before ?? null, after: e.after ?? null };
        switch (e.action) {
          case 'claim':
            return [{ ...base, action: 'claim.added', after: e.after ?? null }];
          case 'source':
            return [{ ...base, action: 'source.added', after: e.after ?? null }];
          case 'comment':
            return [{ ...base, action: 'comment.added', after: e.after ?? null }];
          case 'set.status':
            return [{ ...base, action: 'claim.status', ...change }];
          case 'set.verdict':
            return [{ ...base, action: 'claim.updated', field: 'verdictNote', ...change }];
          case 'set.assignee':
            return [{ ...base, action: 'claim.updated', field: 'assignee', ...change }];
          case 'set.deleted':
            return [{ ...base, action: e.after === true ? 'claim.deleted' : 'claim.restored' }];
          case 'set.workflow':
            return [{ ...base, action: 'workflow', ...change }];
          case 'gate-override':
            return [{ ...base, action: 'gate.override', before: `${e.before ?? 0} blocking claims`, after: e.after ?? null }];
          case 'set.kind':
          case 'set.value':
          case 'set.unit':
          case 'set.note':
            return [{ ...base, action: 'claim.updated', field: e.field!, ...change }];
          case 'set.source.removed':
            return [{ ...base, action: 'source.removed' }];
          case 'set.comment.text':
            return [{ ...base, action: 'comment.edited', ...change }];
          case 'set.comment.removed':
            return [{ ...base, action: 'comment.removed' }];
          case 'relation':
            return [{ ...base, action: 'relation.added', after: e.after ?? null }];
          case 'set.relation.removed':
            return [{ ...base, action: 'relation.removed' }];
          default:
            if (e.action.startsWith('set.source.')) return [{ ...base, action: 'source.updated', field: e.field!, ...change }];
            // Revisions are in the History; the article's creation is its first revision; renames and deletions in the list.
            return [];
        }
      });
    const noticed = (await this.session.annotations.auditLog(localId)).filter((e) => e.by === null);
    return [...team, ...noticed].sort((a, b) => a.at.localeCompare(b.at));
  }

  // ---- Audit log: a table on the server, read a page at a time -------------

  private auditPath(teamId: string): string {
    return join(this.docsDir(), '..', 'audit', `${teamId}.json`);
  }

  private onAuditMessage(payload: string): void {
    let msg: { type?: string; req?: number } & Partial<AuditPage>;
    try {
      msg = JSON.parse(payload) as typeof msg;
    } catch {
      return;
    }
    if (msg.type !== 'audit.page' || typeof msg.req !== 'number') return;
    const w = this.auditWaiters.get(msg.req);
    this.auditWaiters.delete(msg.req);
    w?.({ entries: Array.isArray(msg.entries) ? msg.entries : [], more: msg.more === true });
  }

  private requestAuditPage(d: TeamDoc, after: number): Promise<AuditPage | null> {
    const req = ++this.auditReq;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.auditWaiters.delete(req);
        resolve(null);
      }, 10_000);
      timer.unref();
      this.auditWaiters.set(req, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
      d.provider!.sendStateless(JSON.stringify({ type: 'audit.page', req, after, limit: 2000 }));
    });
  }

  /**
   * An article's audit log as the server keeps it, oldest first: what this
   * member has read before (from disk) and, when online, the pages added
   * since. Offline, what was read before.
   */
  async audit(teamId: string): Promise<TeamAuditEntry[]> {
    return this.queue.run(`audit|${teamId}`, async () => {
      let cache = this.auditCache.get(teamId);
      if (!cache) {
        try {
          cache = JSON.parse((await readStoreFile(this.metaDir, this.auditPath(teamId))).toString('utf8')) as { seq: number; entries: TeamAuditEntry[] };
        } catch {
          cache = { seq: 0, entries: [] };
        }
        this.auditCache.set(teamId, cache);
      }
      const d = this.docs.get(reviewDocName(teamId));
      // This member's own latest events are in the log once the server has acknowledged them.
      for (let i = 0; i < 100 && d?.provider && d.synced && d.provider.hasUnsyncedChanges; i++) await new Promise((r) => setTimeout(r, 20));
      let grew = false;
      while (d?.provider && d.synced) {
        const page = await this.requestAuditPage(d, cache.seq);
        if (!page) break;
        for (const { seq, ...e } of page.entries) {
          if (seq <= cache.seq) continue;
          cache.entries.push(e);
          cache.seq = seq;
          grew = true;
        }
        if (!page.more || page.entries.length === 0) break;
      }
      if (grew) {
        await fs.mkdir(join(this.docsDir(), '..', 'audit'), { recursive: true });
        await writeFileDurable(this.auditPath(teamId), JSON.stringify(cache));
      }
      return cache.entries;
    });
  }

  /** The local article id of a team article (tests and the CLI). */
  localIdOf(teamId: string): string | undefined {
    return this.link?.articles[teamId];
  }
}
