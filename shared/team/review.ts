/**
 * Review data of a team article as append-only events. Nobody edits an event:
 * a change of a claim's status, verdict, assignee or deletion, or of the
 * article's workflow, is a new `set` event naming the events it replaces
 * (`prev`: the latest ones its author had seen for that field). The current
 * value is derived: the events no later event replaces are the field's
 * *heads*. One head, or several with the same value: that value. Several with
 * different values — two people changed the field without seeing each
 * other's change, typically offline — is a *conflict* that lists every value
 * with who set it; a person settles it by setting the field again (which
 * names all heads as `prev`). No value silently wins.
 */
import { z } from 'zod';
import { claimStatuses, revisionSources } from '../annotations.js';
import { claimKinds } from '../claims/index.js';
import { workflowStatuses } from '../model.js';
import type { TeamAction } from './roles.js';

const eventId = z.string().regex(/^e[0-9a-f]{8,32}$/);
const itemId = z.string().regex(/^[a-z][0-9a-z]{3,40}$/);
const member = z.string().min(1).max(100);
const at = z.string().max(40);
/** A Yjs relative position, base64 of `Y.encodeRelativePosition`. */
const relPos = z.string().max(400).regex(/^[A-Za-z0-9+/=]*$/);
const base = { id: eventId, by: member, at };

export const sourceTextFields = ['title', 'url', 'publisher', 'accessed', 'quote', 'locator', 'note'] as const;
export const settableFields = [
  'status',
  'verdict',
  'assignee',
  'deleted',
  'workflow',
  // A claim's description (any member).
  'kind',
  'value',
  'unit',
  'note',
  // One source or comment of a claim (`itemId`): a field of it, or its removal.
  ...sourceTextFields.map((f) => `source.${f}` as const),
  'source.removed',
  'comment.text',
  'comment.removed',
  // The article's (`claimId` null): a relation's removal (`itemId`), its name (a rename) and its deletion.
  'relation.removed',
  'name',
  'article.deleted',
] as const;
export type SettableField = (typeof settableFields)[number];

/** Fields of the article, not of a claim (`claimId` null). */
const articleFields: ReadonlySet<SettableField> = new Set(['workflow', 'relation.removed', 'name', 'article.deleted']);
/** Fields of one source, comment or relation (`itemId` names it). */
export const isItemField = (f: SettableField): boolean => f.startsWith('source.') || f.startsWith('comment.') || f === 'relation.removed';

const claimEvent = z
  .object({
    ...base,
    kind: z.literal('claim'),
    claimId: itemId,
    start: relPos,
    end: relPos,
    quote: z.string().max(2000),
    claimKind: z.enum(claimKinds),
    value: z.number().finite().nullable(),
    unit: z.string().max(40).nullable(),
  })
  .strict();

const setEvent = z
  .object({
    ...base,
    kind: z.literal('set'),
    /** null for a field of the article (workflow, name, deletion, a relation). */
    claimId: itemId.nullable(),
    /** The source, comment or relation a field of one of them belongs to. */
    itemId: itemId.optional(),
    field: z.enum(settableFields),
    value: z.union([z.string().max(20_000), z.number().finite(), z.boolean(), z.null()]),
    prev: z.array(eventId).max(50),
  })
  .strict()
  .superRefine((e, ctx) => {
    const v = e.value;
    const ok =
      e.field === 'status' ? (claimStatuses as readonly unknown[]).includes(v) :
      e.field === 'workflow' ? (workflowStatuses as readonly unknown[]).includes(v) :
      e.field === 'kind' ? (claimKinds as readonly unknown[]).includes(v) :
      e.field === 'value' ? v === null || typeof v === 'number' :
      e.field === 'unit' ? v === null || (typeof v === 'string' && v.length <= 40) :
      e.field === 'assignee' ? v === null || typeof v === 'string' :
      e.field === 'deleted' || e.field.endsWith('.removed') || e.field === 'article.deleted' ? typeof v === 'boolean' :
      e.field === 'source.url' ? typeof v === 'string' && (v === '' || /^https?:\/\/[^\s]+$/i.test(v)) :
      e.field === 'comment.text' ? typeof v === 'string' && v.length > 0 :
      e.field === 'name' ? typeof v === 'string' && v.length > 0 && v.length <= 500 :
      typeof v === 'string';
    const placed = articleFields.has(e.field) === (e.claimId === null) && isItemField(e.field) === (e.itemId !== undefined);
    if (!ok || !placed) ctx.addIssue({ code: 'custom', message: `bad value for ${e.field}` });
  });

const sourceEvent = z
  .object({
    ...base,
    kind: z.literal('source'),
    claimId: itemId,
    source: z
      .object({
        id: itemId,
        title: z.string().max(1000),
        url: z.string().max(2000).refine((u) => u === '' || /^https?:\/\/[^\s]+$/i.test(u)),
        publisher: z.string().max(500),
        accessed: z.string().max(40),
        quote: z.string().max(20_000),
        note: z.string().max(20_000),
      })
      .strict(),
  })
  .strict();

const commentEvent = z
  .object({ ...base, kind: z.literal('comment'), claimId: itemId, comment: z.object({ id: itemId, text: z.string().min(1).max(20_000) }).strict() })
  .strict();

/**
 * A revision of the article's text, recorded once for the team by the member
 * whose change it was: a snapshot, or a patch against `base` (the revision
 * its author had as the latest).
 */
const revisionEvent = z
  .object({
    ...base,
    kind: z.literal('revision'),
    source: z.enum(revisionSources),
    label: z.string().max(200).optional(),
    hash: z.string().regex(/^[0-9a-f]{8,64}$/),
    length: z.number().int().min(0).max(20_000_000),
    base: eventId.nullable(),
    body: z.union([
      z.object({ kind: z.literal('snapshot'), text: z.string().max(20_000_000) }).strict(),
      z.object({ kind: z.literal('patch'), patch: z.array(z.tuple([z.number().int().min(0), z.number().int().min(0), z.string()])).max(1_000_000) }).strict(),
    ]),
  })
  .strict();

/** An editor published past the publication gate with a written reason (the claims that were blocking it). */
/** A relation a member stated among the article's claims (removed later by a `relation.removed` set event). */
const relationEvent = z
  .object({
    ...base,
    kind: z.literal('relation'),
    relation: z.object({ id: itemId, expression: z.string().min(1).max(500), claimIds: z.array(itemId).max(26) }).strict(),
  })
  .strict();

const gateEvent = z
  .object({ ...base, kind: z.literal('gate-override'), note: z.string().max(2000), claimIds: z.array(itemId).max(10_000).optional() })
  .strict();

export const reviewEventSchema = z.union([claimEvent, setEvent, sourceEvent, commentEvent, gateEvent, revisionEvent, relationEvent]);
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
export type ClaimEvent = z.infer<typeof claimEvent>;
export type SetEvent = z.infer<typeof setEvent>;
export type SourceEvent = z.infer<typeof sourceEvent>;
export type CommentEvent = z.infer<typeof commentEvent>;
export type RevisionEvent = z.infer<typeof revisionEvent>;
export type GateEvent = z.infer<typeof gateEvent>;
export type RelationEvent = z.infer<typeof relationEvent>;

const setAction: Partial<Record<string, TeamAction>> = {
  status: 'claim.status',
  verdict: 'claim.verdict',
  assignee: 'claim.assignee',
  deleted: 'claim.delete',
  workflow: 'workflow',
  'source.': 'source.add',
  'comment.': 'comment.add',
  'relation.removed': 'relation.edit',
  name: 'article.rename',
  'article.deleted': 'article.delete',
};

/** The role-checked action an event stands for. */
export function actionOf(e: ReviewEvent): TeamAction {
  switch (e.kind) {
    case 'claim':
      return 'claim.add';
    case 'source':
      return 'source.add';
    case 'comment':
      return 'comment.add';
    case 'gate-override':
      return 'gate.override';
    case 'revision':
      return 'text.edit';
    case 'relation':
      return 'relation.edit';
    case 'set':
      return setAction[e.field.startsWith('source.') ? 'source.' : e.field.startsWith('comment.') ? 'comment.' : e.field] ?? 'claim.edit';
  }
}

export type FieldValue = string | number | boolean | null;

/** One value a field holds (or one side of a conflict). */
export interface FieldHead {
  value: FieldValue;
  by: string;
  at: string;
  eventId: string;
}

/** A field's current state: its value, or the values in conflict. */
export interface FieldState {
  value: FieldValue;
  by: string;
  at: string;
  /** Every head, when they disagree (two or more). */
  conflict?: FieldHead[];
  /** The ids of the heads: what a new `set` event names as `prev`. */
  heads: string[];
}

export interface ClaimReview {
  claim: ClaimEvent;
  fields: Partial<Record<SettableField, FieldState>>;
  sources: Array<SourceEvent['source'] & { by: string; at: string }>;
  comments: Array<{ id: string; text: string; by: string; at: string }>;
  /** Fields of its sources and comments (edits, removals), by source or comment id. */
  items: Record<string, Partial<Record<SettableField, FieldState>>>;
}

export interface ReviewState {
  claims: Record<string, ClaimReview>;
  workflow?: FieldState;
  /** The article's name (renames) and deletion. */
  article: Partial<Record<'name' | 'article.deleted', FieldState>>;
  /** Relations stated among the claims, with their removal. */
  relations: Record<string, { relation: RelationEvent['relation']; by: string; at: string; removed?: FieldState }>;
  gateOverrides: Array<{ eventId: string; by: string; at: string; note: string; claimIds: string[] }>;
}

const fieldKey = (e: SetEvent) => `${e.claimId ?? ''}|${e.itemId ?? ''}|${e.field}`;

/** Derives the current review state from the events (in any order; duplicates ignored). */
export function deriveReview(events: readonly ReviewEvent[]): ReviewState {
  const state: ReviewState = { claims: {}, article: {}, relations: {}, gateOverrides: [] };
  const sets = new Map<string, SetEvent[]>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.kind === 'claim') {
      if (!state.claims[e.claimId]) state.claims[e.claimId] = { claim: e, fields: {}, sources: [], comments: [], items: {} };
    } else if (e.kind === 'relation') {
      if (!state.relations[e.relation.id]) state.relations[e.relation.id] = { relation: e.relation, by: e.by, at: e.at };
    } else if (e.kind === 'set') {
      const k = fieldKey(e);
      const list = sets.get(k) ?? [];
      list.push(e);
      sets.set(k, list);
    } else if (e.kind === 'gate-override') {
      state.gateOverrides.push({ eventId: e.id, by: e.by, at: e.at, note: e.note, claimIds: e.claimIds ?? [] });
    }
  }
  for (const e of events) {
    const c = 'claimId' in e && e.claimId ? state.claims[e.claimId] : undefined;
    if (!c) continue;
    if (e.kind === 'source' && !c.sources.some((s) => s.id === e.source.id)) c.sources.push({ ...e.source, by: e.by, at: e.at });
    if (e.kind === 'comment' && !c.comments.some((m) => m.id === e.comment.id)) c.comments.push({ ...e.comment, by: e.by, at: e.at });
  }
  for (const list of sets.values()) {
    const replaced = new Set(list.flatMap((e) => e.prev));
    const heads = list.filter((e) => !replaced.has(e.id)).sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
    if (heads.length === 0) continue;
    const last = heads[heads.length - 1]!;
    const values = new Set(heads.map((h) => JSON.stringify(h.value)));
    const fs: FieldState = { value: last.value, by: last.by, at: last.at, heads: heads.map((h) => h.id) };
    if (values.size > 1) fs.conflict = heads.map((h) => ({ value: h.value, by: h.by, at: h.at, eventId: h.id }));
    const first = list[0]!;
    if (first.field === 'workflow') state.workflow = fs;
    else if (first.field === 'name' || first.field === 'article.deleted') state.article[first.field] = fs;
    else if (first.field === 'relation.removed') {
      const r = state.relations[first.itemId!];
      if (r) r.removed = fs;
    } else {
      const c = first.claimId ? state.claims[first.claimId] : undefined;
      if (c && first.itemId) (c.items[first.itemId] ??= {})[first.field] = fs;
      else if (c) c.fields[first.field] = fs;
    }
  }
  return state;
}

/** Where a field is in the derived state: the article's, a relation's, a source's or comment's, or a claim's. */
export function fieldState(state: ReviewState, at: { claimId: string | null; itemId?: string | undefined; field: SettableField }): FieldState | undefined {
  if (at.field === 'workflow') return state.workflow;
  if (at.field === 'name' || at.field === 'article.deleted') return state.article[at.field];
  if (at.field === 'relation.removed') return at.itemId ? state.relations[at.itemId]?.removed : undefined;
  const c = at.claimId ? state.claims[at.claimId] : undefined;
  return at.itemId ? c?.items[at.itemId]?.[at.field] : c?.fields[at.field];
}

/** A field's value: its latest `set`, else what it starts as, or what the event that made its claim, source or comment said (null if nothing). */
export function fieldValue(state: ReviewState, at: { claimId: string | null; itemId?: string | undefined; field: SettableField }): FieldValue {
  const f = fieldState(state, at);
  if (f) return f.value;
  // What every article and claim starts with.
  const initial: Partial<Record<SettableField, FieldValue>> = { workflow: 'draft', status: 'unchecked', verdict: '', deleted: false, 'article.deleted': false };
  if (at.field in initial) return initial[at.field]!;
  const c = at.claimId ? state.claims[at.claimId] : undefined;
  if (!c) return null;
  if (at.field.startsWith('source.') && at.field !== 'source.removed') {
    const s = c.sources.find((x) => x.id === at.itemId) as Record<string, unknown> | undefined;
    const v = s?.[at.field.slice('source.'.length)];
    return typeof v === 'string' ? v : null;
  }
  if (at.field === 'comment.text') return c.comments.find((m) => m.id === at.itemId)?.text ?? null;
  if (at.field === 'kind') return c.claim.claimKind;
  if (at.field === 'value') return c.claim.value;
  if (at.field === 'unit') return c.claim.unit;
  return null;
}
