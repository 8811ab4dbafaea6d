/**
 * The CLI as the README tells a user to run it: `bin/factdesk`, which runs
 * the built bundle (dist/electron/cli.mjs and its per-command chunks),
 * rebuilding it first when a source is newer.
 */
import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsCommand } from '../../../../electron/cli/commands/claims.js';
import { commands } from '../../../../electron/cli/commands/index.js';
import { projectRoot, teamShared } from '../../../helpers/temp-workspace.js';

const launcher = join(projectRoot, 'bin/factdesk');
const built = join(projectRoot, 'dist/electron/cli.mjs');
let dir = '';

async function factdesk(args: string[], nodeArgs: string[] = [], script = launcher): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [...nodeArgs, script, ...args], { cwd: projectRoot, maxBuffer: 1 << 28 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** What `factdesk claims …` prints in process (the command module run directly). */
async function inProcess(...argv: string[]): Promise<string> {
  const out: string[] = [];
  const code = await claimsCommand.run(argv, { out: (s) => out.push(s.endsWith('\n') ? s : s + '\n'), err: () => {} });
  expect(code).toBe(0);
  return out.join('');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factdesk-built-cli-'));
  const seed = await readFile(join(teamShared, 'fixtures/claims/seed-chenzhou.txt'), 'utf8');
  await writeFile(join(dir, 'seed.txt'), seed);
  await writeFile(join(dir, 'long.txt'), seed.repeat(40));
  await copyFile(join(teamShared, 'fixtures/encodings/seed-utf8-crlf.txt'), join(dir, 'crlf.txt'));
  await copyFile(join(teamShared, 'fixtures/encodings/seed-gb18030.txt'), join(dir, 'gb.txt'));
  // Brings the build up to date once, before the tests below run it side by side.
  expect((await factdesk(['--help'])).code).toBe(0);
}, 120_000);
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('bin/factdesk (the built CLI)', () => {
  it('prints byte for byte what the claims command prints in process, for UTF-8, CRLF and GB18030 files, with and without --json', async () => {
    for (const name of ['seed.txt', 'crlf.txt', 'gb.txt', 'long.txt']) {
      for (const extra of [['--json'], [], ['--json', '--currency', 'AUD']]) {
        const r = await factdesk(['claims', join(dir, name), ...extra]);
        expect(r.code, `${name} ${extra.join(' ')}`).toBe(0);
        expect(r.stderr).toBe('');
        expect(r.stdout === (await inProcess(join(dir, name), ...extra)), `${name} ${extra.join(' ')}`).toBe(true);
      }
    }
  });

  it('lists every command in --help, and each one loads and prints its own usage', async () => {
    const help = await factdesk(['--help']);
    for (const c of commands) expect(help.stdout).toMatch(new RegExp(`^  ${c.name} +${c.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    for (const c of commands) {
      const r = await factdesk([c.name, '--help']);
      expect(r.code, c.name).toBe(0);
      expect(r.stderr, c.name).toBe('');
      expect(r.stdout.trimEnd(), c.name).toBe((await c.load()).usage);
    }
  });

  it('reports a missing file translated, with exit status 2 and nothing on stdout', async () => {
    const r = await factdesk(['claims', join(dir, 'missing.txt'), '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^factdesk: .*missing\.txt/);
  });

  it('listing the figures of a file loads no library the command does not use (workspace, team, export, browser host)', async () => {
    // Records every package the process resolves, through a module resolve hook.
    const log = join(dir, 'resolved.log');
    const hooks = join(dir, 'hooks.mjs');
    await writeFile(hooks, `import { appendFileSync } from 'node:fs';\nexport async function resolve(s, c, next) { const r = await next(s, c); appendFileSync(${JSON.stringify(log)}, r.url + '\\n'); return r; }\n`);
    const register = join(dir, 'register.mjs');
    await writeFile(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
    const r = await factdesk(['claims', join(dir, 'seed.txt'), '--json'], ['--import', pathToFileURL(register).href], built);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).claims.length).toBeGreaterThan(40);
    const resolved = await readFile(log, 'utf8');
    expect(resolved).toContain('cli.mjs');
    const packages = [...new Set([...resolved.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)].map((m) => m[1]))];
    expect(packages).toEqual([]);
  });

  it('serves the app in browser mode from its own chunk: the renderer and the workspace found as before the split', async () => {
    const ws = join(dir, 'ws');
    await mkdir(ws, { recursive: true });
    await copyFile(join(dir, 'seed.txt'), join(ws, 'seed.txt'));
    const home = join(dir, 'home');
    await mkdir(home, { recursive: true });
    const server = spawn(process.execPath, [launcher, 'serve', ws, '--port', '0'], { cwd: projectRoot, env: { ...process.env, FACTDESK_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        const onData = (d: Buffer) => {
          out += d.toString();
          const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
          if (m) resolve(m[1]!);
        };
        server.stdout.on('data', onData);
        server.stderr.on('data', onData);
        server.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<div id="root">|<script type="module"/);
    } finally {
      server.kill();
    }
  });

  it('ends quietly when the reader of its output goes away (| head)', async () => {
    const child = spawn(process.execPath, [launcher, 'claims', join(dir, 'long.txt'), '--json'], { cwd: projectRoot });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event|at /);
    expect(code).toBe(0);
  });
});
