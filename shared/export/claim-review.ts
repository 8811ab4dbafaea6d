import { hasVerdict, verdictStatuses, type Claim, type ClaimStatus } from '../annotations.js';
import { sentenceRanges, splitLines } from '../claims/index.js';
import { translatorFor, type Language } from '../i18n/index.js';
import { articleLanguage } from './correction.js';
import type { ExportArticle, ExportOrganization } from './types.js';

/** Statuses that are a verdict get a ClaimReview (defined beside the statuses). */
export { hasVerdict, verdictStatuses };

/**
 * The rating scale: 1 (false) to 5 (true), as fact-checkers' ClaimReview
 * commonly uses it. `unverifiable` has no place on a true–false line, so it
 * carries only its name (`alternateName`) and no `ratingValue`.
 */
export const ratingScale = { worstRating: 1, bestRating: 5 } as const;
export const ratingValues: Readonly<Partial<Record<ClaimStatus, number>>> = { verified: 5, disputed: 3, false: 1 };

/** How ClaimReview is published for a workspace and article. */
export interface ClaimReviewContext {
  /** The fact-checking organization (set once per workspace). */
  organization: ExportOrganization;
  /** The publication URL of the article; default `article.url`. */
  url?: string;
  /** When the fact-check is published; default the article's `datePublished`, else the claim's last change. */
  datePublished?: string;
  /** Language of the rating names and of `inLanguage`; default: the article's. */
  language?: Language;
}

/** Longest `claimReviewed`, in characters. */
export const claimReviewedMaxLength = 75;

/**
 * A short statement of the claim for `claimReviewed`: its sentence, cut to
 * the clause around the figure and then to at most 75 characters (an
 * ellipsis marks a cut), never containing the rating's name.
 */
export function claimReviewedText(text: string, claim: Pick<Claim, 'anchor'>, ratingName: string): string {
  const { start, end, quote } = claim.anchor;
  let from = start;
  let to = end;
  if (end <= text.length && text.slice(start, end) === quote) {
    const line = splitLines(text).find((l) => start >= l.start && start <= l.end) ?? { start: 0, end: text.length };
    const lineText = text.slice(line.start, line.end);
    const sentence = sentenceRanges(lineText).find((s) => start - line.start >= s.start && start - line.start < s.end) ?? { start: 0, end: lineText.length };
    from = line.start + sentence.start;
    to = Math.max(end, line.start + sentence.end);
    if (to - from > claimReviewedMaxLength) {
      // Narrow to the clause: between the nearest clause marks around the figure.
      // A comma between digits is a thousands separator ($5,223m), not a clause mark.
      const isMark = (i: number): boolean => /[,，;；、:：]/.test(text[i]!) && !(text[i] === ',' && /\d/.test(text[i - 1] ?? '') && /\d/.test(text[i + 1] ?? ''));
      let a = start;
      while (a > from && !isMark(a - 1)) a--;
      let b = end;
      while (b < to && !isMark(b)) b++;
      from = a;
      to = b;
    }
  } else {
    return cut(quote, ratingName);
  }
  return cut(text.slice(from, to), ratingName, start - from, end - from);
}

function cut(s: string, ratingName: string, qs = 0, qe = s.length): string {
  let text = s;
  let a = qs;
  let b = qe;
  // The rating must not appear: keep the figure's side of the rating's name.
  const name = ratingName.toLowerCase();
  for (let at = text.toLowerCase().indexOf(name); name !== '' && at >= 0; at = text.toLowerCase().indexOf(name)) {
    if (at + name.length <= a) {
      text = text.slice(at + name.length);
      a -= at + name.length;
      b -= at + name.length;
    } else if (at >= b) {
      text = text.slice(0, at);
    } else {
      text = text.slice(a, b);
      a = 0;
      b = text.length;
      if (text.toLowerCase().includes(name)) return '';
      break;
    }
  }
  const chars = Array.from(text.trim());
  if (chars.length <= claimReviewedMaxLength) return chars.join('');
  // Keep the figure in view, centred, with an ellipsis for each cut side.
  const room = claimReviewedMaxLength - 2;
  const quoteStart = Array.from(text.slice(0, a)).length;
  const quoteLen = Array.from(text.slice(a, b)).length;
  let lo = Math.max(0, Math.min(quoteStart - Math.floor((room - quoteLen) / 2), chars.length - room));
  const hi = Math.min(chars.length, lo + room);
  lo = Math.max(0, hi - room);
  return (lo > 0 ? '…' : '') + chars.slice(lo, hi).join('').trim() + (hi < chars.length ? '…' : '');
}

/**
 * The article's ClaimReview JSON-LD (schema.org): one `ClaimReview` for each
 * claim with a verdict that is attached to the text, in text order.
 */
export function claimReviews(article: ExportArticle, claims: readonly Claim[], context: ClaimReviewContext): Record<string, unknown>[] {
  const language = context.language ?? articleLanguage(article.text);
  const t = translatorFor(language).t;
  const url = context.url ?? article.url;
  const organization: Record<string, unknown> = { '@type': 'Organization', name: context.organization.name };
  if (context.organization.url) organization.url = context.organization.url;
  const appearance: Record<string, unknown> = { '@type': 'CreativeWork', headline: article.title };
  if (url) appearance.url = url;
  if (article.datePublished) appearance.datePublished = article.datePublished;
  const articleAuthor = article.byline ? { '@type': 'Person', name: article.byline } : organization;
  return claims
    .filter((c) => !c.deleted && !c.detached && hasVerdict(c.status))
    .sort((a, b) => a.anchor.start - b.anchor.start)
    .map((c) => {
      const alternateName = t(`export.rating.${c.status}`);
      const rating: Record<string, unknown> = { '@type': 'Rating', ...ratingScale, alternateName };
      const value = ratingValues[c.status];
      if (value !== undefined) rating.ratingValue = value;
      const item: Record<string, unknown> = { '@type': 'Claim', appearance, author: articleAuthor };
      if (article.datePublished) item.datePublished = article.datePublished;
      const review: Record<string, unknown> = {
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        claimReviewed: claimReviewedText(article.text, c, alternateName),
        reviewRating: rating,
        itemReviewed: item,
        author: organization,
        datePublished: (context.datePublished ?? article.datePublished ?? c.updatedAt).slice(0, 10),
        inLanguage: language,
      };
      if (url) review.url = url;
      if (c.verdictNote.trim()) review.reviewBody = c.verdictNote.trim();
      return review;
    });
}
