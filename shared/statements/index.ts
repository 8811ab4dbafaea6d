/**
 * Statement detection: checkable statements that are more than figures
 * (awards, rankings, firsts, endorsements, events, comparisons, causes,
 * attributions, quotations), on the claim engine's sentence and clause
 * splitting. This module is the package's public face.
 */
export { statementCategories, type StatementCategory, type DetectedStatement } from './types.js';
export { detectStatements } from './detector.js';
