/**
 * Who works at this computer: the profile kept by the services in the app
 * data folder (asked for on first run), and what its role lets the UI offer.
 * Without a profile nothing is held back (the app worked that way before roles).
 */
import { hasVerdict, type ClaimStatus } from '../../../shared/annotations.js';
import type { Profile } from '../../../shared/model.js';
import { mayDo } from '../../../shared/team/roles.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { showError } from './errors.js';
import { Store } from './store.js';
import { refreshWorkspace } from './workspace.js';

/** `undefined` until the services answered; `null` when no profile was chosen yet. */
export const profileStore = new Store<Profile | null | undefined>(undefined);
/** The author the session records now (the profile's name, or the OS user before one is chosen). */
export const authorStore = new Store<string>('');
/** The profile form is open (first run, or asked for from the toolbar). */
export const editingProfileStore = new Store(false);


export async function loadProfile(): Promise<void> {
  try {
    const { profile, author } = await client['profile.get']({});
    authorStore.set(author);
    profileStore.set(profile);
  } catch (e) {
    showError(e);
  }
}

export async function saveProfile(profile: Profile): Promise<boolean> {
  try {
    const kept = await client['profile.set'](profile);
    profileStore.set(kept);
    authorStore.set(kept.name);
    editingProfileStore.set(false);
    void refreshWorkspace();
    return true;
  } catch (e) {
    showError(e);
    return false;
  }
}

/** Why the profile's role may not give `status` (translated), or null when it may. */
export function mayGive(status: ClaimStatus): string | null {
  const p = profileStore.get();
  if (!p || !hasVerdict(status) || mayDo(p.role, 'claim.verdict')) return null;
  return i18n.t('profile.verdictRefused', { status: i18n.t(`review.status.${status}`) });
}

/** Why the profile's role may not override the publication gate (translated), or null when it may. */
export function mayOverrideGate(): string | null {
  const p = profileStore.get();
  if (!p || mayDo(p.role, 'gate.override')) return null;
  return i18n.t('profile.overrideRefused');
}
