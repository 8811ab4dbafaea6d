// The shape the finders return before explanations are rendered in a language.
import type { CheckClaim, CheckKind, CheckMessage } from './types.js';

export interface RawFinding {
  kind: CheckKind;
  ok: boolean;
  claims: CheckClaim[];
  steps: CheckMessage[];
  /** A computed figure worth showing (implied base, implied whole), printed like `derivedLike`. */
  derivedValue?: number;
  derivedText?: string;
  relationId?: string;
  /** A conversion checked against a year the article does not state. */
  assumedYear?: number;
}
