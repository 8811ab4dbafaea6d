import type { AuditEntry, Claim, ClaimStatus } from '../annotations.js';
import type { DisplayDiff } from '../revisions/index.js';
import type { GateResult } from './gate.js';
import type { CheckerRelation } from '../checks/index.js';
import type { Language } from '../i18n/index.js';
import type { ArticleFormat, WorkflowStatus } from '../model.js';

/** The article being exported: its text exactly as the editor shows it (`\n` line ends). */
export interface ExportArticle {
  id: string;
  /** Workspace-relative path, `/` separators. */
  path: string;
  title: string;
  format: ArticleFormat;
  text: string;
  /** Where the article is (or will be) published; used by ClaimReview and as the Web Annotation target. */
  url?: string;
  /** The article's byline (person or desk), the `author` of the claims ClaimReview reviews. */
  byline?: string;
  /** When the article was (or will be) published, ISO 8601. */
  datePublished?: string;
}

/** The organization that publishes the fact-checks, set once per workspace. */
export interface ExportOrganization {
  name: string;
  url?: string;
}

/** An editor let an article through the publication gate despite blocking claims. */
export interface GateOverride {
  at: string;
  by: string;
  /** The written reason; the gate refuses an override without one. */
  reason: string;
  /** The claims that were blocking when the override was given. */
  claimIds: string[];
}

/** A correction note published with an article that had been published before. */
export interface CorrectionNote {
  at: string;
  by: string;
  text: string;
  /** The revision the corrected copy was made from. */
  revision?: number;
}

/** One publication export of an article: which revision went out, when, by whom, how. */
export interface PublicationRecord {
  revision: number;
  at: string;
  by: string;
  /** The export format (`md`, `html`, `txt`, `docx`, …). */
  format: string;
  /** SHA-256 of the file written, hex. */
  fileHash: string;
  override?: GateOverride;
  correction?: CorrectionNote;
}

/** Everything the report needs about one article; all plain data the store already holds. */
export interface ArticleReportInput {
  article: ExportArticle;
  workflow: WorkflowStatus;
  /** The revision the claims' offsets point into, when known. */
  revision?: number;
  /** Attached and detached claims; soft-deleted claims are left out of the report. */
  claims: readonly Claim[];
  relations?: readonly CheckerRelation[];
  /** The article's audit log (oldest first): who gave each verdict and when. */
  audit?: readonly AuditEntry[];
  overrides?: readonly GateOverride[];
  corrections?: readonly CorrectionNote[];
  publications?: readonly PublicationRecord[];
}

/** A fact-check report over one article or a whole workspace. */
export interface ReportInput {
  /** Workspace name (the folder's name). */
  workspace: string;
  organization?: ExportOrganization;
  articles: readonly ArticleReportInput[];
  /** Report language: the app's language. */
  language: Language;
  generatedAt: string;
  generatedBy?: string;
}

/** Count of claims per status (every status present, zero when none). */
export type StatusCounts = Record<ClaimStatus, number>;

/** The fields of a claim an export carries as they are (its anchor, id and state are written each in their own way). */
export const claimRecordFields = ['kind', 'value', 'unit', 'status', 'verdictNote', 'note', 'assignee', 'sources', 'comments', 'createdBy', 'createdAt', 'updatedBy', 'updatedAt'] as const;
export type ClaimRecord = Pick<Claim, (typeof claimRecordFields)[number]>;

/** Those fields of a claim, copied. */
export function claimRecord(c: Claim): ClaimRecord {
  return Object.fromEntries(claimRecordFields.map((k) => [k, c[k]])) as unknown as ClaimRecord;
}

/** An article's publication state: its last publication and what changed since. */
export interface PublicationState {
  publications: PublicationRecord[];
  /** The text differs from the last published revision: the next copy needs a correction note. */
  changedSincePublication: boolean;
  /** From the published revision to the text now, when it changed. */
  diff: DisplayDiff | null;
  /** Claims whose figure changed since publication. */
  changedClaims: Array<{ claimId: string; oldQuote: string; newQuote: string; status: ClaimStatus }>;
  gate: GateResult;
  publicationUrl: string;
}

