/** Kinds of checkable figure (see ../shared/fixtures/README.md for the rules). */
export const claimKinds = ['money', 'percent', 'count', 'quantity', 'date', 'other', 'statement'] as const;
export type ClaimKind = (typeof claimKinds)[number];

/**
 * The kinds that make an article's checklist: "accept all detected" takes
 * these, and the panel counts them. Bare years and dates are left out — a
 * checker rarely checks them, and an article holds dozens (`2023年`); they
 * can still be made claims one by one.
 */
export const checklistKinds: readonly ClaimKind[] = claimKinds.filter((k) => k !== 'date' && k !== 'statement');
const onList = new Set<string>(checklistKinds);

/** Whether a detected figure belongs on the checklist (see `checklistKinds`). */
export function onChecklist(c: { kind: ClaimKind }): boolean {
  return onList.has(c.kind);
}

/** A figure found in text by `detectClaims`. Offsets are UTF-16 code units. */
export interface DetectedClaim {
  /** Exactly `text.slice(start, end)`: number + unit or measure word only. */
  text: string;
  start: number;
  end: number;
  kind: ClaimKind;
  /** Printed magnitude in base units (万/亿/million applied); null where the rules give none. */
  value: number | null;
  /** ISO currency for money, `%`, `pp`, the measure word for counts, `km2`/`m2`/`t`/… for quantities, `year` etc. */
  unit: string | null;
  /** Approximation word next to the figure (约, 近, 超过, 余, 以上, about, over…), if any. */
  approx?: string;
  /** Direction word governing the figure (增长, 下降, rose, fell…), if any. */
  direction?: string;
  /** Base period of a growth statement (同比, 比上年, year on year…), if any. */
  basePeriod?: string;
  /** The sentence holding the figure, as UTF-16 offsets. */
  sentence: { start: number; end: number };
}
