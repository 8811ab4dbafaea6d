/**
 * Revisions: compact patches between saved texts, the snapshot policy that
 * bounds how many patches a read applies, and the readable diff shown to
 * editors and fact-checkers.
 */
export type {
  DiffPart,
  DisplayDiff,
  DisplayDiffOptions,
  DisplayDiffStats,
  FigureFinder,
  ParagraphDiff,
  RevisionBody,
  RevisionChainLink,
  RevisionPatch,
  SnapshotPolicy,
} from './types.js';
export { applyPatch, makePatch } from './patch.js';
export { textHash, utf8Length } from './hash.js';
export { baseSnapshotIndex, bodyBytes, chooseRevisionKind, defaultSnapshotPolicy, nextRevisionBody, rebuildText } from './snapshots.js';
export { diffForDisplay } from './display-diff.js';
