import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeError } from '../../../shared/i18n/index.js';
import { toErrorPayload } from '../../../shared/errors.js';
import { client } from '../client.js';
import { i18n } from '../i18n.js';
import { setTeamStatus } from '../stores/team.js';

/** "Connect to team…": the server address and the join token the team's administrator gave. */
export function TeamConnectDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const [url, setUrl] = useState('wss://');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    const d = ref.current!;
    if (!d.open) d.showModal();
    return () => d.close();
  }, []);
  const connect = async () => {
    setBusy(true);
    setError(null);
    try {
      setTeamStatus(await client['team.connect']({ url: url.trim(), token: token.trim() }));
      onClose();
    } catch (e) {
      setError(describeError(i18n, toErrorPayload(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <dialog
      ref={ref}
      className="modal"
      aria-label={t('team.connectTitle')}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void connect();
        }}
      >
        <h3>{t('team.connectTitle')}</h3>
        <label className="team-field">
          <span>{t('team.serverUrl')}</span>
          <input className="modal-input" autoFocus value={url} onChange={(e) => setUrl(e.target.value)} placeholder="wss://team.example.org" />
        </label>
        <label className="team-field">
          <span>{t('team.token')}</span>
          <input className="modal-input" value={token} onChange={(e) => setToken(e.target.value)} autoComplete="off" spellCheck={false} />
        </label>
        {error ? (
          <p className="warn" role="alert">
            {error}
          </p>
        ) : null}
        <div className="modal-buttons">
          <button type="button" onClick={onClose}>
            {t('team.cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || !token.trim() || !/^wss?:\/\/\S+$/i.test(url.trim())}>
            {t('team.connectButton')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
