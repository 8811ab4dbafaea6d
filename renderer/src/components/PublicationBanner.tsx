import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PublicationState } from '../../../shared/export/index.js';
import { client } from '../client.js';

export interface PublicationBannerProps {
  articleId: string;
  /** Changes whenever the saved text does (the file's hash), so the state is asked again. */
  revisionKey: string;
  onExport: () => void;
}

/**
 * "Changed since publication": shown over a published article whose saved
 * text is no longer the published one, with the figures that changed; the
 * next publication copy will need a correction note.
 */
export function PublicationBanner({ articleId, revisionKey, onExport }: PublicationBannerProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<PublicationState | null>(null);

  useEffect(() => {
    let live = true;
    const load = () =>
      void client['export.state']({ articleId, brief: true }).then(
        (s) => live && setState(s),
        () => live && setState(null),
      );
    load();
    const off = client.on('claims.changed', ({ id }) => id === articleId && load());
    return () => {
      live = false;
      off();
    };
  }, [articleId, revisionKey]);

  if (!state?.changedSincePublication) return null;
  const last = state.publications.at(-1)!;
  return (
    <div className="banner banner-warn" role="status" data-testid="changed-since-publication">
      <span>
        {t('exportDialog.changedBanner', { revision: last.revision, at: new Date(last.at).toLocaleString(), count: state.changedClaims.length })}
        {state.changedClaims.length ? ` ${state.changedClaims.map((c) => `${c.oldQuote} → ${c.newQuote}`).join(', ')}` : ''}
      </span>
      <span className="spacer" />
      <button onClick={onExport}>{t('exportDialog.correctAndPublish')}</button>
    </div>
  );
}
