/**
 * Usage of `factdesk claims list` and `factdesk claims add-detected`, apart
 * from the subcommands themselves (claims-workspace.ts) so that the `claims`
 * command's help can show it without loading the workspace services.
 */
import { claimKinds } from '../../../shared/claims/index.js';

export const listUsage = `Usage: factdesk claims list WORKSPACE ARTICLE [--json]

Lists the claims stored for ARTICLE (its id, or its path inside WORKSPACE):
id, status, kind, value, unit, span (UTF-16 offsets in the text with \\n line
ends) and quote. Claims whose words were deleted (orphan), that could not be
placed without guessing (ambiguous) or that were deleted are listed with
that state. Opening the workspace takes in edits made outside FactDesk.

  --json   print {"article": {...}, "revision": N, "claims": [{id, quote,
           start, end, kind, value, unit, status, state, ...}]}`;

export const addUsage = `Usage: factdesk claims add-detected WORKSPACE ARTICLE [--kinds K,K] [--json]

Adds every figure the claim engine finds in ARTICLE (its id, or its path
inside WORKSPACE) that no claim covers yet, as an unchecked claim. Figures
under a deleted claim are not added again. Needs the workspace's writer lock:
close FactDesk on this workspace first.

  --kinds K,K  which kinds to add: ${claimKinds.join(', ')}
               (default: all but date, so bare years and dates stay out)
  --json       print {"added": [{id, quote, start, end, ...}], "skipped": N}`;

/** Usage of the workspace subcommands, for the `claims` command's help. */
export const workspaceClaimUsage = `${listUsage}\n\n${addUsage}`;
