/**
 * Claims picked for a bulk change in the open article's claim list (the
 * board keeps its own, over the whole workspace): a click picks one, Ctrl/Cmd
 * adds or removes, Shift takes the range from the last click in the order
 * the list shows, Ctrl+A everything the list's filter shows. "Accept all
 * detected" picks the claims it created. A bulk change goes through the
 * board's bulk routine: one audit entry per claim, one undo for the batch.
 */
import type { ClaimStatus } from '../../../shared/annotations.js';
import { runBulk } from './board.js';
import { Store } from './store.js';

export interface ClaimSelection {
  articleId: string | null;
  ids: ReadonlySet<string>;
  /** The claim of the last plain or Ctrl click (where a Shift+click range starts). */
  anchor: string | null;
}

const none: ClaimSelection = { articleId: null, ids: new Set(), anchor: null };
export const claimSelectionStore = new Store<ClaimSelection>(none);

/** The claims the list shows now, in its order (kept by the list; read on a click, so no render depends on it). */
let shown: { articleId: string | null; ids: readonly string[] } = { articleId: null, ids: [] };

export function setShownClaims(articleId: string, ids: readonly string[]): void {
  shown = { articleId, ids };
}

/** The picked claims the list still shows (a filter or a deletion hides the others from a bulk change). */
export function pickedClaims(articleId: string): string[] {
  const s = claimSelectionStore.get();
  if (s.articleId !== articleId || shown.articleId !== articleId) return [];
  return shown.ids.filter((id) => s.ids.has(id));
}

function current(articleId: string): ClaimSelection {
  const s = claimSelectionStore.get();
  return s.articleId === articleId ? s : { ...none, articleId };
}

/** A click on a claim's box (or a modified click on its row). */
export function pickClaim(articleId: string, id: string, how: { shift: boolean; toggle: boolean }): void {
  const prev = current(articleId);
  if (how.shift && prev.anchor !== null && shown.articleId === articleId) {
    const a = shown.ids.indexOf(prev.anchor);
    const b = shown.ids.indexOf(id);
    if (a >= 0 && b >= 0) {
      const ids = new Set(how.toggle ? prev.ids : []);
      for (let i = Math.min(a, b); i <= Math.max(a, b); i++) ids.add(shown.ids[i]!);
      claimSelectionStore.set({ articleId, ids, anchor: prev.anchor });
      return;
    }
  }
  const ids = new Set(how.toggle ? prev.ids : []);
  if (how.toggle && prev.ids.has(id)) ids.delete(id);
  else ids.add(id);
  claimSelectionStore.set({ articleId, ids, anchor: id });
}

/** Ctrl+A: every claim the list shows. */
export function pickAllShown(articleId: string): void {
  if (shown.articleId !== articleId) return;
  claimSelectionStore.set({ articleId, ids: new Set(shown.ids), anchor: null });
}

/** Picks exactly these claims (e.g. the ones "Accept all detected" just created). */
export function pickClaims(articleId: string, ids: readonly string[]): void {
  claimSelectionStore.set({ articleId, ids: new Set(ids), anchor: ids[ids.length - 1] ?? null });
}

export const clearPickedClaims = () => claimSelectionStore.set(none);

/** One change for every picked claim the list shows; progress and Undo as on the board. */
export async function bulkChangePicked(articleId: string, change: { status?: ClaimStatus; assignee?: string | null; addSource?: { url: string; title: string } }): Promise<void> {
  const ids = pickedClaims(articleId);
  if (ids.length) await runBulk(ids.map((claimId) => ({ articleId, claimId })), change);
}
