/**
 * What fact-checkers record about an article: its claims (each anchored to
 * the words it checks), their verdicts, sources and discussion, the
 * checker-defined relations among them, the article's audit log and its
 * workflow status, and the article's revisions. These are the shapes of the
 * per-article sidecar (`.factdesk/articles/<id>.json`), of the contract's
 * claim and revision methods and of the CLI's `--json` output.
 */
import type { TextAnchor } from './anchoring/index.js';
import type { CheckerRelation } from './checks/index.js';
import type { ClaimKind, DetectedClaim } from './claims/index.js';
import type { DetectedStatement, StatementCategory } from './statements/index.js';
import type { WorkflowStatus } from './model.js';
import type { DisplayDiff } from './revisions/index.js';
import type { EvidenceRef } from './evidence.js';
import type { CorrectionNote, GateOverride, PublicationRecord } from './export/types.js';
import type { Suggestion } from './suggestions.js';

/** Where a claim stands in fact-checking; these spellings are used in the API, the CLI and the files. */
export const claimStatuses = ['unchecked', 'in-progress', 'verified', 'disputed', 'false', 'unverifiable', 'needs-recheck'] as const;
export type ClaimStatus = (typeof claimStatuses)[number];
/** Statuses that still ask for work; every other status is a reached verdict ("checked"). */
export const openClaimStatuses: readonly ClaimStatus[] = ['unchecked', 'in-progress', 'needs-recheck', 'disputed'];
/** Statuses that are a verdict: a fact-checker's call, a check on the dashboard, a ClaimReview when published. */
export const verdictStatuses: readonly ClaimStatus[] = ['verified', 'disputed', 'false', 'unverifiable'];
/** Is this status a verdict (verified, disputed, false, unverifiable)? */
export function hasVerdict(status: ClaimStatus): boolean {
  return verdictStatuses.includes(status);
}

/** A source a fact-checker consulted for a claim. Empty strings mean "not given". */
export interface ClaimSource {
  id: string;
  title: string;
  url: string;
  publisher: string;
  /** When the source was consulted (ISO 8601 date or date-time, as the checker wrote it). */
  accessed: string;
  /** The passage of the source that bears on the claim. */
  quote: string;
  /** Where in the source that passage is: a page, table or section (`p. 12`, `表3`). Absent in sidecars written before it existed. */
  locator?: string;
  note: string;
  /** The copy FactDesk keeps of the source (`.factdesk/evidence/`), opened offline. Absent for a source given by title or link only. */
  evidence?: EvidenceRef;
  addedBy: string;
  addedAt: string;
  updatedBy?: string;
  updatedAt?: string;
}

/** One message of a claim's discussion thread. */
export interface ClaimComment {
  id: string;
  author: string;
  at: string;
  text: string;
  editedAt?: string;
}

/**
 * Why a claim is not attached to the text right now.
 * - `orphan`: the words it pointed at were deleted; `at` is where they were.
 * - `ambiguous`: its quote was searched for again and several places fit
 *   equally well (`candidates`); FactDesk does not guess, a checker chooses.
 * `at` and `candidates` are offsets in the text of revision `revision`.
 */
export interface ClaimDetachment {
  reason: 'orphan' | 'ambiguous';
  since: string;
  revision: number;
  at: number;
  candidates?: Array<{ start: number; end: number }>;
}

/** The figure under a checked claim changed; the claim keeps its place and waits for a re-check. */
export interface ClaimRecheck {
  /** The words as they were when the claim was last given a verdict. */
  oldQuote: string;
  /** The words there now. */
  newQuote: string;
  /** The status the claim had before the figure changed. */
  previousStatus: ClaimStatus;
  /** The revision that changed the figure. */
  revision: number;
  at: string;
}

/** A checkable statement in an article, anchored to its words. */
export interface Claim {
  /** Unique within the workspace (`c` + 12 hex digits). */
  id: string;
  /** Offsets (UTF-16, in the article's text as the editor shows it: `\n` line ends) plus quote and context. */
  anchor: TextAnchor;
  kind: ClaimKind;
  /** For a claim of kind `statement`: what kind of statement (award, ranking, first, quote…). */
  category?: StatementCategory;
  /** Normalized value in base units (万/亿 applied); null when the figure has none. */
  value: number | null;
  unit: string | null;
  status: ClaimStatus;
  /** Why the verdict is what it is. */
  verdictNote: string;
  /** A free note on the claim (not part of the verdict). */
  note: string;
  sources: ClaimSource[];
  comments: ClaimComment[];
  assignee: string | null;
  createdBy: string;
  createdAt: string;
  updatedBy: string;
  updatedAt: string;
  /** Soft-deleted: hidden from the article, kept and restorable. */
  deleted: boolean;
  deletedBy?: string;
  deletedAt?: string;
  /** Set while the claim is not attached to the text. */
  detached?: ClaimDetachment;
  /** Set while the claim is `needs-recheck` because its figure changed. */
  recheck?: ClaimRecheck;
}

/** What an audit entry records. `claim.*` entries name their claim. */
export const auditActions = [
  'claim.added',
  'claim.updated',
  'claim.status',
  'claim.deleted',
  'claim.restored',
  'claim.figure-changed',
  'claim.orphaned',
  'claim.ambiguous',
  'claim.reattached',
  'source.added',
  'source.updated',
  'source.removed',
  'comment.added',
  'comment.edited',
  'comment.removed',
  'relation.added',
  'relation.removed',
  'workflow',
  'publication',
  'gate.override',
  'correction',
  'claims.imported',
  'suggestion.added',
  'suggestion.accepted',
  'suggestion.rejected',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** A value an audit entry shows before → after. */
export type AuditValue = string | number | boolean | null;

/** Who did what, when, to which claim: before → after. */
export interface AuditEntry {
  at: string;
  /** The author, or null for changes noticed in the file (edited outside FactDesk). */
  by: string | null;
  action: AuditAction;
  claimId?: string;
  /** The field that changed (`kind`, `assignee`, `quote`, …) for updates. */
  field?: string;
  before?: AuditValue;
  after?: AuditValue;
  /** The revision a text change happened in. */
  revision?: number;
  /** The bulk change (or its undo) this entry is part of. */
  batch?: string;
  /** The suggestion a `suggestion.*` entry is about. */
  suggestionId?: string;
}

/** One claim changed by a bulk review change: what it was and became (for undoing the batch). */
export interface BulkItem {
  articleId: string;
  claimId: string;
  before: { status: ClaimStatus; verdictNote: string; assignee: string | null; recheck?: ClaimRecheck };
  after: { status: ClaimStatus; verdictNote: string; assignee: string | null };
  /** The source the change added, removed again by an undo. */
  sourceId?: string;
}

/** A bulk review change as recorded for undo. */
export interface BulkBatch {
  id: string;
  at: string;
  by: string;
  /** What was asked, for the undo button's label. */
  summary: string;
  items: BulkItem[];
  undone?: string;
}

/** What a bulk change or its undo did. */
export interface BulkResult {
  batchId: string;
  changed: number;
  /** Claims left alone: not found, or (for an undo) changed again since. */
  skipped: number;
}

/** The per-article sidecar: the source of truth for the article's annotations and workflow. */
export interface ArticleAnnotations {
  version: 1;
  articleId: string;
  /** The article's workspace-relative path when the sidecar was last written (to rebuild a lost index). */
  path?: string;
  workflow: WorkflowStatus;
  /** The revision whose text the claims' anchors point into (0 before any claim). */
  anchoredTo: number;
  claims: Record<string, Claim>;
  relations: Record<string, CheckerRelation>;
  /** Oldest first. */
  audit: AuditEntry[];
  /** Every publication export of the article, oldest first. */
  publications?: PublicationRecord[];
  /** Every override of the publication gate, with its reason. */
  overrides?: GateOverride[];
  /** Every correction note published with the article. */
  corrections?: CorrectionNote[];
  /** Where the article is published (ClaimReview `url`, Web Annotation target). */
  publicationUrl?: string;
  /** Suggested changes of the text, by id (absent in sidecars written before suggestions existed). */
  suggestions?: Record<string, Suggestion>;
}

/** An article's claims as the claim panel shows them. */
export interface ClaimList {
  articleId: string;
  /** The revision the offsets refer to. */
  revision: number;
  workflow: WorkflowStatus;
  /** Attached, not deleted, in text order. */
  claims: Claim[];
  /** Not deleted but not attached (orphan or ambiguous): shown apart, re-attachable. */
  detached: Claim[];
  /** Soft-deleted, restorable. */
  deleted: Claim[];
  relations: CheckerRelation[];
  /** Only on a page (`claims.list` with `limit`): where `claims` starts among the attached claims and how many there are in all. */
  page?: { offset: number; total: number };
}

/** A figure the claim engine found, and whether a claim already covers it. */
export interface ClaimCandidate extends DetectedClaim {
  /** The id of the claim whose span overlaps this one (deleted claims included), if any. */
  claimId: string | null;
}

/** A statement found in the article, with the claim that covers it (if any). */
export interface StatementCandidate extends DetectedStatement {
  claimId: string | null;
}

/** Result of adding detected candidates as claims. */
export interface AddDetectedResult {
  added: Claim[];
  /** Candidates skipped because a claim (possibly deleted) already covers them. */
  skipped: number;
}

/** Why a revision was recorded. */
export const revisionSources = ['first-seen', 'save', 'external', 'restore'] as const;
export type RevisionSource = (typeof revisionSources)[number];

/** One saved version of an article's text. */
export interface RevisionInfo {
  /** 1, 2, 3… in the order they were recorded. */
  n: number;
  at: string;
  /** Who saved it; null when the change was made outside FactDesk or predates it. */
  author: string | null;
  source: RevisionSource;
  label?: string;
  /** For `restore`: the revision whose text was restored. */
  restoredFrom?: number;
  /** `textHash` of the text (shared/revisions). */
  hash: string;
  /** SHA-256 of the file's bytes right after this revision, when known. */
  diskHash?: string;
  /** Length of the text in UTF-16 code units. */
  length: number;
}

/** How much one revision changed the text before it, in UTF-16 code units (the first revision adds all its text). */
export interface RevisionChange {
  n: number;
  added: number;
  removed: number;
}

/** The text of one revision. */
export interface RevisionText {
  revision: RevisionInfo;
  text: string;
}

/** What the file on disk holds compared with the text an editor was based on. */
export interface DiskComparison {
  /** The revision the editor's text was based on (found by its file hash); null if unknown. */
  base: RevisionInfo | null;
  /** SHA-256 of the file's bytes now. */
  diskHash: string;
  /** The file's bytes differ from those the editor was based on. */
  changed: boolean;
  /** Base revision → file on disk. */
  diff: DisplayDiff;
  /** The editor's unsaved text → file on disk, when the text was sent. */
  mine?: DisplayDiff;
}

/** The newest `claim.status` audit entry of each claim, by claim id (one pass over the log). */
export function statusEntries(audit: readonly AuditEntry[]): Map<string, AuditEntry> {
  const out = new Map<string, AuditEntry>();
  for (const e of audit) if (e.action === 'claim.status' && e.claimId) out.set(e.claimId, e);
  return out;
}

/**
 * Who gave a claim its current status and when: the audit entry that set
 * it, else the claim's last change; null while the claim is unchecked.
 * `entries` is `statusEntries(audit)` of the claim's article.
 */
export function checkerOf(c: Claim, entries: ReadonlyMap<string, AuditEntry>): { checker: string | null; checkedAt: string | null } {
  if (c.status === 'unchecked') return { checker: null, checkedAt: null };
  const e = entries.get(c.id);
  if (e && e.after === c.status) return { checker: e.by, checkedAt: e.at };
  return { checker: c.updatedBy || null, checkedAt: c.updatedAt || null };
}
