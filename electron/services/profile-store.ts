/**
 * The user's profile (name and role), kept in the app data folder beside the
 * other settings, so the desktop app and browser mode on this computer share it.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { hasVerdict, type ClaimStatus } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import { profileRoles, type Profile } from '../../shared/model.js';
import { mayDo, type TeamAction } from '../../shared/team/roles.js';
import { userDataDir } from './app-paths.js';

const file = () => join(userDataDir(), 'profile.json');

const isProfile = (d: unknown): d is Profile =>
  !!d && typeof (d as Profile).name === 'string' && (d as Profile).name.trim() !== '' && (profileRoles as readonly string[]).includes((d as Profile).role);

/** The kept profile, or null when none was chosen yet (or the file is unreadable: the app asks again). */
export async function readProfile(): Promise<Profile | null> {
  try {
    const data: unknown = JSON.parse(await fs.readFile(file(), 'utf8'));
    return isProfile(data) ? { name: data.name, role: data.role } : null;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') console.error('profile: cannot read', file(), e);
    return null;
  }
}

/** Written to a temporary file and renamed over, so a crash never leaves half a profile. */
export async function writeProfile(profile: Profile): Promise<Profile> {
  await fs.mkdir(userDataDir(), { recursive: true });
  const tmp = `${file()}.${process.pid}.tmp`;
  await fs.writeFile(tmp, JSON.stringify(profile, null, 2));
  await fs.rename(tmp, file());
  return profile;
}


/** What a profile's role may be refused locally (named for the error message). */
export type LocalRoleAction = 'claim.verdict' | 'gate.override' | 'suggestion.resolve';
/** The action of the one role table (shared/team/roles.ts) that decides each: accepting a suggestion edits the text. */
const decidedBy: Record<LocalRoleAction, TeamAction> = { 'claim.verdict': 'claim.verdict', 'gate.override': 'gate.override', 'suggestion.resolve': 'text.edit' };

/**
 * The roles in a local workspace: the profile's role decides. Giving a
 * verdict is a fact-checker's act, overriding the publication gate an
 * editor's; everything else is open to both. Without a profile (before the
 * first run asked, or in scripts) nothing is held back. Read each time (a
 * small file), so a role changed in another window counts at once.
 */
export async function assertProfileMay(action: LocalRoleAction): Promise<void> {
  const p = await readProfile();
  if (!p) return;
  if (!mayDo(p.role, decidedBy[action])) throw new FactDeskError('role-refused', `${p.role} may not ${action}`, { role: p.role, action });
}

/** Refuses a verdict status to a profile whose role may not give one. */
export async function assertMayGiveStatus(status: ClaimStatus | undefined): Promise<void> {
  if (status !== undefined && hasVerdict(status)) await assertProfileMay('claim.verdict');
}
