/**
 * The cross-checks of the text on screen, computed in a worker a moment after
 * typing pauses; the latest answer wins, older ones are dropped.
 */
import { useEffect, useRef, useState } from 'react';
import type { CheckClaim, CheckerRelation, CheckReport } from '../../shared/checks/index.js';
import type { Language } from '../../shared/i18n/index.js';
import type { ChecksRequest } from './workers/checks.worker.js';

const settleMs = 150;

export function useChecks(input: { text: string; claims: CheckClaim[]; relations: CheckerRelation[] } | null, language: Language): CheckReport | null {
  const [report, setReport] = useState<CheckReport | null>(null);
  const worker = useRef<Worker | null>(null);
  const seq = useRef(0);

  useEffect(() => {
    const w = new Worker(new URL('./workers/checks.worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ seq: number; report?: CheckReport; error?: string }>) => {
      if (e.data.seq !== seq.current) return;
      if (e.data.report) setReport(e.data.report);
      else console.error('factdesk: cross-checks failed:', e.data.error);
    };
    worker.current = w;
    return () => w.terminate();
  }, []);

  useEffect(() => {
    if (!input) {
      seq.current++;
      setReport(null);
      return;
    }
    const timer = setTimeout(() => {
      const request: ChecksRequest = { seq: ++seq.current, text: input.text, claims: input.claims, relations: input.relations, language };
      worker.current?.postMessage(request);
    }, settleMs);
    return () => clearTimeout(timer);
  }, [input, language]);

  return report;
}
