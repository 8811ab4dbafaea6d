/**
 * Accepting and rejecting suggestions. Anyone may suggest; only an editor
 * (by the profile's role) may accept or reject. Accepting changes the text
 * through the one save path (`Session.save`, inside `Workspace.withArticle`),
 * so it is a revision like any other save and the claims are re-anchored by
 * the one anchoring routine; then each suggestion is recorded as accepted,
 * on its new words, with an audit entry on its claim naming the revision.
 */
import { FactDeskError } from '../../shared/errors.js';
import { applySuggestions, type SuggestionResult } from '../../shared/suggestions.js';
import type { Session } from './session.js';

/** Refuses (`role-refused`) when the one who works here may not accept or reject suggestions (the profile's role, or the team's). */
export type ResolveCheck = () => Promise<void>;

/**
 * Applies the open suggestions `ids` to the article's text in one save (one
 * revision) and records them as accepted. The save is based on the bytes
 * the suggestions were checked against, so an edit that slips in between
 * makes it fail with `changed-on-disk` and nothing is lost.
 */
export async function acceptSuggestions(session: Session, articleId: string, ids: readonly string[], mayResolve: ResolveCheck): Promise<SuggestionResult> {
  await mayResolve();
  const store = session.annotations;
  const { doc, suggestions } = await store.suggestionsToAccept(articleId, [...new Set(ids)]);
  if (suggestions.length === 0) return { done: [] };
  let applied: ReturnType<typeof applySuggestions>;
  try {
    applied = applySuggestions(doc.text, suggestions);
  } catch {
    // Suggestions never overlap when made; two that do now are refused, not guessed at.
    throw new FactDeskError('suggestion-overlaps', 'suggestions overlap', { quote: suggestions[0]!.anchor.quote, by: suggestions[0]!.by });
  }
  await session.save(articleId, { text: applied.text, baseHash: doc.disk.hash });
  const head = await session.revisions.head(articleId);
  const revision = head?.n ?? 0;
  const done = await store.markAccepted(
    articleId,
    suggestions.map((g) => ({ id: g.id, ...applied.spans.get(g.id)! })),
    applied.text,
    revision,
  );
  return { done, revision };
}

/** Rejects suggestions (an editor's call); the text is not touched. */
export async function rejectSuggestions(session: Session, articleId: string, ids: readonly string[], mayResolve: ResolveCheck): Promise<SuggestionResult> {
  await mayResolve();
  return { done: await session.annotations.rejectSuggestions(articleId, [...new Set(ids)]) };
}
