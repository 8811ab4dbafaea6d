/**
 * Turns article bytes into text and back without losing a byte: detects the
 * encoding (BOM, strict UTF-8, then GB18030 as the Chinese fallback), BOM and
 * line endings, refuses binary and broken files, and re-encodes on save.
 */
import { createRequire } from 'node:module';
import type IconvLite from 'iconv-lite';
import { FactDeskError } from '../../shared/errors.js';
import type { LineEnding, TextEncodingName } from '../../shared/model.js';

export interface DecodedText {
  /** Text without BOM; CRLF files are normalized to `\n` (see `lineEnding`). */
  text: string;
  encoding: TextEncodingName;
  bom: boolean;
  lineEnding: LineEnding;
}

/** Articles larger than this are refused rather than loaded into the editor. */
export const maxArticleBytes = 20 * 1024 * 1024;

const BOMS: Array<{ bytes: number[]; encoding: TextEncodingName }> = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

function startsWith(buf: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => buf[i] === b);
}

function strictDecode(buf: Uint8Array, encoding: TextEncodingName): string | null {
  try {
    return new TextDecoder(encoding, { fatal: true, ignoreBOM: true }).decode(buf);
  } catch {
    return null;
  }
}

/** Share of non-ASCII bytes that sit in well-formed UTF-8 sequences. */
function utf8Share(buf: Uint8Array): number {
  let nonAscii = 0;
  let inValid = 0;
  for (let i = 0; i < buf.length; ) {
    const b = buf[i]!;
    if (b < 0x80) { i++; continue; }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    let ok = len > 0 && i + len <= buf.length;
    for (let k = 1; ok && k < len; k++) ok = (buf[i + k]! & 0xc0) === 0x80;
    if (ok) { nonAscii += len; inValid += len; i += len; } else { nonAscii++; i++; }
  }
  return nonAscii === 0 ? 1 : inValid / nonAscii;
}

function looksBinary(buf: Uint8Array): boolean {
  const n = Math.min(buf.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = buf[i]!;
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.02;
}

function detectLineEnding(text: string): LineEnding {
  const crlf = text.split('\r\n').length - 1;
  const lf = text.split('\n').length - 1;
  if (crlf === 0) return 'lf';
  return crlf === lf && !/\r(?!\n)/.test(text) ? 'crlf' : 'mixed';
}

/**
 * Decodes an article file. Throws `binary-file`, `invalid-encoding` or
 * `file-too-large` (a FactDeskError the user sees translated) instead of
 * returning mangled text.
 */
export function decodeArticleBytes(buf: Uint8Array, name = ''): DecodedText {
  if (buf.length > maxArticleBytes) {
    throw new FactDeskError('file-too-large', `${name} is larger than ${maxArticleBytes} bytes`, { name, size: buf.length, max: maxArticleBytes });
  }
  let encoding: TextEncodingName | null = null;
  let bom = false;
  let text: string | null = null;
  for (const b of BOMS) {
    if (startsWith(buf, b.bytes)) {
      encoding = b.encoding;
      bom = true;
      text = strictDecode(buf.subarray(b.bytes.length), b.encoding);
      if (text === null) throw new FactDeskError('invalid-encoding', `${name} has a ${b.encoding} BOM but is not valid ${b.encoding}`, { name, encoding: b.encoding });
      break;
    }
  }
  if (text === null) {
    if (looksBinary(buf)) throw new FactDeskError('binary-file', `${name} is not a text file`, { name });
    text = strictDecode(buf, 'utf-8');
    encoding = 'utf-8';
    if (text === null) {
      // Real GBK/GB18030 text almost never forms valid UTF-8 sequences; a file
      // whose multibyte sequences are mostly valid UTF-8 is broken UTF-8, and
      // decoding it as GB18030 would only produce mojibake.
      const gb = utf8Share(buf) < 0.5 ? strictDecode(buf, 'gb18030') : null;
      if (gb === null) throw new FactDeskError('invalid-encoding', `${name} is neither valid UTF-8 nor GB18030`, { name });
      text = gb;
      encoding = 'gb18030';
    }
  }
  const lineEnding = detectLineEnding(text);
  if (lineEnding === 'crlf') text = text.replaceAll('\r\n', '\n');
  return { text, encoding: encoding!, bom, lineEnding };
}

/**
 * iconv-lite, required on first use: only writing GB18030 or UTF-16 needs it
 * (reading decodes with TextDecoder), and loading it costs every command of
 * the CLI that reads an article ~10 ms.
 */
let iconvLite: typeof IconvLite | undefined;
const iconv = (): typeof IconvLite => (iconvLite ??= createRequire(import.meta.url)('iconv-lite') as typeof IconvLite);

/** Encodes text for writing back in the file's own encoding, BOM and line endings. */
export function encodeArticleText(d: DecodedText): Uint8Array {
  const text = d.lineEnding === 'crlf' ? d.text.replace(/\r?\n/g, '\r\n') : d.text;
  const body = d.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv().encode(text, d.encoding);
  if (!d.bom) return body;
  const bom = BOMS.find((b) => b.encoding === d.encoding)!.bytes;
  return Buffer.concat([Buffer.from(bom), body]);
}
