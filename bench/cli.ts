/**
 * `npm run bench cli`: the command line as a user runs it.
 *
 * - `--help` through `bin/factdesk` (the README's CLI: the built bundle,
 *   rebuilt only when stale) beside the built binary itself
 *   (`node dist/electron/cli.mjs`), `npm run --silent factdesk` and a bare
 *   `node -e 0`, runs interleaved so a busy neighbour slows all alike.
 *   Target: bin/factdesk within 100 ms of the built binary (medians).
 * - `claims FILE --json` on 1 MiB of Chinese (the claims suite's text) minus
 *   the same on a one-line file, same start-up, pair by pair (one pair first,
 *   not counted, to warm the disk cache). Target: at most 300 ms more in
 *   every pair. Reports min/median/max of the difference and of the one-line
 *   run, and the load average before and after: on a shared machine a busy
 *   neighbour shows in the max first. BENCH_CLI_RUNS=N sets the pairs
 *   (default 11, at least 10).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assemble, chineseParagraphs, oneMiB } from './claims.js';
import type { BenchSuite } from './suite.js';

const RUNS = Math.max(10, Number(process.env.BENCH_CLI_RUNS) || 11);
const targets = { helpOverBuiltMs: 100, claimsAddedMs: 300 };
const root = path.resolve(import.meta.dirname, '..');
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);
const spread = (xs: number[]) => ({ min: +Math.min(...xs).toFixed(1), median: median(xs), max: +Math.max(...xs).toFixed(1) });
const load = () => +os.loadavg()[0]!.toFixed(2);

function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
  return performance.now() - t0;
}

/**
 * CPU time (user + system, all threads) of the children this process has
 * waited for, in ms, from /proc (Linux; 10 ms ticks); null elsewhere. Unlike
 * wall time it hardly grows when neighbours load the machine.
 */
function childrenCpuMs(): number | null {
  try {
    const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / 100;
  } catch {
    return null;
  }
}

/** `wall` that also gives the child's CPU time (null where /proc is missing). */
function timed(cmd: string, args: string[]): { wall: number; cpu: number | null } {
  const c0 = childrenCpuMs();
  const w = wall(cmd, args);
  const c1 = childrenCpuMs();
  return { wall: w, cpu: c0 === null || c1 === null ? null : c1 - c0 };
}

export const cliSuite: BenchSuite = {
  name: 'cli',
  async run() {
    const launcher = path.join(root, 'bin/factdesk');
    const built = path.join(root, 'dist/electron/cli.mjs');
    // Brings the build up to date, and times that when it was stale.
    const firstRunMs = +wall(process.execPath, [launcher, '--help']).toFixed(1);
    const variants: Record<string, [string, string[]]> = {
      builtBinary: [process.execPath, [built, '--help']],
      binFactdesk: [process.execPath, [launcher, '--help']],
      npmRunFactdesk: ['npm', ['run', '--silent', 'factdesk', '--', '--help']],
      bareNode: [process.execPath, ['-e', '0']],
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
    for (let i = 0; i < RUNS; i++) for (const [k, [cmd, args]] of Object.entries(variants)) times[k]!.push(wall(cmd, args));
    const help = Object.fromEntries(Object.entries(times).map(([k, xs]) => [k, median(xs)]));

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-cli-'));
    const big = path.join(dir, 'big.txt');
    const one = path.join(dir, 'one.txt');
    fs.writeFileSync(big, oneMiB(assemble(chineseParagraphs(), 1_100_000)));
    const bigBytes = fs.statSync(big).size;
    fs.writeFileSync(one, '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n');
    const claims = (JSON.parse(execFileSync(process.execPath, [launcher, 'claims', big, '--json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 })) as { claims: unknown[] }).claims.length;
    wall(process.execPath, [launcher, 'claims', one, '--json']);
    const loadBefore = load();
    const added: number[] = [];
    const oneLine: number[] = [];
    const cpuAdded: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const b = timed(process.execPath, [launcher, 'claims', big, '--json']);
      const o = timed(process.execPath, [launcher, 'claims', one, '--json']);
      added.push(b.wall - o.wall);
      oneLine.push(o.wall);
      if (b.cpu !== null && o.cpu !== null) cpuAdded.push(b.cpu - o.cpu);
    }
    const loadAfter = load();
    fs.rmSync(dir, { recursive: true, force: true });
    const helpOverBuiltMs = +(help.binFactdesk! - help.builtBinary!).toFixed(1);
    return {
      help: { ...help, firstRunMs, runs: RUNS },
      helpOverBuiltMs,
      claims1MiB: {
        runs: RUNS,
        bytes: bigBytes,
        claims,
        addedMs: spread(added),
        oneLineMs: spread(oneLine),
        // The same difference in CPU time (Linux, 10 ms ticks): what the run costs the machine.
        ...(cpuAdded.length ? { cpuAddedMs: spread(cpuAdded) } : {}),
        loadAverage: { before: loadBefore, after: loadAfter },
      },
      targets,
      met: { helpOverBuiltMs: helpOverBuiltMs <= targets.helpOverBuiltMs, claimsAddedMs: Math.max(...added) <= targets.claimsAddedMs },
    };
  },
};
