/**
 * Who may do what in a team workspace. The server enforces this table on
 * every change it receives; the client checks it first so a refused action
 * is explained before anything is sent.
 */
import { FactDeskError } from '../errors.js';

export const teamRoles = ['editor', 'fact-checker'] as const;
export type TeamRole = (typeof teamRoles)[number];

/** Everything a member can change in a team workspace. */
export const teamActions = [
  'text.edit',
  'article.create',
  'claim.add',
  'claim.status',
  'claim.verdict',
  'claim.assignee',
  'claim.delete',
  'source.add',
  'comment.add',
  'workflow',
  'gate.override',
  'claim.edit',
  'relation.edit',
  'article.rename',
  'article.delete',
] as const;
export type TeamAction = (typeof teamActions)[number];

const shared: TeamAction[] = ['claim.add', 'claim.edit', 'source.add', 'comment.add', 'relation.edit'];
const allowed: Record<TeamRole, ReadonlySet<TeamAction>> = {
  // The desk: the text, the article's way to publication, and who checks what.
  editor: new Set<TeamAction>([...shared, 'text.edit', 'article.create', 'article.rename', 'article.delete', 'workflow', 'gate.override', 'claim.assignee', 'claim.delete']),
  // The verdicts are the fact-checkers' alone.
  'fact-checker': new Set<TeamAction>([...shared, 'claim.status', 'claim.verdict']),
};

export function isTeamRole(r: unknown): r is TeamRole {
  return typeof r === 'string' && (teamRoles as readonly string[]).includes(r);
}

export function mayDo(role: TeamRole, action: TeamAction): boolean {
  return allowed[role].has(action);
}

/** Throws the translated `team-role-refused` error when `role` may not do `action`. */
export function assertMayDo(role: TeamRole, action: TeamAction): void {
  if (!mayDo(role, action)) throw new FactDeskError('team-role-refused', `${role} may not ${action}`, { role, action });
}
