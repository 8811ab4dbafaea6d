/**
 * `npm run bench cli`: the command line as a user runs it.
 *
 * - `--help` through `bin/factdesk` (the README's CLI: the built bundle,
 *   rebuilt only when stale) beside the built binary itself
 *   (`node dist/electron/cli.mjs`), `npm run --silent factdesk` and a bare
 *   `node -e 0`, runs interleaved so a busy neighbour slows all alike.
 *   Target: bin/factdesk within 100 ms of the built binary (medians).
 * - `claims FILE --json` on 1 MiB of Chinese (the claims suite's text) minus
 *   the same on a one-line file, same start-up, pair by pair. Target: at most
 *   300 ms more in every pair.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { assemble, chineseParagraphs, oneMiB } from './claims.js';
import type { BenchSuite } from './suite.js';

const RUNS = 11;
const targets = { helpOverBuiltMs: 100, claimsAddedMs: 300 };
const root = path.resolve(import.meta.dirname, '..');
const median = (xs: number[]) => +[...xs].sort((a, b) => a - b)[xs.length >> 1]!.toFixed(1);

function wall(cmd: string, args: string[]): number {
  const t0 = performance.now();
  execFileSync(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 28 });
  return performance.now() - t0;
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
    fs.writeFileSync(one, '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n');
    const added: number[] = [];
    for (let i = 0; i < RUNS; i++) added.push(wall(process.execPath, [launcher, 'claims', big, '--json']) - wall(process.execPath, [launcher, 'claims', one, '--json']));
    fs.rmSync(dir, { recursive: true, force: true });
    const helpOverBuiltMs = +(help.binFactdesk! - help.builtBinary!).toFixed(1);
    return {
      help: { ...help, firstRunMs, runs: RUNS },
      helpOverBuiltMs,
      claims1MiB: { runs: RUNS, addedMedianMs: median(added), addedMaxMs: +Math.max(...added).toFixed(1), addedMinMs: +Math.min(...added).toFixed(1), loadAverage: os.loadavg()[0] },
      targets,
      met: { helpOverBuiltMs: helpOverBuiltMs <= targets.helpOverBuiltMs, claimsAddedMs: Math.max(...added) <= targets.claimsAddedMs },
    };
  },
};
