/** Domain types shared by the services, the contract and the renderer. */

/** File kinds FactDesk opens as articles. */
export const articleExtensions = ['.md', '.txt', '.html'] as const;
export type ArticleFormat = 'md' | 'txt' | 'html';

/** Editorial workflow of one article. */
export const workflowStatuses = ['draft', 'in-review', 'approved', 'published'] as const;
export type WorkflowStatus = (typeof workflowStatuses)[number];

/** Encodings FactDesk reads and writes back unchanged. */
export const textEncodings = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'] as const;
export type TextEncodingName = (typeof textEncodings)[number];

export type LineEnding = 'lf' | 'crlf' | 'mixed';

/** One row of the article list. */
export interface ArticleSummary {
  /** Stable id, kept across renames; the renderer addresses articles only by id. */
  id: string;
  /** Path relative to the workspace root, with `/` separators. */
  path: string;
  title: string;
  format: ArticleFormat;
  size: number;
  mtimeMs: number;
  workflow: WorkflowStatus;
  /** Number of stored claims, or null before the article has a sidecar. */
  claimCount: number | null;
  /** The file is gone from disk (deleted or renamed outside FactDesk). */
  missing: boolean;
}

/** What a file looked like on disk when it was last read or written. */
export interface DiskStamp {
  size: number;
  mtimeMs: number;
  /** SHA-256 of the raw bytes, hex. */
  hash: string;
}

/** An article's text with the facts needed to write it back byte-exactly. */
export interface ArticleDocument {
  id: string;
  path: string;
  title: string;
  format: ArticleFormat;
  /** Decoded text, BOM removed; CRLF files are shown with `\n` and written back with CRLF. */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  lineEnding: LineEnding;
  disk: DiskStamp;
}

export interface WorkspaceInfo {
  root: string;
  name: string;
  /** Another FactDesk instance holds the workspace lock. */
  readOnly: boolean;
  /** Why the workspace is read-only (English, for logs); the UI translates `lockedBy`. */
  readOnlyReason?: string;
  /** The process holding the writer lock, when that is why this session is read-only. */
  lockedBy?: { pid: number };
  /** Who this session records as the author of claims, verdicts and revisions. */
  author?: string;
}

export type HostKind = 'electron' | 'browser';

export const profileRoles = ['editor', 'fact-checker'] as const;
export type ProfileRole = (typeof profileRoles)[number];

/**
 * Who works at this computer: the name every audit entry, comment and status
 * change carries, and the role that shapes what the UI offers (an editor
 * overrides the publication gate; a fact-checker gives verdicts).
 */
export interface Profile {
  name: string;
  role: ProfileRole;
}

export interface AppInfo {
  version: string;
  host: HostKind;
}

export interface TrashEntry {
  trashId: string;
  /** Where the article lived before it was deleted. */
  path: string;
  articleId: string;
  deletedAt: string;
  /**
   * `deleted`: the article was deleted (the default). `replaced`: bytes
   * FactDesk could not read as text, kept before a save replaced them;
   * restoring puts them back beside the article under a free name.
   */
  reason?: 'deleted' | 'replaced';
}

/** What a save returns: the article as saved, and the trash entry of unreadable bytes it replaced, if any. */
export interface SaveResult extends ArticleDocument {
  kept?: TrashEntry;
}

/** What FactDesk tells the user about its own files (recoveries, files left out, bytes kept). */
export const noticeCodes = [
  'store-recovered',
  'store-recovered-empty',
  'store-restored-missing',
  'index-rebuilt',
  'meta-recreated',
  'link-refused',
  'file-skipped-name',
  'file-skipped-size',
  'bytes-kept',
] as const;
export type NoticeCode = (typeof noticeCodes)[number];

/** A notice shown to the user until dismissed; translated from `notices.<code>` with `params`. */
export interface WorkspaceNotice {
  id: string;
  code: NoticeCode;
  params: Record<string, string | number>;
  at: string;
}

/** Unsaved edits of an article, kept on disk until they are saved or discarded. */
export interface ArticleDraft {
  text: string;
  /** SHA-256 of the file the edits were made on. */
  baseHash: string;
  savedAt: string;
}

/** Settings of a workspace, kept in its index (so everyone who opens the workspace has them). */
export interface WorkspaceSettings {
  /** The organization that publishes the fact-checks (ClaimReview `author`). */
  organization?: { name: string; url?: string };
}

/** What FactDesk can export an article as. */
export const exportFormats = ['md', 'html', 'txt', 'docx', 'docx-review', 'report-html', 'report-pdf', 'csv', 'json', 'claimreview', 'web-annotation'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The formats that are the article's publication copy: they pass the gate and are recorded. */
export const publicationFormats: readonly ExportFormat[] = ['md', 'html', 'txt', 'docx'];

/** One exported file. Text formats travel as UTF-8 text, DOCX and PDF as base64. */
export interface ExportedFile {
  filename: string;
  mime: string;
  encoding: 'utf8' | 'base64';
  data: string;
  /** SHA-256 of the file's bytes. */
  hash: string;
}
