import type { ClaimKind } from '../../../shared/claims/index.js';

/**
 * The stored claims in columns: thousands of small objects (or strings) cost the page more to
 * send than a few long strings and a typed array (the worker builds the objects on its side).
 * `ids`, `kinds` and `units` are joined with `columnSeparator`; a missing unit is `noUnit`.
 */
export interface StoredColumns {
  ids: string;
  kinds: string;
  values: Float64Array;
  units: string;
}
export const columnSeparator = '\u0000';
export const noUnit = '\u0001';

/** The stored claims as columns to send (see StoredColumns). */
export function storedColumns(all: ReadonlyArray<{ id: string; kind: ClaimKind; value: number | null; unit: string | null }>): StoredColumns {
  return {
    ids: all.map((c) => c.id).join(columnSeparator),
    kinds: all.map((c) => c.kind).join(columnSeparator),
    values: Float64Array.from(all, (c) => c.value ?? NaN),
    units: all.map((c) => c.unit ?? noUnit).join(columnSeparator),
  };
}
