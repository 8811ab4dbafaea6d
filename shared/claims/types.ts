/** Kinds of checkable figure (see ../shared/fixtures/README.md for the rules). */
export const claimKinds = ['money', 'percent', 'count', 'quantity', 'date', 'other'] as const;
export type ClaimKind = (typeof claimKinds)[number];

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
