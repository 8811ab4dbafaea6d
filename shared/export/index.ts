/**
 * Publishing: pure formatters from plain data to strings — the publication
 * copy (Markdown, HTML, text), the fact-check report (HTML, CSV, JSON),
 * ClaimReview and W3C Web Annotation JSON-LD and its import — and the
 * publication gate. DOCX, PDF, sanitizing and files are the Node side's
 * (`electron/services/export/`).
 */
export type { ArticleReportInput, CorrectionNote, ExportArticle, ExportOrganization, GateOverride, PublicationRecord, PublicationState, ReportInput, StatusCounts } from './types.js';
export { blockingStatuses, publicationBlockedError, publicationGate, type BlockingClaim, type GateResult } from './gate.js';
export { articleBlocks, type ArticleBlock, type TextRange } from './blocks.js';
export { articleLanguage, formatCorrection, isoDay } from './correction.js';
export { escapeHtml, jsonForScript, renderHtmlDocument, safeHref, type HtmlDocument } from './html.js';
export { citations, describeSource, publicationHtml, publicationMarkdown, publicationText, type Citation, type PublicationOptions } from './publication.js';
export {
  claimReviewedMaxLength,
  claimReviewedText,
  claimReviews,
  hasVerdict,
  ratingScale,
  ratingValues,
  verdictStatuses,
  type ClaimReviewContext,
} from './claim-review.js';
export {
  annotationCollection,
  annotationContext,
  annotationId,
  claimAnnotation,
  fromCodePoints,
  placeImportedClaims,
  readWebAnnotations,
  toCodePoints,
  type ImportedClaim,
  type PlacedClaim,
  type WebAnnotationImport,
  type WebAnnotationOptions,
} from './web-annotation.js';
export {
  buildReport,
  claimChecker,
  csvCell,
  formatValue,
  reportCsv,
  reportJson,
  type FactCheckReport,
  type ReportArticle,
  type ReportClaim,
  type ReportFinding,
  type ReportRelation,
  type ReportSummary,
} from './report.js';
export { reportHtml, statusChartSvg, statusColors } from './report-html.js';
