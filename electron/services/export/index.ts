/**
 * The Node side of publishing (no Electron): DOCX and PDF writers and the
 * sanitizer every HTML export passes through. Each takes plain inputs and
 * returns bytes or a string; the caller decides where they are written.
 */
export { articleDocx, type DocxMode, type DocxOptions } from './docx.js';
export { sanitizeHtmlDocument, sanitizeHtmlFragment } from './sanitize.js';
export { chromiumArgs, chromiumCandidates, findChromium, htmlToPdf, type PdfOptions } from './pdf.js';
