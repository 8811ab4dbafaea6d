/**
 * Durable, atomic file replacement: a crash at any moment leaves either the
 * old or the new file, never a torn or empty one.
 *
 * temp file in the same directory → write → fsync → rename over the target
 * → (a second, separate copy renamed over `<name>.bak`) → fsync the directory.
 *
 * The backup is written after the change, not before: it holds the same
 * acknowledged state as the file, in its own inode, so a file damaged later
 * (truncated by another program, a bad sector) is restored without losing
 * the last change.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';

export interface DurableWriteOptions {
  /** Also write the new data to `<path>.bak`, a second copy to recover from if the file is damaged later. */
  keepBackup?: boolean;
  /** Name shown in errors (defaults to the file name). */
  displayName?: string;
  /** Permission bits of the new file (default 0o644; 0o600 for a secret such as a join token). */
  mode?: number;
}

/** fsync a directory so a rename inside it survives power loss (no-op where unsupported). */
export async function fsyncDir(dir: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(dir, fsc.O_RDONLY);
    await h.sync();
  } catch (e) {
    // Windows cannot open directories; EISDIR/EPERM/EINVAL there mean "not supported", not failure.
    const code = (e as NodeJS.ErrnoException).code;
    if (code !== 'EISDIR' && code !== 'EPERM' && code !== 'EINVAL' && code !== 'EACCES') throw e;
  } finally {
    await h?.close();
  }
}

async function writeAll(h: fs.FileHandle, chunks: readonly Uint8Array[]): Promise<void> {
  // writev takes at most IOV_MAX (1024) buffers per call on Linux.
  for (let i = 0; i < chunks.length; i += 1024) {
    const batch = chunks.slice(i, i + 1024);
    const want = batch.reduce((n, c) => n + c.byteLength, 0);
    const { bytesWritten } = await h.writev(batch as Uint8Array[]);
    if (bytesWritten !== want) await h.write(Buffer.concat(batch).subarray(bytesWritten));
  }
}

/** Turns an fs error into the translated error the user sees; the old file is untouched when this is thrown. */
export function writeError(e: unknown, name: string): unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  // EFBIG: the file size limit (RLIMIT_FSIZE, a filesystem's maximum) — to the user the same as a full disk.
  if (code === 'ENOSPC' || code === 'EDQUOT' || code === 'EFBIG') return new FactDeskError('disk-full', `no space left to write ${name}`, { name });
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return new FactDeskError('permission-denied', `not allowed to write ${name}`, { name });
  return e;
}

/** Bytes to write: one buffer or string, or a list of buffers written in one gathering write. */
export type DurableData = Uint8Array | string | readonly Uint8Array[];

/**
 * A temp file name beside `path`: short (a 78-character Chinese article name
 * is already 237 of the 255 bytes a file name may have) and hidden, so the
 * workspace listing never shows it.
 */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.fd-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to a new file at `tmp` (never following or replacing a link there) and fsyncs it. */
async function writeNew(tmp: string, data: DurableData, mode = 0o644): Promise<void> {
  const h = await fs.open(tmp, fsc.O_WRONLY | fsc.O_CREAT | fsc.O_EXCL | (fsc.O_NOFOLLOW ?? 0), mode);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await h.writeFile(data);
    else await writeAll(h, data);
    await h.sync();
  } finally {
    await h.close();
  }
}

export async function writeFileDurable(path: string, data: DurableData, opts: DurableWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const name = opts.displayName ?? basename(path);
  const tmp = tempNameFor(path);
  const bakTmp = opts.keepBackup ? tempNameFor(path) : null;
  try {
    // Both copies are whole on disk before either is renamed into place.
    await writeNew(tmp, data, opts.mode);
    if (bakTmp) await writeNew(bakTmp, data, opts.mode);
    await fs.rename(tmp, path);
    if (bakTmp) await fs.rename(bakTmp, `${path}.bak`);
    await fsyncDir(dir);
  } catch (e) {
    await fs.rm(tmp, { force: true }).catch(() => {});
    if (bakTmp) await fs.rm(bakTmp, { force: true }).catch(() => {});
    throw writeError(e, name);
  }
}
