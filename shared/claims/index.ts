/**
 * The claim engine: finds checkable figures in article text. This module is
 * the package's public face; the revision diff and the cross-checks use
 * `parseNumber` and `detectClaims` from here rather than parsing numbers of
 * their own.
 */
export { checklistKinds, claimKinds, onChecklist, type ClaimKind, type DetectedClaim } from './types.js';
export {
  detectClaims,
  createClaimDetector,
  detectLines,
  rescanLines,
  type ClaimDetector,
  type ClaimDetectOptions,
  type ClaimLines,
  type LineEdit,
  type LineReader,
} from './detector.js';
export { parseNumber, scaleDecimal, toHalfWidth } from './numerals.js';
export { inferDollarCurrency, mayChangeDollarCurrency, dollarSignalReach } from './currency.js';
export { splitLines, sentenceRanges, clauseRanges, type Range } from './sentences.js';
