/**
 * Reading an article file for a CLI command: decoded like the app decodes it
 * (UTF-8/BOM/UTF-16/GB18030, binary and broken files refused with a
 * translated error), with CRLF kept, so offsets a command prints index the
 * file's own characters.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FactDeskError } from '../../shared/errors.js';
import { decodeArticleBytes } from '../services/text-codec.js';

/**
 * The text of an article file, BOM removed and line endings as in the file.
 * A relative path is taken from where the user typed the command (npm runs
 * scripts in the package root and passes the original folder as INIT_CWD).
 */
export async function readArticleFile(file: string): Promise<string> {
  const path = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const bytes = await readFile(path).catch((e: NodeJS.ErrnoException) => {
    if (e.code === 'ENOENT') throw new FactDeskError('not-found', `${file} does not exist`, { what: file });
    const why = e.code === 'EISDIR' ? 'it is a folder, not an article file' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied' : (e.code ?? e.message);
    throw new FactDeskError('invalid-input', `${file} cannot be read: ${why}`, { detail: `${file} cannot be read (${why})` });
  });
  const decoded = decodeArticleBytes(bytes, file);
  // decodeArticleBytes shows CRLF files with \n; 'crlf' means every newline was
  // \r\n, so putting the \r back restores the file's text exactly.
  return decoded.lineEnding === 'crlf' ? decoded.text.replaceAll('\n', '\r\n') : decoded.text;
}
