/**
 * Review mode and the open article's suggestions: whether the text is locked
 * for reviewing, the suggestions the services keep for the article, and the
 * small form a reviewer types the new wording into.
 */
import { mayDo } from '../../../shared/team/roles.js';
import type { Claim } from '../../../shared/annotations.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { describeError } from '../../../shared/i18n/index.js';
import type { SuggestionList } from '../../../shared/suggestions.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { claimListStore, selectedClaimStore } from './claims.js';
import { errorStore, showError } from './errors.js';
import { ensureSaved, openArticleStore } from './open-article.js';
import { profileStore } from './profile.js';
import { Store } from './store.js';
import { isReadOnly } from './workspace.js';

/**
 * Reviewing (the text locked, keys as commands) or editing. Like Google Docs' modes, an article opens in
 * the mode of the person's role: a fact-checker reviews, so a stray keystroke never changes a figure; an
 * editor (or no profile yet) edits. The switch changes it until another article is opened or the role changes.
 */
export const reviewModeStore = new Store<boolean>(false);
const reviewsByDefault = () => profileStore.get()?.role === 'fact-checker';
let modeRole = profileStore.get()?.role;
profileStore.subscribe(() => {
  // The profile is answered after the remembered article may have opened: its role decides then too.
  const role = profileStore.get()?.role;
  if (role === modeRole) return;
  modeRole = role;
  reviewModeStore.set(reviewsByDefault());
});

export const suggestionListStore = new Store<SuggestionList | null>(null);

/** The words a suggestion is being typed for (saved-text offsets), or the claim whose words they are. */
export interface SuggestionDraft {
  articleId: string;
  start: number;
  end: number;
  quote: string;
  claimId?: string;
}
export const composerStore = new Store<SuggestionDraft | null>(null);
/** What the last suggestion attempt was refused for (shown in the form, which keeps its text). */
export const composerErrorStore = new Store<string | null>(null);

let forArticle: string | null = null;

export async function loadSuggestions(articleId: string): Promise<void> {
  try {
    const list = await client['suggestions.list']({ articleId });
    // The sidecar changes for claims far more often than for suggestions: an unchanged list is not news
    // (the editor would redraw its marks for nothing).
    const now = suggestionListStore.get();
    if (forArticle === articleId && !(now && JSON.stringify(now) === JSON.stringify(list))) suggestionListStore.set(list);
  } catch (e) {
    showError(e);
  }
}

/** Follows the open article: its suggestions are loaded, another article's form is closed. */
openArticleStore.subscribe(() => {
  const id = openArticleStore.get()?.doc.id ?? null;
  if (id === forArticle) return;
  forArticle = id;
  reviewModeStore.set(reviewsByDefault());
  suggestionListStore.set(null);
  composerStore.set(null);
  if (id) void loadSuggestions(id);
});
// Suggestions live in the article's sidecar: any change of it (here, another window, an outside edit) reloads them,
// a moment later, so the claims (which the same news reloads, and which the text's marks show) are answered first
// and a burst of changes costs one request.
let reloadTimer: ReturnType<typeof setTimeout> | undefined;
client.on('claims.changed', ({ id }) => {
  if (id !== forArticle) return;
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => {
    if (id === forArticle) void loadSuggestions(id);
  }, 250);
});

/** Why this profile may not accept or reject suggestions (translated), or null when it may. Without a profile nothing is held back. */
export function mayResolve(): string | null {
  const p = profileStore.get();
  // Accepting a suggestion edits the text: the role table's text.edit decides, as in the services.
  return p && !mayDo(p.role, 'text.edit') ? i18n.t('suggestions.editorOnly') : null;
}

/** Opens the form for `start..end` of the text on screen (saved first, so the offsets are the saved text's). */
export async function suggestForSpan(start: number, end: number, quote: string): Promise<void> {
  const articleId = openArticleStore.get()?.doc.id;
  if (!articleId || isReadOnly() || end <= start) return;
  if (!(await ensureSaved())) return;
  composerErrorStore.set(null);
  composerStore.set({ articleId, start, end, quote });
}

/** Opens the form for a claim's words (a false or disputed figure's corrected wording). */
export function suggestForClaim(claim: Claim): void {
  const articleId = openArticleStore.get()?.doc.id;
  if (!articleId || isReadOnly()) return;
  composerErrorStore.set(null);
  composerStore.set({ articleId, start: claim.anchor.start, end: claim.anchor.end, quote: claim.anchor.quote, claimId: claim.id });
}

/** Review mode's S: the selected words, or else the selected claim's. */
export function suggestFromEditor(sel: { start: number; end: number; quote: string } | null): void {
  if (sel) return void suggestForSpan(sel.start, sel.end, sel.quote);
  const claimId = selectedClaimStore.get();
  const claim = claimListStore.get()?.claims.find((c) => c.id === claimId);
  if (claim) suggestForClaim(claim);
}

export function closeComposer(): void {
  composerStore.set(null);
  composerErrorStore.set(null);
}

/** Sends the suggestion; false (the form stays open with the reason) when it was refused. */
export async function submitSuggestion(replacement: string, note: string): Promise<boolean> {
  const draft = composerStore.get();
  const open = openArticleStore.get();
  if (!draft || !open || open.doc.id !== draft.articleId) return false;
  try {
    await client['suggestions.add']({
      articleId: draft.articleId,
      ...(draft.claimId ? { claimId: draft.claimId } : { start: draft.start, end: draft.end, quote: draft.quote, baseHash: open.doc.disk.hash }),
      replacement,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    closeComposer();
    await loadSuggestions(draft.articleId);
    return true;
  } catch (e) {
    composerErrorStore.set(describeError(i18n, toErrorPayload(e)));
    return false;
  }
}

/** An editor accepts (the text changes, one revision) or rejects suggestions. */
export async function resolveSuggestions(how: 'accept' | 'reject', ids: string[]): Promise<void> {
  const articleId = openArticleStore.get()?.doc.id;
  if (!articleId || ids.length === 0 || isReadOnly()) return;
  const refusal = mayResolve();
  if (refusal) return errorStore.set(refusal);
  // Unsaved edits are saved first: accepting changes the file.
  if (how === 'accept' && !(await ensureSaved())) return;
  try {
    await client[how === 'accept' ? 'suggestions.accept' : 'suggestions.reject']({ articleId, ids });
  } catch (e) {
    showError(e);
  }
  await loadSuggestions(articleId);
}
