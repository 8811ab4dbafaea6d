/**
 * The evidence store: the one service that keeps copies of sources in the
 * workspace, content-addressed under `.factdesk/evidence/<sha256>.<ext>`, so
 * a claim's source opens offline and exactly as the checker read it.
 *
 * - Bytes arrive whole in memory first (a local file sent by the page, or a
 *   web page fetched once here, under a size limit, a deadline and a
 *   redirect limit, of a type FactDesk keeps) and are written durably in
 *   one atomic step, so a failure leaves nothing half-written.
 * - The same bytes cited by many claims are stored once.
 * - Every read is checked against the hash: a copy changed or damaged on
 *   disk is reported (`evidence-damaged`), never served.
 * - Like every store file, nothing under `.factdesk/` is reached through a link.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import {
  charsetOf,
  evidenceHashPattern,
  evidenceKinds,
  kindOfFileName,
  kindOfMediaType,
  maxEvidenceBytes,
  mediaTypeEssence,
  type EvidenceInfo,
  type EvidenceKind,
  type EvidenceRef,
} from '../../shared/evidence.js';
import { FactDeskError } from '../../shared/errors.js';
import { writeFileDurable } from './durable-file.js';
import { readStoreFile } from './safe-open.js';
import type { Workspace } from './workspace.js';

export interface EvidenceLimits {
  /** Largest source kept, in bytes (default `maxEvidenceBytes`, 20 MiB). */
  maxBytes?: number;
  /** Time allowed for a whole fetch, redirects and body included (default 30 s). */
  timeoutMs?: number;
  /** Redirects followed before giving up (default 5). */
  maxRedirects?: number;
}

/** A kept copy read back and verified. */
export interface KeptCopy {
  hash: string;
  bytes: Buffer;
  kind: EvidenceKind;
}

/** A fetched page kept: its record, and the page's own title (for a source given without one). */
export interface KeptPage {
  ref: EvidenceRef;
  title: string;
}

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const redirectStatuses = new Set([301, 302, 303, 307, 308]);

function tooLarge(name: string, size: number, max: number): FactDeskError {
  return new FactDeskError('evidence-too-large', `${name} is over the evidence limit (${size} > ${max} bytes)`, { name, size, max });
}

/**
 * The text of an HTML page's `<title>`, decoded with the charset the server
 * or the page names (Chinese sites still serve GBK), for the source's title.
 */
export function pageTitle(bytes: Uint8Array, headerCharset: string | null): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 4096));
  const metaCharset = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._-]{1,40})/i.exec(head)?.[1] ?? null;
  let text: string;
  try {
    text = new TextDecoder(headerCharset ?? metaCharset ?? 'utf-8').decode(bytes.subarray(0, 256 * 1024));
  } catch {
    // An unknown charset label: UTF-8 is the web's default and what most pages are.
    text = new TextDecoder('utf-8').decode(bytes.subarray(0, 256 * 1024));
  }
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(text)?.[1] ?? '';
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
  return raw
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const cp = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : m;
      }
      return named[e.toLowerCase()] ?? m;
    })
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 300);
}

export class EvidenceStore {
  private readonly maxBytes: number;
  private readonly timeoutMs: number;
  private readonly maxRedirects: number;

  constructor(
    private readonly ws: Workspace,
    limits: EvidenceLimits = {},
  ) {
    this.maxBytes = limits.maxBytes ?? maxEvidenceBytes;
    this.timeoutMs = limits.timeoutMs ?? 30_000;
    this.maxRedirects = limits.maxRedirects ?? 5;
  }

  get dir(): string {
    return join(this.ws.metaDir, 'evidence');
  }

  /** Removes temp files a killed writer left (the writer lock means none of them is in flight). */
  async sweepLeftovers(): Promise<void> {
    if (this.ws.readOnly) return;
    const names = await fs.readdir(this.dir).catch(() => [] as string[]);
    await Promise.all(names.filter((n) => n.startsWith('.') && n.endsWith('.tmp')).map((n) => fs.rm(join(this.dir, n), { force: true })));
  }

  private pathOf(hash: string, kind: EvidenceKind): string {
    return join(this.dir, `${hash}.${kind.ext}`);
  }

  private assertWritable(): void {
    if (this.ws.readOnly) throw new FactDeskError('workspace-read-only', 'workspace is read-only', { reason: this.ws.info().readOnlyReason ?? '' });
  }

  /**
   * Keeps `bytes` (already checked to be `kind`) and returns their hash.
   * An intact copy already there is left as it is (stored once); a damaged
   * one is replaced by these bytes, which are known good.
   */
  private async keep(bytes: Uint8Array, kind: EvidenceKind, name: string): Promise<string> {
    const hash = sha256(bytes);
    const path = this.pathOf(hash, kind);
    await this.ws.guardMeta(this.dir);
    await fs.mkdir(this.dir, { recursive: true });
    await this.ws.guardMeta(this.dir);
    const existing = await readStoreFile(this.ws.metaDir, path).catch((e: NodeJS.ErrnoException) => {
      if (e.code === 'ENOENT') return null;
      throw e;
    });
    if (existing && sha256(existing) === hash) return hash;
    // No `.bak`: the hash is the check, and attaching the source again repairs a damaged copy.
    await writeFileDurable(path, bytes, { displayName: name });
    return hash;
  }

  /** Keeps a local file the checker chose (its bytes, as sent by the page). */
  async keepFile(fileName: string, bytes: Uint8Array): Promise<EvidenceRef> {
    this.assertWritable();
    // The page sends a name, never a path; whatever looks like folders is not part of it.
    const name = basename(fileName.replace(/\\/g, '/')) || 'file';
    if (bytes.byteLength > this.maxBytes) throw tooLarge(name, bytes.byteLength, this.maxBytes);
    const kind = kindOfFileName(name);
    if (!kind) throw new FactDeskError('evidence-unsupported-type', `${name} is not a kind of file FactDesk keeps`, { name, type: name.includes('.') ? name.slice(name.lastIndexOf('.')) : '—' });
    if (!kind.looksRight(bytes)) throw new FactDeskError('evidence-unsupported-type', `${name} is not really ${kind.mediaType}`, { name, type: kind.mediaType });
    const accessedAt = new Date().toISOString();
    const hash = await this.keep(bytes, kind, name);
    return { hash, size: bytes.byteLength, mediaType: kind.mediaType, origin: 'file', name, accessedAt };
  }

  /**
   * Fetches a web address once and keeps what it serves. http and https
   * only; at most `maxRedirects` redirects (each checked again); the whole
   * fetch within `timeoutMs`; a body over `maxBytes` is cut off and refused;
   * only the kinds FactDesk keeps, and only when the bytes are what the
   * server says they are.
   */
  async keepUrl(url: string): Promise<KeptPage> {
    this.assertWritable();
    const accessedAt = new Date().toISOString();
    const { bytes, mediaType, kind, finalUrl } = await this.fetchSource(url);
    const hash = await this.keep(bytes, kind, url);
    const charset = kind.ext === 'html' ? charsetOf(mediaType) : null;
    const ref: EvidenceRef = {
      hash,
      size: bytes.byteLength,
      mediaType: charset ? `${kind.mediaType}; charset=${charset}` : kind.mediaType,
      origin: 'url',
      name: url,
      ...(finalUrl !== url ? { finalUrl } : {}),
      accessedAt,
    };
    return { ref, title: kind.ext === 'html' ? pageTitle(bytes, charset) : '' };
  }

  private async fetchSource(url: string): Promise<{ bytes: Buffer; mediaType: string; kind: EvidenceKind; finalUrl: string }> {
    const deadline = AbortSignal.timeout(this.timeoutMs);
    const failed = (reason: string) => new FactDeskError('evidence-fetch-failed', `could not fetch ${url}: ${reason}`, { url, reason });
    const timedOut = () => new FactDeskError('evidence-timeout', `${url} took longer than ${this.timeoutMs} ms`, { url, seconds: Math.round(this.timeoutMs / 100) / 10 });
    let current: URL;
    try {
      current = new URL(url);
    } catch {
      throw failed('not a web address');
    }
    for (let hop = 0; ; hop++) {
      if (current.protocol !== 'http:' && current.protocol !== 'https:') throw failed(`${current.protocol} addresses are not fetched`);
      let res: Response;
      try {
        res = await fetch(current, {
          redirect: 'manual',
          signal: deadline,
          headers: { Accept: 'text/html,application/xhtml+xml,application/pdf,image/*,text/csv,text/plain;q=0.8,*/*;q=0.1', 'User-Agent': 'FactDesk (evidence copy)' },
        });
      } catch (e) {
        if (deadline.aborted) throw timedOut();
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw failed(cause?.code ?? cause?.message ?? (e instanceof Error ? e.message : String(e)));
      }
      if (redirectStatuses.has(res.status)) {
        await res.body?.cancel().catch(() => {});
        const location = res.headers.get('location');
        if (!location) throw failed(`HTTP ${res.status} without a Location`);
        if (hop >= this.maxRedirects) throw new FactDeskError('evidence-redirects', `${url}: more than ${this.maxRedirects} redirects`, { url, max: this.maxRedirects });
        try {
          current = new URL(location, current);
        } catch {
          throw failed(`a redirect to an invalid address`);
        }
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel().catch(() => {});
        throw failed(`HTTP ${res.status}`);
      }
      const mediaType = res.headers.get('content-type') ?? '';
      const kind = kindOfMediaType(mediaType);
      if (!kind) {
        await res.body?.cancel().catch(() => {});
        throw new FactDeskError('evidence-unsupported-type', `${url} serves ${mediaType || 'no content type'}`, { name: url, type: mediaTypeEssence(mediaType) || '—' });
      }
      const declared = Number(res.headers.get('content-length') ?? NaN);
      if (declared > this.maxBytes) {
        await res.body?.cancel().catch(() => {});
        throw tooLarge(url, declared, this.maxBytes);
      }
      const bytes = await this.readCapped(res, url, deadline, timedOut, failed);
      if (!kind.looksRight(bytes)) throw new FactDeskError('evidence-unsupported-type', `${url} says ${kind.mediaType} but is not`, { name: url, type: mediaTypeEssence(mediaType) });
      return { bytes, mediaType, kind, finalUrl: current.href };
    }
  }

  /** Reads a response body, stopping (and refusing) as soon as it passes the limit: a huge page is never held whole. */
  private async readCapped(res: Response, url: string, deadline: AbortSignal, timedOut: () => FactDeskError, failed: (r: string) => FactDeskError): Promise<Buffer> {
    const chunks: Uint8Array[] = [];
    let size = 0;
    if (!res.body) return Buffer.alloc(0);
    const reader = res.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.byteLength;
        if (size > this.maxBytes) throw tooLarge(url, size, this.maxBytes);
        chunks.push(value);
      }
    } catch (e) {
      await reader.cancel().catch(() => {});
      if (e instanceof FactDeskError) throw e;
      if (deadline.aborted) throw timedOut();
      throw failed(e instanceof Error ? e.message : String(e));
    }
    return Buffer.concat(chunks);
  }

  /** Reads a kept copy, verified against its hash. */
  async read(hash: string): Promise<KeptCopy> {
    if (!evidenceHashPattern.test(hash)) throw new FactDeskError('evidence-missing', `no kept copy ${hash}`, { hash });
    for (const kind of evidenceKinds) {
      const bytes = await readStoreFile(this.ws.metaDir, this.pathOf(hash, kind)).catch((e: NodeJS.ErrnoException) => {
        if (e.code === 'ENOENT' || e.code === 'ENOTDIR') return null;
        throw e;
      });
      if (!bytes) continue;
      if (sha256(bytes) !== hash) {
        console.error(`factdesk: kept copy ${hash}.${kind.ext} no longer matches its hash; not served`);
        throw new FactDeskError('evidence-damaged', `the kept copy ${hash} was changed or damaged on disk`, { hash: hash.slice(0, 12) });
      }
      return { hash, bytes, kind };
    }
    throw new FactDeskError('evidence-missing', `no kept copy ${hash}`, { hash: hash.slice(0, 12) });
  }

  /** Size, type and whether the copy is still intact. */
  async info(hash: string): Promise<EvidenceInfo> {
    try {
      const { bytes, kind } = await this.read(hash);
      return { hash, size: bytes.byteLength, mediaType: kind.mediaType, intact: true };
    } catch (e) {
      if (!(e instanceof FactDeskError) || e.code !== 'evidence-damaged') throw e;
      const kind = await this.kindOnDisk(hash);
      const st = kind ? await fs.lstat(this.pathOf(hash, kind)) : null;
      return { hash, size: st?.size ?? 0, mediaType: kind?.mediaType ?? '', intact: false };
    }
  }

  private async kindOnDisk(hash: string): Promise<EvidenceKind | null> {
    for (const kind of evidenceKinds) {
      if (await fs.lstat(this.pathOf(hash, kind)).then((s) => s.isFile(), () => false)) return kind;
    }
    return null;
  }
}

/**
 * The headers a kept copy is served with, on both hosts. Nothing in a kept
 * page may run or reach the network: HTML (and everything but PDF) gets a
 * sandboxing CSP with no script and no loads; PDF is left to the browser's
 * viewer, which a sandbox would block. Spreadsheets are downloaded.
 */
export function keptCopyHeaders(copy: KeptCopy, charset: string | null): Record<string, string> {
  const { kind } = copy;
  const textual = kind.ext === 'html' || kind.ext === 'txt' || kind.ext === 'csv';
  const headers: Record<string, string> = {
    'Content-Type': textual && charset ? `${kind.mediaType}; charset=${charset}` : kind.mediaType,
    'Content-Length': String(copy.bytes.byteLength),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
    'X-Frame-Options': 'SAMEORIGIN',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Content-Disposition': kind.inline ? 'inline' : `attachment; filename="${copy.hash.slice(0, 16)}.${kind.ext}"`,
    'Content-Security-Policy':
      kind.ext === 'pdf'
        ? "frame-ancestors 'self'"
        : "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; form-action 'none'; frame-ancestors 'self'",
  };
  return headers;
}

/** The charset a request for a kept copy asks for (`?charset=`), if it is a plausible label. */
export function requestedCharset(params: URLSearchParams): string | null {
  const c = params.get('charset');
  return c && /^[A-Za-z0-9._-]{1,40}$/.test(c) ? c.toLowerCase() : null;
}
