import type { Claim, ClaimStatus } from '../annotations.js';
import { FactDeskError } from '../errors.js';

/** Statuses that keep an article from being published: no verdict yet, or a verdict against the text. */
export const blockingStatuses: readonly ClaimStatus[] = ['unchecked', 'in-progress', 'disputed', 'false', 'unverifiable', 'needs-recheck'];

/** A claim the gate names, with what the app needs to jump to its words. */
export interface BlockingClaim {
  claimId: string;
  status: ClaimStatus;
  quote: string;
  start: number;
  end: number;
  /** Not attached to the text right now (its words were deleted or are ambiguous). */
  detached: boolean;
}

/**
 * What the gate decided.
 * - `open`: no claim blocks.
 * - `blocked`: claims block and no override was given.
 * - `overridden`: claims block, an editor overrode with a written reason.
 */
export interface GateResult {
  decision: 'open' | 'blocked' | 'overridden';
  /** The blocking claims in text order (detached ones last); empty when `open`. */
  blocking: BlockingClaim[];
  /** The override's reason, trimmed, when `overridden`. */
  reason?: string;
}

/**
 * The publication gate over an article's claims. Deleted claims never block;
 * detached claims do (a verdict still has to be given). An override counts
 * only with a reason that is more than white space; an empty one throws
 * `override-reason-required` so the caller cannot publish on a blank.
 */
export function publicationGate(claims: readonly Claim[], override?: { reason: string }): GateResult {
  const blocking: BlockingClaim[] = claims
    .filter((c) => !c.deleted && blockingStatuses.includes(c.status))
    .map((c) => ({ claimId: c.id, status: c.status, quote: c.anchor.quote, start: c.anchor.start, end: c.anchor.end, detached: Boolean(c.detached) }))
    .sort((a, b) => Number(a.detached) - Number(b.detached) || a.start - b.start || a.end - b.end);
  if (blocking.length === 0) return { decision: 'open', blocking };
  if (!override) return { decision: 'blocked', blocking };
  const reason = override.reason.trim();
  if (reason === '') {
    throw new FactDeskError('override-reason-required', 'An override of the publication gate needs a written reason', {});
  }
  return { decision: 'overridden', blocking, reason };
}

/**
 * The typed `publication-blocked` error for a blocked gate, naming the first
 * few blocking claims by their words (the full list travels in the result).
 */
export function publicationBlockedError(result: GateResult): FactDeskError {
  const named = result.blocking.slice(0, 5).map((b) => `“${b.quote}”`);
  if (result.blocking.length > 5) named.push('…');
  return new FactDeskError('publication-blocked', `${result.blocking.length} claims block publication`, {
    count: result.blocking.length,
    claims: named.join(', '),
  });
}
