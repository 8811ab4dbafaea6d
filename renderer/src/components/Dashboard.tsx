import { useEffect, useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { claimStatuses, type ClaimStatus } from '../../../shared/annotations.js';
import type { DashboardArticle, WorkspaceDashboard } from '../../../shared/dashboard.js';
import { dashboardStore, showDashboard } from '../stores/dashboard.js';
import { loadArticle, openArticleStore } from '../stores/open-article.js';
import { useStore } from '../stores/store.js';
import { guardUnsaved, viewStore } from '../stores/ui.js';
import { DelayedProgress } from './Progress.js';
import '../dashboard.css';

/** Articles drawn as bars; the table under the chart lists every one. */
const articlesDrawn = 12;
/** Days of "checks over time" drawn (the most recent); the table lists every day. */
const daysDrawn = 45;
/** The fewest days drawn. */
const minDays = 14;

/**
 * The workspace dashboard: claims by status and by article, verdicts per
 * day, open claims per assignee. Plain SVG bars (status by colour and
 * pattern, labels in words beside them), each chart with its numbers as a
 * table too.
 */
export function Dashboard() {
  const { t, i18n } = useTranslation();
  const data = useStore(dashboardStore);
  useEffect(() => showDashboard(), []);
  return (
    <section className="pane pane-dashboard" aria-labelledby="dashboard-title">
      <div className="dashboard-head">
        <h1 id="dashboard-title">{t('view.dashboardTitle')}</h1>
        {data ? (
<span className="muted">{t('view.totalCount', { count: data.total.toLocaleString(i18n.language) })}</span>
        ) : null}
      </div>
      {data === null ? (
        <DelayedProgress active label={t('progress.counting')} />
      ) : data.total === 0 ? (
        <p className="muted">{t('view.dashboardEmpty')}</p>
      ) : (
        <div className="dashboard-grid">
          <ByStatus data={data} />
          <ByArticle data={data} />
          <OverTime data={data} />
          <ByAssignee data={data} />
        </div>
      )}
    </section>
  );
}

function Chart({ id, title, children, table }: { id: string; title: string; children: ReactNode; table: ReactNode }) {
  const { t } = useTranslation();
  return (
    <section className="dashboard-card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
      <details className="chart-table">
        <summary>{t('view.chartTable')}</summary>
        {table}
      </details>
    </section>
  );
}

const statusName = (t: TFunction, s: ClaimStatus) => t(`review.status.${s}`);

/** A chart's numbers as a table: the first cell of each row names it. */
function NumbersTable({ head, rows }: { head: readonly string[]; rows: ReadonlyArray<readonly [string, ...number[]]> }) {
  const { i18n } = useTranslation();
  return (
    <table>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th scope="col" key={i}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, ...values], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            {values.map((v, j) => (
              <td key={j}>{v.toLocaleString(i18n.language)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** SVG fills per status: the colour of its badge and a pattern of its own (as in the status bars). */
function StatusPatterns({ prefix }: { prefix: string }) {
  return (
    <defs>
      <pattern id={`${prefix}-unchecked`} width="4" height="8" patternUnits="userSpaceOnUse">
        <rect width="2" height="8" className="pat-unchecked" />
      </pattern>
      <pattern id={`${prefix}-in-progress`} width="7" height="8" patternUnits="userSpaceOnUse">
        <rect width="5" height="8" className="pat-in-progress" />
      </pattern>
      <pattern id={`${prefix}-verified`} width="4" height="4" patternUnits="userSpaceOnUse">
        <rect width="4" height="4" className="pat-verified" />
      </pattern>
      <pattern id={`${prefix}-disputed`} width="8" height="4" patternUnits="userSpaceOnUse">
        <rect width="8" height="2" className="pat-disputed" />
      </pattern>
      <pattern id={`${prefix}-unverifiable`} width="4" height="4" patternUnits="userSpaceOnUse">
        <circle cx="2" cy="2" r="1.4" className="pat-unverifiable" />
      </pattern>
      <pattern id={`${prefix}-false`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(135)">
        <rect width="5" height="5" className="pat-false-under" />
        <rect width="3" height="5" className="pat-false" />
      </pattern>
      <pattern id={`${prefix}-needs-recheck`} width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="2" height="5" className="pat-needs-recheck" />
      </pattern>
    </defs>
  );
}

/** One labelled horizontal bar per row: the label and the count are words; the bar is SVG. */
function BarRows({ rows, max }: { rows: Array<{ key: string; label: ReactNode; count: number; pattern?: ClaimStatus; markClass: string; title: string }>; max: number }) {
  const prefix = useId().replace(/:/g, '');
  const { i18n } = useTranslation();
  return (
    <>
      {rows.some((r) => r.pattern) ? (
        <svg width="0" height="0" className="svg-defs" aria-hidden="true">
          <StatusPatterns prefix={prefix} />
        </svg>
      ) : null}
      <div className="bar-rows" role="list">
        {rows.map((r) => (
          <div className="bar-row" key={r.key} role="listitem" title={r.title}>
            <span className="bar-label">{r.label}</span>
            <svg className="bar-svg" height="12" aria-hidden="true">
              <rect className="bar-back" x="0" y="1" width="100%" height="10" />
              <rect className={`chart-mark ${r.markClass}`} x="0" y="1" width={`${max ? Math.max(r.count ? 0.8 : 0, (r.count / max) * 100) : 0}%`} height="10" {...(r.pattern ? { fill: `url(#${prefix}-${r.pattern})` } : {})} />
            </svg>
            <span className="bar-count">{r.count.toLocaleString(i18n.language)}</span>
          </div>
        ))}
      </div>
    </>
  );
}

function ByStatus({ data }: { data: WorkspaceDashboard }) {
  const { t } = useTranslation();
  const max = Math.max(...claimStatuses.map((s) => data.byStatus[s]));
  return (
    <Chart
      id="chart-status"
      title={t('view.byStatus')}
      table={<NumbersTable head={[t('view.status'), t('view.claims')]} rows={[...claimStatuses.map((s) => [statusName(t, s), data.byStatus[s]] as const), [t('view.total'), data.total] as const]} />}
    >
      <BarRows
        max={max}
        rows={claimStatuses.map((s) => ({
          key: s,
          label: <span className={`status-badge status-${s}`}>{statusName(t, s)}</span>,
          count: data.byStatus[s],
          pattern: s,
          markClass: `mark-${s}`,
          title: t('view.statusCount', { status: statusName(t, s), count: data.byStatus[s] }),
        }))}
      />
    </Chart>
  );
}

function openArticle(id: string) {
  viewStore.set('article');
  if (openArticleStore.get()?.doc.id !== id) guardUnsaved(() => void loadArticle(id));
}

function ArticleBar({ a, max, prefix }: { a: DashboardArticle; max: number; prefix: string }) {
  let x = 0;
  return (
    <svg className="bar-svg" height="12" aria-hidden="true">
      <rect className="bar-back" x="0" y="1" width="100%" height="10" />
      {claimStatuses.map((s) => {
        const w = (a.counts[s] / max) * 100;
        const seg = (
          <rect key={s} className={`chart-mark mark-${s}`} x={`${x}%`} y="1" width={`${w}%`} height="10" fill={`url(#${prefix}-${s})`} />
        );
        x += w;
        return a.counts[s] ? seg : null;
      })}
    </svg>
  );
}

function ByArticle({ data }: { data: WorkspaceDashboard }) {
  const { t } = useTranslation();
  const prefix = useId().replace(/:/g, '');
  const drawn = data.articles.slice(0, articlesDrawn);
  const max = Math.max(1, ...drawn.map((a) => a.total));
  const detail = (a: DashboardArticle) =>
    claimStatuses
      .filter((s) => a.counts[s])
      .map((s) => t('view.statusCount', { status: statusName(t, s), count: a.counts[s] }))
      .join(', ');
  return (
    <Chart
      id="chart-article"
      title={t('view.byArticle')}
      table={
        <NumbersTable
          head={[t('view.article'), t('view.open'), t('view.claims'), ...claimStatuses.map((s) => statusName(t, s))]}
          rows={data.articles.map((a) => [a.title, a.open, a.total, ...claimStatuses.map((s) => a.counts[s])] as const)}
        />
      }
    >
      <svg width="0" height="0" className="svg-defs" aria-hidden="true">
        <StatusPatterns prefix={prefix} />
      </svg>
      <div className="bar-rows bar-rows-wide" role="list">
        {drawn.map((a) => (
          <div className="bar-row" key={a.articleId} role="listitem" title={detail(a)}>
            <button className="link-button bar-label" onClick={() => openArticle(a.articleId)} title={a.path}>
              {a.title}
            </button>
            <ArticleBar a={a} max={max} prefix={prefix} />
            <span className="bar-count">{t('view.progress', { checked: a.total - a.open, total: a.total })}</span>
          </div>
        ))}
      </div>
      {data.articles.length > drawn.length ? <p className="muted">{t('view.moreArticles', { count: data.articles.length - drawn.length })}</p> : null}
      <ul className="chart-legend" aria-hidden="true">
        {claimStatuses.map((s) => (
          <li key={s}>
            <svg width="14" height="10">
              <rect className={`chart-mark mark-${s}`} width="14" height="10" fill={`url(#${prefix}-${s})`} />
            </svg>
            <span className={`status-badge status-${s}`}>{statusName(t, s)}</span>
          </li>
        ))}
      </ul>
    </Chart>
  );
}

/** YYYY-MM-DD → the next day. */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/** YYYY-MM-DD, `n` days before `day`. */
function daysBefore(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Today in the reader's calendar, as the services count days. */
function localDay(): string {
  return new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);
}

/** A calendar day in the reader's language (the day is already the reader's). */
export function formatDay(day: string, lang: string, style: 'short' | 'long' = 'long'): string {
  const d = new Date(`${day}T00:00:00Z`);
  return new Intl.DateTimeFormat(lang, style === 'short' ? { month: 'numeric', day: 'numeric', timeZone: 'UTC' } : { dateStyle: 'medium', timeZone: 'UTC' }).format(d);
}

function OverTime({ data }: { data: WorkspaceDashboard }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const byDay = new Map(data.checksByDay.map((d) => [d.day, d.count]));
  // The most recent days, with the days between that had no verdicts.
  // At least two weeks up to today, so one busy day is one bar among days, not the whole chart.
  const days: string[] = [];
  if (data.checksByDay.length) {
    const today = localDay();
    const lastCheck = data.checksByDay[data.checksByDay.length - 1]!.day;
    const last = lastCheck > today ? lastCheck : today;
    let d = data.checksByDay[0]!.day;
    const twoWeeks = daysBefore(last, minDays - 1);
    if (twoWeeks < d) d = twoWeeks;
    for (; d <= last; d = nextDay(d)) days.push(d);
  }
  const drawn = days.slice(-daysDrawn);
  const max = Math.max(1, ...drawn.map((d) => byDay.get(d) ?? 0));
  const w = 440;
  const h = 150;
  const left = 34;
  const bottom = 22;
  // Room above the tallest bar for its count.
  const top = 16;
  const slot = (w - left - 4) / Math.max(drawn.length, 1);
  // Day labels counted back from the last day (today is always named), at most eight and never closer than a label's width.
  const every = Math.max(Math.ceil(drawn.length / 8), Math.ceil(36 / slot));
  return (
    <Chart
      id="chart-time"
      title={t('view.overTime')}
      table={<NumbersTable head={[t('view.day'), t('view.checks')]} rows={data.checksByDay.map((d) => [formatDay(d.day, lang), d.count] as const)} />}
    >
      {drawn.length === 0 ? (
        <p className="muted">{t('view.overTimeNone')}</p>
      ) : (
        <svg className="time-svg" viewBox={`0 0 ${w} ${h}`} role="img" aria-label={drawn.filter((d) => byDay.get(d)).map((d) => t('view.checksOnDay', { date: formatDay(d, lang), count: byDay.get(d) })).join('; ')}>
          <line className="axis" x1={left} y1={h - bottom} x2={w} y2={h - bottom} />
          <line className="axis" x1={left} y1={top} x2={left} y2={h - bottom} />
          <text className="axis-text" x={left - 4} y={top + 4} textAnchor="end">
            {max}
          </text>
          <text className="axis-text" x={left - 4} y={h - bottom} textAnchor="end">
            0
          </text>
          {drawn.map((d, i) => {
            const n = byDay.get(d) ?? 0;
            const bh = (n / max) * (h - bottom - top);
            const x = left + 2 + i * slot;
            return (
              <g key={d}>
                {n ? (
                  <rect className="chart-mark mark-time" x={x + slot * 0.15} y={h - bottom - bh} width={Math.max(1, slot * 0.7)} height={bh}>
                    <title>{t('view.checksOnDay', { date: formatDay(d, lang), count: n })}</title>
                  </rect>
                ) : null}
                {n && slot >= 14 ? (
                  <text className="axis-text" x={x + slot / 2} y={h - bottom - bh - 3} textAnchor="middle">
                    {n}
                  </text>
                ) : null}
                {(drawn.length - 1 - i) % every === 0 ? (
                  <text className="axis-text" x={x + slot / 2} y={h - 6} textAnchor="middle">
                    {formatDay(d, lang, 'short')}
                  </text>
                ) : null}
              </g>
            );
          })}
        </svg>
      )}
    </Chart>
  );
}

function ByAssignee({ data }: { data: WorkspaceDashboard }) {
  const { t } = useTranslation();
  const max = Math.max(1, ...data.openByAssignee.map((a) => a.count));
  const name = (a: string | null) => a ?? t('view.unassigned');
  return (
    <Chart
      id="chart-assignee"
      title={t('view.openByAssignee')}
      table={<NumbersTable head={[t('view.assignee'), t('view.open')]} rows={data.openByAssignee.map((a) => [name(a.assignee), a.count] as const)} />}
    >
      <BarRows
        max={max}
        rows={data.openByAssignee.map((a) => ({
          key: a.assignee ?? '',
          label: name(a.assignee),
          count: a.count,
          markClass: 'mark-assignee',
          title: `${name(a.assignee)}: ${a.count}`,
        }))}
      />
    </Chart>
  );
}
