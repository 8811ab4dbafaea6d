import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceNotice } from '../../../shared/model.js';
import { client } from '../client.js';

/**
 * What FactDesk must tell the user about its own files (a store recovered,
 * an index rebuilt, a link refused, a file left out, bytes kept before a
 * save): the notices of the session, including those from before this window
 * connected, each shown until dismissed.
 */
export function NoticeBanners() {
  const { t } = useTranslation();
  const [notices, setNotices] = useState<WorkspaceNotice[]>([]);

  const load = useCallback(() => {
    client['workspace.notices']({}).then(setNotices, (e: unknown) => console.error('factdesk: notices', e));
  }, []);

  useEffect(() => {
    load();
    const offs = [
      client.on('workspace.notice', (n) => setNotices((prev) => (prev.some((p) => p.id === n.id) ? prev : [...prev, n]))),
      client.on('workspace.changed', load),
    ];
    return () => offs.forEach((off) => off());
  }, [load]);

  const dismiss = (id: string) => {
    setNotices((prev) => prev.filter((n) => n.id !== id));
    void client['workspace.dismissNotice']({ id }).catch(() => {});
  };

  if (notices.length === 0) return null;
  return (
    <>
      {notices.map((n) => (
        <div key={n.id} className="banner banner-warn" role="status" data-notice={n.code}>
          <span>{t(`notices.${n.code}`, n.params)}</span>
          <button className="link-button" onClick={() => dismiss(n.id)} aria-label={t('editor.dismiss', { defaultValue: '×' })}>
            ×
          </button>
        </div>
      ))}
    </>
  );
}
