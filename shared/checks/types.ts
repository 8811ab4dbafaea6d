import type { DetectedClaim } from '../claims/types.js';
import type { Language } from '../i18n/index.js';

/** The relations a cross-check can find among an article's figures. */
export const checkKinds = ['conversion', 'growth', 'part-whole', 'share', 'repeat', 'unit-missing', 'relation'] as const;
export type CheckKind = (typeof checkKinds)[number];

/**
 * A figure as the checks read it: what `detectClaims` returns, or a stored
 * claim (then `id` is set and the detector's extras may be missing).
 */
export type CheckClaim = Pick<DetectedClaim, 'text' | 'start' | 'end' | 'kind' | 'value' | 'unit'> &
  Partial<Pick<DetectedClaim, 'approx' | 'direction' | 'basePeriod' | 'sentence'>> & { id?: string };

/** Where a finding points in the article: UTF-16 offsets and the words there. */
export interface ClaimSpan {
  start: number;
  end: number;
  text: string;
}

/** A translatable sentence: an i18n key under `checks.` and its parameters. */
export interface CheckMessage {
  key: string;
  params: Record<string, string | number>;
}

/** One cross-check result. `ok: false` is an alarm a fact-checker should look at. */
export interface CheckFinding {
  kind: CheckKind;
  ok: boolean;
  claims: ClaimSpan[];
  /** The arithmetic, step by step, in the language asked for. */
  explanation: string;
  /** The same explanation as structured steps, to render in any language (`formatSteps`). */
  steps: CheckMessage[];
  /** A figure the check computed (implied base, implied whole), in the claims' units. */
  derived?: { value: number; text: string };
  /** Id of the checker-defined relation this finding evaluates. */
  relationId?: string;
  /**
   * A conversion checked against a year the article never states (its
   * dateline's, or the rate table's latest), which the steps say: show it as
   * checked against that year, not as plainly consistent.
   */
  assumedYear?: number;
}

export interface CheckOptions {
  /** The year the article's figures belong to; default: the year its dates name most. */
  year?: number;
  /** Language of `explanation`; default English. */
  language?: Language;
  /** Relations a fact-checker stated, evaluated together with the automatic checks. */
  relations?: CheckerRelation[];
  /** Largest deviation from the official annual average rate that still passes, in percent (default 2). */
  fxTolerancePercent?: number;
}

/** Everything the checks found in one article. */
export interface CheckReport {
  /** The year used for exchange rates, and where it came from. */
  year: number | null;
  findings: CheckFinding[];
}

/**
 * A relation among claims stated by a fact-checker, e.g. `A + B ≤ C`,
 * `A = B × C`, `A ≈ B ± 1%`. Letters A, B, C… stand for `claimIds[0]`,
 * `claimIds[1]`, …; `{id}` names a claim directly.
 */
export interface CheckerRelation {
  id: string;
  expression: string;
  claimIds: string[];
  createdBy: string;
  /** ISO 8601 timestamp. */
  createdAt: string;
}
