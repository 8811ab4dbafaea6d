/**
 * The open article's stored claims, the claim selected (its card open), the
 * editor's text selection and the spans the editor is asked to bring into view.
 */
import type { ClaimList } from '../../../shared/annotations.js';
import { client } from '../client.js';
import type { EditorSelection, FocusRequest } from '../components/ArticleEditor.js';
import { showError } from './errors.js';
import { Store } from './store.js';

export const claimListStore = new Store<ClaimList | null>(null);
export const selectedClaimStore = new Store<string | null>(null);
export const textSelectionStore = new Store<EditorSelection | null>(null);
export const focusStore = new Store<FocusRequest | null>(null);

/** The article whose claims may be taken (set by the open article store). */
let forArticle: string | null = null;

export function claimsFollow(articleId: string | null): void {
  if (articleId === forArticle) return;
  forArticle = articleId;
  selectedClaimStore.set(null);
  claimListStore.set(null);
}

export async function loadClaims(articleId: string): Promise<void> {
  try {
    const list = await client['claims.list']({ articleId });
    // Only the article still open may take the list (a slow answer for another one is dropped).
    if (forArticle === articleId) claimListStore.set(list);
  } catch (e) {
    showError(e);
  }
}

export const selectClaim = (id: string | null) => selectedClaimStore.set(id);

export function focusSpans(spans: FocusRequest['spans'], keepFocus = false): void {
  focusStore.set((prev) => ({ spans, serial: (prev?.serial ?? 0) + 1, ...(keepFocus ? { keepFocus } : {}) }));
}
