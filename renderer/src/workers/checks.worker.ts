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
import { runChecks, type CheckClaim, type CheckerRelation, type CheckFinding, type CheckReport } from '../../../shared/checks/index.js';
import type { Language } from '../../../shared/i18n/index.js';
import { columnSeparator, noUnit, type StoredColumns } from './checks-columns.js';

/** A stored claim as the checks read it; sent once per change of the stored list. */
export interface StoredForChecks {
  id: string;
  kind: ClaimKind;
  value: number | null;
  unit: string | null;
}

export type ChecksRequest =
  | { type: 'stored'; version: number; claims: StoredColumns; relations: CheckerRelation[] }
  | {
      type: 'check';
      seq: number;
      text: string;
      /** The stored list these positions belong to. */
      storedVersion: number;
      /** Start and end of each stored claim in `text`, in list order; -1 for one whose words are gone. */
      positions: Int32Array;
      language: Language;
    }
  /** The page still wants answer `seq` (the text has not changed since): send its findings. */
  | { type: 'send'; seq: number };

/** The most findings sent to the page: a long article can yield hundreds of thousands (repeats). */
export const MAX_LISTED_FINDINGS = 5_000;

/** Findings per message: each lands in a task of its own on the page (5,000 at once took 14 ms there). */
const FINDINGS_PER_MESSAGE = 500;

/**
 * What the page gets. First `ready` (small): the answer to request `seq` is there. Only if the
 * page still wants it (nothing typed since) does it ask (`send`), and the findings come in
 * slices (`findings`), then `done` with the rest of the report — so an answer overtaken by
 * typing costs the page nothing, and a kept one no long task.
 */
export type ChecksAnswer =
  | { type: 'ready'; seq: number }
  | { type: 'findings'; seq: number; findings: CheckFinding[] }
  | {
      type: 'done';
      seq: number;
      /** The report without its findings (they came in slices). */
      report: Omit<CheckReport, 'findings'>;
      /** Findings of the whole report (relations excluded), and how many are alarms. */
      total: number;
      alarms: number;
    }
  | { type: 'error'; seq: number; error: string };

let stored: { version: number; claims: StoredForChecks[]; relations: CheckerRelation[] } = { version: 0, claims: [], relations: [] };
const detector = createClaimDetector();
let latest: Extract<ChecksRequest, { type: 'check' }> | null = null;

/** The last answer computed, held until the page asks for it. */
let held: { seq: number; findings: CheckFinding[]; rest: Extract<ChecksAnswer, { type: 'done' }> } | null = null;

self.onmessage = (e: MessageEvent<ChecksRequest>) => {
  const m = e.data;
  if (m.type === 'send') {
    if (held?.seq !== m.seq) return;
    const { findings, rest } = held;
    held = null;
    for (let i = 0; i < findings.length; i += FINDINGS_PER_MESSAGE) answer({ type: 'findings', seq: m.seq, findings: findings.slice(i, i + FINDINGS_PER_MESSAGE) });
    answer(rest);
    return;
  }
  if (m.type === 'check') {
    // Requests that queued up while a long article was being checked are overtaken: only the
    // latest is run, once the messages waiting have all been read.
    const first = latest === null;
    latest = m;
    if (first) setTimeout(runLatest, 0);
    return;
  }
  if (m.type === 'stored') {
    const { values } = m.claims;
    const split = (s: string) => (values.length ? s.split(columnSeparator) : []);
    const [ids, kinds, units] = [split(m.claims.ids), split(m.claims.kinds) as ClaimKind[], split(m.claims.units)];
    stored = {
      version: m.version,
      relations: m.relations,
      claims: ids.map((id, i) => ({ id, kind: kinds[i]!, value: Number.isNaN(values[i]) ? null : values[i]!, unit: units[i] === noUnit ? null : (units[i] ?? null) })),
    };
    return;
  }
};

/** Keeps every alarm it can and fills up with consistent findings, in text order. */
function listed(findings: CheckFinding[]): CheckFinding[] {
  if (findings.length <= MAX_LISTED_FINDINGS) return findings;
  const alarms = findings.filter((f) => !f.ok).slice(0, MAX_LISTED_FINDINGS);
  const room = MAX_LISTED_FINDINGS - alarms.length;
  const keep = new Set([...alarms, ...findings.filter((f) => f.ok).slice(0, room)]);
  return findings.filter((f) => keep.has(f));
}

function runLatest(): void {
  const m = latest!;
  latest = null;
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
    const plain = report.findings.filter((f) => f.kind !== 'relation');
    const { findings: _all, ...rest } = report;
    held = {
      seq: m.seq,
      findings: [...report.findings.filter((f) => f.kind === 'relation'), ...listed(plain)],
      rest: { type: 'done', seq: m.seq, report: rest, total: plain.length, alarms: plain.filter((f) => !f.ok).length },
    };
    answer({ type: 'ready', seq: m.seq });
  } catch (err) {
    answer({ type: 'error', seq: m.seq, error: err instanceof Error ? err.message : String(err) });
  }
}

function answer(a: ChecksAnswer): void {
  self.postMessage(a);
}
