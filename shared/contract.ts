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
  type BulkResult,
  type StatementCandidate,
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
import type { PublicationRecord, PublicationState } from './export/index.js';
import { languages } from './i18n/index.js';
import { exportFormats, profileRoles, workflowStatuses, type Profile, type ExportedFile, type WorkspaceSettings, type AppInfo, type ArticleDocument, type ArticleDraft, type ArticleSummary, type SaveResult, type TrashEntry, type WorkspaceInfo, type WorkspaceNotice } from './model.js';
import type { DisplayDiff } from './revisions/index.js';
import { boardColumns, type BoardPage, type SavedBoardFilter } from './board.js';
import type { RevisionChange } from './annotations.js';
import type { StatusCounts, WorkspaceDashboard } from './dashboard.js';
import { evidenceHashPattern, maxEvidenceBytes, type EvidenceInfo } from './evidence.js';
import type { TeamReview, TeamStatus } from './team/status.js';
import type { Suggestion, SuggestionList, SuggestionResult } from './suggestions.js';

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
const locator = z.string().max(500);
const sourceFields = {
  title: z.string().max(1000),
  url: sourceUrl,
  publisher: z.string().max(500),
  accessed: z.string().max(40),
  quote: z.string().max(20_000),
  locator,
  note,
};
const newSource = z
  .object({
    title: sourceFields.title,
    url: sourceUrl.optional(),
    publisher: sourceFields.publisher.optional(),
    accessed: sourceFields.accessed.optional(),
    quote: sourceFields.quote.optional(),
    locator: locator.optional(),
    note: note.optional(),
  })
  .strict()
  .refine((s) => s.title.trim() !== '' || (s.url ?? '') !== '', 'a source needs a title or a url');
/** What the checker says about a source whose copy is kept: the passage and where it is. */
const evidenceSourceFields = {
  title: sourceFields.title.optional(),
  publisher: sourceFields.publisher.optional(),
  quote: sourceFields.quote.optional(),
  locator: locator.optional(),
  note: note.optional(),
};

const boardFilterFields = {
  status: z.array(z.enum(claimStatuses)).max(claimStatuses.length).optional(),
  kind: z.array(z.enum(claimKinds)).max(claimKinds.length).optional(),
  assignee: z.array(z.string().max(80).nullable()).max(200).optional(),
  articleId: z.array(articleIdSchema).max(10_000).optional(),
  workflow: z.array(z.enum(workflowStatuses)).max(workflowStatuses.length).optional(),
  text: z.string().max(500).optional(),
};
const boardFilterSchema = z.object(boardFilterFields).strict();
const boardQuerySchema = z
  .object({
    ...boardFilterFields,
    sort: z.object({ column: z.enum(boardColumns), dir: z.enum(['asc', 'desc']) }).strict().optional(),
    offset: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
  })
  .strict();

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64');

/** Phantom marker carrying a method's output type. */
const out = <T>() => undefined as unknown as T;

export const contract = {
  'app.info': { input: empty, output: out<AppInfo>() },
  /** The profile kept in the app data folder (null before the first run asked for it), and the author the session uses now. */
  'profile.get': { input: empty, output: out<{ profile: Profile | null; author: string }>() },
  /** Keeps the profile; the session records its name as the author from then on. */
  'profile.set': { input: z.object({ name: z.string().trim().min(1).max(80), role: z.enum(profileRoles) }).strict(), output: out<Profile>() },
  'workspace.info': { input: empty, output: out<WorkspaceInfo>() },
  /** What FactDesk must tell the user about its own files since the workspace was opened (recoveries, files left out, bytes kept). */
  'workspace.notices': { input: empty, output: out<WorkspaceNotice[]>() },
  'workspace.dismissNotice': { input: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) }).strict(), output: out<null>() },
  'articles.list': { input: empty, output: out<ArticleSummary[]>() },
  /**
   * Claims by status of every article (or of those in `ids`), by article id, for the article
   * list's progress bars: one call for the whole list. Ids of articles that no longer exist are left out.
   */
  'articles.statusCounts': {
    input: z.object({ ids: z.array(articleIdSchema).max(100_000).optional() }).strict(),
    output: out<Record<string, StatusCounts>>(),
  },
  'articles.read': { input: z.object({ id: articleIdSchema }).strict(), output: out<ArticleDocument>() },
  /** The ids of the articles whose title, file name or text hold every word of `text` (any case), in list order. */
  'articles.search': { input: z.object({ text: z.string().trim().min(1).max(500) }).strict(), output: out<string[]>() },
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
  /** Moving to `published` passes the publication gate: while claims block, only with an editor's written reason. */
  'articles.setWorkflow': {
    input: z.object({ id: articleIdSchema, workflow: z.enum(workflowStatuses), overrideReason: z.string().max(2000).optional() }).strict(),
    output: out<ArticleSummary>(),
  },
  'articles.setPublicationUrl': { input: z.object({ id: articleIdSchema, url: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]) }).strict(), output: out<null>() },
  'workspace.settings': { input: empty, output: out<WorkspaceSettings>() },
  'workspace.setSettings': {
    input: z.object({ organization: z.object({ name: z.string().trim().min(1).max(200), url: z.url({ protocol: /^https?$/ }).optional() }).strict().optional() }).strict(),
    output: out<WorkspaceSettings>(),
  },
  /** The article's publications, what changed since the last one, and the gate now. */
  /** `brief`: what the article view's banner shows — no readable diff, and the gate's decision without its list of claims. */
  'export.state': { input: z.object({ articleId: articleIdSchema, brief: z.boolean().optional() }).strict(), output: out<PublicationState>() },
  /**
   * One article in one format. A publication copy (md, html, txt, docx) passes
   * the gate, needs a correction note after a change to a published article,
   * and is recorded; `preview` only looks.
   */
  'export.article': {
    input: z
      .object({
        articleId: articleIdSchema,
        format: z.enum(exportFormats),
        language: z.enum(languages),
        withCitations: z.boolean().optional(),
        embedClaimReview: z.boolean().optional(),
        overrideReason: z.string().max(2000).optional(),
        correction: z.string().max(5000).optional(),
        sinceRevision: revisionSchema.optional(),
        preview: z.boolean().optional(),
      })
      .strict(),
    output: out<{ file: ExportedFile; record?: PublicationRecord }>(),
  },
  /** The workspace's fact-check report over every article; progress as `export.progress` events for `jobId`. */
  'export.workspaceReport': {
    input: z
      .object({ format: z.enum(['report-html', 'report-pdf', 'csv', 'json']), language: z.enum(languages), jobId: z.string().regex(/^[a-z0-9]{4,32}$/) })
      .strict(),
    output: out<ExportedFile>(),
  },
  'export.cancel': { input: z.object({ jobId: z.string().regex(/^[a-z0-9]{4,32}$/) }).strict(), output: out<null>() },
  /** Claims from a W3C Web Annotation file, placed on the article's words; what cannot be placed arrives detached. */
  'export.import': {
    input: z.object({ articleId: articleIdSchema, json: z.string().max(20_000_000) }).strict(),
    output: out<{ attached: number; detached: number; skipped: number }>(),
  },
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
  /**
   * The article's claims. With `limit`, one page of the attached claims (`claims`, from `offset`,
   * in text order) and `page` says how many there are in all; detached, deleted and relations
   * come whole with every page. A window takes a long list page by page, never one huge answer.
   */
  'claims.list': {
    input: z.object({ articleId: articleIdSchema, offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    output: out<ClaimList>(),
  },
  /** The statements (awards, rankings, firsts, quotes…) found in the article now, each with the claim covering it (if any). */
  'claims.detectStatements': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<StatementCandidate[]>() },
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
      .object({
        articleId: articleIdSchema,
        start: offsetSchema.optional(),
        end: offsetSchema.optional(),
        /** Without a span: which kinds to take (default: all but bare years and dates). */
        kinds: z.array(z.enum(claimKinds)).max(claimKinds.length).optional(),
      })
      .strict()
      .refine((i) => (i.start === undefined) === (i.end === undefined), 'give both start and end, or neither'),
    output: out<AddDetectedResult>(),
  },
  'claims.update': { input: z.object({ ...claimRef, ...claimFields }).strict(), output: out<Claim>() },
  /** One page of every claim in the workspace, filtered, searched and sorted by the services. */
  'board.query': { input: boardQuerySchema, output: out<BoardPage>() },
  /** Every claim a filter keeps, as ids (select all within the filter). */
  /** With `range` (row indexes, `to` excluded, in the board's order or `sort`): only those rows (a Shift+click range over rows never fetched). */
  'board.select': {
    input: z
      .object({
        ...boardFilterFields,
        range: z
          .object({ from: z.number().int().min(0), to: z.number().int().min(0), sort: z.object({ column: z.enum(boardColumns), dir: z.enum(['asc', 'desc']) }).strict().optional() })
          .strict()
          .optional(),
      })
      .strict(),
    output: out<Array<{ articleId: string; claimId: string }>>(),
  },
  'board.filters': { input: empty, output: out<SavedBoardFilter[]>() },
  /** Everyone assigned at least one claim in the workspace, by name (the board's assignee filter offers them). */
  'board.assignees': { input: empty, output: out<string[]>() },
  'board.saveFilter': { input: z.object({ name: z.string().trim().min(1).max(80), filter: boardFilterSchema }).strict(), output: out<SavedBoardFilter>() },
  'board.removeFilter': { input: z.object({ id: itemIdSchema }).strict(), output: out<null>() },
  /**
   * One review change for many claims (status, verdict note, assignee, or a
   * source added to each): one audit entry per claim, one batch to undo.
   * Progress comes as `bulk.progress` events.
   */
  'claims.bulk': {
    input: z
      .object({
        targets: z.array(z.object({ articleId: articleIdSchema, claimId: itemIdSchema }).strict()).min(1).max(200_000),
        status: z.enum(claimStatuses).optional(),
        verdictNote: note.optional(),
        assignee: z.string().trim().max(80).nullable().optional(),
        addSource: newSource.optional(),
      })
      .strict()
      .refine((i) => i.status !== undefined || i.verdictNote !== undefined || i.assignee !== undefined || i.addSource !== undefined, 'nothing to change'),
    output: out<BulkResult>(),
  },
  'claims.undoBulk': { input: z.object({ batchId: z.string().regex(/^b[0-9a-z]{6,30}$/) }).strict(), output: out<BulkResult>() },
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
  /**
   * Fetches a web page (or PDF, image…) once and keeps a copy in the
   * workspace; the claim gets a source pointing at it. The claim is returned
   * with the new source last.
   */
  'evidence.attachUrl': {
    input: z
      .object({ ...claimRef, url: sourceUrl.refine((u) => u !== '', 'url is required'), ...evidenceSourceFields })
      .strict(),
    output: out<Claim>(),
  },
  /**
   * Keeps a local file (its bytes in base64: browser mode has no paths) as a
   * claim's source. The limit is `maxEvidenceBytes` (20 MiB); the schema lets
   * a little more through so an oversized file gets the translated
   * `evidence-too-large`, not a validation message.
   */
  'evidence.attachFile': {
    input: z
      .object({ ...claimRef, name: z.string().trim().min(1).max(255), data: z.base64().max(Math.ceil((maxEvidenceBytes * 1.25 * 4) / 3)), ...evidenceSourceFields })
      .strict(),
    output: out<Claim>(),
  },
  /** Size, type and integrity of a kept copy. */
  'evidence.info': { input: z.object({ hash: z.string().regex(evidenceHashPattern) }).strict(), output: out<EvidenceInfo>() },
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
  /** How many characters each revision added and removed, oldest first (the History timeline). */
  'revisions.changes': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<RevisionChange[]>() },
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
  /** The workspace dashboard: claims by status and by article, verdicts per day, open claims per assignee (counts only). */
  'workspace.dashboard': {
    input: z
      .object({
        /** The reader's offset east of UTC in minutes (−Date#getTimezoneOffset()), so days are the reader's days. */
        offsetMinutes: z.number().int().min(-900).max(900).optional(),
      })
      .strict(),
    output: out<WorkspaceDashboard>(),
  },
  /** The article's suggestions: open (in text order), detached (their words changed or went) and resolved. */
  'suggestions.list': { input: z.object({ articleId: articleIdSchema }).strict(), output: out<SuggestionList>() },
  /** Suggests new wording for start..end of the saved text, or for a claim's words (claimId without a span). Anyone may. */
  'suggestions.add': {
    input: z
      .object({
        articleId: articleIdSchema,
        start: offsetSchema.optional(),
        end: offsetSchema.optional(),
        claimId: itemIdSchema.optional(),
        /** The words the caller saw at start..end: refused (`suggestion-detached`) when the text there is other words now. */
        quote: z.string().max(100_000).optional(),
        replacement: z.string().max(100_000),
        note: note.optional(),
        baseHash: fileHashSchema.optional(),
      })
      .strict()
      .refine((i) => (i.start === undefined) === (i.end === undefined), 'give both start and end, or neither')
      .refine((i) => i.start !== undefined || i.claimId !== undefined, 'give start and end, or a claimId')
      .refine((i) => i.start === undefined || i.end! > i.start, 'end must be after start'),
    output: out<Suggestion>(),
  },
  /** An editor accepts suggestions: the text changes in one save (one revision), each claim's audit names it. */
  'suggestions.accept': { input: z.object({ articleId: articleIdSchema, ids: z.array(itemIdSchema).min(1).max(10_000) }).strict(), output: out<SuggestionResult>() },
  /** An editor rejects suggestions; the text is not touched. */
  'suggestions.reject': { input: z.object({ articleId: articleIdSchema, ids: z.array(itemIdSchema).min(1).max(10_000) }).strict(), output: out<SuggestionResult>() },
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
  /** A menu command the renderer carries out (File › Export…, Import Web Annotations…). */
  'ui.command': { command: 'export' | 'import-annotations' };
  /** How far a workspace export has got. */
  'export.progress': { jobId: string; done: number; total: number };
  /** How far a bulk change (or its undo) has got. */
  'bulk.progress': { batchId: string; done: number; total: number };
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
