import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DetectedClaim } from '../../../shared/claims/index.js';
import type { CheckClaim, CheckFinding } from '../../../shared/checks/index.js';
import { mapMarks } from '../editor/stored-claims.js';
import { useChecks } from '../use-checks.js';
import { RelationsSection } from './RelationsSection.js';
import type { Language } from '../../../shared/i18n/index.js';
import type { FocusRequest } from './ArticleEditor.js';
import { ClaimsPanel, type ClaimsPanelProps } from './ClaimsPanel.js';
import { HistoryPanel, type HistoryPanelProps } from './HistoryPanel.js';

const tabs = ['claims', 'checks', 'history'] as const;
type Tab = (typeof tabs)[number];

export interface SidePanelProps {
  /** Claims the engine finds in the text in the editor now, and that text. */
  claims: DetectedClaim[];
  text: string;
  onFocus: (spans: FocusRequest['spans']) => void;
  /** The review of the open article; null when no article is open. */
  review: Omit<ClaimsPanelProps, 'live' | 'liveText' | 'onFocus' | 'flagged'> | null;
  history: HistoryPanelProps | null;
}

/** The review panel beside the article: claims, cross-checks and history. */
export function SidePanel({ claims, text, onFocus, review, history }: SidePanelProps) {
  const hasArticle = review !== null;
  const { t, i18n } = useTranslation();
  const lang = i18n.language as Language;
  const [tab, setTab] = useState<Tab>('claims');
  const [alarmsOnly, setAlarmsOnly] = useState(false);
  const [selected, setSelected] = useState<string | null>(null);
  const storedCount = review?.list?.claims.length ?? 0;
  const selectedClaimId = review?.selectedClaimId ?? null;
  // Choosing a claim in the text brings its card forward.
  useEffect(() => {
    if (selectedClaimId) setTab('claims');
  }, [selectedClaimId]);
  const list = review?.list ?? null;
  const baseText = review?.baseText ?? '';
  // The figures as the checks see them: detected ones, carrying the id of the stored claim on
  // the same words (so stated relations resolve), plus stored claims the engine does not detect.
  const checksInput = useMemo(() => {
    if (!text) return null;
    const stored = list?.claims ?? [];
    const positions = mapMarks(
      stored.map((c) => ({ id: c.id, start: c.anchor.start, end: c.anchor.end, status: c.status })),
      baseText,
      text,
    );
    const byId = new Map(stored.map((c) => [c.id, c]));
    const used = new Set<string>();
    const checkClaims: CheckClaim[] = claims.map((d) => {
      const m = positions.find((p) => p.start === d.start && p.end === d.end);
      if (!m) return d;
      used.add(m.id);
      return { ...d, id: m.id };
    });
    for (const m of positions) {
      const c = byId.get(m.id);
      if (!c || used.has(m.id)) continue;
      checkClaims.push({ id: c.id, start: m.start, end: m.end, text: text.slice(m.start, m.end), kind: c.kind, value: c.value, unit: c.unit });
    }
    checkClaims.sort((a, b) => a.start - b.start);
    return { text, claims: checkClaims, relations: list?.relations ?? [] };
  }, [claims, text, list, baseText]);
  // Computed off the main thread, a moment after typing pauses.
  const report = useChecks(checksInput, lang);
  const alarms = report?.findings.filter((f) => !f.ok).length ?? 0;
  const relationResults = useMemo(() => new Map((report?.findings ?? []).filter((f) => f.relationId).map((f) => [f.relationId!, f])), [report]);
  const findings = (report?.findings ?? []).filter((f) => f.kind !== 'relation' && (!alarmsOnly || !f.ok));
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
            {t(`panel.${name}`)}
            {name === 'claims' && hasArticle ? <span className="count">{storedCount}</span> : null}
            {name === 'checks' && alarms > 0 ? <span className="count count-alarm">{alarms}</span> : null}
          </button>
        ))}
      </div>
      <div className="tab-body" role="tabpanel" aria-label={t(`panel.${tab}`)}>
        {!hasArticle ? <p className="muted">{t('panel.noArticle')}</p> : null}

        {review && tab === 'claims' ? <ClaimsPanel {...review} live={claims} liveText={text} onFocus={onFocus} flagged={flagged} /> : null}

        {hasArticle && tab === 'checks' ? (
          <>
            <div className="checks-summary">
              <span>{t('panel.checksSummary', { count: report?.findings.length ?? 0, alarms })}</span>
              <span className="spacer" />
              <label>
                <input type="checkbox" checked={alarmsOnly} onChange={(e) => setAlarmsOnly(e.target.checked)} /> {t('panel.alarmsOnly')}
              </label>
            </div>
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

        {history && tab === 'history' ? <HistoryPanel key={history.articleId} {...history} /> : null}
      </div>
    </aside>
  );
}
