/**
 * The team commands as the README tells an administrator and a member to run
 * them: `bin/factdesk` (the built CLI) — `team-server add-member`, the server,
 * `join`, and `team-server remove-member` cutting a connected member off.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, expect, it, vi } from 'vitest';
import { until } from '../../../helpers/team.js';
import { makeWorkspace, projectRoot, removeDir, tempDir } from '../../../helpers/temp-workspace.js';

vi.setConfig({ testTimeout: 120_000 });

const launcher = join(projectRoot, 'bin/factdesk');
const env = { ...process.env, LANG: 'en_US.UTF-8', LC_ALL: 'en_US.UTF-8' };

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch((e) => console.error('cleanup:', e));
  cleanup = [];
});

async function factdesk(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [launcher, ...args], { cwd: projectRoot, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

/** `factdesk team-server --data DIR --port 0` until the test ends; resolves with its address. */
async function teamServer(data: string): Promise<string> {
  const proc: ChildProcess = spawn(process.execPath, [launcher, 'team-server', '--data', data, '--port', '0', '--quiet'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise((r) => proc.once('exit', r));
  cleanup.push(async () => {
    proc.kill('SIGTERM');
    await exited;
  });
  return new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.once('exit', (c) => reject(new Error(`team server exited ${c}: ${out}`)));
  });
}

const tokenOf = (r: { stdout: string }) => r.stdout.trim().split('\n').pop()!;
const modeOf = (path: string) => statSync(path).mode & 0o777;

it('add-member keeps no token in clear; join links a folder (its token kept mode 0600); remove-member cuts a connected member off and their token stops working', async () => {
  const data = tempDir('factdesk-team-cli-');
  cleanup.push(() => removeDir(data));
  const alice = await factdesk('team-server', 'add-member', data, 'alice', '--role', 'editor');
  const bob = await factdesk('team-server', 'add-member', data, 'bob', '--role', 'fact-checker');
  expect(alice.code, alice.stderr).toBe(0);
  expect(alice.stdout).toContain('Added alice (editor)');
  const [aliceToken, bobToken] = [tokenOf(alice), tokenOf(bob)];
  // Only a salted hash of each secret is kept: neither token, nor its secret part, is in the members file.
  const members = readFileSync(join(data, 'members.json'), 'utf8');
  for (const token of [aliceToken, bobToken]) {
    expect(token).toMatch(/^m[0-9a-f]+\.[\w-]{20,}$/);
    expect(members).not.toContain(token.split('.')[1]);
  }
  expect(modeOf(join(data, 'members.json'))).toBe(0o600);

  const url = await teamServer(data);
  const article = '签约项目42个,项目总投资305.7亿元。\n';
  const aliceRoot = await makeWorkspace({ '快讯.md': article });
  const bobRoot = await makeWorkspace({});
  cleanup.push(() => removeDir(aliceRoot), () => removeDir(bobRoot));
  const joined = await factdesk('join', aliceRoot, url, '--token', aliceToken);
  expect(joined.code, joined.stderr).toBe(0);
  expect(joined.stdout).toContain('as alice (editor)');
  const link = join(aliceRoot, '.factdesk', 'team', 'link.json');
  expect(modeOf(link)).toBe(0o600);
  // The editor's article reaches the fact-checker's (empty) folder when he joins.
  const bobJoined = await factdesk('join', bobRoot, url, '--token', bobToken);
  expect(bobJoined.code, bobJoined.stderr).toBe(0);
  expect(bobJoined.stdout).toContain('as bob (fact-checker)');
  await until(() => existsSync(join(bobRoot, '快讯.md')) && readFileSync(join(bobRoot, '快讯.md'), 'utf8') === article, 'the article in bob’s folder');
  expect(modeOf(join(bobRoot, '.factdesk', 'team', 'link.json'))).toBe(0o600);

  // Bob is connected (a client of his own) when the administrator removes him.
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const closed: string[] = [];
  const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'index', document: new Y.Doc(), token: bobToken, onClose: ({ event }) => void closed.push(event.reason) });
  cleanup.push(async () => {
    provider.destroy();
    socket.destroy();
  });
  provider.attach();
  await until(() => provider.synced, 'bob connected');
  const removed = await factdesk('team-server', 'remove-member', data, 'bob');
  expect(removed.code, removed.stderr).toBe(0);
  expect(removed.stdout).toContain('Removed bob');
  await until(() => closed.includes('team:team-auth-failed:removed'), 'bob’s connection closed');
  // His token no longer works: joining again is refused, with the reason in the user's language.
  const elsewhere = await makeWorkspace({});
  cleanup.push(() => removeDir(elsewhere));
  const again = await factdesk('join', elsewhere, url, '--token', bobToken, '--wait', '10');
  expect(again.code).not.toBe(0);
  expect(again.stderr).toContain('The team server did not accept this join token');
});
