/** Transport-level guards of the two hosts: what the dispatcher never sees. */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ipcChannel } from '../../shared/contract.js';
import { forwardEvents } from '../../electron/ipc.js';
import { httpHost, ipcHost, appFrame } from '../helpers/hosts.js';
import { makeWorkspace, removeDir } from '../helpers/temp-workspace.js';

/** A raw request, so Host/Origin headers can be forged (fetch would refuse to). */
function raw(port: number, path: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {}) {
  return new Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path, method: opts.method ?? 'POST', headers: opts.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
    });
    req.on('error', (e) => ((e as NodeJS.ErrnoException).code === 'ECONNRESET' || (e as NodeJS.ErrnoException).code === 'EPIPE' ? resolve({ status: 413, body: 'reset', headers: {} }) : reject(e)));
    if (opts.body) req.write(opts.body);
    req.end();
  });
}

describe('browser-mode HTTP host', () => {
  let root: string;
  let h: Awaited<ReturnType<typeof httpHost>>;
  let ok: Record<string, string>;
  beforeAll(async () => {
    root = await makeWorkspace({ 'a.md': '# 甲\n' });
    h = await httpHost(root);
    ok = { Host: `127.0.0.1:${h.host.port}`, 'Content-Type': 'application/json', Authorization: `Bearer ${h.host.token}` };
  });
  afterAll(async () => {
    await h.close();
    await removeDir(root);
  });

  it('listens on 127.0.0.1 only and prints a URL carrying the token', () => {
    expect(h.host.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.host.url).toBe(`${h.host.origin}/?token=${h.host.token}`);
    expect(h.host.token.length).toBeGreaterThanOrEqual(32);
  });

  it('answers a good request with 200', async () => {
    const r = await raw(h.host.port, '/rpc/articles.list', { headers: ok, body: '{}' });
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body).value[0].title).toBe('甲');
  });

  it('401 without the token or with a wrong one', async () => {
    const { Authorization: _a, ...noToken } = ok;
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: noToken, body: '{}' })).status).toBe(401);
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, Authorization: 'Bearer wrong' }, body: '{}' })).status).toBe(401);
    expect((await raw(h.host.port, '/events', { method: 'GET', headers: { Host: ok.Host! } })).status).toBe(401);
  });

  it('404 for an unknown method', async () => {
    const r = await raw(h.host.port, '/rpc/articles.format-disk', { headers: ok, body: '{}' });
    expect(r.status).toBe(404);
    expect(JSON.parse(r.body).error.code).toBe('not-found');
  });

  it('400 with the validation message for a bad payload', async () => {
    const r = await raw(h.host.port, '/rpc/articles.read', { headers: ok, body: JSON.stringify({ id: '../../etc/passwd' }) });
    expect(r.status).toBe(400);
    const error = JSON.parse(r.body).error;
    expect(error.code).toBe('invalid-input');
    expect(error.message).toMatch(/id: article id must be/);
    expect((await raw(h.host.port, '/rpc/articles.read', { headers: ok, body: '{not json' })).status).toBe(400);
  });

  it('413 for an oversized body', async () => {
    const big = Buffer.alloc(33 * 1024 * 1024, 0x20);
    const r = await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, 'Content-Length': String(big.length) }, body: big });
    expect(r.status).toBe(413);
  });

  it('403 for a foreign Origin, a foreign Host or a cross-site fetch', async () => {
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, Origin: 'https://evil.example' }, body: '{}' })).status).toBe(403);
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, Host: 'evil.example' }, body: '{}' })).status).toBe(403);
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, 'Sec-Fetch-Site': 'cross-site' }, body: '{}' })).status).toBe(403);
    expect((await raw(h.host.port, '/rpc/articles.list', { headers: { ...ok, Origin: `http://127.0.0.1:${h.host.port}` }, body: '{}' })).status).toBe(200);
  });

  it('serves the renderer with a strict CSP and nothing outside its folder', async () => {
    const page = await raw(h.host.port, '/', { method: 'GET', headers: { Host: ok.Host! } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self'/);
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/etc/passwd', '/..%2f..%2fetc%2fpasswd']) {
      expect((await raw(h.host.port, p, { method: 'GET', headers: { Host: ok.Host! } })).status).toBe(404);
    }
  });

  it('streams events to a client holding the token', async () => {
    const ctrl = new AbortController();
    const res = await fetch(`${h.host.origin}/events?token=${h.host.token}`, { signal: ctrl.signal });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    await reader.read(); // ': connected'
    h.bus.emit('articles.changed', {});
    const { value } = await reader.read();
    expect(new TextDecoder().decode(value)).toContain('event: articles.changed');
    ctrl.abort();
  });
});

describe('Electron IPC binding', () => {
  let root: string;
  let h: Awaited<ReturnType<typeof ipcHost>>;
  beforeAll(async () => {
    root = await makeWorkspace({ 'a.md': '# 甲\n' });
    h = await ipcHost(root);
  });
  afterAll(async () => {
    await h.close();
    await removeDir(root);
  });

  it('answers the app’s own main frame', async () => {
    const r = await h.ipc.invoke(ipcChannel('articles.list'), {}, appFrame);
    expect(r.ok).toBe(true);
  });

  it.each([
    ['a subframe of the app', { url: 'app://factdesk/index.html', parent: {} }],
    ['another origin', { url: 'https://evil.example/', parent: null }],
    ['a file:// page', { url: 'file:///tmp/x.html', parent: null }],
    ['a lookalike host', { url: 'app://factdesk.evil/index.html', parent: null }],
    ['a destroyed frame', null],
  ])('refuses %s', async (_name, frame) => {
    const r = await h.ipc.invoke(ipcChannel('articles.list'), {}, frame);
    expect(r).toMatchObject({ ok: false, error: { message: 'untrusted sender' } });
  });

  it('returns validation errors as typed envelopes, never throwing raw errors', async () => {
    const r = await h.ipc.invoke(ipcChannel('articles.read'), { id: '../x' }, appFrame);
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('registers exactly one handler per contract method', () => {
    expect([...h.ipc.handlers.keys()].every((c) => c.startsWith('factdesk:'))).toBe(true);
    expect(h.ipc.handlers.size).toBeGreaterThanOrEqual(10);
  });

  it('forwards service events to live windows only', () => {
    const sent: unknown[] = [];
    const live = { send: (ch: string, p: unknown) => sent.push([ch, p]), isDestroyed: () => false };
    const dead = { send: () => sent.push('dead'), isDestroyed: () => true };
    const off = forwardEvents(h.bus, () => [live, dead]);
    h.bus.emit('article.changedOnDisk', { id: 'abc123', missing: false });
    off();
    expect(sent).toEqual([['factdesk:article.changedOnDisk', { id: 'abc123', missing: false }]]);
  });
});
