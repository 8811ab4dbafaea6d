/**
 * lowdb over durable, stable JSON files: the one store FactDesk keeps its
 * annotations and workspace index in.
 *
 * - Writes go through `writeFileDurable` (fsync + rename + directory fsync;
 *   lowdb's own steno writer does not fsync), serialized per file, with
 *   overlapping writes coalesced to the newest data.
 * - JSON is pretty printed with sorted keys so a workspace kept in git diffs
 *   and merges sanely.
 * - A file that does not parse is moved aside to `<name>.corrupt-<time>` and
 *   the last good copy (`<name>.bak`) is restored; the caller is told through
 *   `onRecovered` so the user hears what happened. Nothing is overwritten silently.
 */
import { promises as fs } from 'node:fs';
import { basename, dirname } from 'node:path';
import { Low, type Adapter } from 'lowdb';
import { writeFileDurable } from './durable-file.js';
import { readStoreFile } from './safe-open.js';

/**
 * `JSON.stringify(value, null, 2)` with object keys sorted at every level,
 * plus a final newline, as UTF-8 bytes.
 *
 * A deeply frozen object is serialized once and its bytes reused while it
 * stays the same object: the annotation store keeps claims frozen
 * (`frozenJson`) and replaces a claim on change, so rewriting a sidecar of
 * 2,000 claims after a status change re-serializes one claim, not all of
 * them (a durable status change must take milliseconds). Only freeze what
 * is frozen all the way down.
 */
export function stableJsonBytes(value: unknown): Buffer {
  return Buffer.concat(stableJsonChunks(value));
}

/** `stableJsonBytes` as the list of pieces it is made of, for a gathering write without the copy. */
export function stableJsonChunks(value: unknown): Buffer[] {
  const out = new ByteChunks();
  if (!writeValue(value, '', '', out)) out.text('undefined');
  out.text('\n');
  return out.done();
}

/** The same text as `stableJsonBytes`, as a string. */
export function stableStringify(value: unknown): string {
  return stableJsonBytes(value).toString('utf8');
}

/** Objects made by `frozenJson`: frozen all the way down, keys in sorted order. */
const canonical = new WeakSet<object>();

/**
 * A deeply frozen copy of `value` with every object's keys in sorted order
 * (undefined members dropped, as JSON drops them). The store serializes such
 * an object with the native JSON.stringify, once, and keeps the bytes while
 * it stays the same object: replace it to change it.
 */
export function frozenJson<T>(value: T): T {
  if (value === null || typeof value !== 'object' || canonical.has(value)) return value;
  if (typeof (value as { toJSON?: unknown }).toJSON === 'function') return value;
  let copy: object;
  if (Array.isArray(value)) copy = value.map((v) => frozenJson(v) as unknown);
  else {
    const rec = value as Record<string, unknown>;
    copy = {};
    for (const k of Object.keys(rec).sort()) {
      if (rec[k] !== undefined) Object.defineProperty(copy, k, { value: frozenJson(rec[k]), enumerable: true, writable: true, configurable: true });
    }
  }
  Object.freeze(copy);
  canonical.add(copy);
  return copy as T;
}

/** Output as a list of buffers; adjacent strings are encoded together. */
class ByteChunks {
  private readonly chunks: Buffer[] = [];
  private run = '';

  text(s: string): void {
    this.run += s;
  }

  raw(b: Buffer): void {
    if (this.run) this.flush();
    this.chunks.push(b);
  }

  private flush(): void {
    this.chunks.push(Buffer.from(this.run, 'utf8'));
    this.run = '';
  }

  done(): Buffer[] {
    if (this.run) this.flush();
    return this.chunks;
  }

  bytes(): Buffer {
    const chunks = this.done();
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
}

/**
 * Cached bytes of a frozen value as one member of its container: the
 * separator, indentation and key included (`,\n    "key": {…}`), so a
 * container of frozen members is a plain concatenation.
 */
const frozenMembers = new WeakMap<object, { indent: string; key: string | null; bytes: Buffer }>();

// Integer-like keys come first in numeric order in any JS object, so
// JSON.stringify lists them that way whatever the insertion order.
function isArrayIndex(k: string): boolean {
  if (k.length === 0) return false;
  const c = k.charCodeAt(0);
  if (c < 48 || c > 57 || k.length > 10 || (c === 48 && k.length > 1)) return false;
  for (let i = 1; i < k.length; i++) {
    const d = k.charCodeAt(i);
    if (d < 48 || d > 57) return false;
  }
  return Number(k) < 4294967295;
}

const sortedKeyCache = new WeakMap<object, { keys: string[]; sorted: string[] }>();

function sortedKeys(rec: object): string[] {
  const keys = Object.keys(rec);
  // A big record (the claims of an article) keeps its keys between writes: reuse their order.
  const cached = keys.length > 32 ? sortedKeyCache.get(rec) : undefined;
  if (cached && cached.keys.length === keys.length && cached.keys.every((k, i) => k === keys[i])) return cached.sorted;
  let sorted: string[];
  const indices = keys.filter(isArrayIndex);
  if (indices.length === 0) sorted = [...keys].sort();
  else sorted = indices.sort((a, b) => Number(a) - Number(b)).concat(keys.filter((k) => !isArrayIndex(k)).sort());
  if (keys.length > 32) sortedKeyCache.set(rec, { keys, sorted });
  return sorted;
}

/** What JSON.stringify serializes in place of `value` (after toJSON). */
function jsonValue(value: unknown, key: string): unknown {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    return (value as { toJSON: (k: string) => unknown }).toJSON(key);
  }
  return value;
}

const omitted = (v: unknown): boolean => v === undefined || typeof v === 'function' || typeof v === 'symbol';

/** Writes the JSON of `value` at nesting `indent`; false where JSON.stringify omits it. */
function writeValue(value: unknown, key: string, indent: string, out: ByteChunks): boolean {
  const v = jsonValue(value, key);
  switch (typeof v) {
    case 'string':
      out.text(JSON.stringify(v));
      return true;
    case 'number':
      out.text(Number.isFinite(v) ? String(v) : 'null');
      return true;
    case 'boolean':
      out.text(v ? 'true' : 'false');
      return true;
    case 'bigint':
      out.text(JSON.stringify(v)); // throws, as JSON.stringify does
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (v === null) {
    out.text('null');
    return true;
  }
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) {
      out.text('[]');
      return true;
    }
    out.text('[');
    for (let i = 0; i < v.length; i++) writeMember(v[i], String(i), null, inner, i === 0, out);
    out.text('\n' + indent + ']');
    return true;
  }
  const rec = v as Record<string, unknown>;
  let first = true;
  out.text('{');
  for (const k of sortedKeys(rec)) {
    const member = rec[k];
    if (omitted(typeof member === 'object' && member !== null && frozenMembers.has(member) ? member : jsonValue(member, k))) continue;
    writeMember(member, k, k, inner, first, out);
    first = false;
  }
  out.text(first ? '}' : '\n' + indent + '}');
  return true;
}

/** One array element (`name` null) or object member, preceded by its separator and indentation. */
function writeMember(value: unknown, key: string, name: string | null, indent: string, first: boolean, out: ByteChunks): void {
  if (value !== null && typeof value === 'object') {
    // Only frozen objects are cached, so a hit needs no second look.
    const hit = frozenMembers.get(value);
    if (hit !== undefined && hit.indent === indent && hit.key === name) {
      out.raw(first ? hit.bytes.subarray(1) : hit.bytes);
      return;
    }
    if (canonical.has(value)) {
      // Keys already sorted: the native serializer writes the same text, much faster; only the indentation is added.
      const bytes = Buffer.from(memberHead(name, indent) + JSON.stringify(value, null, 2).replaceAll('\n', '\n' + indent), 'utf8');
      frozenMembers.set(value, { indent, key: name, bytes });
      out.raw(first ? bytes.subarray(1) : bytes);
      return;
    }
    if (Object.isFrozen(value) && typeof (value as { toJSON?: unknown }).toJSON !== 'function') {
      const own = new ByteChunks();
      own.text(memberHead(name, indent));
      writeValue(value, key, indent, own);
      const bytes = own.bytes();
      frozenMembers.set(value, { indent, key: name, bytes });
      out.raw(first ? bytes.subarray(1) : bytes);
      return;
    }
  }
  const head = memberHead(name, indent);
  out.text(first ? head.slice(1) : head);
  if (!writeValue(value, key, indent, out)) out.text('null');
}

const memberHead = (name: string | null, indent: string): string => ',\n' + indent + (name === null ? '' : JSON.stringify(name) + ': ');

export interface Recovery {
  file: string;
  /** Where the damaged file was moved; empty when the file had disappeared and nothing was moved. */
  movedTo: string;
  /** Whether a good backup was restored (false: started empty). */
  restored: boolean;
}

export interface DurableJsonOptions<T> {
  /** Checks parsed data; return false (or throw) to treat the file as corrupt. */
  validate?: (data: unknown) => data is T;
  onRecovered?: (r: Recovery) => void;
  /** The `.factdesk/` folder the file lives under: no link there is followed (default: the file's folder). */
  metaDir?: string;
}

export class DurableJsonFile<T> implements Adapter<T> {
  private pending: { data: T; displayName?: string; waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> } | null = null;
  private writing: Promise<void> | null = null;

  constructor(
    readonly path: string,
    private readonly opts: DurableJsonOptions<T> = {},
  ) {}

  private parse(text: string): T {
    const data: unknown = JSON.parse(text);
    if (this.opts.validate && !this.opts.validate(data)) throw new Error('unexpected shape');
    return data as T;
  }

  private get metaDir(): string {
    return this.opts.metaDir ?? dirname(this.path);
  }

  async read(): Promise<T | null> {
    let text: string;
    try {
      text = (await readStoreFile(this.metaDir, this.path)).toString('utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      // The file is written before its copy, so a copy without the file means the file was removed:
      // the copy holds the last acknowledged state.
      const restored = await this.readBackup();
      if (restored !== null) {
        await writeFileDurable(this.path, stableJsonBytes(restored));
        this.opts.onRecovered?.({ file: basename(this.path), movedTo: '', restored: true });
      }
      return restored;
    }
    try {
      return this.parse(text);
    } catch {
      const movedTo = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      await fs.rename(this.path, movedTo);
      const restored = await this.readBackup();
      if (restored !== null) await writeFileDurable(this.path, stableJsonBytes(restored));
      this.opts.onRecovered?.({ file: basename(this.path), movedTo: basename(movedTo), restored: restored !== null });
      return restored;
    }
  }

  private async readBackup(): Promise<T | null> {
    try {
      return this.parse((await readStoreFile(this.metaDir, `${this.path}.bak`)).toString('utf8'));
    } catch {
      return null;
    }
  }

  /** Writes `data` durably; `displayName` is what an error names (default: the file's name). */
  write(data: T, displayName?: string): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (this.pending) {
        this.pending.data = data;
        if (displayName) this.pending.displayName = displayName;
        this.pending.waiters.push({ resolve, reject });
      } else {
        this.pending = { data, ...(displayName ? { displayName } : {}), waiters: [{ resolve, reject }] };
      }
      if (!this.writing) this.writing = this.drain();
    });
  }

  private async drain(): Promise<void> {
    while (this.pending) {
      const { data, waiters, displayName } = this.pending;
      this.pending = null;
      try {
        await writeFileDurable(this.path, stableJsonChunks(data), { keepBackup: true, ...(displayName ? { displayName } : {}) });
        waiters.forEach((w) => w.resolve());
      } catch (e) {
        waiters.forEach((w) => w.reject(e));
      }
    }
    this.writing = null;
  }
}

/** Opens (reading once) a lowdb database over a durable JSON file. */
export async function openJsonStore<T>(path: string, defaults: T, opts: DurableJsonOptions<T> = {}): Promise<Low<T>> {
  const db = new Low<T>(new DurableJsonFile<T>(path, opts), defaults);
  await db.read();
  return db;
}
