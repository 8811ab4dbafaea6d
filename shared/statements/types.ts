/** The categories of checkable statements, in the order that decides a span fitting several. */
export const statementCategories = ['quote', 'award', 'ranking', 'first', 'endorsement', 'event', 'comparison', 'causal', 'attribution'] as const;

/** One of `statementCategories`. */
export type StatementCategory = (typeof statementCategories)[number];

/**
 * A checkable statement that is more than its figures: an award, a ranking,
 * a first, an endorsement, an event, a qualitative comparison, a cause, an
 * attribution or a quotation. `start`/`end` are UTF-16 offsets into the text
 * (the same convention as claims), `text` is `text.slice(start, end)`.
 */
export interface DetectedStatement {
  start: number;
  end: number;
  text: string;
  category: StatementCategory;
}
