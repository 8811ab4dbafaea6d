/**
 * Browser mode of the built CLI (`factdesk serve`) for tests and benches: a
 * workspace's own services on a loopback port, reached by a page or over
 * HTTP. Kept free of Playwright's test runner so the benches can use it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './temp-workspace.js';

/** Starts the built CLI's browser mode on `root` and resolves with the URL it prints. */
export async function startServer(root: string, home: string, extraArgs: string[] = []): Promise<{ url: string; server: ChildProcess }> {
  const server = spawn(process.execPath, [join(projectRoot, 'dist', 'electron', 'cli.mjs'), 'serve', root, ...extraArgs], {
    env: { ...process.env, FACTDESK_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`server did not start: ${out}`));
    }, 20_000);
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    server.stdout!.on('data', onData);
    server.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    server.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { url, server };
}

/** Calls the contract the way the page does: browser mode's HTTP API with the server's token. */
export async function rpc<T>(instance: { url: string }, method: string, input: unknown = {}): Promise<T> {
  const u = new URL(instance.url);
  const res = await fetch(`${u.origin}/rpc/${method}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${u.searchParams.get('token')}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { ok: boolean; value: T; error?: unknown };
  if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
  return body.value;
}
