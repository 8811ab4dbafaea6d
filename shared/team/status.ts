/** What the app shows about the team connection, and about a claim's review in a team. */
import type { ErrorPayload } from '../errors.js';
import type { TeamAuditEntry } from './docs.js';
import type { FieldHead, SettableField } from './review.js';
import type { TeamRole } from './roles.js';

export const teamStates = ['unlinked', 'offline', 'connecting', 'syncing', 'online'] as const;
export type TeamState = (typeof teamStates)[number];

export interface TeamStatus {
  state: TeamState;
  url: string | null;
  member: { name: string; role: TeamRole } | null;
  /** Local changes the server has not acknowledged yet (kept on disk meanwhile). */
  waiting: number;
  /** The last thing that went wrong (refused change, token not accepted…), translated by the app. */
  error: ErrorPayload | null;
}

/** A field two members changed without seeing each other's change: every value, with who set it. */
export interface TeamConflict {
  claimId: string | null;
  /** The source or comment whose field it is. */
  itemId?: string;
  field: SettableField;
  values: FieldHead[];
}

export interface TeamReview {
  articleId: string;
  conflicts: TeamConflict[];
  /** The team's audit log for this article, oldest first (kept by the server). */
  audit: TeamAuditEntry[];
}
