import type { ClaimStatus } from '../annotations.js';
import { claimStatuses } from '../annotations.js';
import { translatorFor } from '../i18n/index.js';
import { escapeHtml, safeHref, type HtmlDocument } from './html.js';
import { formatValue, type FactCheckReport, type ReportArticle, type ReportClaim, type ReportSummary } from './report.js';
import { describeSource } from './publication.js';

/** The colour of each status in the chart and on the claim cards. */
export const statusColors: Readonly<Record<ClaimStatus, string>> = {
  unchecked: '#80868b',
  'in-progress': '#1a73e8',
  verified: '#188038',
  disputed: '#e37400',
  false: '#d93025',
  unverifiable: '#8e24aa',
  'needs-recheck': '#b06000',
};

const css = `
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, sans-serif; color: #202124; margin: 0 auto; max-width: 60rem; padding: 2rem 2.5rem; line-height: 1.55; font-size: 14px; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .6rem; border-bottom: 2px solid #dadce0; padding-bottom: .25rem; }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .5rem; }
.meta { color: #5f6368; margin: .1rem 0; }
.summary { display: flex; gap: 1.5rem; align-items: flex-start; }
.summary figure { flex: 1 1 auto; min-width: 0; margin: 0; }
.summary table { border-collapse: collapse; }
.summary td, .summary th { padding: .15rem .6rem; text-align: left; border-bottom: 1px solid #eee; }
.summary td.n, .articles td.n { text-align: right; font-variant-numeric: tabular-nums; }
.articles { border-collapse: collapse; }
.articles th, .articles td { padding: .2rem .7rem; text-align: left; border-bottom: 1px solid #eee; }
.totals p { margin: .2rem 0; }
.blocking { color: #b3261e; font-weight: 600; }
.clear { color: #188038; font-weight: 600; }
svg.chart { width: 100%; max-width: 600px; height: auto; }
svg.chart text { font-size: 13px; fill: #202124; }
.claim { border: 1px solid #dadce0; border-left: 6px solid var(--status); border-radius: 6px; padding: .6rem .9rem; margin: .7rem 0; break-inside: avoid; page-break-inside: avoid; }
.claim header { display: flex; gap: .7rem; align-items: baseline; flex-wrap: wrap; }
.chip { display: inline-block; color: #fff; background: var(--status); border-radius: 999px; padding: 0 .6rem; font-size: .85rem; white-space: nowrap; }
.quote { font-weight: 700; font-size: 1.05rem; }
.value { color: #3c4043; font-variant-numeric: tabular-nums; }
.context { color: #5f6368; margin: .35rem 0; }
.context mark { background: #fef7cd; color: #202124; padding: 0 .1rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: .2rem .9rem; margin: .4rem 0 0; }
dt { color: #5f6368; }
dd { margin: 0; overflow-wrap: anywhere; }
dd ol, dd ul { margin: 0; padding-left: 1.2rem; }
.alarm { color: #b3261e; }
.ok { color: #188038; }
.detached { color: #b3261e; font-weight: 600; }
${claimStatuses.map((s) => `.status-${s} { --status: ${statusColors[s]}; }`).join('\n')}
@page { size: A4; margin: 16mm 14mm; }
@media print { body { padding: 0; max-width: none; } h2, h3 { break-after: avoid; page-break-after: avoid; } }
`.trim();

/** `2026-03-01T08:05:09.000Z` → `2026-03-01 08:05 UTC`. */
function displayTime(at: string | null): string {
  if (!at) return '';
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(at);
  if (!m) return at;
  return `${m[1]} ${m[2]}${m[3] === 'Z' ? ' UTC' : m[3] ? ` ${m[3]}` : ''}`;
}

/**
 * The status chart: one horizontal bar per status, drawn as inline SVG, with
 * each count also written as text beside its bar (and in the table next to
 * it), so the numbers survive printing in black and white.
 */
export function statusChartSvg(summary: ReportSummary, labels: Record<ClaimStatus, string>, title: string): string {
  const rowHeight = 30;
  const labelWidth = 150;
  const barMax = 380;
  const width = labelWidth + barMax + 70;
  const height = claimStatuses.length * rowHeight + 10;
  const max = Math.max(1, ...claimStatuses.map((s) => summary.byStatus[s]));
  const rows = claimStatuses.map((s, i) => {
    const n = summary.byStatus[s];
    const y = 5 + i * rowHeight;
    const w = n === 0 ? 0 : Math.max(3, Math.round((n / max) * barMax));
    return [
      `<text x="${labelWidth - 10}" y="${y + 19}" text-anchor="end">${escapeHtml(labels[s])}</text>`,
      `<rect x="${labelWidth}" y="${y + 4}" width="${w}" height="${rowHeight - 10}" rx="3" fill="${statusColors[s]}"></rect>`,
      `<text x="${labelWidth + w + 8}" y="${y + 19}">${n}</text>`,
    ].join('');
  });
  return `<svg class="chart" role="img" aria-label="${escapeHtml(title)}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" xmlns="http://www.w3.org/2000/svg"><title>${escapeHtml(title)}</title><line x1="${labelWidth}" y1="0" x2="${labelWidth}" y2="${height}" stroke="#9aa0a6"></line>${rows.join('')}</svg>`;
}

/**
 * The fact-check report as printable HTML: the summary with its status chart,
 * then per article every claim with its words, normalized value, status,
 * verdict, sources, comments, checker and time and cross-checks, the
 * checkers' relations, gate overrides, corrections and publications. Every
 * string from the workspace is escaped; the Node writer sanitizes the result
 * again before it is written.
 */
export function reportHtml(report: FactCheckReport): HtmlDocument {
  const t = translatorFor(report.language).t;
  const labels = Object.fromEntries(claimStatuses.map((s) => [s, t(`review.status.${s}`)])) as Record<ClaimStatus, string>;
  const single = report.articles.length === 1 ? report.articles[0]! : null;
  const title = single ? t('export.report.titleFor', { title: single.title }) : `${t('export.report.title')}: ${report.workspace}`;
  const e = escapeHtml;
  const parts: string[] = [];
  parts.push(`<header><h1>${e(title)}</h1>`);
  parts.push(`<p class="meta">${e(t('export.report.workspace'))}: ${e(report.workspace)}${report.organization ? ` · ${e(t('export.report.organization'))}: ${e(report.organization.name)}` : ''}</p>`);
  const generated = report.generatedBy
    ? t('export.report.generated', { at: displayTime(report.generatedAt), who: report.generatedBy })
    : t('export.report.generatedAnonymous', { at: displayTime(report.generatedAt) });
  parts.push(`<p class="meta">${e(generated)}</p></header>`);
  parts.push(`<section class="summary-section"><h2>${e(t('export.report.summary'))}</h2>`);
  parts.push(summaryBlock(report.summary, labels, t));
  if (!single) {
    const rows = report.articles.map(
      (a) =>
        `<tr><td><a href="#article-${e(a.id)}">${e(a.title)}</a></td><td>${e(t(`workflow.${a.workflow}`))}</td><td class="n">${a.summary.total}</td><td class="n">${a.summary.byStatus.verified}</td><td class="n">${a.summary.blocking}</td></tr>`,
    );
    parts.push(
      `<h3>${e(t('export.report.articles'))}</h3><table class="articles"><thead><tr><th>${e(t('export.report.article'))}</th><th>${e(t('export.report.workflow'))}</th><th>${e(t('export.report.claims'))}</th><th>${e(labels.verified)}</th><th>${e(t('export.report.blockingColumn'))}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`,
    );
  }
  parts.push('</section>');
  const blocks = [parts.join('\n'), ...report.articles.map((a) => articleSection(a, labels, t, report.language, !single))];
  return { lang: report.language, title, css, body: blocks.join('\n'), blocks };
}

type T = (key: string, params?: Record<string, unknown>) => string;

function summaryBlock(summary: ReportSummary, labels: Record<ClaimStatus, string>, t: T): string {
  const e = escapeHtml;
  const chart = statusChartSvg(summary, labels, t('export.report.chartTitle'));
  const table = `<table><caption class="meta">${e(t('export.report.chartTitle'))}</caption><tbody>${claimStatuses
    .map((s) => `<tr class="status-${s}"><td><span class="chip">${e(labels[s])}</span></td><td class="n">${summary.byStatus[s]}</td></tr>`)
    .join('')}</tbody></table>`;
  const blocking = summary.blocking > 0 ? `<p class="blocking">${e(t('export.report.blocking', { count: summary.blocking }))}</p>` : `<p class="clear">${e(t('export.report.blockingNone'))}</p>`;
  return `<div class="summary"><div class="totals"><p><strong>${e(t('export.report.total', { count: summary.total }))}</strong></p>${blocking}${table}</div><figure>${chart}</figure></div>`;
}

function list(items: string[], empty: string, ordered = false): string {
  if (items.length === 0) return escapeHtml(empty);
  const tag = ordered ? 'ol' : 'ul';
  return `<${tag}>${items.map((i) => `<li>${i}</li>`).join('')}</${tag}>`;
}

function articleSection(a: ReportArticle, labels: Record<ClaimStatus, string>, t: T, language: FactCheckReport['language'], withSummary: boolean): string {
  const e = escapeHtml;
  const none = t('export.report.none_list');
  const out: string[] = [`<section class="article" id="article-${e(a.id)}">`, `<h2>${e(a.title)}</h2>`];
  out.push(
    `<p class="meta">${e(t('export.report.path'))}: ${e(a.path)} · ${e(t('export.report.workflow'))}: ${e(t(`workflow.${a.workflow}`))}${a.revision !== null ? ` · ${e(t('export.report.revision'))} ${a.revision}` : ''}</p>`,
  );
  if (withSummary) out.push(summaryBlock(a.summary, labels, t));
  out.push(`<h3>${e(t('export.report.claims'))}</h3>`);
  if (a.claims.length === 0) out.push(`<p>${e(t('export.report.noClaims'))}</p>`);
  for (const c of a.claims) out.push(claimCard(c, labels, t, language));
  out.push(`<h3>${e(t('export.report.relations'))}</h3>`);
  out.push(
    list(
      a.relations.map((r) => {
        const state = `<span class="${r.status === 'holds' ? 'ok' : 'alarm'}">${e(t(`checks.verdict.${r.status === 'invalid' ? 'unresolved' : r.status}`))}</span>`;
        return `<code>${e(r.expression)}</code> ${state} — ${e(r.explanation)} <span class="meta">(${e(r.createdBy)}, ${e(displayTime(r.createdAt))})</span>`;
      }),
      none,
    ),
  );
  out.push(`<h3>${e(t('export.report.overrides'))}</h3>`);
  out.push(list(a.overrides.map((o) => e(t('export.report.overrideLine', { at: displayTime(o.at), by: o.by, reason: o.reason, claims: o.claimIds.length }))), none));
  out.push(`<h3>${e(t('export.report.corrections'))}</h3>`);
  out.push(list(a.corrections.map((c) => e(t('export.report.correctionLine', { at: displayTime(c.at), by: c.by, text: c.text }))), none));
  out.push(`<h3>${e(t('export.report.publications'))}</h3>`);
  out.push(
    list(
      a.publications.map((p) => e(t('export.report.publicationLine', { at: displayTime(p.at), by: p.by, revision: p.revision, format: p.format, hash: p.fileHash.slice(0, 16) }))),
      none,
    ),
  );
  out.push('</section>');
  return out.join('\n');
}

function claimCard(c: ReportClaim, labels: Record<ClaimStatus, string>, t: T, language: FactCheckReport['language']): string {
  const e = escapeHtml;
  const none = t('export.report.none');
  const value = formatValue(c.value, c.unit, language);
  const rows: Array<[string, string]> = [];
  if (c.detached) rows.push(['', `<span class="detached">${e(t(c.detached.reason === 'orphan' ? 'export.report.detachedOrphan' : 'export.report.detachedAmbiguous'))}</span>`]);
  if (c.recheck) rows.push(['', `<span class="alarm">${e(t('export.report.recheck', { old: c.recheck.oldQuote, new: c.recheck.newQuote }))}</span>`]);
  rows.push([t('export.report.verdict'), c.verdictNote.trim() ? e(c.verdictNote) : none]);
  if (c.note.trim()) rows.push([t('export.report.note'), e(c.note)]);
  rows.push([
    t('export.report.sources'),
    list(
      c.sources.map((s) => {
        const href = safeHref(s.url);
        const label = e(describeSource(s, language));
        const quote = s.quote.trim() ? ` <q>${e(s.quote)}</q>` : '';
        return (href ? `<a href="${e(href)}">${label}</a>` : label) + quote;
      }),
      none,
      true,
    ),
  ]);
  rows.push([t('export.report.comments'), list(c.comments.map((m) => `<strong>${e(m.author)}</strong> <span class="meta">${e(displayTime(m.at))}</span>: ${e(m.text)}`), none)]);
  rows.push([t('export.report.checker'), c.checker ? `${e(c.checker)} · ${e(displayTime(c.checkedAt))}` : none]);
  if (c.assignee) rows.push([t('export.report.assignee'), e(c.assignee)]);
  rows.push([
    t('export.report.findings'),
    c.findings.length === 0
      ? e(t('export.report.noFindings'))
      : list(
          c.findings.map((f) => `<span class="${f.ok ? 'ok' : 'alarm'}">${e(t(`checks.kind.${f.kind}`))} · ${e(t(f.ok ? 'export.report.findingOk' : 'export.report.findingAlarm'))}</span>: ${e(f.explanation)}`),
          none,
        ),
  ]);
  const dl = rows.map(([k, v]) => `<dt>${e(k)}</dt><dd>${v}</dd>`).join('');
  return [
    `<article class="claim status-${c.status}" id="claim-${e(c.id)}">`,
    `<header><span class="chip">${e(labels[c.status])}</span><q class="quote">${e(c.quote)}</q>${value ? `<span class="value">= ${e(value)}</span>` : ''}</header>`,
    `<p class="context">…${e(c.prefix)}<mark>${e(c.quote)}</mark>${e(c.suffix)}…</p>`,
    `<dl>${dl}</dl>`,
    '</article>',
  ].join('');
}
