/**
 * The one API between the renderer and the services: every method's input
 * schema (validated at each host's boundary) and output type, and the events
 * the services push. Both hosts — Electron IPC and browser-mode HTTP — bind
 * this same table through one dispatcher.
 */
import { z } from 'zod';
import type { MethodName, EventName } from './contract-names.js';
import type { ErrorPayload } from './errors.js';
import type { AppInfo, ArticleDocument, ArticleSummary, TrashEntry, WorkspaceInfo } from './model.js';

/** Article ids are opaque tokens issued by the workspace index, never paths. */
export const articleIdSchema = z.string().regex(/^[a-z0-9]{6,40}$/, 'article id must be 6–40 lowercase letters or digits');

/** A workspace-relative file name chosen by the user (create, rename). */
export const articleNameSchema = z
  .string()
  .min(1)
  .max(512)
  .refine((s) => !s.includes('\0'), 'name must not contain NUL');

const empty = z.object({}).strict();

/** Phantom marker carrying a method's output type. */
const out = <T>() => undefined as unknown as T;

export const contract = {
  'app.info': { input: empty, output: out<AppInfo>() },
  'workspace.info': { input: empty, output: out<WorkspaceInfo>() },
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
    output: out<ArticleDocument>(),
  },
  'articles.create': {
    input: z.object({ name: articleNameSchema, text: z.string().max(20_000_000).optional() }).strict(),
    output: out<ArticleSummary>(),
  },
  'articles.rename': { input: z.object({ id: articleIdSchema, name: articleNameSchema }).strict(), output: out<ArticleSummary>() },
  'articles.delete': { input: z.object({ id: articleIdSchema }).strict(), output: out<TrashEntry>() },
  'trash.list': { input: empty, output: out<TrashEntry[]>() },
  'trash.restore': { input: z.object({ trashId: z.string().regex(/^[A-Za-z0-9_-]{1,80}$/) }).strict(), output: out<ArticleSummary>() },
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
