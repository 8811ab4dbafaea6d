/**
 * `npm run bench dashboard`: the workspace dashboard (issue 14) over 500
 * articles and about 100,000 claims, a fifth of them with a verdict (one
 * audit entry each), through the services in this process. Peer in the same
 * run: the claim board's first page (board.query), which reads the same
 * sidecars (measured after the dashboard, so it may find them read). Measured: first dashboard of a fresh session (every sidecar
 * read), the next one (tallies kept), and one after a verdict changes one
 * article; the answer's size in bytes.
 * Env: BENCH_DASHBOARD_ARTICLES (default 500), BENCH_DASHBOARD_FIGURES (per article, default 200).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createDispatcher } from '../electron/services/dispatcher.js';
import { EventBus } from '../electron/services/event-bus.js';
import { createHandlers } from '../electron/services/handlers.js';
import { Session } from '../electron/services/session.js';
import type { BenchSuite } from './suite.js';

const ARTICLES = Number(process.env.BENCH_DASHBOARD_ARTICLES ?? 500);
const FIGURES = Number(process.env.BENCH_DASHBOARD_FIGURES ?? 200);
const targets = { coldMs: 3000, warmMs: 100, afterChangeMs: 150 };

function articleText(i: number): string {
  const lines: string[] = [];
  for (let k = 0; k < FIGURES; k++) lines.push(`第${k + 1}项：园区${i}号项目投资${(i * 7 + k * 13) % 900}.${k % 10}亿元。`);
  return lines.join('\n') + '\n';
}

async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t0 = performance.now();
  const v = await fn();
  return [v, +(performance.now() - t0).toFixed(1)];
}

export const dashboardSuite: BenchSuite = {
  name: 'dashboard',
  async run() {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-dashboard-'));
    try {
      for (let i = 0; i < ARTICLES; i++) fs.writeFileSync(path.join(ws, `稿件${String(i).padStart(3, '0')}.txt`), articleText(i));
      // The workspace is built once…
      {
        const session = await Session.open(ws, { author: 'bench' });
        for (const id of session.workspace.ids()) {
          const r = await session.annotations.addDetected(id);
          const some = r.added.filter((_, k) => k % 5 === 0).map((c) => ({ articleId: id, claimId: c.id }));
          if (some.length) await session.bulk.apply(some, { status: 'verified' }, 'bench');
        }
        await session.close();
      }
      // …then opened afresh, as a user opening it would.
      const session = await Session.open(ws, { author: 'bench', bus: new EventBus() });
      const call = createDispatcher(createHandlers({ host: 'browser', session: () => session }));
      const rpc = <T>(method: string, input: unknown) => call(method as never, input) as Promise<T>;
      const [first, coldMs] = await timed(() => rpc<{ total: number }>('workspace.dashboard', { offsetMinutes: 480 }));
      const [, warmMs] = await timed(() => rpc('workspace.dashboard', { offsetMinutes: 480 }));
      const [board, boardColdMs] = await timed(() => rpc<{ total: number }>('board.query', { limit: 1 }));
      const [, boardWarmMs] = await timed(() => rpc('board.query', { limit: 1 }));
      const id = session.workspace.ids()[0]!;
      const claim = Object.values((await session.annotations.peek(id))!.claims).find((c) => c.status === 'unchecked')!;
      await rpc('claims.setStatus', { articleId: id, claimId: claim.id, status: 'false' });
      const [after, afterChangeMs] = await timed(() => rpc<{ byStatus: { false: number } }>('workspace.dashboard', { offsetMinutes: 480 }));
      await session.close();
      const measured = { coldMs, warmMs, afterChangeMs };
      return {
        articles: ARTICLES,
        claims: first.total,
        boardClaims: board.total,
        answerBytes: JSON.stringify(first).length,
        falseAfterChange: after.byStatus.false,
        measured,
        peer: { board: { coldMs: boardColdMs, warmMs: boardWarmMs } },
        targets,
        met: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, measured[k as keyof typeof measured] <= v])),
      };
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  },
};
