/**
 * Append-only JSON-lines store files (revision histories, the bulk-change
 * journal): each append is whole lines, written and fsynced before it counts;
 * a line torn by a crash is left out on read and cut off before the next
 * append, so a file only ever holds whole lines.
 */
import { promises as fs } from 'node:fs';
import { dirname } from 'node:path';
import { fsyncDir, writeError } from './durable-file.js';
import { openStoreFileForAppend, readStoreFile, storeLinkError } from './safe-open.js';

/**
 * The whole lines of a store file, each parsed as JSON (null where a line
 * does not parse); `size` is the bytes they take. No file: none.
 */
export async function readWholeLines(metaDir: string, path: string, opts: { readOnly: boolean }): Promise<{ lines: unknown[]; size: number }> {
  let bytes: Buffer;
  try {
    bytes = await readStoreFile(metaDir, path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { lines: [], size: 0 };
    throw e;
  }
  // Everything after the last newline is a line whose append never finished.
  const whole = bytes.lastIndexOf(0x0a) + 1;
  if (whole < bytes.length && !opts.readOnly) await truncateStoreFile(metaDir, path, whole);
  const lines = bytes
    .subarray(0, whole)
    .toString('utf8')
    .split('\n')
    .filter(Boolean)
    .map((line): unknown => {
      try {
        return JSON.parse(line);
      } catch {
        return null;
      }
    });
  return { lines, size: whole };
}

async function truncateStoreFile(metaDir: string, path: string, size: number): Promise<void> {
  const h = await fs.open(path, fs.constants.O_RDWR | (fs.constants.O_NOFOLLOW ?? 0)).catch((e: NodeJS.ErrnoException) => {
    throw e.code === 'ELOOP' ? storeLinkError(metaDir, path) : e;
  });
  try {
    await h.truncate(size);
    await h.sync();
  } finally {
    await h.close();
  }
}

/**
 * Appends `bytes` (whole lines) to a store file holding `size` bytes: written
 * whole and fsynced (and the folder fsynced when the file is new), or cut back
 * to `size` and the error thrown, translated and naming `displayName`.
 */
export async function appendWholeLines(metaDir: string, path: string, bytes: Buffer, size: number, displayName: string): Promise<void> {
  let h: fs.FileHandle | undefined;
  try {
    h = await openStoreFileForAppend(metaDir, path);
    try {
      // writeFile writes the whole line or throws; a bare write may stop short on a full disk.
      await h.writeFile(bytes);
      await h.sync();
    } catch (e) {
      // Cut off whatever part of the line reached the file, so no torn line stays behind.
      await h.truncate(size).catch(() => {});
      throw e;
    }
    await h.close();
    h = undefined;
    if (size === 0) await fsyncDir(dirname(path));
  } catch (e) {
    await h?.close().catch(() => {});
    throw writeError(e, displayName);
  }
}
