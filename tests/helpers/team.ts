/**
 * Team tests on real servers: the team server as a child process on a
 * loopback port (so it can be SIGKILLed and restarted), Redis started by the
 * test, and members as real workspace sessions with their team client
 * behind the one dispatcher — the path a renderer's calls take.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { createDispatcher } from '../../electron/services/dispatcher.js';
import { EventBus } from '../../electron/services/event-bus.js';
import { createHandlers } from '../../electron/services/handlers.js';
import { Session } from '../../electron/services/session.js';
import { TeamClient } from '../../electron/services/team/team-client.js';
import { MemberBook } from '../../electron/team-server/members.js';
import type { TeamRole } from '../../shared/team/roles.js';
import { projectRoot } from './temp-workspace.js';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface ServerProcess {
  url: string;
  port: number;
  proc: ChildProcess;
  /** Stops the server (SIGTERM, or the given signal) and waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
}

/** Starts `factdesk team-server` as a child process; resolves when it listens. */
export async function startTeamServerProcess(dataDir: string, opts: { port?: number; redis?: string } = {}): Promise<ServerProcess> {
  const port = opts.port ?? (await freePort());
  const args = ['--import', 'tsx', join(projectRoot, 'electron', 'cli', 'main.ts'), 'team-server', '--data', dataDir, '--port', String(port), '--quiet'];
  if (opts.redis) args.push('--redis', opts.redis);
  const proc = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  proc.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`team server did not start: ${err}`)), 20_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on (ws:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`team server exited (${code}): ${err}`));
    });
  });
  let stopping = false;
  const exited = new Promise<void>((r) =>
    proc.once('exit', (code, signal) => {
      // A server that dies on its own is a finding: say why.
      if (!stopping) console.error(`team server on port ${port} exited by itself (${code ?? signal}): ${err}`);
      r();
    }),
  );
  return {
    url,
    port,
    proc,
    stop: async (signal = 'SIGTERM') => {
      stopping = true;
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      // A graceful stop stores every open document; one that takes longer than this is cut short (the log keeps all).
      const late = setTimeout(() => proc.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(late);
    },
  };
}

export async function addMember(dataDir: string, name: string, role: TeamRole): Promise<string> {
  return (await new MemberBook(dataDir).add(name, role)).token;
}

export interface Member {
  name: string;
  root: string;
  session: Session;
  team: TeamClient;
  bus: EventBus;
  call: <T = unknown>(method: string, input?: unknown) => Promise<T>;
  close(): Promise<void>;
}

/** A member's app: a workspace session and its team client behind the dispatcher. */
export async function openMember(root: string, name: string): Promise<Member> {
  const bus = new EventBus();
  const session = await Session.open(root, { bus, author: name, watch: false });
  const team = await TeamClient.attach(session, { maxReconnectDelay: 500 });
  const dispatch = createDispatcher(createHandlers({ host: 'browser', session: () => session, team: () => team }));
  let closing: Promise<void> | undefined;
  return {
    name,
    root,
    session,
    team,
    bus,
    call: async <T>(method: string, input?: unknown) => (await dispatch(method, input ?? {})) as T,
    // Once: a test that quits a member's app leaves its cleanup nothing to do.
    close: () =>
      (closing ??= (async () => {
        await team.close();
        await session.close();
      })()),
  };
}

/** Polls `probe` until it returns true (bounded: 40 s, as a loaded 2-core machine can take over 15 s to deliver a change). */
export async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 40_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await probe()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export interface RedisProcess {
  url: string;
  stop(): Promise<void>;
}

/** Redis on a loopback port, without persistence, for the length of a test. */
export async function startRedis(): Promise<RedisProcess> {
  if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
    throw new Error('redis-server is not installed: apt-get install -y redis-server');
  }
  const port = await freePort();
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--daemonize', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`redis did not start: ${out}`)), 10_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Ready to accept connections/i.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    });
    proc.once('exit', (code) => reject(new Error(`redis exited (${code}): ${out}`)));
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  return {
    url: `redis://127.0.0.1:${port}`,
    stop: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
  };
}
