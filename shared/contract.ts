/**
 * The one API between the renderer and the services: every method's input
 * schema (validated at each host's boundary) and output type, and the events
 * the services push. Both hosts — Electron IPC and browser-mode HTTP — bind
 * this same table through one dispatcher.
 */
import { z } from 'zod';
import type { MethodName, EventName } from './contract-names.js';
import type { ErrorPayload } from './errors.js';
import type { AnchorCandidate } from './anchoring/index.js';
import {
  claimStatuses,
  type AddDetectedResult,
  type AuditEntry,
  type Claim,
  type ClaimCandidate,
  type ClaimList,
  type DiskComparison,
  type RevisionInfo,
  type RevisionText,
} from './annotations.js';
import type { CheckerRelation } from './checks/index.js';
import { claimKinds } from './claims/index.js';
import { workflowStatuses, type AppInfo, type ArticleDocument, type ArticleDraft, type ArticleSummary, type SaveResult, type TrashEntry, type WorkspaceInfo, type WorkspaceNotice } from './model.js';
import type { DisplayDiff } from './revisions/index.js';
import type { TeamReview, TeamStatus } from './team/status.js';

/** Article ids are opaque tokens issued by the workspace index, never paths. */
export const articleIdSchema = z.string().regex(/^[a-z0-9]{6,40}$/, 'article id must be 6–40 lowercase letters or digits');

/** A workspace-relative file name chosen by the user (create, rename). */
export const articleNameSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => !s.includes('\0'), 'name must not contain NUL');

const empty = z.object({}).strict();

/** Ids FactDesk issues for claims, sources, comments and relations: a letter and hex digits. */
export const itemIdSchema = z.string().regex(/^[a-z][0-9a-z]{3,40}$/, 'id must be a letter followed by 3–40 lowercase letters or digits');

/** A UTF-16 offset into an article's text (as the editor shows it: `\n` line ends). */
const offsetSchema = z.number().int().min(0).max(20_000_000);
const fileHashSchema = z.string().regex(/^[0-9a-f]{64}$/);
const revisionSchema = z.number().int().min(1).max(10_000_000);
const claimRef = { articleId: articleIdSchema, claimId: itemIdSchema };
const note = z.string().max(20_000);
const claimFields = {
  kind: z.enum(claimKinds).optional(),
  value: z.number().finite().nullable().optional(),
  unit: z.string().max(40).nullable().optional(),
  assignee: z.string().max(200).nullable().optional(),
  note: note.optional(),
};
/** A source's link is shown as a link, so only web addresses are accepted. */
const sourceUrl = z.string().max(2000).refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u), 'url must start with http:// or https://');
const sourceFields = {
  title: z.string().max(1000),
  url: sourceUrl,
  publisher: z.string().max(500),
  accessed: z.string().max(40),
  quote: z.string().max(20_000),
  note,
};
const newSource = z
  .object({
    title: sourceFields.title,
    url: sourceUrl.optional(),
    publisher: sourceFields.publisher.optional(),
    accessed: sourceFields.accessed.optional(),
    quote: sourceFields.quote.optional(),
    note: note.optional(),
  })
  .strict()
  .refine((s) => s.title.trim() !== '' || (s.url ?? '') !== '', 'a source needs a title or a url');

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** Phantom marker carrying a method's output type. */
const out = <T>() => undefined as unknown as T;

export const contract = {
  'app.info': { input: empty, output: out<AppInfo>() },
  'workspace.info': { input: empty, output: out<WorkspaceInfo>() },
  /** What FactDesk must tell the user about its own files since the workspace was opened (recoveries, files left out, bytes kept). */
  'workspace.notices': { input: empty, output: out<WorkspaceNotice[]>() },
  'workspace.dismissNotice': { input: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) }).strict(), output: out<null>() },
  'articles.list': { input: empty, output: out<ArticleSummary[]>() },
  'articles.read': { input: z.object({ id: articleIdSchema }).strict(), output: out<ArticleDocument>() },
  'articles.write': {
    input: z
      .object({
        id: articleIdSchema,
        text: z.string().max(20_000_000),
        /** Hash of the file as the caller last saw it; a mismatch is a `changed-on-disk` error. */
        baseHash: z.string().regex(/^[0-9a-f]{64}$/),
        /** Save anyway over a file changed on disk ("keep mine"). */
        overwrite: z.boolean().optional(),
        label: z.string().max(200).optional(),
      })
      .strict(),
    output: out<SaveResult>(),
  },
  'articles.create': {
    input: z.object({ name: articleNameSchema, text: z.string().max(20_000_000).optional() }).strict(),
    output: out<ArticleSummary>(),
  },
  'articles.rename': { input: z.object({ id: articleIdSchema, name: articleNameSchema }).strict(), output: out<ArticleSummary>() },
  'articles.delete': { input: z.object({ id: articleIdSchema }).strict(), output: out<TrashEntry>() },
  'trash.list': { input: empty, output: out<TrashEntry[]>() },
  'trash.restore': { input: z.object({ trashId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }).strict(), output: out<ArticleSummary>() },
  'articles.setWorkflow': { input: z.object({ id: articleIdSchema, workflow: z.enum(workflowStatuses) }).strict(), output: out<ArticleSummary>() },
  /** The article's audit log, oldest first. */
  'articles.audit': { input: z.object({ id: articleIdSchema }).strict(), output: out<AuditEntry[]>() },
  /**
   * For "changed on disk": the diff from the revision the editor was based on
   * (found by the file hash it read) to the file now, and from the editor's
   * unsaved `text` to the file when sent.
   */
  'articles.compareDisk': {
    input: z.object({ id: articleIdSchema, baseHash: fileHashSchema, text: z.string().max(20_000_000).optional() }).strict(),
    output: out<DiskComparison>(),
  },
  'claims.list': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<ClaimList>() },
  /** The figures the claim engine finds in the article now, each with the claim covering it (if any). */
  'claims.detect': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<ClaimCandidate[]>() },
  /** A claim on a selection of the saved text; kind/value/unit default to what the claim engine reads there. */
  'claims.add': {
    input: z
      .object({ articleId: articleIdSchema, start: offsetSchema, end: offsetSchema, baseHash: fileHashSchema.optional(), ...claimFields })
      .strict()
      .refine((i) => i.end > i.start, 'end must be after start'),
    output: out<Claim>(),
  },
  /** Detected figures as claims: the one at exactly start..end, or (without a span) every one not annotated yet. */
  'claims.addDetected': {
    input: z
      .object({ articleId: articleIdSchema, start: offsetSchema.optional(), end: offsetSchema.optional() })
      .strict()
      .refine((i) => (i.start === undefined) === (i.end === undefined), 'give both start and end, or neither'),
    output: out<AddDetectedResult>(),
  },
  'claims.update': { input: z.object({ ...claimRef, ...claimFields }).strict(), output: out<Claim>() },
  /** Soft delete: the claim is kept and can be restored. */
  'claims.delete': { input: z.object(claimRef).strict(), output: out<Claim>() },
  'claims.restore': { input: z.object(claimRef).strict(), output: out<Claim>() },
  'claims.setStatus': {
    input: z.object({ ...claimRef, status: z.enum(claimStatuses), verdictNote: note.optional() }).strict(),
    output: out<Claim>(),
  },
  'claims.addSource': { input: z.object({ ...claimRef, source: newSource }).strict(), output: out<Claim>() },
  'claims.updateSource': {
    input: z
      .object({
        ...claimRef,
        sourceId: itemIdSchema,
        source: z.object(sourceFields).partial().strict(),
      })
      .strict(),
    output: out<Claim>(),
  },
  'claims.removeSource': { input: z.object({ ...claimRef, sourceId: itemIdSchema }).strict(), output: out<Claim>() },
  'claims.addComment': { input: z.object({ ...claimRef, text: note.min(1) }).strict(), output: out<Claim>() },
  'claims.editComment': { input: z.object({ ...claimRef, commentId: itemIdSchema, text: note.min(1) }).strict(), output: out<Claim>() },
  'claims.removeComment': { input: z.object({ ...claimRef, commentId: itemIdSchema }).strict(), output: out<Claim>() },
  /** Attaches a claim (an orphan, typically) to start..end of the saved text. */
  'claims.reattach': {
    input: z
      .object({ ...claimRef, start: offsetSchema, end: offsetSchema, baseHash: fileHashSchema.optional() })
      .strict()
      .refine((i) => i.end > i.start, 'end must be after start'),
    output: out<Claim>(),
  },
  /** Where in the saved text a claim could be re-attached, best first. */
  'claims.reattachCandidates': { input: z.object(claimRef).strict(), output: out<AnchorCandidate[]>() },
  /** A relation a checker states among the article's claims: `A + B ≤ C` with A, B, C = claimIds. */
  'relations.add': {
    input: z.object({ articleId: articleIdSchema, expression: z.string().min(1).max(500), claimIds: z.array(itemIdSchema).max(26) }).strict(),
    output: out<CheckerRelation>(),
  },
  'relations.remove': { input: z.object({ articleId: articleIdSchema, relationId: itemIdSchema }).strict(), output: out<CheckerRelation>() },
  /** The article's revisions, oldest first. */
  'revisions.list': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<RevisionInfo[]>() },
  'revisions.text': { input: z.object({ articleId: articleIdSchema, revision: revisionSchema }).strict(), output: out<RevisionText>() },
  /** The readable diff from revision `from` to revision `to`. */
  'revisions.diff': {
    input: z.object({ articleId: articleIdSchema, from: revisionSchema, to: revisionSchema }).strict(),
    output: out<DisplayDiff>(),
  },
  /** Writes an old revision's text back to the file, recorded as a new revision (history is never rewritten). */
  'revisions.restore': {
    input: z
      .object({ articleId: articleIdSchema, revision: revisionSchema, baseHash: fileHashSchema.optional(), label: z.string().max(200).optional() })
      .strict(),
    output: out<ArticleDocument>(),
  },
  /** Unsaved edits kept for an article (crash recovery), or null. */
  'drafts.get': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<ArticleDraft | null>() },
  /** Keeps the editor's unsaved text on disk until it is saved or discarded. */
  'drafts.put': {
    input: z.object({ articleId: articleIdSchema, text: z.string().max(20_000_000), baseHash: fileHashSchema }).strict(),
    output: out<ArticleDraft>(),
  },
  'drafts.discard': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<null>() },
  /** The team connection: online / offline / syncing, the member, the changes waiting to be sent. */
  'team.status': { input: empty, output: out<TeamStatus>() },
  /** Links this workspace to a team server with a join token and connects (team articles appear as files here). */
  'team.connect': {
    input: z
      .object({
        url: z.string().max(2000).regex(/^wss?:\/\/[^\s]+$/i, 'the address must start with ws:// or wss://'),
        token: z.string().min(3).max(200).regex(/^[A-Za-z0-9._-]+$/, 'a join token is letters, digits, dots, dashes and underscores'),
      })
      .strict(),
    output: out<TeamStatus>(),
  },
  /** Works offline: changes are kept on disk and sent on reconnect. */
  'team.disconnect': { input: empty, output: out<TeamStatus>() },
  'team.reconnect': { input: empty, output: out<TeamStatus>() },
  /** An article's review conflicts (both values and who set them) and its audit log as the team server keeps it. */
  'team.review': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<TeamReview>() },
  /** A team article's text as a Yjs update (base64), for an editor bound to it live. */
  'team.textState': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<{ update: string }>() },
  /** What an editor bound live to a team article typed (a Yjs update) or where its cursor is (an awareness update), base64. */
  'team.textPush': {
    input: z
      .object({ articleId: articleIdSchema, update: base64.max(28_000_000).optional(), awareness: base64.max(65_536).optional() })
      .strict(),
    output: out<null>(),
  },
} satisfies Record<MethodName, { input: z.ZodType; output: unknown }>;

// Both directions: every name has a schema, every schema has a name.
type _NamesMatch = keyof typeof contract extends MethodName ? (MethodName extends keyof typeof contract ? true : never) : never;
const _namesMatch: _NamesMatch = true;
void _namesMatch;

export type Contract = typeof contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = Contract[M]['output'];

/** Payloads of the events the services push to every connected renderer. */
export interface EventMap {
  /** The article list changed (created, renamed, deleted, restored, found on disk). */
  'articles.changed': Record<string, never>;
  /** An article's file changed on disk outside FactDesk. */
  'article.changedOnDisk': { id: string; missing: boolean };
  /** A different workspace was opened. */
  'workspace.changed': { root: string };
  /** An article's claims, relations, audit log or workflow changed: every window showing it reloads them. */
  'claims.changed': { id: string };
  /** A revision of an article was recorded. */
  'revisions.changed': { id: string; revision: number };
  /**
   * A damaged store file was moved aside to `movedTo` and, if `restored`, its
   * last good copy put back (translated as `store-corrupt` /
   * `store-corrupt-no-backup`).
   */
  'store.recovered': { file: string; movedTo: string; restored: boolean };
  /** A notice for the user (also listed by `workspace.notices`). */
  'workspace.notice': WorkspaceNotice;
  /**
   * An article was saved (or a revision restored) in FactDesk. `textHash` is
   * `textHash()` of the saved text: a window holding that text ignores it;
   * a clean window showing the article follows it.
   */
  'article.saved': { id: string; textHash: string; revision: number };
  /** The team connection changed (state, changes waiting, an error such as a refused change). */
  'team.status': TeamStatus;
  /** A team article's text changed (a Yjs update) or someone's cursor moved (an awareness update), base64. */
  'team.text': { articleId: string; update?: string; awareness?: string };
}

type _EventsMatch = keyof EventMap extends EventName ? (EventName extends keyof EventMap ? true : never) : never;
const _eventsMatch: _EventsMatch = true;
void _eventsMatch;

/** The client every renderer component uses; both transports implement it. */
export type FactDeskApi = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
};

export type Unsubscribe = () => void;

export interface FactDeskEvents {
  on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void): Unsubscribe;
}

/** The result envelope on the wire (IPC), so typed errors survive serialization. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ErrorPayload };

export { methodNames, eventNames, ipcChannel } from './contract-names.js';
export type { MethodName, EventName } from './contract-names.js';
