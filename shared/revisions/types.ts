/**
 * A compact, JSON-friendly patch from one revision's text to the next: each
 * entry replaces `deleteCount` code units at `pos` (coordinates of the OLDER
 * text) with `insert`. Entries are sorted by `pos` and do not overlap.
 */
export type RevisionPatch = Array<[pos: number, deleteCount: number, insert: string]>;

/** How one stored revision holds its text. */
export type RevisionBody = { kind: 'snapshot'; text: string } | { kind: 'patch'; patch: RevisionPatch };

/** What the snapshot policy needs to know about each stored revision, oldest first. */
export interface RevisionChainLink {
  kind: RevisionBody['kind'];
  /** UTF-8 bytes of the body's JSON. */
  bytes: number;
}

/** When the next revision is stored whole instead of as a patch. */
export interface SnapshotPolicy {
  /** Reading a revision never applies more patches than this. */
  maxPatchesPerSnapshot: number;
  /** A snapshot is due once the patches since the last one exceed this share of the text's size. */
  maxPatchBytesRatio: number;
}

/** A function that finds figure spans (number + unit) in a paragraph, e.g. the claim engine. */
export type FigureFinder = (text: string) => ReadonlyArray<{ start: number; end: number }>;

export interface DisplayDiffOptions {
  /** Wall-time budget for word-level diffing; past it the diff falls back to paragraphs. Default 500 ms. */
  budgetMs?: number;
  /** Overrides the claim engine as the source of figure tokens (tests, other languages). */
  findFigures?: FigureFinder;
}

export interface DiffPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
  /** The part is exactly one figure (e.g. `305.7亿元`), changed as a whole. */
  figure?: true;
}

export interface ParagraphDiff {
  kind: 'same' | 'added' | 'removed' | 'changed';
  /** Index of the paragraph (line) in the old text; null for added paragraphs. */
  oldIndex: number | null;
  /** Index of the paragraph (line) in the new text; null for removed paragraphs. */
  newIndex: number | null;
  oldText: string;
  newText: string;
  /**
   * Inline rendering: `same` + `removed` parts spell `oldText`, `same` + `added`
   * parts spell `newText`, so one list serves side-by-side and inline views.
   */
  parts: DiffPart[];
  /** A removed paragraph that reappears unchanged as the new paragraph with this index (or vice versa). */
  movedTo?: number;
  movedFrom?: number;
}

export interface DisplayDiffStats {
  sameParagraphs: number;
  changedParagraphs: number;
  addedParagraphs: number;
  removedParagraphs: number;
  movedParagraphs: number;
  /** UTF-16 code units in added / removed parts. */
  addedChars: number;
  removedChars: number;
  /** Figure tokens removed / added inside changed paragraphs. */
  removedFigures: number;
  addedFigures: number;
  elapsedMs: number;
}

export interface DisplayDiff {
  paragraphs: ParagraphDiff[];
  stats: DisplayDiffStats;
  granularity: 'word' | 'paragraph';
  /** The time budget ran out, so changed paragraphs are shown whole (removed + added). */
  fellBack: boolean;
}
