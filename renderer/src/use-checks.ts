/**
 * The cross-checks of the text on screen, computed in a worker a moment after
 * typing pauses; the latest answer wins, older ones are dropped. `busy` turns
 * on when an answer takes over a second (a long article), so the panel can say so.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClaimList } from '../../shared/annotations.js';
import type { CheckFinding, CheckReport } from '../../shared/checks/index.js';
import type { Language } from '../../shared/i18n/index.js';
import type { LiveArticle, LiveArticleStore } from './stores/live-article.js';
import { storedColumns } from './workers/checks-columns.js';
import type { ChecksAnswer, ChecksRequest } from './workers/checks.worker.js';

const settleMs = 150;
const slowMs = 1000;

export interface ChecksState {
  /** The report, its list of findings cut to what the page can show (alarms first). */
  report: CheckReport | null;
  /** All findings of the report and its alarms, relations excluded, listed or not. */
  total: number;
  alarms: number;
  busy: boolean;
}

/** `articleId` null: no article open (no checks, no findings). */
export function useChecks(articleId: string | null, liveStore: LiveArticleStore, list: ClaimList | null, language: Language): ChecksState {
  const [answer, setAnswer] = useState<{ report: CheckReport; total: number; alarms: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const storedVersion = useRef(0);
  const slow = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const w = new Worker(new URL('./workers/checks.worker.ts', import.meta.url), { type: 'module' });
    // The findings of the answer being taken, slice by slice.
    let taking: { seq: number; findings: CheckFinding[] } | null = null;
    w.onmessage = (e: MessageEvent<ChecksAnswer>) => {
      const a = e.data;
      // An answer overtaken by typing is never taken (its findings stay in the worker).
      if (a.seq !== seq.current) return;
      if (a.type === 'ready') {
        taking = { seq: a.seq, findings: [] };
        w.postMessage({ type: 'send', seq: a.seq } satisfies ChecksRequest);
        return;
      }
      if (a.type === 'findings') {
        if (taking?.seq === a.seq) for (const f of a.findings) taking.findings.push(f);
        return;
      }
      clearTimeout(slow.current);
      setBusy(false);
      if (a.type === 'error') {
        console.error('factdesk: cross-checks failed:', a.error);
        return;
      }
      if (taking?.seq !== a.seq) return;
      const findings = taking.findings;
      taking = null;
      setAnswer({ report: { ...a.report, findings }, total: a.total, alarms: a.alarms });
    };
    worker.current = w;
    return () => {
      clearTimeout(slow.current);
      w.terminate();
    };
  }, []);

  const indexOf = useMemo(() => new Map((list?.claims ?? []).map((c, i) => [c.id, i])), [list]);
  // Another article's findings are never shown for this one, even while its checks run.
  useEffect(() => {
    seq.current++;
    setAnswer(null);
    setBusy(false);
  }, [articleId]);

  // The stored claims travel once per change of the list, not with every request.
  useEffect(() => {
    const claims = storedColumns(list?.claims ?? []);
    const request: ChecksRequest = { type: 'stored', version: ++storedVersion.current, claims, relations: list?.relations ?? [] };
    worker.current?.postMessage(request, [claims.values.buffer]);
  }, [list]);

  // Follows the editor without a render per key: each edit only moves the timer on.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let shown: LiveArticle | null | undefined;
    const follow = () => {
      const live = articleId ? liveStore.current() : null;
      if (live === shown) return;
      shown = live;
      clearTimeout(timer);
      if (!live) {
        seq.current++;
        clearTimeout(slow.current);
        setAnswer(null);
        setBusy(false);
        return;
      }
      timer = setTimeout(() => {
        const positions = new Int32Array(indexOf.size * 2).fill(-1);
        live.eachStored((id, start, end) => {
          const i = indexOf.get(id);
          if (i === undefined) return;
          positions[2 * i] = start;
          positions[2 * i + 1] = end;
        });
        const request: ChecksRequest = { type: 'check', seq: ++seq.current, text: live.text(), storedVersion: storedVersion.current, positions, language };
        worker.current?.postMessage(request, [positions.buffer]);
        clearTimeout(slow.current);
        slow.current = setTimeout(() => setBusy(true), slowMs);
      }, settleMs);
    };
    follow();
    const off = liveStore.subscribe(follow);
    return () => {
      off();
      clearTimeout(timer);
    };
  }, [liveStore, articleId, indexOf, language]);

  return { report: answer?.report ?? null, total: answer?.total ?? 0, alarms: answer?.alarms ?? 0, busy };
}
