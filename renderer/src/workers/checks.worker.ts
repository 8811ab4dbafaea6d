/// <reference lib="webworker" />
/**
 * Runs the cross-checks off the main thread: on a long article they take
 * longer than a frame, and the editor must never wait for them. The worker
 * finds the figures itself (the same detector as everywhere, remembering
 * each line's result between requests), so the page sends only the text and
 * where the stored claims are now, never thousands of claim objects per request.
 */
import type { ClaimKind } from '../../../shared/claims/index.js';
import { createClaimDetector } from '../../../shared/claims/index.js';
import { runChecks, type CheckClaim, type CheckerRelation } from '../../../shared/checks/index.js';
import type { Language } from '../../../shared/i18n/index.js';

/** A stored claim as the checks read it; sent once per change of the stored list. */
export interface StoredForChecks {
  id: string;
  kind: ClaimKind;
  value: number | null;
  unit: string | null;
}

export type ChecksRequest =
  | { type: 'stored'; version: number; claims: StoredForChecks[]; relations: CheckerRelation[] }
  | {
      type: 'check';
      seq: number;
      text: string;
      /** The stored list these positions belong to. */
      storedVersion: number;
      /** Start and end of each stored claim in `text`, in list order; -1 for one whose words are gone. */
      positions: Int32Array;
      language: Language;
    };

let stored: { version: number; claims: StoredForChecks[]; relations: CheckerRelation[] } = { version: 0, claims: [], relations: [] };
const detector = createClaimDetector();

self.onmessage = (e: MessageEvent<ChecksRequest>) => {
  const m = e.data;
  if (m.type === 'stored') {
    stored = m;
    return;
  }
  try {
    const { text, positions } = m;
    const list = m.storedVersion === stored.version ? stored.claims : [];
    // Detected figures carry the id of the stored claim on the same words (so stated relations
    // resolve); stored claims the engine does not detect are added as they are.
    const at = new Map<string, number>();
    list.forEach((_, i) => {
      const key = `${positions[2 * i]}:${positions[2 * i + 1]}`;
      if (positions[2 * i]! >= 0 && !at.has(key)) at.set(key, i);
    });
    const used = new Set<number>();
    const claims: CheckClaim[] = detector.detect(text).map((d) => {
      const i = at.get(`${d.start}:${d.end}`);
      if (i === undefined) return d;
      used.add(i);
      return { ...d, id: list[i]!.id };
    });
    list.forEach((c, i) => {
      const start = positions[2 * i]!;
      const end = positions[2 * i + 1]!;
      if (start < 0 || used.has(i)) return;
      claims.push({ id: c.id, start, end, text: text.slice(start, end), kind: c.kind, value: c.value, unit: c.unit });
    });
    claims.sort((a, b) => a.start - b.start);
    const report = runChecks(text, claims, { language: m.language, relations: m.storedVersion === stored.version ? stored.relations : [] });
    self.postMessage({ seq: m.seq, report });
  } catch (err) {
    self.postMessage({ seq: m.seq, error: err instanceof Error ? err.message : String(err) });
  }
};
