/**
 * Anchoring: keeps each claim attached to the right words while the text
 * changes. This is the one anchoring routine of FactDesk; the editor, the
 * store (saves, restores, edits made outside the app) and the CLI all use it.
 */
export type {
  AnchorCandidate,
  AnchorOutcome,
  AnchorStatus,
  ReanchorOptions,
  ReattachOptions,
  TextAnchor,
  TextChange,
} from './types.js';
export { anchorContextLength, createAnchor } from './anchor.js';
export { applyChanges, computeChanges, normalizeChanges } from './changes.js';
// Diff building blocks, shared with shared/revisions so both use one alignment.
export { alignLines } from './align.js';
export type { LineAlignment } from './align.js';
export { pairSimilarLines } from './pairing.js';
export { cleanupSemantic, splitSentences } from './refine.js';
export type { DiffOp } from './refine.js';
export { reanchor } from './reanchor.js';
export { reattach } from './reattach.js';
