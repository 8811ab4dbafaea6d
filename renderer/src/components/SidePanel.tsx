import { useDeferredValue, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedClaim } from '../../../shared/claims/index.js';
import { runChecks, type CheckFinding } from '../../../shared/checks/index.js';
import type { Language } from '../../../shared/i18n/index.js';
import { formatClaimValue } from '../format.js';
import type { FocusRequest } from './ArticleEditor.js';

const tabs = ['claims', 'checks', 'history'] as const;
type Tab = (typeof tabs)[number];

export interface SidePanelProps {
  /** Claims of the text in the editor now, and that text. */
  claims: DetectedClaim[];
  text: string;
  hasArticle: boolean;
  onFocus: (spans: FocusRequest['spans']) => void;
}

/** Up to `width` characters of the sentence around a claim, the figure marked. */
function context(text: string, c: DetectedClaim, width = 28): { before: string; after: string } {
  const from = Math.max(c.sentence?.start ?? 0, c.start - width);
  const to = Math.min(c.sentence?.end ?? text.length, c.end + width);
  return {
    before: (from > (c.sentence?.start ?? 0) ? '…' : '') + text.slice(from, c.start).trimStart(),
    after: text.slice(c.end, to).trimEnd() + (to < (c.sentence?.end ?? text.length) ? '…' : ''),
  };
}

/** The review panel beside the article: claims, cross-checks and history. */
export function SidePanel({ claims, text, hasArticle, onFocus }: SidePanelProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [tab, setTab] = useState<Tab>('claims');
  const [alarmsOnly, setAlarmsOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  // Checks follow the text a moment behind typing, never blocking it.
  const deferred = useDeferredValue({ claims, text });
  const report = useMemo(() => (deferred.text ? runChecks(deferred.text, deferred.claims, { language: lang }) : null), [deferred, lang]);
  const alarms = report?.findings.filter((f) => !f.ok).length ?? 0;
  const findings = (report?.findings ?? []).filter((f) => !alarmsOnly || !f.ok);

  const focusFinding = (f: CheckFinding, key: string) => {
    setSelected(key);
    onFocus(f.claims.map((c) => ({ start: c.start, end: c.end, tone: f.ok ? ('ok' as const) : ('alarm' as const) })));
  };

  return (
    <aside className="pane pane-side" aria-label={t('panel.review')}>
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
            {t(`panel.${name}`)}
            {name === 'claims' && hasArticle ? <span className="count">{claims.length}</span> : null}
            {name === 'checks' && alarms > 0 ? <span className="count count-alarm">{alarms}</span> : null}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" aria-label={t(`panel.${tab}`)}>
        {!hasArticle ? <p className="muted">{t('panel.noArticle')}</p> : null}

        {hasArticle && tab === 'claims' ? (
          claims.length === 0 ? (
            <p className="muted">{t('panel.noClaims')}</p>
          ) : (
            <ul className="claim-list" aria-label={t('panel.claims')}>
              {claims.map((c) => {
                const key = `${c.start}:${c.end}`;
                const ctx = context(text, c);
                return (
                  <li key={key}>
                    <button
                      className={`claim-row${selected === key ? ' selected' : ''}`}
                      onClick={() => {
                        setSelected(key);
                        onFocus([{ start: c.start, end: c.end, tone: 'claim' }]);
                      }}
                    >
                      <span className="claim-line">
                        <span className={`claim-figure kind-${c.kind}`}>{c.text}</span>
                        <span className="badge">{t(`claimKind.${c.kind}`)}</span>
                        <span className="spacer" />
                        <span className="claim-value">{formatClaimValue(c, lang)}</span>
                      </span>
                      <span className="claim-context">
                        {ctx.before}
                        <mark>{c.text}</mark>
                        {ctx.after}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ul>
          )
        ) : null}

        {hasArticle && tab === 'checks' ? (
          <>
            <div className="checks-summary">
              <span>{t('panel.checksSummary', { count: report?.findings.length ?? 0, alarms })}</span>
              <span className="spacer" />
              <label>
                <input type="checkbox" checked={alarmsOnly} onChange={(e) => setAlarmsOnly(e.target.checked)} /> {t('panel.alarmsOnly')}
              </label>
            </div>
            {findings.length === 0 ? <p className="muted">{t('panel.noFindings')}</p> : null}
            <ul className="finding-list" aria-label={t('panel.checks')}>
              {findings.map((f, i) => {
                const key = `${f.kind}:${f.claims.map((c) => c.start).join(',')}:${i}`;
                return (
                  <li key={key}>
                    <button className={`finding ${f.ok ? 'finding-ok' : 'finding-alarm'}${selected === key ? ' selected' : ''}`} onClick={() => focusFinding(f, key)}>
                      <span className="finding-head">
                        <span className={`verdict ${f.ok ? 'verdict-ok' : 'verdict-alarm'}`}>{f.ok ? t('panel.consistent') : t('panel.inconsistent')}</span>
                        <span className="finding-kind">{t(`checks.kind.${f.kind}`)}</span>
                      </span>
                      <span className="finding-figures">
                        {f.claims.map((c) => (
                          <span key={c.start} className="chip">
                            {c.text}
                          </span>
                        ))}
                      </span>
                      <span className="finding-explanation">{f.explanation}</span>
                    </button>
                  </li>
                );
              })}
            </ul>
          </>
        ) : null}

        {hasArticle && tab === 'history' ? <p className="muted">{t('panel.historyPlaceholder')}</p> : null}
      </div>
    </aside>
  );
}
