/**
 * The cross-checks of the text on screen, computed in a worker once typing
 * pauses; the latest answer wins, older ones are dropped. `busy` turns on when
 * an answer takes over a second (a long article), so the panel can say so.
 *
 * A run over a long article takes seconds of a core. Typing must not share
 * the machine with it (on two cores it took the page's frames from 6 to 30 ms
 * and more), so: the pause waited for grows with how long the last run took,
 * and a key typed while a run is under way stops it at once (the worker is
 * ended and a fresh one started for the next run; an answer for a text that
 * has changed would be dropped anyway).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { ClaimList } from '../../shared/annotations.js';
import type { CheckFinding, CheckReport } from '../../shared/checks/index.js';
import type { Language } from '../../shared/i18n/index.js';
import type { LiveArticle, LiveArticleStore } from './stores/live-article.js';
import { storedColumns } from './workers/checks-columns.js';
import type { ChecksAnswer, ChecksRequest } from './workers/checks.worker.js';

/** The pause after the last key before the checks run: at least this… */
const settleMs = 150;
/** …or half as long as the last run took, up to this. */
const maxSettleMs = 1000;
const slowMs = 1000;

export interface ChecksState {
  /** The report, its list of findings cut to what the page can show (alarms first). */
  report: CheckReport | null;
  /** All findings of the report and its alarms, relations excluded, listed or not. */
  total: number;
  alarms: number;
  busy: boolean;
}

/** How long to wait after typing stops, given how long the last run took (ms; null: none yet). */
export function checksSettleMs(lastRunMs: number | null): number {
  return Math.min(maxSettleMs, Math.max(settleMs, Math.round((lastRunMs ?? 0) / 2)));
}

/**
 * The checks worker, ended when a run is overtaken by typing. It remembers the stored claims
 * it was last given, to give them to the next worker it starts.
 */
export class ChecksWorker {
  private worker: Worker | null = null;
  private stored: Extract<ChecksRequest, { type: 'stored' }> | null = null;
  /** The run under way: its request number and when it was sent. */
  private run: { seq: number; since: number } | null = null;
  /** How long the last finished run took (ms). */
  lastRunMs: number | null = null;
  /** Runs ended by typing, for tests and the bench. */
  interrupted = 0;

  /** Whether a run is under way (asked and not answered yet). */
  get running(): boolean {
    return this.run !== null;
  }

  constructor(
    private readonly onAnswer: (a: ChecksAnswer) => void,
    private readonly create = () => new Worker(new URL('./workers/checks.worker.ts', import.meta.url), { type: 'module' }),
  ) {}

  private get(): Worker {
    if (this.worker) return this.worker;
    const w = this.create();
    w.onmessage = (e: MessageEvent<ChecksAnswer>) => {
      const a = e.data;
      if ((a.type === 'ready' || a.type === 'error') && this.run?.seq === a.seq) {
        this.lastRunMs = performance.now() - this.run.since;
        this.run = null;
      }
      this.onAnswer(a);
    };
    // Copied, not moved: a later worker may need them too.
    if (this.stored) w.postMessage(this.stored);
    this.worker = w;
    return w;
  }

  setStored(m: Extract<ChecksRequest, { type: 'stored' }>): void {
    this.stored = m;
    this.worker?.postMessage(m);
  }

  check(m: Extract<ChecksRequest, { type: 'check' }>): void {
    this.run = { seq: m.seq, since: performance.now() };
    this.get().postMessage(m, [m.positions.buffer]);
  }

  send(seq: number): void {
    this.worker?.postMessage({ type: 'send', seq } satisfies ChecksRequest);
  }

  /** The text changed: a run still under way is for a text gone, and is stopped. */
  interrupt(): boolean {
    if (!this.run || !this.worker) return false;
    this.worker.terminate();
    this.worker = null;
    this.run = null;
    this.interrupted++;
    return true;
  }

  destroy(): void {
    this.worker?.terminate();
    this.worker = null;
    this.run = null;
  }
}

/** `articleId` null: no article open (no checks, no findings). */
export function useChecks(articleId: string | null, liveStore: LiveArticleStore, list: ClaimList | null, language: Language): ChecksState {
  const [answer, setAnswer] = useState<{ report: CheckReport; total: number; alarms: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const worker = useRef<ChecksWorker | null>(null);
  const seq = useRef(0);
  const storedVersion = useRef(0);
  const slow = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    // The findings of the answer being taken, slice by slice.
    let taking: { seq: number; findings: CheckFinding[] } | null = null;
    const w = new ChecksWorker((a) => {
      // An answer overtaken by typing is never taken (its findings stay in the worker).
      if (a.seq !== seq.current) return;
      if (a.type === 'ready') {
        taking = { seq: a.seq, findings: [] };
        w.send(a.seq);
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
    });
    worker.current = w;
    (window as unknown as { __factdeskChecks?: ChecksWorker }).__factdeskChecks = w;
    return () => {
      clearTimeout(slow.current);
      w.destroy();
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
    worker.current?.setStored({ type: 'stored', version: ++storedVersion.current, claims, relations: list?.relations ?? [] });
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
      // A run for the text before this edit is of no use: stopped, so typing has the machine.
      if (worker.current?.interrupt()) {
        clearTimeout(slow.current);
        setBusy(false);
      }
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
        worker.current?.check({ type: 'check', seq: ++seq.current, text: live.text(), storedVersion: storedVersion.current, positions, language });
        clearTimeout(slow.current);
        slow.current = setTimeout(() => setBusy(true), slowMs);
      }, checksSettleMs(worker.current?.lastRunMs ?? null));
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
