import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckFinding } from '../../../shared/checks/index.js';
import type { LiveArticleStore } from '../stores/live-article.js';
import { useChecks } from '../use-checks.js';
import { VirtualList } from './VirtualList.js';
import { RelationsSection } from './RelationsSection.js';
import type { Language } from '../../../shared/i18n/index.js';
import type { FocusRequest } from './ArticleEditor.js';
import { ClaimsPanel, type ClaimsPanelProps } from './ClaimsPanel.js';
import { HistoryPanel, type HistoryPanelProps } from './HistoryPanel.js';
import { ClaimSuggestBar, SuggestionComposer, SuggestionsSection } from './Suggestions.js';
import { useStore } from '../stores/store.js';
import { suggestionListStore } from '../stores/suggestions.js';

const tabs = ['claims', 'checks', 'history', 'suggestions'] as const;
const tabLabel = (name: Tab) => (name === 'suggestions' ? 'suggestions.title' : `panel.${name}`);
type Tab = (typeof tabs)[number];

export interface SidePanelProps {
  /** The open article as the editor holds it. */
  live: LiveArticleStore;
  onFocus: (spans: FocusRequest['spans']) => void;
  /** The review of the open article; null when no article is open. */
  review: Omit<ClaimsPanelProps, 'liveStore' | 'onFocus' | 'flagged'> | null;
  history: HistoryPanelProps | null;
}

/** The review panel beside the article: claims, cross-checks and history. */
export function SidePanel({ live: liveStore, onFocus, review, history }: SidePanelProps) {
  const hasArticle = review !== null;
  // The panel does not follow the editor key by key: the parts that show what changes with the
  // text (counts, the figures not claimed, the checks) follow the live store themselves.
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  // The tab is remembered for this browser tab, so a reload shows the same one.
  const [tab, setTabState] = useState<Tab>(() => {
    const kept = sessionStorage.getItem('factdesk.sideTab');
    return (tabs as readonly string[]).includes(kept ?? '') ? (kept as Tab) : 'claims';
  });
  const setTab = (next: Tab) => {
    sessionStorage.setItem('factdesk.sideTab', next);
    setTabState(next);
  };
  const [alarmsOnly, setAlarmsOnly] = useState(false);
  const openSuggestions = useStore(suggestionListStore, (l) => l?.open.length ?? 0);
  const [selected, setSelected] = useState<string | null>(null);
  const storedCount = review?.list?.claims.length ?? 0;
  const selectedClaimId = review?.selectedClaimId ?? null;
  // Choosing a claim in the text brings its card forward.
  useEffect(() => {
    if (selectedClaimId) setTab('claims');
  }, [selectedClaimId]);
  const list = review?.list ?? null;
  // Computed off the main thread, a moment after typing pauses.
  const checks = useChecks(review?.articleId ?? null, liveStore, list, lang);
  const { report, busy } = checks;
  // Counted over the whole report (the worker lists at most a few thousand findings).
  const relationFindings = useMemo(() => (report?.findings ?? []).filter((f) => f.kind === 'relation'), [report]);
  const alarms = checks.alarms + relationFindings.filter((f) => !f.ok).length;
  const checked = checks.total + relationFindings.length;
  const relationResults = useMemo(() => new Map((report?.findings ?? []).filter((f) => f.relationId).map((f) => [f.relationId!, f])), [report]);
  // Alarms first, then what is consistent (a stable sort: each group keeps the report's order).
  const findings = useMemo(() => (report?.findings ?? []).filter((f) => f.kind !== 'relation' && (!alarmsOnly || !f.ok)).sort((a, b) => Number(a.ok) - Number(b.ok)), [report, alarmsOnly]);
  // A stated relation that breaks flags the claims it names.
  const flagged = useMemo(
    () => new Set((list?.relations ?? []).filter((r) => relationResults.get(r.id)?.ok === false).flatMap((r) => r.claimIds)),
    [list, relationResults],
  );

  const focusFinding = (f: CheckFinding, key: string) => {
    setSelected(key);
    onFocus(f.claims.map((c) => ({ start: c.start, end: c.end, tone: f.ok ? ('ok' as const) : ('alarm' as const) })));
  };

  return (
    <aside className="pane pane-side" aria-label={t('panel.review')}>
      <div className="tabs" role="tablist">
        {tabs.map((name) => (
          <button key={name} role="tab" aria-selected={tab === name} className={tab === name ? 'tab active' : 'tab'} onClick={() => setTab(name)}>
            {t(tabLabel(name))}
            {name === 'claims' && hasArticle ? <span className="count">{storedCount}</span> : null}
            {name === 'suggestions' && hasArticle && openSuggestions > 0 ? <span className="count count-suggestions">{openSuggestions}</span> : null}
            {name === 'checks' && alarms > 0 ? <span className="count count-alarm">{alarms}</span> : null}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" aria-label={t(tabLabel(tab))}>
        {!hasArticle ? <p className="muted">{t('panel.noArticle')}</p> : null}

        {review && tab === 'claims' ? <ClaimSuggestBar readOnly={review.readOnly} /> : null}
        {review && tab === 'claims' ? <ClaimsPanel {...review} liveStore={liveStore} onFocus={onFocus} flagged={flagged} /> : null}

        {hasArticle && tab === 'checks' ? (
          <>
            <div className="checks-summary">
              {/* No counts before the first answer: "0 checked" would read as "nothing to check". */}
              {report ? <span>{t('panel.checksSummary', { count: checked, alarms })}</span> : null}
              <span className="spacer" />
              <label>
                <input type="checkbox" checked={alarmsOnly} onChange={(e) => setAlarmsOnly(e.target.checked)} /> {t('panel.alarmsOnly')}
              </label>
            </div>
            {busy ? (
              <p className="muted" role="status">
                {t('panel.checking')}
              </p>
            ) : null}
            {review && list ? (
              <RelationsSection
                articleId={review.articleId}
                claims={list.claims}
                relations={list.relations}
                results={relationResults}
                readOnly={review.readOnly}
                onError={review.onError}
                onSelect={(f) => focusFinding(f, `relation:${f.relationId}`)}
              />
            ) : null}
            {report && findings.length === 0 ? <p className="muted">{t('panel.noFindings')}</p> : null}
            {report && report.findings.length - relationFindings.length < checks.total ? (
              <p className="muted">{t('panel.listedOf', { listed: report.findings.length - relationFindings.length, count: checks.total })}</p>
            ) : null}
            <VirtualList
              items={findings}
              itemKey={findingKey}
              estimateSize={96}
              className="finding-list"
              label={t('panel.checks')}
            >
              {(f, i) => {
                const key = findingKey(f, i);
                return (
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
                );
              }}
            </VirtualList>
          </>
        ) : null}

        {history && tab === 'history' ? <HistoryPanel key={history.articleId} {...history} /> : null}
        {hasArticle && tab === 'suggestions' ? <SuggestionsSection /> : null}
      </div>
      <SuggestionComposer />
    </aside>
  );
}

const findingKey = (f: CheckFinding, i: number) => `${f.kind}:${f.claims.map((c) => c.start).join(',')}:${i}`;
