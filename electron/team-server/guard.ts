/**
 * What the server accepts from a member, decided from the Yjs update itself
 * before it is applied: the document's kind says which roles may change it,
 * and a review or index document may only grow by well-formed entries the
 * sender is allowed to make, in their own name.
 */
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { reviewEventSchema, actionOf } from '../../shared/team/review.js';
import { mayDo, type TeamAction, type TeamRole } from '../../shared/team/roles.js';
import { teamArticleIdPattern, type TeamDocKind } from '../../shared/team/docs.js';
import { normalizeArticleName } from '../services/workspace-paths.js';

/** A refused message: Hocuspocus closes the document's connection with this reason, which the client translates. */
export class Refusal {
  readonly code = 4403;
  readonly reason: string;
  constructor(errorCode: 'team-role-refused' | 'team-invalid-change' | 'team-limit' | 'team-auth-failed', detail: string) {
    this.reason = `team:${errorCode}:${detail}`;
  }
}

export interface Sender {
  id: string;
  name: string;
  role: TeamRole;
}

const refuseRole = (role: TeamRole, action: TeamAction) => new Refusal('team-role-refused', `${role}:${action}`);

/** Whether `update` brings anything the document does not hold yet (a resent or empty update is harmless from anyone). */
function bringsNothingNew(doc: Y.Doc, update: Uint8Array): boolean {
  return Y.snapshotContainsUpdate(Y.snapshot(doc), update);
}

/** Throws a {@link Refusal} unless `sender` may apply `update` to a document of `kind`. */
export function checkUpdate(kind: TeamDocKind, sender: Sender, doc: Y.Doc, update: Uint8Array): void {
  switch (kind) {
    case 'text':
      if (!mayDo(sender.role, 'text.edit') && !bringsNothingNew(doc, update)) throw refuseRole(sender.role, 'text.edit');
      return;
    case 'audit':
      if (!bringsNothingNew(doc, update)) throw new Refusal('team-invalid-change', 'the audit log is written by the server');
      return;
    case 'review':
      return checkAppendOnly(update, 'events', (value) => {
        const parsed = reviewEventSchema.safeParse(value);
        if (!parsed.success) throw new Refusal('team-invalid-change', 'malformed review event');
        if (parsed.data.by !== sender.name) throw new Refusal('team-invalid-change', 'an event in another member’s name');
        // A rename, like a new article, may not lead outside any member's workspace.
        if (parsed.data.kind === 'set' && parsed.data.field === 'name') {
          let normalized = '';
          try {
            normalized = normalizeArticleName(String(parsed.data.value));
          } catch {
            // Refused below.
          }
          if (normalized !== parsed.data.value) throw new Refusal('team-invalid-change', 'article name refused');
        }
        const action = actionOf(parsed.data);
        if (!mayDo(sender.role, action)) throw refuseRole(sender.role, action);
      }, false);
    case 'index':
      return checkAppendOnly(update, 'articles', (value, key) => {
        if (!mayDo(sender.role, 'article.create')) throw refuseRole(sender.role, 'article.create');
        const v = value as { name?: unknown; by?: unknown; at?: unknown };
        if (!v || typeof v.name !== 'string' || typeof v.at !== 'string' || v.by !== sender.name) throw new Refusal('team-invalid-change', 'malformed article entry');
        // No synced name may lead outside a member's workspace.
        let normalized: string;
        try {
          normalized = normalizeArticleName(v.name);
        } catch {
          throw new Refusal('team-invalid-change', 'article name refused');
        }
        if (normalized !== v.name) throw new Refusal('team-invalid-change', 'article name not normalized');
        if (key !== null && !teamArticleIdPattern.test(key)) throw new Refusal('team-invalid-change', 'bad article id');
      }, mayDo(sender.role, 'article.create'));
  }
}

/**
 * A document that may only receive plain JSON entries in its one root type:
 * no nested types, no other root, and (unless `mayDelete`) no deletions.
 */
function checkAppendOnly(update: Uint8Array, root: string, check: (value: unknown, key: string | null) => void, mayDelete: boolean): void {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    throw new Refusal('team-invalid-change', 'not a Yjs update');
  }
  if (!mayDelete && decoded.ds.clients.size > 0) throw new Refusal('team-invalid-change', 'entries are never deleted');
  for (const s of decoded.structs) {
    if (s instanceof Y.Skip) continue;
    if (!(s instanceof Y.Item)) throw new Refusal('team-invalid-change', 'unexpected struct');
    // A parent written out must be the one root; otherwise it is inferred from neighbours already checked.
    // Decoded (not integrated) items hold the root's name as a string, or the ID of a parent item.
    const parent = s.parent as unknown;
    if (parent !== null && parent !== root) throw new Refusal('team-invalid-change', 'unexpected type');
    if (s.content instanceof Y.ContentAny) {
      for (const v of s.content.arr) check(v, s.parentSub);
    } else if (!(s.content instanceof Y.ContentDeleted)) {
      throw new Refusal('team-invalid-change', 'only plain entries are accepted');
    }
  }
}

/**
 * A member's presence (cursor name) as the server lets others see it: in an
 * awareness update a member sends, every state whose `user.name` (or
 * `user.role`) is not the authenticated member's is rewritten to the
 * member's own — or, when the rewritten update would not fit in the message,
 * dropped. The message is changed in place (`payload` is a view into it;
 * Yjs reads the entries the update counts and ignores what follows), so
 * Hocuspocus applies and forwards only the checked states. Returns how many
 * states were rewritten or dropped.
 */
export function checkAwareness(payload: Uint8Array, sender: Sender): number {
  let entries: Array<{ clientID: number; clock: number; state: unknown }>;
  try {
    const d = decoding.createDecoder(payload);
    const n = decoding.readVarUint(d);
    entries = [];
    for (let i = 0; i < n; i++) {
      const clientID = decoding.readVarUint(d);
      const clock = decoding.readVarUint(d);
      entries.push({ clientID, clock, state: JSON.parse(decoding.readVarString(d)) as unknown });
    }
  } catch {
    throw new Refusal('team-invalid-change', 'malformed presence');
  }
  let forged = 0;
  const fixed = entries.map((e) => {
    const s = e.state as { user?: unknown } | null;
    if (s === null || typeof s !== 'object' || s.user === undefined) return { ...e, forged: false };
    const user = (typeof s.user === 'object' && s.user !== null ? s.user : {}) as Record<string, unknown>;
    const ok = user.name === sender.name && (user.role === undefined || user.role === sender.role);
    if (ok) return { ...e, forged: false };
    forged++;
    return { ...e, forged: true, state: { ...s, user: { ...user, name: sender.name, ...(user.role === undefined ? {} : { role: sender.role }) } } };
  });
  if (!forged) return 0;
  const encode = (list: typeof fixed) => {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, list.length);
    for (const e of list) {
      encoding.writeVarUint(enc, e.clientID);
      encoding.writeVarUint(enc, e.clock);
      encoding.writeVarString(enc, JSON.stringify(e.state));
    }
    return encoding.toUint8Array(enc);
  };
  let out = encode(fixed);
  // A longer real name than the forged one does not fit: the forged states are dropped (a subset always fits).
  if (out.length > payload.length) out = encode(fixed.filter((e) => !e.forged));
  payload.set(out);
  return forged;
}
