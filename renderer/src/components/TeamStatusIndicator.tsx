import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/index.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { setTeamStatus, useTeamStatus } from '../stores/team.js';
import { TeamConnectDialog } from './TeamConnectDialog.js';

/** The status bar's team part: online / offline / syncing, the changes waiting, who you are, and the way in. */
export function TeamStatusIndicator({ readOnly }: { readOnly: boolean }) {
  const { t } = useTranslation();
  const status = useTeamStatus();
  const [connecting, setConnecting] = useState(false);
  if (!status) return null;
  const toggle = async () => {
    setTeamStatus(await (status.state === 'offline' ? client['team.reconnect']({}) : client['team.disconnect']({})));
  };
  const problem = status.error ? describeError(i18n, status.error) : null;
  return (
    <>
      {status.state === 'unlinked' ? (
        <button className="link-button" onClick={() => setConnecting(true)} disabled={readOnly}>
          {t('team.connect')}
        </button>
      ) : (
        <span className={`team-status team-${status.state}`} role="status" title={problem ?? status.url ?? ''}>
          <span className="team-dot" aria-hidden="true" />
          {t(`team.state.${status.state}`)}
          {status.waiting > 0 ? ` · ${t('team.waiting', { count: status.waiting })}` : ''}
          {status.member ? ` · ${t('team.member', { name: status.member.name, role: t(`team.roleNames.${status.member.role}`) })}` : ''}
          {problem ? <span className="warn"> · {problem}</span> : null}
          <button className="link-button" onClick={() => void toggle()}>
            {status.state === 'offline' ? t('team.reconnect') : t('team.disconnect')}
          </button>
        </span>
      )}
      {connecting ? <TeamConnectDialog onClose={() => setConnecting(false)} /> : null}
    </>
  );
}
