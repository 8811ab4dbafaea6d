/// <reference lib="webworker" />
/**
 * Runs the cross-checks off the main thread: on a long article they take
 * longer than a frame, and the editor must never wait for them.
 */
import { runChecks, type CheckClaim, type CheckerRelation } from '../../../shared/checks/index.js';
import type { Language } from '../../../shared/i18n/index.js';

export interface ChecksRequest {
  seq: number;
  text: string;
  claims: CheckClaim[];
  relations: CheckerRelation[];
  language: Language;
}

self.onmessage = (e: MessageEvent<ChecksRequest>) => {
  const { seq, text, claims, relations, language } = e.data;
  try {
    const report = runChecks(text, claims, { language, relations });
    self.postMessage({ seq, report });
  } catch (err) {
    self.postMessage({ seq, error: err instanceof Error ? err.message : String(err) });
  }
};
