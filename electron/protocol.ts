/**
 * The `app://factdesk/` protocol the renderer is loaded from, instead of
 * file:// (which would grant the page every file on disk). Serves only files
 * inside the built renderer folder, with the strict CSP, and kept copies of
 * sources at `/evidence/<sha256>` (verified, with the same headers as
 * browser mode: no script runs in a kept page).
 */
import { promises as fs } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { protocol } from 'electron';
import { FactDeskError } from '../shared/errors.js';
import { rendererCsp } from './server/http-host.js';
import { keptCopyHeaders, requestedCharset, type KeptCopy } from './services/evidence-store.js';
import { appHost, appScheme } from './ipc.js';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** Must run before `app.whenReady()`. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
}

/** `keptCopy` reads a kept source from the workspace open now (it changes with File › Open Workspace…). */
export function serveRenderer(rendererDir: string, keptCopy: (hash: string) => Promise<KeptCopy>): void {
  const root = normalize(rendererDir);
  protocol.handle(appScheme, async (request) => {
    const url = new URL(request.url);
    if (url.host !== appHost) return new Response('not found', { status: 404 });
    if (url.pathname.startsWith('/evidence/')) {
      try {
        const copy = await keptCopy(url.pathname.slice('/evidence/'.length));
        return new Response(request.method === 'HEAD' ? null : new Uint8Array(copy.bytes), { headers: keptCopyHeaders(copy, requestedCharset(url.searchParams)) });
      } catch (e) {
        // A damaged or missing copy is said in words, as plain text: nothing of it is served.
        if (!(e instanceof FactDeskError)) console.error('factdesk: kept copy failed:', e);
        const status = e instanceof FactDeskError && e.code === 'evidence-damaged' ? 409 : 404;
        return new Response(e instanceof Error ? e.message : 'not found', { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff' } });
      }
    }
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(root, rel));
    if (!file.startsWith(root + sep) || rel.includes('\0')) return new Response('not found', { status: 404 });
    try {
      const body = await fs.readFile(file);
      return new Response(body, {
        headers: {
          'Content-Type': types[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': rendererCsp,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}

export const appUrl = `${appScheme}://${appHost}/index.html`;
