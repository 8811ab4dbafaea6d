/**
 * The team server: Hocuspocus with SQLite persistence (extension-database
 * over {@link DocStore}), optional Redis so several instances serve one
 * team, and the hooks that make it a newsroom's server — join tokens, roles
 * checked on every change, limits per connection, members cut off the moment
 * they are removed, and the audit log it keeps itself.
 */
import { unwatchFile, watchFile } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { Database } from '@hocuspocus/extension-database';
import { Redis } from '@hocuspocus/extension-redis';
import { Server, type Connection, type Extension } from '@hocuspocus/server';
import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { auditDocName, indexDocName, parseDocName, reviewDocName, type TeamAuditEntry, type TeamDocKind } from '../../shared/team/docs.js';
import { deriveReview, fieldValue, reviewEventSchema, type ReviewEvent } from '../../shared/team/review.js';
import { DocStore } from './doc-store.js';
import { checkAwareness, checkUpdate, Refusal, type Sender } from './guard.js';
import { MemberBook } from './members.js';

export interface TeamServerOptions {
  dataDir: string;
  port?: number;
  host?: string;
  /** `redis://host:port` to share documents with other instances. */
  redis?: string;
  /** Largest message one connection may send (bytes). */
  maxMessageBytes?: number;
  /** Messages a connection may send in a burst, and per second after it. */
  rateBurst?: number;
  ratePerSecond?: number;
  /** Quiet time before a document's log is folded into its snapshot (ms). */
  storeDebounceMs?: number;
  quiet?: boolean;
}

export interface TeamServer {
  url: string;
  port: number;
  members: MemberBook;
  store: DocStore;
  close(): Promise<void>;
}

interface ConnectionContext {
  member: Sender;
  kind: TeamDocKind;
}

// y-protocols' message types inside a Hocuspocus Sync message.
const syncStep2 = 1;
const syncUpdate = 2;
const messageSync = 0;
const messageAwareness = 1;
const messageSyncReply = 4;

/** Per-socket token bucket: one member's connection cannot flood the server. */
class RateLimit {
  private tokens: number;
  private last = Date.now();
  constructor(private readonly burst: number, private readonly perSecond: number) {
    this.tokens = burst;
  }
  take(): boolean {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** The Yjs update a message carries, if it is one that changes a document. */
function updateIn(data: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(data);
  decoding.readVarString(d);
  const type = decoding.readVarUint(d);
  if (type !== messageSync && type !== messageSyncReply) return null;
  const sync = decoding.readVarUint(d);
  if (sync !== syncStep2 && sync !== syncUpdate) return null;
  return decoding.readVarUint8Array(d);
}

/** The awareness update a message carries (a view into the message, so it can be checked in place). */
function awarenessIn(data: Uint8Array): Uint8Array | null {
  const d = decoding.createDecoder(data);
  decoding.readVarString(d);
  if (decoding.readVarUint(d) !== messageAwareness) return null;
  return decoding.readVarUint8Array(d);
}

/** The review events an update adds. */
function eventsIn(update: Uint8Array): ReviewEvent[] {
  const out: ReviewEvent[] = [];
  for (const s of Y.decodeUpdate(update).structs) {
    if (!(s instanceof Y.Item) || !(s.content instanceof Y.ContentAny)) continue;
    for (const v of s.content.arr) {
      const p = reviewEventSchema.safeParse(v);
      if (p.success) out.push(p.data);
    }
  }
  return out;
}

/** Most audit entries one page carries. */
const auditPageMax = 2000;

/** A data folder from before the audit table: its audit document's entries move into the table, once. */
function importAuditDocument(store: DocStore): void {
  if (store.auditCount() > 0) return;
  const state = store.fetch(auditDocName);
  if (!state) return;
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  const entries = doc.getArray<TeamAuditEntry>('entries').toArray();
  doc.destroy();
  if (entries.length) store.appendAudit(entries);
}

export async function startTeamServer(opts: TeamServerOptions): Promise<TeamServer> {
  const members = new MemberBook(opts.dataDir);
  const store = new DocStore(opts.dataDir);
  const limits = new WeakMap<object, RateLimit>();
  const burst = opts.rateBurst ?? 3000;
  const perSecond = opts.ratePerSecond ?? 600;
  let server: Server | null = null;
  const log = (...a: unknown[]) => {
    if (!opts.quiet) console.error('factdesk team-server:', ...a);
  };

  // The audit log is a table, served to members a page at a time (it grows with the team's history; nobody loads
  // it whole). Members reading an article's log are told of new entries on its review document (through Redis too).
  const appendAudit = async (entries: TeamAuditEntry[]) => {
    if (entries.length === 0) return;
    const seq = store.appendAudit(entries);
    for (const articleId of new Set(entries.map((e) => e.articleId))) {
      server?.hocuspocus.documents.get(reviewDocName(articleId))?.broadcastStateless(JSON.stringify({ type: 'audit', seq }));
    }
  };

  const hooks: Extension = {
    async onAuthenticate({ token, documentName, connectionConfig }) {
      const kind = parseDocName(documentName);
      if (!kind) throw new Refusal('team-invalid-change', 'unknown document');
      // A member added a moment ago (the CLI writes members.json) is found by reading the file again.
      let member = members.verify(token);
      if (!member) {
        members.reload();
        member = members.verify(token);
      }
      if (!member) throw new Refusal('team-auth-failed', 'token not accepted');
      if (kind.kind === 'audit') connectionConfig.readOnly = true;
      const context: ConnectionContext = { member: { id: member.id, name: member.name, role: member.role }, kind: kind.kind };
      return context;
    },
    async connected({ documentName, context, connection }) {
      // The client learns who it is in this team (its name signs its review events; its role is checked before it sends).
      const ctx = context as ConnectionContext;
      if (documentName === indexDocName) connection.sendStateless(JSON.stringify({ type: 'hello', member: { name: ctx.member.name, role: ctx.member.role } }));
    },
    async beforeHandleMessage({ update: data, context, document, documentName, connection }) {
      const ctx = context as ConnectionContext;
      if (!members.isCurrent(ctx.member.id)) throw new Refusal('team-auth-failed', 'member removed');
      const socket = (connection as Connection).webSocket as object;
      let limit = limits.get(socket);
      if (!limit) limits.set(socket, (limit = new RateLimit(burst, perSecond)));
      if (!limit.take()) throw new Refusal('team-limit', 'too many messages');
      // Nobody appears under another member's name: presence states are checked (and rewritten) in place.
      const presence = awarenessIn(data);
      if (presence) {
        const forged = checkAwareness(presence, ctx.member);
        if (forged) log(`${ctx.member.name} sent ${forged} presence state(s) under another name: rewritten`);
        return;
      }
      const update = updateIn(data);
      if (!update) return;
      checkUpdate(ctx.kind, ctx.member, document, update);
      // Durable before Hocuspocus applies and acknowledges it (in the turn of the commit: see DocStore).
      await store.log(documentName, update);
    },
    async onStateless({ connection, documentName, payload }) {
      const kind = parseDocName(documentName);
      let req: { type?: unknown; req?: unknown; after?: unknown; limit?: unknown };
      try {
        req = JSON.parse(payload) as typeof req;
      } catch {
        return;
      }
      if (kind?.kind !== 'review' || req.type !== 'audit.page' || typeof req.req !== 'number') return;
      const after = typeof req.after === 'number' && req.after >= 0 ? req.after : 0;
      const limit = typeof req.limit === 'number' ? Math.max(1, Math.min(auditPageMax, Math.floor(req.limit))) : auditPageMax;
      const page = store.auditPage(kind.articleId!, after, limit);
      connection.sendStateless(JSON.stringify({ type: 'audit.page', req: req.req, ...page }));
    },
    async onChange({ documentName, update, transactionOrigin, context }) {
      // Only the instance a member is connected to writes the audit entry (not the ones hearing it through Redis).
      const ctx = context as Partial<ConnectionContext>;
      if (!ctx.member || typeof transactionOrigin !== 'object' || transactionOrigin === null || !('webSocket' in transactionOrigin)) return;
      const kind = parseDocName(documentName);
      const at = new Date().toISOString();
      if (kind?.kind === 'review') {
        const added = eventsIn(update);
        if (added.length === 0) return;
        const doc = (transactionOrigin as Connection).document;
        const ids = new Set(added.map((e) => e.id));
        const before = deriveReview(doc.getArray<ReviewEvent>('events').toArray().filter((e) => !ids.has(e.id)));
        await appendAudit(
          added.map((e): TeamAuditEntry => {
            const base = { at, by: ctx.member!.name, articleId: kind.articleId!, action: e.kind };
            if (e.kind === 'set') {
              const prior = fieldValue(before, e);
              return { ...base, action: `set.${e.field}`, ...(e.claimId ? { claimId: e.claimId } : {}), ...(e.itemId ? { itemId: e.itemId } : {}), field: e.field, before: prior, after: e.value };
            }
            if (e.kind === 'claim') return { ...base, claimId: e.claimId, after: e.quote };
            if (e.kind === 'source') return { ...base, claimId: e.claimId, after: e.source.title || e.source.url };
            if (e.kind === 'comment') return { ...base, claimId: e.claimId, after: e.comment.text };
            if (e.kind === 'revision') return { ...base, after: e.label ?? e.source };
            if (e.kind === 'relation') return { ...base, itemId: e.relation.id, after: e.relation.expression };
            return { ...base, before: `${e.claimIds?.length ?? 0}`, after: e.note };
          }),
        );
      } else if (kind?.kind === 'index') {
        const entries: TeamAuditEntry[] = [];
        for (const s of Y.decodeUpdate(update).structs) {
          if (s instanceof Y.Item && s.content instanceof Y.ContentAny && s.parentSub) {
            for (const v of s.content.arr as Array<{ name: string }>) entries.push({ at, by: ctx.member.name, articleId: s.parentSub, action: 'article.create', after: v.name });
          }
        }
        await appendAudit(entries);
      }
    },
  };

  const extensions: Extension[] = [
    hooks,
    new Database({
      fetch: async ({ documentName }) => store.fetch(documentName),
      store: async ({ documentName, state }) => store.store(documentName, state),
    }),
  ];
  if (opts.redis) {
    const u = new URL(opts.redis);
    extensions.push(new Redis({ host: u.hostname, port: Number(u.port || 6379), prefix: 'factdesk' }));
  }

  server = new Server(
    {
      port: opts.port ?? 0,
      address: opts.host ?? '127.0.0.1',
      quiet: true,
      debounce: opts.storeDebounceMs ?? 2000,
      maxDebounce: 10_000,
      extensions,
    },
    // The per-connection message size cap: ws refuses bigger frames before they are buffered whole.
    { maxPayload: opts.maxMessageBytes ?? 24 * 1024 * 1024 },
  );
  await server.listen();
  importAuditDocument(store);

  // `factdesk team-server remove-member` edits members.json; the running server cuts the member off at once.
  const membersFile = members.file;
  const onMembers = () => {
    members.reload();
    for (const doc of server.hocuspocus.documents.values()) {
      for (const c of doc.getConnections()) {
        const ctx = c.context as Partial<ConnectionContext>;
        if (ctx.member && !members.isCurrent(ctx.member.id)) {
          log(`member ${ctx.member.name} removed: closing their connection`);
          c.close({ code: 4401, reason: 'team:team-auth-failed:removed' });
          c.webSocket.close(4401, 'member removed');
        }
      }
    }
  };
  watchFile(membersFile, { interval: 200 }, onMembers);

  const port = (server.httpServer.address() as AddressInfo).port;
  const host = opts.host ?? '127.0.0.1';
  return {
    url: `ws://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    members,
    store,
    close: async () => {
      unwatchFile(membersFile, onMembers);
      await server.destroy();
      store.close();
    },
  };
}
