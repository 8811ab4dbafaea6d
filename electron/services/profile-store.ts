/**
 * The user's profile (name and role), kept in the app data folder beside the
 * other settings, so the desktop app and browser mode on this computer share it.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { profileRoles, type Profile } from '../../shared/model.js';
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
