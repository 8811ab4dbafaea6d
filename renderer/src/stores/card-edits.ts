/**
 * The claim card's edits: each field saves when the checker leaves it (or on
 * Ctrl+Enter), one save after another (a status click never overtakes the
 * note saved as the focus left it), and the last saved change can be undone
 * through the same contract calls (so the undo is in the audit log too).
 * What is typed and not yet saved — a field, a comment, a source form — is
 * kept per claim, so closing the card or switching claims loses nothing.
 */
import type { Claim, ClaimStatus } from '../../../shared/annotations.js';
import type { ClaimKind } from '../../../shared/claims/index.js';
import { client } from '../client.js';
import { showError } from './errors.js';
import { Store } from './store.js';

export interface ClaimRef {
  articleId: string;
  claimId: string;
}

/** The fields saved through `claims.update`. */
export interface DetailFields {
  kind?: ClaimKind;
  value?: number | null;
  unit?: string | null;
  assignee?: string | null;
  note?: string;
}

/** One saved change: the fields before and after, and which call saves them. */
export type CardChange = ({ call: 'status'; before: { status: ClaimStatus; verdictNote: string }; after: { status: ClaimStatus; verdictNote: string } } | { call: 'update'; before: DetailFields; after: DetailFields }) & {
  /** The i18n keys (review.fields.*) of what changed, for the message. */
  fields: string[];
};

export interface LastSaved extends ClaimRef {
  change: CardChange;
  undone?: boolean;
}

export const lastSavedStore = new Store<LastSaved | null>(null);

let chain: Promise<unknown> = Promise.resolve();

/** Saves in order; resolves with the saved claim, or null when the services refused (the error is shown). */
function enqueue(ref: ClaimRef, change: CardChange): Promise<Claim | null> {
  const run = async (): Promise<Claim | null> => {
    try {
      return change.call === 'status'
        ? await client['claims.setStatus']({ ...ref, ...change.after })
        : await client['claims.update']({ ...ref, ...change.after });
    } catch (e) {
      showError(e);
      return null;
    }
  };
  const next = chain.then(run);
  chain = next;
  return next;
}

const same = (a: unknown, b: unknown) => a === b || (a == null && b == null);

/** Saves what differs from `claim`; remembers it as the change Undo takes back. */
export async function saveCardChange(ref: ClaimRef, claim: Claim, change: { status?: ClaimStatus; verdictNote?: string } | DetailFields): Promise<Claim | null> {
  let c: CardChange;
  if ('status' in change || 'verdictNote' in change) {
    const s = change as { status?: ClaimStatus; verdictNote?: string };
    const after = { status: s.status ?? claim.status, verdictNote: s.verdictNote ?? claim.verdictNote };
    const fields = [after.status !== claim.status ? 'status' : '', after.verdictNote !== claim.verdictNote ? 'verdictNote' : ''].filter(Boolean);
    if (!fields.length) return claim;
    c = { call: 'status', before: { status: claim.status, verdictNote: claim.verdictNote }, after, fields };
  } else {
    const d = change as DetailFields;
    const keys = (Object.keys(d) as Array<keyof DetailFields>).filter((k) => d[k] !== undefined && !same(d[k], claim[k]));
    if (!keys.length) return claim;
    const before: DetailFields = {};
    const after: DetailFields = {};
    for (const k of keys) {
      (before as Record<string, unknown>)[k] = claim[k];
      (after as Record<string, unknown>)[k] = d[k];
    }
    c = { call: 'update', before, after, fields: keys };
  }
  const saved = await enqueue(ref, c);
  if (saved) lastSavedStore.set({ ...ref, change: c });
  return saved;
}

/** Takes the last saved change back (its own audit entries say so). */
export async function undoLastSaved(): Promise<void> {
  const last = lastSavedStore.get();
  if (!last || last.undone) return;
  const back = { ...last.change, before: last.change.after, after: last.change.before } as CardChange;
  const saved = await enqueue({ articleId: last.articleId, claimId: last.claimId }, back);
  if (saved) lastSavedStore.set({ ...last, undone: true });
}

/** Text typed in a card and not saved yet, by claim: fields, the comment, a source form, a comment being edited. */
export interface CardDraft {
  verdictNote?: string;
  details?: { kind: ClaimKind; value: string; unit: string; assignee: string; note: string };
  comment?: string;
  source?: { id: string | null; fields: Record<'title' | 'url' | 'publisher' | 'accessed' | 'quote' | 'note', string> } | null;
  editingComment?: { id: string; text: string } | null;
}

const drafts = new Map<string, CardDraft>();
const key = (ref: ClaimRef) => `${ref.articleId}/${ref.claimId}`;

export const cardDraft = (ref: ClaimRef): CardDraft => drafts.get(key(ref)) ?? {};

export function keepCardDraft(ref: ClaimRef, part: Partial<CardDraft>): void {
  drafts.set(key(ref), { ...cardDraft(ref), ...part });
}

export function dropCardDraft(ref: ClaimRef, ...parts: Array<keyof CardDraft>): void {
  const d = { ...cardDraft(ref) };
  for (const p of parts) delete d[p];
  drafts.set(key(ref), d);
}
