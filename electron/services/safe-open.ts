/**
 * Opening files inside the workspace without a check-then-open race.
 *
 * A path checked with realpath and then opened can be swapped for a link to
 * a file outside the workspace in between. So the file is opened first and
 * the opened file itself is checked: where it really is (Linux:
 * /proc/self/fd; elsewhere the path's realpath, which must name the same
 * inode as the open handle) must be inside the workspace. A link that stays
 * inside the workspace is followed, consistently, to its target.
 *
 * Under `.factdesk/` nothing is followed: FactDesk's own folders and files
 * are refused when they are links (a workspace shared through git can carry
 * links planted there).
 */
import { promises as fs, constants as fsc, type BigIntStats, type Stats } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';
import { isInside, metaDirName } from './workspace-paths.js';

const noFollow = fsc.O_NOFOLLOW ?? 0;

/** An opened article file, proven to be inside the workspace. */
export interface OpenedArticle {
  handle: fs.FileHandle;
  /** Where the opened file really lives (a link inside the workspace resolved). */
  realPath: string;
  stat: Stats;
}

async function realPathOfHandle(handle: fs.FileHandle, abs: string, stat: Stats): Promise<string> {
  if (process.platform === 'linux') {
    const viaProc = await fs.readlink(`/proc/self/fd/${handle.fd}`).catch(() => null);
    if (viaProc && !viaProc.endsWith(' (deleted)')) return viaProc;
  }
  const real = await fs.realpath(abs);
  const st = await fs.stat(real);
  // The name may have been swapped since the open: the handle must still be the file the name leads to.
  if (st.dev !== stat.dev || st.ino !== stat.ino) throw new FactDeskError('path-outside-workspace', 'the file changed while it was opened', {});
  return real;
}

/**
 * Opens `abs` (lexically inside `root`) for reading and proves that what was
 * opened lies inside `root` and outside its `.factdesk/` folder.
 * ENOENT passes through for the caller to translate.
 */
export async function openArticle(root: string, abs: string): Promise<OpenedArticle> {
  if (!isInside(root, abs)) throw new FactDeskError('path-outside-workspace', 'outside the workspace', {});
  const handle = await fs.open(abs, fsc.O_RDONLY);
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new FactDeskError('unsupported-file-type', 'not a regular file', { name: relative(root, abs).split(sep).join('/') });
    const realPath = await realPathOfHandle(handle, abs, stat);
    if (!isInside(root, realPath) || isInside(join(root, metaDirName), realPath)) {
      throw new FactDeskError('path-outside-workspace', `${relative(root, abs)} leads outside the workspace`, {});
    }
    return { handle, realPath, stat };
  } catch (e) {
    await handle.close().catch(() => {});
    throw e;
  }
}

/** Reads a whole article file opened with `openArticle`, refusing one over `max` bytes before reading it. */
export async function readArticle(root: string, abs: string, max: number, name: string): Promise<{ bytes: Buffer; realPath: string; mtimeMs: number }> {
  const { handle, realPath, stat } = await openArticle(root, abs);
  try {
    if (stat.size > max) throw new FactDeskError('file-too-large', `${name} is too large`, { name, size: stat.size, max });
    const bytes = await handle.readFile();
    const after = await handle.stat();
    return { bytes, realPath, mtimeMs: after.mtimeMs };
  } finally {
    await handle.close().catch(() => {});
  }
}

/** The error for a link found where FactDesk keeps its own files. */
export function storeLinkError(metaDir: string, path: string): FactDeskError {
  const name = join(metaDirName, relative(metaDir, path)).split(sep).join('/');
  return new FactDeskError('store-link', `${name} is a link; FactDesk does not follow links inside ${metaDirName}`, { name });
}

/**
 * Refuses (`store-link`) when `path`, or any folder between `metaDir` and it
 * (`metaDir` included), is a symbolic link. Missing parts are fine: they are
 * created as real folders and files.
 */
export async function assertNoLinks(metaDir: string, path: string): Promise<void> {
  const rel = relative(metaDir, path);
  if (rel.startsWith('..')) throw new Error(`${path} is not under ${metaDir}`);
  let p = metaDir;
  const parts = rel === '' ? [] : rel.split(sep);
  for (let i = -1; i < parts.length; i++) {
    if (i >= 0) p = join(p, parts[i]!);
    let st: Stats;
    try {
      st = await fs.lstat(p);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw e;
    }
    if (st.isSymbolicLink()) throw storeLinkError(metaDir, p);
  }
}

/** Reads a file under `.factdesk/` without following a link (ELOOP → `store-link`). */
export async function readStoreFile(metaDir: string, path: string): Promise<Buffer> {
  return (await readStoreFileStamped(metaDir, path, false)).bytes;
}

/**
 * Which version of a file this is: device, inode, size, modification and change
 * times (ns). A file replaced by rename, as every store file is, gets a new one.
 */
export function fileStamp(st: BigIntStats): string {
  return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
}

/** The stamp of a file under `.factdesk/` now: `none` when there is no such file, null when it cannot be said (a link, an error). */
export async function storeFileStamp(path: string): Promise<string | null> {
  try {
    const st = await fs.lstat(path, { bigint: true });
    return st.isFile() ? fileStamp(st) : null;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'none' : null;
  }
}

/** `readStoreFile`, with the stamp of the very file read (taken from the open file, so they always match). */
export async function readStoreFileStamped(metaDir: string, path: string, stamped = true): Promise<{ bytes: Buffer; stamp: string | null }> {
  await assertNoLinks(metaDir, dirname(path));
  let h: fs.FileHandle;
  try {
    h = await fs.open(path, fsc.O_RDONLY | noFollow);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw storeLinkError(metaDir, path);
    throw e;
  }
  try {
    const stamp = stamped ? fileStamp(await h.stat({ bigint: true })) : null;
    return { bytes: await h.readFile(), stamp };
  } finally {
    await h.close().catch(() => {});
  }
}

/** Opens a file under `.factdesk/` for appending, never through a link. */
export async function openStoreFileForAppend(metaDir: string, path: string): Promise<fs.FileHandle> {
  await assertNoLinks(metaDir, dirname(path));
  try {
    return await fs.open(path, fsc.O_WRONLY | fsc.O_APPEND | fsc.O_CREAT | noFollow, 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ELOOP') throw storeLinkError(metaDir, path);
    throw e;
  }
}
