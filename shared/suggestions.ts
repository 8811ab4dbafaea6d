/**
 * Suggestions: a reviewer proposes new wording for some words of an article
 * instead of typing over them (Word's tracked changes, Google Docs'
 * Suggesting mode). They live in the article's sidecar beside the claims,
 * anchored to their words by the one anchoring routine, until an editor
 * accepts (the text is changed through the one save path, as a revision) or
 * rejects them.
 */
import type { TextAnchor } from './anchoring/index.js';

/** Where a suggestion stands. */
export const suggestionStates = ['open', 'accepted', 'rejected'] as const;
export type SuggestionState = (typeof suggestionStates)[number];

/**
 * Why an open suggestion is not attached to its words now.
 * - `orphan`: its words were deleted;
 * - `ambiguous`: they appear in several places and none is preferred;
 * - `changed`: its words were edited since it was made (it suggests a change
 *   to words that are no longer there).
 */
export interface SuggestionDetachment {
  reason: 'orphan' | 'ambiguous' | 'changed';
  since: string;
  revision: number;
  /** Where its words were, in the text of `revision`. */
  at: number;
  /** For `changed`: the words there now. */
  nowQuote?: string;
}

/** A proposed replacement of `anchor.quote` by `replacement`. */
export interface Suggestion {
  /** `g` + 12 hex digits, unique within the workspace. */
  id: string;
  /** The words to replace (offsets in the article's text, like a claim's). */
  anchor: TextAnchor;
  /** What to put in their place (may be empty: a suggested deletion). */
  replacement: string;
  /** The claim the suggestion corrects, when it was made from one. */
  claimId?: string;
  /** A note to the editor (why). */
  note: string;
  state: SuggestionState;
  /** Who suggested it (the profile name) and when. */
  by: string;
  at: string;
  /** Who accepted or rejected it, and when. */
  resolvedBy?: string;
  resolvedAt?: string;
  /** The revision that accepting it recorded. */
  revision?: number;
  /** Accepted: the words it replaced (its anchor is on the new words then). */
  original?: string;
  /** Set while an open suggestion is not attached to its words. */
  detached?: SuggestionDetachment;
}

/** An article's suggestions as the review panel shows them. */
export interface SuggestionList {
  articleId: string;
  /** Open and attached, in text order. */
  open: Suggestion[];
  /** Open but not attached: shown apart, never dropped. */
  detached: Suggestion[];
  /** Accepted or rejected, newest first. */
  resolved: Suggestion[];
}

/** What accepting or rejecting suggestions did. */
export interface SuggestionResult {
  /** The suggestions accepted or rejected. */
  done: Suggestion[];
  /** The revision the accepted ones recorded (accept only). */
  revision?: number;
}

/**
 * The text with the given suggestions applied (their anchors must be in the
 * coordinates of `text` and not overlap; they are applied from the end so
 * earlier offsets stay valid). Returns the new text and where each
 * suggestion's replacement sits in it, by id.
 */
export function applySuggestions(text: string, suggestions: readonly Pick<Suggestion, 'id' | 'anchor' | 'replacement'>[]): { text: string; spans: Map<string, { start: number; end: number }> } {
  const sorted = [...suggestions].sort((a, b) => a.anchor.start - b.anchor.start);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.anchor.start < sorted[i - 1]!.anchor.end) throw new RangeError(`suggestions ${sorted[i - 1]!.id} and ${sorted[i]!.id} overlap`);
  }
  let out = '';
  let last = 0;
  const spans = new Map<string, { start: number; end: number }>();
  for (const s of sorted) {
    out += text.slice(last, s.anchor.start);
    spans.set(s.id, { start: out.length, end: out.length + s.replacement.length });
    out += s.replacement;
    last = s.anchor.end;
  }
  return { text: out + text.slice(last), spans };
}
