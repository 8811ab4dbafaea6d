/**
 * Evidence kept with a claim: the copy of a source (a web page fetched once,
 * or a local file) that FactDesk stores in the workspace, content-addressed
 * by SHA-256 under `.factdesk/evidence/`, so a source can be opened again
 * offline and exactly as it was when the checker read it. What kinds of file
 * are kept, how big, and how each is recognised from its first bytes.
 */

/** The largest source FactDesk keeps: 20 MiB (a file sent from the page in base64 stays under the 32 MiB request cap). */
export const maxEvidenceBytes = 20 * 1024 * 1024;

/** What a claim's source records about the copy FactDesk keeps of it. */
export interface EvidenceRef {
  /** SHA-256 of the kept bytes, lower-case hex: the copy's name in the store. */
  hash: string;
  size: number;
  /** `text/html`, `application/pdf`, … (HTML may carry the charset it was served with). */
  mediaType: string;
  /** Where it came from: `url` (fetched by FactDesk) or `file` (sent from the checker's computer). */
  origin: 'url' | 'file';
  /** The address that was asked for, or the file's original name. */
  name: string;
  /** For a fetched page: the address it finally came from, when redirects led elsewhere. */
  finalUrl?: string;
  /** When it was fetched or attached (ISO 8601). */
  accessedAt: string;
}

/** What the store can say about one kept copy. */
export interface EvidenceInfo {
  hash: string;
  size: number;
  mediaType: string;
  /** The bytes on disk still hash to `hash`; false: changed or damaged since it was kept, so it is not served. */
  intact: boolean;
}

/** One kind of file FactDesk keeps as evidence. */
export interface EvidenceKind {
  /** The extension the copy is stored under (it decides the content type it is served with). */
  ext: string;
  mediaType: string;
  /** Other media types a server may send for it. */
  aliases?: readonly string[];
  /** Other file name extensions it comes with. */
  fileExts?: readonly string[];
  /** Shown in the page (not downloaded) when opened. */
  inline: boolean;
  /** Do the first bytes look like this kind? */
  looksRight: (head: Uint8Array) => boolean;
}

const startsWith = (head: Uint8Array, ...bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ascii = (s: string) => [...s].map((c) => c.charCodeAt(0));
/** Text has no NUL bytes (UTF-16 and binary files do). */
const looksLikeText = (head: Uint8Array) => !head.subarray(0, 4096).includes(0);
const zip = (head: Uint8Array) => startsWith(head, 0x50, 0x4b, 0x03, 0x04);

/** The kinds kept, in the order a lookup by hash tries them. */
export const evidenceKinds: readonly EvidenceKind[] = [
  { ext: 'html', mediaType: 'text/html', aliases: ['application/xhtml+xml'], fileExts: ['htm', 'xhtml'], inline: true, looksRight: looksLikeText },
  { ext: 'pdf', mediaType: 'application/pdf', inline: true, looksRight: (h) => startsWith(h, ...ascii('%PDF-')) },
  { ext: 'png', mediaType: 'image/png', inline: true, looksRight: (h) => startsWith(h, 0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a) },
  { ext: 'jpg', mediaType: 'image/jpeg', fileExts: ['jpeg'], inline: true, looksRight: (h) => startsWith(h, 0xff, 0xd8, 0xff) },
  { ext: 'gif', mediaType: 'image/gif', inline: true, looksRight: (h) => startsWith(h, ...ascii('GIF87a')) || startsWith(h, ...ascii('GIF89a')) },
  { ext: 'webp', mediaType: 'image/webp', inline: true, looksRight: (h) => startsWith(h, ...ascii('RIFF')) && startsWith(h.subarray(8), ...ascii('WEBP')) },
  { ext: 'txt', mediaType: 'text/plain', inline: true, looksRight: looksLikeText },
  { ext: 'csv', mediaType: 'text/csv', inline: true, looksRight: looksLikeText },
  { ext: 'xlsx', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', inline: false, looksRight: zip },
  { ext: 'xls', mediaType: 'application/vnd.ms-excel', inline: false, looksRight: (h) => startsWith(h, 0xd0, 0xcf, 0x11, 0xe0) },
  { ext: 'ods', mediaType: 'application/vnd.oasis.opendocument.spreadsheet', inline: false, looksRight: zip },
];

/** The media type without parameters, lower-cased: `text/html; charset=gbk` → `text/html`. */
export function mediaTypeEssence(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/** The `charset` parameter of a media type, if it names a plausible one. */
export function charsetOf(mediaType: string): string | null {
  const m = /;\s*charset\s*=\s*"?([A-Za-z0-9._-]{1,40})"?/i.exec(mediaType);
  return m ? m[1]!.toLowerCase() : null;
}

/** The kind served as `mediaType` (a Content-Type header), or null when FactDesk does not keep it. */
export function kindOfMediaType(mediaType: string): EvidenceKind | null {
  const essence = mediaTypeEssence(mediaType);
  return evidenceKinds.find((k) => k.mediaType === essence || k.aliases?.includes(essence)) ?? null;
}

/** The kind a file name says (by its extension), or null. */
export function kindOfFileName(name: string): EvidenceKind | null {
  const dot = name.lastIndexOf('.');
  if (dot < 0) return null;
  const ext = name.slice(dot + 1).toLowerCase();
  return evidenceKinds.find((k) => k.ext === ext || k.fileExts?.includes(ext)) ?? null;
}

/** The kind stored under extension `ext`. */
export function kindOfExt(ext: string): EvidenceKind | null {
  return evidenceKinds.find((k) => k.ext === ext) ?? null;
}

/** A SHA-256 in the form the store names copies by. */
export const evidenceHashPattern = /^[0-9a-f]{64}$/;

/**
 * The path (below the host's root) a kept copy is served at: the same on
 * both hosts (`/evidence/<hash>`), with the charset an HTML page was served
 * with, since the stored bytes do not always say it.
 */
export function keptCopyPath(ref: Pick<EvidenceRef, 'hash' | 'mediaType'>): string {
  const charset = charsetOf(ref.mediaType);
  return `evidence/${ref.hash}${charset ? `?charset=${encodeURIComponent(charset)}` : ''}`;
}
