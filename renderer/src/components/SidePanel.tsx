import { useState } from 'react';
import { useTranslation } from 'react-i18next';

const tabs = ['claims', 'checks', 'history'] as const;
type Tab = (typeof tabs)[number];

/** The review panel beside the article: claims, cross-checks and history. */
export function SidePanel() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('claims');
  return (
    <aside className="pane pane-side" aria-label={t(`panel.${tab}`)}>
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
            {t(`panel.${name}`)}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel">
        <p className="muted">{t('panel.claimsPlaceholder')}</p>
      </div>
    </aside>
  );
}
