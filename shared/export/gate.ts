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
  /** In a team: two members' changes of its review stand unresolved (a conflict), whatever its status says. */
  conflict?: true;
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
 * detached claims do (a verdict still has to be given). In a team, a claim
 * whose review holds an unresolved conflict (`conflicted`: two members'
 * values, none of which won) blocks like an unchecked one, whatever status
 * the local copy shows. An override counts only with a reason that is more
 * than white space; an empty one throws `override-reason-required` so the
 * caller cannot publish on a blank.
 */
export function publicationGate(claims: readonly Claim[], override?: { reason: string }, conflicted: ReadonlySet<string> = new Set()): GateResult {
  const blocking: BlockingClaim[] = claims
    .filter((c) => !c.deleted && (blockingStatuses.includes(c.status) || conflicted.has(c.id)))
    .map((c) => ({
      claimId: c.id,
      status: c.status,
      quote: c.anchor.quote,
      start: c.anchor.start,
      end: c.anchor.end,
      detached: Boolean(c.detached),
      ...(conflicted.has(c.id) ? { conflict: true as const } : {}),
    }))
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
  const conflicts = result.blocking.filter((b) => b.conflict).length;
  return new FactDeskError('publication-blocked', `${result.blocking.length} claims block publication${conflicts ? ` (${conflicts} with an unresolved team conflict)` : ''}`, {
    count: result.blocking.length,
    claims: named.join(', '),
    // The translation that says why (i18next context: `publication-blocked_conflict`).
    ...(conflicts ? { context: 'conflict', conflicts } : {}),
  });
}
