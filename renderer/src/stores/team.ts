/**
 * The team connection as the renderer knows it: the status (pushed by the
 * `team.status` event) and each article's review conflicts, fetched once and
 * refreshed when the article's claims change. Components read it with
 * `useTeamStatus` / `useTeamConflicts`; nothing else talks to the team.
 */
import { useEffect, useSyncExternalStore } from 'react';
import type { TeamConflict, TeamStatus } from '../../../shared/team/status.js';
import { client } from '../client.js';

let status: TeamStatus | null = null;
const conflicts = new Map<string, TeamConflict[]>();
const listeners = new Set<() => void>();
const changed = () => listeners.forEach((l) => l());
const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};

async function refreshConflicts(articleId: string): Promise<void> {
  if (!status || status.state === 'unlinked') return;
  try {
    const r = await client['team.review']({ articleId });
    conflicts.set(articleId, r.conflicts);
    changed();
  } catch {
    // The article may not be in the team (yet): no conflicts to show.
  }
}

let started = false;
function start(): void {
  if (started) return;
  started = true;
  void client['team.status']({}).then(
    (s) => {
      status = s;
      changed();
      for (const id of conflicts.keys()) void refreshConflicts(id);
    },
    () => {},
  );
  client.on('team.status', (s) => {
    status = s;
    changed();
  });
  client.on('claims.changed', ({ id }) => {
    if (conflicts.has(id)) void refreshConflicts(id);
  });
}

/** The member this workspace is linked as (name and role from the team server), or null outside a team. */
export function teamMember(): TeamStatus['member'] {
  start();
  return status && status.state !== 'unlinked' && status.member?.name ? status.member : null;
}

/** Calls `listener` whenever the team status changes (stores that follow the team; components use the hooks). */
export function onTeamStatus(listener: () => void): () => void {
  start();
  return subscribe(listener);
}

export function setTeamStatus(s: TeamStatus): void {
  status = s;
  changed();
}

export function useTeamStatus(): TeamStatus | null {
  start();
  return useSyncExternalStore(subscribe, () => status);
}

/** The conflicts on one claim of an article, or on the article itself with `claimId` null (empty outside a team). */
export function useTeamConflicts(articleId: string, claimId: string | null): TeamConflict[] {
  start();
  useEffect(() => {
    if (!conflicts.has(articleId)) {
      conflicts.set(articleId, []);
      void refreshConflicts(articleId);
    }
  }, [articleId]);
  const all = useSyncExternalStore(subscribe, () => conflicts.get(articleId));
  return (all ?? []).filter((c) => c.claimId === claimId);
}
