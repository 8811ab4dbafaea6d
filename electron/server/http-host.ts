/**
 * Browser mode: the same dispatcher as the Electron IPC binding, bound to
 * HTTP on 127.0.0.1. `POST /rpc/<method>` with a JSON body calls a method;
 * `GET /events` is a server-sent event stream; `GET /evidence/<sha256>` a
 * kept copy of a source (token as a query parameter: a frame or a new tab
 * cannot send headers); everything else serves the built renderer.
 *
 * Guards, in the order they are checked:
 *   Host header not this server (DNS rebinding) → 403
 *   Origin header present and foreign            → 403
 *   token missing or wrong (rpc, events, evidence) → 401
 *   body over the cap                             → 413
 *   unknown method                                → 404
 *   body not JSON / input fails the schema        → 400 with the validation message
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import type { Envelope } from '../../shared/contract.js';
import { FactDeskError, toErrorPayload, type ErrorCode, type ErrorPayload } from '../../shared/errors.js';
import { isMethodName, type Dispatch } from '../services/dispatcher.js';
import type { EventBus } from '../services/event-bus.js';
import { keptCopyHeaders, requestedCharset, type KeptCopy } from '../services/evidence-store.js';

export interface HttpHostOptions {
  dispatch: Dispatch;
  /** Events of every workspace this host serves (sessions share the host's bus). */
  bus: EventBus;
  /** Folder with the built renderer (index.html). */
  staticDir: string;
  port?: number;
  /** Request body cap in bytes (default 32 MiB: a 20 MB article plus JSON escaping). */
  maxBodyBytes?: number;
  /** Fixed token (tests); random per run otherwise. */
  token?: string;
  /** Reads a kept copy of a source, verified against its hash (the session's evidence store). */
  keptCopy?: (hash: string) => Promise<KeptCopy>;
}

export interface HttpHost {
  /** Base URL without the token. */
  origin: string;
  /** The URL to open: carries the token. */
  url: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

// Every code has its status (the compiler checks): a user's error is never a 500.
const statusOf: Record<ErrorCode, number> = {
  'invalid-input': 400,
  'invalid-relation': 400,
  'invalid-text': 400,
  'store-link': 409,
  'publication-blocked': 409,
  'correction-required': 409,
  cancelled: 409,
  'override-reason-required': 400,
  'chromium-not-found': 503,
  'evidence-too-large': 413,
  'evidence-unsupported-type': 415,
  // The source's server failed or misbehaved, not FactDesk: a gateway's answer.
  'evidence-fetch-failed': 502,
  'evidence-timeout': 504,
  'evidence-redirects': 502,
  'evidence-damaged': 409,
  'evidence-missing': 404,
  'not-a-directory': 400,
  'workspace-busy': 409,
  'team-role-refused': 403,
  'role-refused': 403,
  'team-auth-failed': 401,
  'team-not-linked': 409,
  'team-limit': 429,
  'team-invalid-change': 400,
  'team-unreachable': 502,
  'store-corrupt': 500,
  'store-corrupt-no-backup': 500,
  internal: 500,
  'invalid-name': 400,
  'not-found': 404,
  'article-not-found': 404,
  'claim-not-found': 404,
  'revision-not-found': 404,
  'article-missing': 410,
  'path-outside-workspace': 403,
  'already-exists': 409,
  'changed-on-disk': 409,
  'workspace-read-only': 409,
  'workspace-locked': 409,
  'file-too-large': 413,
  'binary-file': 415,
  'invalid-encoding': 415,
  'unsupported-file-type': 415,
  'unsupported-in-host': 501,
  'disk-full': 507,
  'permission-denied': 500,
};

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** The renderer's Content Security Policy in browser mode (Electron sets the same one). */
export const rendererCsp =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly payload: ErrorPayload,
  ) {
    super(payload.message);
  }
}

function tokenMatches(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

export async function startHttpHost(opts: HttpHostOptions): Promise<HttpHost> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const maxBody = opts.maxBodyBytes ?? 32 * 1024 * 1024;
  const staticRoot = normalize(opts.staticDir);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const sendJson = (res: http.ServerResponse, status: number, body: unknown) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(text);
  };
  const fail = (status: number, code: ErrorCode, message: string, params: Record<string, string | number> = {}) =>
    new HttpError(status, { code, message, params });

  const readBody = (req: http.IncomingMessage): Promise<string> =>
    new Promise((resolve, reject) => {
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > maxBody) {
        reject(fail(413, 'file-too-large', `request body over ${maxBody} bytes`, { name: 'request', size: declared, max: maxBody }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > maxBody) {
          reject(fail(413, 'file-too-large', `request body over ${maxBody} bytes`, { name: 'request', size, max: maxBody }));
          req.destroy();
          return;
        }
        chunks.push(c);
      });
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });

  const checkOrigin = (req: http.IncomingMessage) => {
    if (!allowedHosts().has(String(req.headers.host ?? ''))) throw fail(403, 'invalid-input', 'foreign Host header refused', { detail: 'foreign Host header' });
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) throw fail(403, 'invalid-input', 'foreign Origin refused', { detail: 'foreign Origin' });
    // Browsers send Sec-Fetch-Site on every request; anything but same-origin/none is another site's page.
    const site = req.headers['sec-fetch-site'];
    if (site !== undefined && site !== 'same-origin' && site !== 'none') throw fail(403, 'invalid-input', 'cross-site request refused', { detail: 'cross-site request' });
  };

  const handleRpc = async (req: http.IncomingMessage, res: http.ServerResponse, method: string) => {
    if (req.method !== 'POST') throw fail(405, 'invalid-input', 'use POST', { detail: 'use POST' });
    const auth = req.headers.authorization;
    if (!tokenMatches(auth?.startsWith('Bearer ') ? auth.slice(7) : null, token)) throw fail(401, 'invalid-input', 'missing or wrong token', { detail: 'token' });
    const ctype = String(req.headers['content-type'] ?? '');
    if (!ctype.startsWith('application/json')) throw fail(415, 'invalid-input', 'content-type must be application/json', { detail: 'content-type' });
    const body = await readBody(req);
    if (!isMethodName(method)) throw fail(404, 'not-found', `unknown method ${method}`, { what: method });
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw fail(400, 'invalid-input', 'body is not JSON', { detail: 'body is not JSON' });
    }
    try {
      const value = await opts.dispatch(method, input);
      sendJson(res, 200, { ok: true, value } satisfies Envelope<unknown>);
    } catch (e) {
      const payload = toErrorPayload(e);
      if (!(e instanceof FactDeskError)) console.error(`factdesk: ${method} failed:`, e);
      sendJson(res, statusOf[payload.code], { ok: false, error: payload } satisfies Envelope<unknown>);
    }
  };

  const handleEvents = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (!tokenMatches(url.searchParams.get('token'), token)) throw fail(401, 'invalid-input', 'missing or wrong token', { detail: 'token' });
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'keep-alive',
      'X-Content-Type-Options': 'nosniff',
    });
    res.write(': connected\n\n');
    const off = opts.bus.on((event, payload) => res.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`));
    const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), 25_000);
    req.on('close', () => {
      clearInterval(keepAlive);
      off();
    });
  };

  const handleEvidence = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw fail(405, 'invalid-input', 'method not allowed', { detail: 'method' });
    if (!tokenMatches(url.searchParams.get('token'), token)) throw fail(401, 'invalid-input', 'missing or wrong token', { detail: 'token' });
    const hash = url.pathname.slice('/evidence/'.length);
    if (!opts.keptCopy) throw fail(404, 'evidence-missing', 'no evidence store', { hash: hash.slice(0, 12) });
    let copy: KeptCopy;
    try {
      copy = await opts.keptCopy(hash);
    } catch (e) {
      const payload = toErrorPayload(e);
      if (!(e instanceof FactDeskError)) console.error(`factdesk: kept copy ${hash} failed:`, e);
      throw new HttpError(statusOf[payload.code], payload);
    }
    res.writeHead(200, keptCopyHeaders(copy, requestedCharset(url.searchParams)));
    res.end(req.method === 'HEAD' ? undefined : copy.bytes);
  };

  const handleStatic = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw fail(405, 'invalid-input', 'method not allowed', { detail: 'method' });
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname);
    } catch {
      throw fail(400, 'invalid-input', 'bad path', { detail: 'path' });
    }
    if (rel.includes('\0')) throw fail(400, 'invalid-input', 'bad path', { detail: 'path' });
    if (rel === '/' || rel === '') rel = '/index.html';
    const abs = normalize(join(staticRoot, rel));
    if (!abs.startsWith(staticRoot + sep)) throw fail(404, 'not-found', 'not found', { what: rel });
    let data: Buffer;
    try {
      data = await fs.readFile(abs);
    } catch {
      throw fail(404, 'not-found', 'not found', { what: rel });
    }
    const headers: Record<string, string> = {
      'Content-Type': contentTypes[extname(abs)] ?? 'application/octet-stream',
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': extname(abs) === '.html' ? 'no-store' : 'public, max-age=3600',
    };
    if (extname(abs) === '.html') {
      headers['Content-Security-Policy'] = rendererCsp;
      headers['X-Frame-Options'] = 'DENY';
    }
    res.writeHead(200, headers);
    res.end(req.method === 'HEAD' ? undefined : data);
  };

  const server = http.createServer((req, res) => {
    void (async () => {
      try {
        checkOrigin(req);
        const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
        if (url.pathname.startsWith('/rpc/')) await handleRpc(req, res, url.pathname.slice(5));
        else if (url.pathname === '/events') handleEvents(req, res, url);
        else if (url.pathname.startsWith('/evidence/')) await handleEvidence(req, res, url);
        else await handleStatic(req, res, url);
      } catch (e) {
        if (res.headersSent) return res.destroy();
        if (e instanceof HttpError) return sendJson(res, e.status, { ok: false, error: e.payload });
        console.error('factdesk: request failed:', e);
        sendJson(res, 500, { ok: false, error: toErrorPayload(e) });
      }
    })();
  });
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
