/**
 * The cross-checks of the text on screen, computed in a worker a moment after
 * typing pauses; the latest answer wins, older ones are dropped. `busy` turns
 * on when an answer takes over a second (a long article), so the panel can say so.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClaimList } from '../../shared/annotations.js';
import type { CheckReport } from '../../shared/checks/index.js';
import type { Language } from '../../shared/i18n/index.js';
import type { LiveArticle } from './stores/live-article.js';
import type { ChecksRequest } from './workers/checks.worker.js';

const settleMs = 150;
const slowMs = 1000;

export function useChecks(live: LiveArticle | null, list: ClaimList | null, language: Language): { report: CheckReport | null; busy: boolean } {
  const [report, setReport] = useState<CheckReport | null>(null);
  const [busy, setBusy] = useState(false);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);
  const storedVersion = useRef(0);
  const slow = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    const w = new Worker(new URL('./workers/checks.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ seq: number; report?: CheckReport; error?: string }>) => {
      if (e.data.seq !== seq.current) return;
      clearTimeout(slow.current);
      setBusy(false);
      if (e.data.report) setReport(e.data.report);
      else console.error('factdesk: cross-checks failed:', e.data.error);
    };
    worker.current = w;
    return () => {
      clearTimeout(slow.current);
      w.terminate();
    };
  }, []);

  const indexOf = useMemo(() => new Map((list?.claims ?? []).map((c, i) => [c.id, i])), [list]);
  // The stored claims travel once per change of the list, not with every request.
  useEffect(() => {
    const claims = (list?.claims ?? []).map((c) => ({ id: c.id, kind: c.kind, value: c.value, unit: c.unit }));
    const request: ChecksRequest = { type: 'stored', version: ++storedVersion.current, claims, relations: list?.relations ?? [] };
    worker.current?.postMessage(request);
  }, [list]);

  useEffect(() => {
    if (!live) {
      seq.current++;
      setReport(null);
      setBusy(false);
      return;
    }
    const timer = setTimeout(() => {
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
    return () => clearTimeout(timer);
  }, [live, indexOf, language]);

  return { report, busy };
}
