import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { profileRoles, type ProfileRole } from '../../../shared/model.js';
import { authorStore, editingProfileStore, profileFromTeamStore, profileStore, saveProfile } from '../stores/profile.js';
import { useStore } from '../stores/store.js';

/**
 * Asks for the profile on first run, and lets it be changed later. A banner,
 * not a modal: the article stays readable while the name is typed. Never in a
 * team workspace: there the team member is who works here.
 */
export function ProfileSetup() {
  const profile = useStore(profileStore);
  const author = useStore(authorStore);
  const editing = useStore(editingProfileStore);
  const fromTeam = useStore(profileFromTeamStore);
  if (fromTeam || profile === undefined || (profile && !editing)) return null;
  return <ProfileForm initial={profile ?? { name: author, role: 'fact-checker' }} first={!profile} onDone={() => editingProfileStore.set(false)} />;
}

/** The toolbar's "who am I": opens the profile form. */
export function ProfileButton() {
  const { t } = useTranslation();
  const profile = useStore(profileStore);
  const fromTeam = useStore(profileFromTeamStore);
  if (!profile) return null;
  // In a team the name and role are the team server's: shown, not changed here.
  const label = fromTeam ? t('profile.setByTeam') : t('profile.change');
  return (
    <button className="profile-button" onClick={() => editingProfileStore.set(true)} disabled={fromTeam} title={label} aria-label={label}>
      {profile.name} · {t(`profile.roles.${profile.role}`)}
    </button>
  );
}

function ProfileForm({ initial, first, onDone }: { initial: { name: string; role: ProfileRole }; first: boolean; onDone: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(initial.name);
  const [role, setRole] = useState<ProfileRole>(initial.role);
  return (
    <form
      className="banner banner-ok profile-form"
      aria-label={t('profile.title')}
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) void saveProfile({ name: name.trim(), role }).then((ok) => ok && onDone());
      }}
    >
      <span>{first ? t('profile.firstRun') : t('profile.title')}</span>
      <label>
        {t('profile.name')}
        <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={80} autoFocus={!first} />
      </label>
      <label>
        {t('profile.role')}
        <select value={role} onChange={(e) => setRole(e.target.value as ProfileRole)}>
          {profileRoles.map((r) => (
            <option key={r} value={r}>
              {t(`profile.roles.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit" className="primary" disabled={!name.trim()}>
        {t('profile.save')}
      </button>
      {!first ? (
        <button type="button" onClick={onDone}>
          {t('editor.cancel')}
        </button>
      ) : null}
    </form>
  );
}
