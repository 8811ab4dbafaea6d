/**
 * A team document kept on this computer: the Yjs updates it received or made,
 * appended to `.factdesk/team/<team>/docs/<name>.ylog` and fsynced, so edits and
 * reviews made offline survive a restart and are sent when the server is
 * back (Yjs merges them whatever their order). Local changes after the last
 * "acknowledged" mark are the changes still waiting for the server.
 *
 * Record: kind (1 byte: remote, local, ack) + length (4 bytes LE) + update.
 * A record torn by a crash is ignored on read and cut off before the next
 * append; the log is folded into one record once it grows long.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as Y from 'yjs';
import { writeFileDurable } from '../durable-file.js';
import { openStoreFileForAppend, readStoreFile } from '../safe-open.js';

const kindRemote = 0;
const kindLocal = 1;
const kindAck = 2;
const foldAfter = 500;

/** `text/abc123` → `text-abc123.ylog` (document names are checked by the caller). */
export const logFileName = (docName: string): string => `${docName.replace('/', '-')}.ylog`;

export class DocLog {
  private records = 0;
  private waiting = 0;
  private tail: Promise<void> = Promise.resolve();
  private queued: Buffer[] = [];
  private scheduled: Promise<void> | null = null;

  private constructor(
    private readonly metaDir: string,
    readonly path: string,
  ) {}

  /** Opens the log in `dir` (under `metaDir`) and applies what it holds to `doc` (origin `this`). */
  static async open(metaDir: string, dir: string, docName: string, doc: Y.Doc): Promise<DocLog> {
    await fs.mkdir(dir, { recursive: true });
    const log = new DocLog(metaDir, join(dir, logFileName(docName)));
    let bytes: Buffer;
    try {
      bytes = await readStoreFile(metaDir, log.path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      bytes = Buffer.alloc(0);
    }
    const updates: Uint8Array[] = [];
    let at = 0;
    while (at + 5 <= bytes.length) {
      const kind = bytes[at]!;
      const len = bytes.readUInt32LE(at + 1);
      if (at + 5 + len > bytes.length) break;
      if (kind === kindAck) log.waiting = 0;
      else {
        updates.push(new Uint8Array(bytes.subarray(at + 5, at + 5 + len)));
        if (kind === kindLocal) log.waiting++;
      }
      log.records++;
      at += 5 + len;
    }
    // A torn last record (crash mid-append) is cut off, so the next append starts on a record boundary.
    if (at < bytes.length) await fs.truncate(log.path, at);
    if (updates.length) Y.applyUpdate(doc, Y.mergeUpdates(updates), log);
    return log;
  }

  /** Local changes the server has not acknowledged yet. */
  get pending(): number {
    return this.waiting;
  }

  /** Appends an update; resolves once it is on disk. */
  append(update: Uint8Array, local: boolean): Promise<void> {
    if (local) this.waiting++;
    return this.write(local ? kindLocal : kindRemote, update);
  }

  /** Marks every local change so far as acknowledged by the server. */
  acknowledge(): Promise<void> {
    if (this.waiting === 0) return this.tail;
    this.waiting = 0;
    return this.write(kindAck, new Uint8Array(0));
  }

  /** Resolves when every append asked for so far is on disk. */
  flushed(): Promise<void> {
    return this.tail;
  }

  /** Replaces the log by one record holding the document's whole state (keeps the waiting count). */
  fold(doc: Y.Doc): Promise<void> {
    this.tail = this.tail.then(async () => {
      const state = Y.encodeStateAsUpdate(doc);
      const parts: Buffer[] = [record(kindRemote, state)];
      // The waiting count survives the fold as that many empty local records.
      for (let i = 0; i < this.waiting; i++) parts.push(record(kindLocal, Y.encodeStateAsUpdate(new Y.Doc())));
      await writeFileDurable(this.path, parts);
      this.records = parts.length;
    });
    return this.tail;
  }

  private write(kind: number, update: Uint8Array): Promise<void> {
    this.queued.push(record(kind, update));
    // Records asked for while a write is in flight go out together: one write and one fsync for a burst.
    if (!this.scheduled) {
      const batch = this.tail.then(async () => {
        this.scheduled = null;
        const data = this.queued;
        this.queued = [];
        const h = await openStoreFileForAppend(this.metaDir, this.path);
        try {
          await h.writev(data);
          await h.sync();
        } finally {
          await h.close();
        }
        this.records += data.length;
      });
      this.scheduled = batch;
      // An error is reported to the callers of this batch; later appends still run.
      this.tail = batch.catch((e) => console.error('factdesk: team log write failed:', e));
    }
    return this.scheduled;
  }

  /** Whether the log has grown long enough to fold. */
  get long(): boolean {
    return this.records > foldAfter;
  }
}

function record(kind: number, update: Uint8Array): Buffer {
  const head = Buffer.alloc(5);
  head[0] = kind;
  head.writeUInt32LE(update.length, 1);
  return Buffer.concat([head, update]);
}
