/**
 * Durable, atomic file replacement: a crash at any moment leaves either the
 * old or the new file, never a torn or empty one.
 *
 * temp file in the same directory → write → fsync → (keep the old file as
 * `<name>.bak`) → rename over the target → fsync the directory.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs, constants as fsc } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';

export interface DurableWriteOptions {
  /** Keep the replaced file as `<path>.bak` (the last good copy for recovery). */
  keepBackup?: boolean;
  /** Name shown in errors (defaults to the file name). */
  displayName?: string;
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

export async function writeFileDurable(path: string, data: DurableData, opts: DurableWriteOptions = {}): Promise<void> {
  const dir = dirname(path);
  const name = opts.displayName ?? basename(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let h: fs.FileHandle | undefined;
  try {
    h = await fs.open(tmp, 'wx', 0o644);
    if (typeof data === 'string' || data instanceof Uint8Array) await h.writeFile(data);
    else await writeAll(h, data);
    await h.sync();
    await h.close();
    h = undefined;
    if (opts.keepBackup) {
      // A hard link keeps the old bytes under .bak without copying, renamed
      // into place so a .bak, once there, is always a whole file (a crash
      // between removing the old one and linking the new one would leave
      // none). If the target does not exist yet there is nothing to keep.
      const bakTmp = `${tmp}.bak`;
      const linked = await fs.link(path, bakTmp).then(
        () => true,
        (e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? false : fs.copyFile(path, bakTmp).then(() => true)),
      );
      if (linked) await fs.rename(bakTmp, `${path}.bak`);
    }
    await fs.rename(tmp, path);
    await fsyncDir(dir);
  } catch (e) {
    await h?.close().catch(() => {});
    await fs.rm(tmp, { force: true }).catch(() => {});
    await fs.rm(`${tmp}.bak`, { force: true }).catch(() => {});
    throw writeError(e, name);
  }
}
