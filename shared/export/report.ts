/**
 * The fact-check report over one article or a workspace: one plain data
 * shape (`buildReport`) rendered as printable HTML, CSV and JSON.
 */
import { checkerOf, claimStatuses, statusEntries, type AuditEntry, type Claim, type ClaimDetachment, type ClaimRecheck } from '../annotations.js';
import { evaluateRelation, runChecks, type CheckClaim, type CheckKind, type RelationResult } from '../checks/index.js';
import { unitName } from '../claims/unit-names.js';
import { translatorFor, type Language } from '../i18n/index.js';
import type { WorkflowStatus } from '../model.js';
import { blockingStatuses } from './gate.js';
import { claimRecord, type ArticleReportInput, type ClaimRecord, type CorrectionNote, type ExportOrganization, type GateOverride, type PublicationRecord, type ReportInput, type StatusCounts } from './types.js';

/** A cross-check finding as the report shows it beside a claim. */
export interface ReportFinding {
  kind: CheckKind;
  ok: boolean;
  explanation: string;
  relationId?: string;
}

/** One claim as the report lists it. */
export interface ReportClaim extends ClaimRecord {
  id: string;
  quote: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  /** Who gave the current status and when (from the audit log; else the claim's last change). Null while unchecked. */
  checker: string | null;
  checkedAt: string | null;
  detached: ClaimDetachment | null;
  recheck: ClaimRecheck | null;
  blocking: boolean;
  findings: ReportFinding[];
}

/** A relation a checker stated, with whether it holds in the text now. */
export interface ReportRelation {
  id: string;
  expression: string;
  claimIds: string[];
  createdBy: string;
  createdAt: string;
  /** Whether it holds in the text now; `unresolved` when a claim it names has no value, `invalid` when it cannot be read. */
  status: RelationResult['status'];
  explanation: string;
}

export interface ReportSummary {
  total: number;
  byStatus: StatusCounts;
  /** Claims that block publication (see the gate). */
  blocking: number;
  /** Cross-check alarms (findings that do not add up). */
  alarms: number;
}

export interface ReportArticle {
  id: string;
  path: string;
  title: string;
  url: string | null;
  workflow: WorkflowStatus;
  revision: number | null;
  summary: ReportSummary;
  claims: ReportClaim[];
  relations: ReportRelation[];
  overrides: GateOverride[];
  corrections: CorrectionNote[];
  publications: PublicationRecord[];
}

export interface FactCheckReport {
  workspace: string;
  organization: ExportOrganization | null;
  language: Language;
  generatedAt: string;
  generatedBy: string | null;
  summary: ReportSummary;
  articles: ReportArticle[];
}

function emptyCounts(): StatusCounts {
  return Object.fromEntries(claimStatuses.map((s) => [s, 0])) as StatusCounts;
}

function summarize(claims: readonly ReportClaim[]): ReportSummary {
  const byStatus = emptyCounts();
  let blocking = 0;
  let alarms = 0;
  for (const c of claims) {
    byStatus[c.status]++;
    if (c.blocking) blocking++;
    alarms += c.findings.filter((f) => !f.ok).length;
  }
  return { total: claims.length, byStatus, blocking, alarms };
}

/** Who gave the claim its current status and when (see `checkerOf`); for many claims, build `statusEntries` once. */
export function claimChecker(c: Claim, audit: readonly AuditEntry[]): { checker: string | null; checkedAt: string | null } {
  return checkerOf(c, statusEntries(audit));
}

function reportArticle(input: ArticleReportInput, language: Language): ReportArticle {
  const { article } = input;
  const claims = input.claims.filter((c) => !c.deleted).sort((a, b) => Number(Boolean(a.detached)) - Number(Boolean(b.detached)) || a.anchor.start - b.anchor.start);
  const attached = claims.filter((c) => !c.detached && article.text.slice(c.anchor.start, c.anchor.end) === c.anchor.quote);
  const checkClaims: CheckClaim[] = attached.map((c) => ({ id: c.id, text: c.anchor.quote, start: c.anchor.start, end: c.anchor.end, kind: c.kind, value: c.value, unit: c.unit }));
  const relations = [...(input.relations ?? [])];
  const checks = runChecks(article.text, checkClaims, { relations, language });
  const findingsOf = new Map<string, ReportFinding[]>();
  const explanations = new Map<string, string>();
  for (const f of checks.findings) {
    const finding: ReportFinding = { kind: f.kind, ok: f.ok, explanation: f.explanation, ...(f.relationId ? { relationId: f.relationId } : {}) };
    if (f.relationId) explanations.set(f.relationId, f.explanation);
    for (const span of f.claims) {
      for (const c of attached) {
        if (c.anchor.start === span.start && c.anchor.end === span.end) findingsOf.set(c.id, [...(findingsOf.get(c.id) ?? []), finding]);
      }
    }
  }
  const entries = statusEntries(input.audit ?? []);
  const rows: ReportClaim[] = claims.map((c) => ({
    id: c.id,
    quote: c.anchor.quote,
    prefix: c.anchor.prefix,
    suffix: c.anchor.suffix,
    start: c.anchor.start,
    end: c.anchor.end,
    ...claimRecord(c),
    ...checkerOf(c, entries),
    detached: c.detached ?? null,
    recheck: c.recheck ?? null,
    blocking: blockingStatuses.includes(c.status),
    findings: findingsOf.get(c.id) ?? [],
  }));
  return {
    id: article.id,
    path: article.path,
    title: article.title,
    url: article.url ?? null,
    workflow: input.workflow,
    revision: input.revision ?? null,
    summary: summarize(rows),
    claims: rows,
    relations: relations.map((r) => ({
      id: r.id,
      expression: r.expression,
      claimIds: r.claimIds,
      createdBy: r.createdBy,
      createdAt: r.createdAt,
      status: evaluateRelation(r, checkClaims).status,
      explanation: explanations.get(r.id) ?? '',
    })),
    overrides: [...(input.overrides ?? [])],
    corrections: [...(input.corrections ?? [])],
    publications: [...(input.publications ?? [])],
  };
}

/**
 * The report's data: every claim (deleted ones left out; detached ones last)
 * with its checker, cross-check findings and relations, per article, plus
 * summary counts per article and overall. Findings are explained in the
 * report's language.
 */
export function buildReport(input: ReportInput): FactCheckReport {
  const articles = input.articles.map((a) => reportArticle(a, input.language));
  return {
    workspace: input.workspace,
    organization: input.organization ?? null,
    language: input.language,
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy ?? null,
    summary: summarize(articles.flatMap((a) => a.claims)),
    articles,
  };
}

/** The report as JSON: every field of the report data, pretty printed. */
export function reportJson(report: FactCheckReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

/** A normalized value as people read it, `30,570,000,000 CNY`. */
export function formatValue(value: number | null, unit: string | null, language: Language): string {
  if (value === null) return unit ?? '';
  // A year is a label, not a quantity: 2022, never 2,022.
  const n = new Intl.NumberFormat(language, { maximumFractionDigits: 6, useGrouping: unit !== 'year' }).format(value);
  if (unit === '%') return `${n}%`;
  if (!unit) return n;
  // Chinese units follow the number directly (2022年, 45个); English ones after a space.
  return language === 'zh-CN' ? `${n}${unitName(unit, language)}` : `${n} ${unitName(unit, language)}`;
}

// ---------------------------------------------------------------- CSV

/**
 * One CSV cell. Text is quoted (RFC 4180); text starting with `=`, `+`,
 * `-`, `@`, a tab or a carriage return gets a leading `'` so a spreadsheet
 * shows it rather than evaluating it as a formula. Numbers stay numbers.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * The report as CSV: a header row in the report's language, then one row per
 * claim. UTF-8 with a byte order mark (so Excel opens Chinese correctly),
 * CRLF line ends.
 */
export function reportCsv(report: FactCheckReport): string {
  const t = translatorFor(report.language).t;
  const columns = ['article', 'claimId', 'start', 'end', 'quote', 'kind', 'value', 'unit', 'status', 'statusLabel', 'verdict', 'note', 'sources', 'comments', 'checker', 'checkedAt', 'assignee', 'detached', 'findings'] as const;
  const own = new Set<string>(['article', 'claimId', 'start', 'end', 'unit', 'statusLabel', 'detached', 'findings']);
  const header = (c: string): string => t(own.has(c) ? `export.report.csv.${c}` : `export.report.${c}`);
  const rows: string[] = [columns.map((c) => csvCell(header(c))).join(',')];
  for (const a of report.articles) {
    for (const c of a.claims) {
      const cells: Record<(typeof columns)[number], string | number | null> = {
        article: a.path,
        claimId: c.id,
        start: c.start,
        end: c.end,
        quote: c.quote,
        kind: c.kind,
        value: c.value,
        unit: c.unit,
        status: c.status,
        statusLabel: t(`review.status.${c.status}`),
        verdict: c.verdictNote,
        note: c.note,
        sources: c.sources.map((s) => [s.title, s.publisher, s.url].filter(Boolean).join(' · ')).join('\n'),
        comments: c.comments.map((m) => `${m.author}: ${m.text}`).join('\n'),
        checker: c.checker,
        checkedAt: c.checkedAt,
        assignee: c.assignee,
        detached: c.detached ? c.detached.reason : '',
        findings: c.findings.filter((f) => !f.ok).map((f) => f.explanation).join('\n'),
      };
      rows.push(columns.map((col) => csvCell(cells[col])).join(','));
    }
  }
  return '\uFEFF' + rows.join('\r\n') + '\r\n';
}
