/**
 * Who works here, and what their role lets the UI offer. Outside a team: the
 * profile kept by the services in the app data folder (asked for on first
 * run). In a team workspace: the member the team server knows (name and
 * role), which the profile cannot change — one identity for what the UI
 * offers, what is recorded and what the server allows. Without either,
 * nothing is held back (the app worked that way before roles).
 */
import { hasVerdict, type ClaimStatus } from '../../../shared/annotations.js';
import type { Profile } from '../../../shared/model.js';
import { mayDo } from '../../../shared/team/roles.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { showError } from './errors.js';
import { Store } from './store.js';
import { onTeamStatus, teamMember } from './team.js';
import { refreshWorkspace } from './workspace.js';

/** The profile kept on this computer: `undefined` until the services answered; `null` when none was chosen yet. */
const keptProfileStore = new Store<Profile | null | undefined>(undefined);
/** Who works here now: the team member in a team workspace, else the kept profile (`undefined`/`null` as above). */
export const profileStore = new Store<Profile | null | undefined>(undefined);
/** In a team workspace: name and role come from the team and are not edited here. */
export const profileFromTeamStore = new Store(false);
/** The author the session records now (the team member's name, the profile's, or the OS user before one is chosen). */
export const authorStore = new Store<string>('');
/** The profile form is open (first run, or asked for from the toolbar). */
export const editingProfileStore = new Store(false);

let sessionAuthor = '';

/** Works out who works here from the kept profile and the team link. */
function follow(): void {
  const member = teamMember();
  const kept = keptProfileStore.get();
  profileFromTeamStore.set(!!member);
  if (member) {
    const same = profileStore.get();
    if (!same || same.name !== member.name || same.role !== member.role) profileStore.set({ name: member.name, role: member.role });
    authorStore.set(member.name);
    editingProfileStore.set(false);
  } else {
    profileStore.set(kept);
    authorStore.set(sessionAuthor);
  }
}
onTeamStatus(follow);

export async function loadProfile(): Promise<void> {
  try {
    const { profile, author } = await client['profile.get']({});
    sessionAuthor = author;
    keptProfileStore.set(profile);
    follow();
  } catch (e) {
    showError(e);
  }
}

export async function saveProfile(profile: Profile): Promise<boolean> {
  try {
    const kept = await client['profile.set'](profile);
    keptProfileStore.set(kept);
    sessionAuthor = kept.name;
    editingProfileStore.set(false);
    follow();
    void refreshWorkspace();
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Why this role may not give `status` (translated), or null when it may. */
export function mayGive(status: ClaimStatus): string | null {
  const p = profileStore.get();
  if (!p) return null;
  const team = profileFromTeamStore.get();
  // In a team every status is the fact-checkers' (the server refuses an editor's); locally, the verdicts.
  const may = team ? mayDo(p.role, hasVerdict(status) ? 'claim.verdict' : 'claim.status') : !hasVerdict(status) || mayDo(p.role, 'claim.verdict');
  if (may) return null;
  return i18n.t(team ? 'profile.verdictRefusedTeam' : 'profile.verdictRefused', { status: i18n.t(`review.status.${status}`) });
}

/** Why this role may not override the publication gate (translated), or null when it may. */
export function mayOverrideGate(): string | null {
  const p = profileStore.get();
  if (!p || mayDo(p.role, 'gate.override')) return null;
  return i18n.t(profileFromTeamStore.get() ? 'profile.overrideRefusedTeam' : 'profile.overrideRefused');
}
