/**
 * Where a claim sits in an article's text: the W3C TextPositionSelector
 * (`start`/`end`) and TextQuoteSelector (`quote`/`prefix`/`suffix`) together.
 * Offsets are UTF-16 code units and never split a surrogate pair.
 */
export interface TextAnchor {
  start: number;
  end: number;
  /** Exactly `text.slice(start, end)` when the anchor was made. */
  quote: string;
  /** Up to `anchorContextLength` code units before `start`. */
  prefix: string;
  /** Up to `anchorContextLength` code units after `end`. */
  suffix: string;
}

/**
 * One edit of a change set, in the coordinates of the text before the edit:
 * `from..to` is replaced by `insert`. A change set is sorted by `from` and its
 * changes do not overlap, as CodeMirror's `ChangeSet.iterChanges` yields them.
 */
export interface TextChange {
  from: number;
  to: number;
  insert: string;
}

/** A place in the new text where an anchor's quote (or its context) was found. */
export interface AnchorCandidate {
  start: number;
  end: number;
  /** The text at the candidate; equal to the anchor's quote when `exact`. */
  quote: string;
  /** The candidate's text is the anchor's quote; otherwise only its context matched. */
  exact: boolean;
  /** Code units of the anchor's prefix that match the text just before the candidate. */
  prefixMatch: number;
  /** Code units of the anchor's suffix that match the text just after the candidate. */
  suffixMatch: number;
}

/**
 * What happened to one anchor when its text changed.
 * - `unchanged`: same offsets, same quote (prefix/suffix refreshed).
 * - `moved`: the identical quote now sits elsewhere; `via` tells whether the
 *   edit's positions carried it (`position`) or a quote + context search
 *   found it after its span was removed (`quote`, e.g. a moved paragraph).
 * - `figure-changed`: the words inside the span were edited; the anchor keeps
 *   its place and now quotes `newQuote`. Any changed character counts.
 * - `orphan`: the span's text is gone. `anchor` is the last known anchor (old
 *   coordinates); `at` is where its text was in the new text.
 * - `ambiguous`: the span had to be found again by its quote and more than one
 *   place fits equally well; `candidates` lists them, best first.
 */
export type AnchorOutcome =
  | { status: 'unchanged'; anchor: TextAnchor }
  | { status: 'moved'; anchor: TextAnchor; via: 'position' | 'quote' }
  | { status: 'figure-changed'; anchor: TextAnchor; oldQuote: string; newQuote: string }
  | { status: 'orphan'; anchor: TextAnchor; at: number }
  | { status: 'ambiguous'; anchor: TextAnchor; candidates: AnchorCandidate[] };

export type AnchorStatus = AnchorOutcome['status'];

export interface ReanchorOptions {
  /**
   * The change set that turns the old text into the new one, when the caller
   * knows it (the editor does). Without it the changes are computed.
   */
  changes?: readonly TextChange[];
}

export interface ReattachOptions {
  /** Prefer candidates near this offset when their context scores tie. */
  near?: number;
  /** At most this many candidates, best first (default 20). */
  limit?: number;
}
