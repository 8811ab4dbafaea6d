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

export const settableFields = ['status', 'verdict', 'assignee', 'deleted', 'workflow'] as const;
export type SettableField = (typeof settableFields)[number];

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
    /** null for the article's workflow. */
    claimId: itemId.nullable(),
    field: z.enum(settableFields),
    value: z.union([z.string().max(20_000), z.boolean(), z.null()]),
    prev: z.array(eventId).max(50),
  })
  .strict()
  .superRefine((e, ctx) => {
    const ok =
      e.field === 'status' ? (claimStatuses as readonly unknown[]).includes(e.value) :
      e.field === 'workflow' ? (workflowStatuses as readonly unknown[]).includes(e.value) && e.claimId === null :
      e.field === 'deleted' ? typeof e.value === 'boolean' :
      e.field === 'assignee' ? e.value === null || typeof e.value === 'string' :
      typeof e.value === 'string';
    if (!ok || (e.field !== 'workflow' && e.claimId === null)) ctx.addIssue({ code: 'custom', message: `bad value for ${e.field}` });
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
const gateEvent = z
  .object({ ...base, kind: z.literal('gate-override'), note: z.string().max(2000), claimIds: z.array(itemId).max(10_000).optional() })
  .strict();

export const reviewEventSchema = z.union([claimEvent, setEvent, sourceEvent, commentEvent, gateEvent, revisionEvent]);
export type ReviewEvent = z.infer<typeof reviewEventSchema>;
export type ClaimEvent = z.infer<typeof claimEvent>;
export type SetEvent = z.infer<typeof setEvent>;
export type SourceEvent = z.infer<typeof sourceEvent>;
export type CommentEvent = z.infer<typeof commentEvent>;
export type RevisionEvent = z.infer<typeof revisionEvent>;
export type GateEvent = z.infer<typeof gateEvent>;

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
    case 'set':
      return e.field === 'status' ? 'claim.status' : e.field === 'verdict' ? 'claim.verdict' : e.field === 'assignee' ? 'claim.assignee' : e.field === 'deleted' ? 'claim.delete' : 'workflow';
  }
}

export type FieldValue = string | boolean | null;

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
}

export interface ReviewState {
  claims: Record<string, ClaimReview>;
  workflow?: FieldState;
  gateOverrides: Array<{ eventId: string; by: string; at: string; note: string; claimIds: string[] }>;
}

const fieldKey = (claimId: string | null, field: SettableField) => `${claimId ?? ''}|${field}`;

/** Derives the current review state from the events (in any order; duplicates ignored). */
export function deriveReview(events: readonly ReviewEvent[]): ReviewState {
  const state: ReviewState = { claims: {}, gateOverrides: [] };
  const sets = new Map<string, SetEvent[]>();
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) continue;
    seen.add(e.id);
    if (e.kind === 'claim') {
      if (!state.claims[e.claimId]) state.claims[e.claimId] = { claim: e, fields: {}, sources: [], comments: [] };
    } else if (e.kind === 'set') {
      const k = fieldKey(e.claimId, e.field);
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
    if (first.claimId === null) state.workflow = fs;
    else {
      const c = state.claims[first.claimId];
      if (c) c.fields[first.field] = fs;
    }
  }
  return state;
}
