/**
 * Keeps every file FactDesk touches inside the workspace root. Names come
 * from the user (create, rename) or from the index; both are checked here,
 * lexically and again with realpath so a symlink cannot lead outside.
 */
import { promises as fs } from 'node:fs';
import { extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';
import { articleExtensions, type ArticleFormat } from '../../shared/model.js';

/** The longest file or folder name (UTF-8 bytes) an article path may have. */
export const maxNameBytes = 255;

/** The folder holding FactDesk's own files inside a workspace. */
export const metaDirName = '.factdesk';

export function isInside(root: string, p: string): boolean {
  const rel = relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

export function formatOf(name: string): ArticleFormat | null {
  const ext = extname(name).toLowerCase();
  return (articleExtensions as readonly string[]).includes(ext) ? (ext.slice(1) as ArticleFormat) : null;
}

/**
 * Validates a workspace-relative article name (`folder/file.md`) and returns
 * its normalized POSIX form. Refuses absolute paths, `..`, dot segments,
 * backslashes, control characters and anything but .md/.txt/.html.
 */
export function normalizeArticleName(name: string): string {
  const bad = (reason: string) => new FactDeskError('invalid-name', `invalid article name: ${reason}`, { reason });
  if (name.length > 512) throw bad('too long');
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f]/.test(name)) throw bad('control characters');
  if (name.includes('\\')) throw bad('backslash');
  if (isAbsolute(name) || /^[A-Za-z]:/.test(name)) throw new FactDeskError('path-outside-workspace', 'absolute paths are refused', {});
  const parts = name.split('/').map((p) => p.trim());
  if (parts.some((p) => p === '..')) throw new FactDeskError('path-outside-workspace', '.. is refused', {});
  if (parts.some((p) => p === '' || p === '.' || p.startsWith('.'))) throw bad('empty or hidden path segment');
  if (parts.some((p) => /[<>:"|?*]/.test(p))) throw bad('characters not allowed in file names');
  // Every file system FactDesk runs on caps one name at 255 bytes (a Chinese character is 3 in UTF-8).
  if (parts.some((p) => Buffer.byteLength(p, 'utf8') > maxNameBytes)) throw bad(`a file or folder name longer than ${maxNameBytes} bytes`);
  const normalized = parts.join('/');
  if (!formatOf(normalized)) throw bad('extension must be .md, .txt or .html');
  return normalized;
}

/**
 * Resolves a workspace-relative path to an absolute one that is provably
 * inside `root` (itself a realpath): the lexical path, and the realpath of the
 * file or of its nearest existing ancestor, must both stay inside.
 */
export async function resolveInside(root: string, relPath: string): Promise<string> {
  if (relPath.includes('\0')) throw new FactDeskError('path-outside-workspace', 'NUL in path', {});
  const abs = resolve(root, relPath.split('/').join(sep));
  if (!isInside(root, abs)) throw new FactDeskError('path-outside-workspace', `${relPath} is outside the workspace`, {});
  let probe = abs;
  for (;;) {
    try {
      const real = await fs.realpath(probe);
      if (!isInside(root, real)) throw new FactDeskError('path-outside-workspace', `${relPath} leads outside the workspace`, {});
      return abs;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
      const parent = join(probe, '..');
      if (parent === probe) throw e;
      probe = parent;
    }
  }
}

/** POSIX form of a path relative to root. */
export function toRelative(root: string, abs: string): string {
  return relative(root, abs).split(sep).join('/');
}
