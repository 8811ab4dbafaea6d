/**
 * Every HTML export passes through here before it is written: the body is
 * sanitized with DOMPurify (in a jsdom window, as Node has no DOM) and the
 * head is rebuilt from trusted parts, so article text, notes, comments and
 * source titles can never become script, whatever they hold.
 */
import createDOMPurify from 'dompurify';
import { JSDOM } from 'jsdom';
import { renderHtmlDocument, type HtmlDocument } from '../../../shared/export/index.js';

// Only web addresses and in-page links: no javascript:, data:, vbscript:, file:, or relative paths into the user's disk.
const safeUrl = /^(?:https?:\/\/|#)/i;
const urlAttributes = new Set(['href', 'xlink:href', 'src', 'action', 'formaction', 'srcset', 'poster', 'background']);

let purifier: ReturnType<typeof createDOMPurify> | null = null;

function dompurify(): ReturnType<typeof createDOMPurify> {
  if (purifier) return purifier;
  const { window } = new JSDOM('<!DOCTYPE html>');
  const p = createDOMPurify(window as unknown as Parameters<typeof createDOMPurify>[0]);
  p.addHook('uponSanitizeAttribute', (_node, data) => {
    if (urlAttributes.has(data.attrName) && !safeUrl.test(data.attrValue.trim())) data.keepAttr = false;
  });
  purifier = p;
  return p;
}

/** Sanitizes an HTML fragment: HTML and SVG (the report's chart) only, no script, no event handlers, no style attributes, no forms or frames. */
export function sanitizeHtmlFragment(html: string): string {
  return dompurify().sanitize(html, {
    USE_PROFILES: { html: true, svg: true },
    FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'link', 'meta', 'base'],
    FORBID_ATTR: ['style'],
    ALLOW_DATA_ATTR: false,
  });
}

/**
 * A complete, safe HTML document: the body sanitized, the title escaped, the
 * stylesheet unable to close its element, each JSON-LD block re-serialized
 * so no string in it can end the script element.
 */
export function sanitizeHtmlDocument(doc: HtmlDocument): string {
  const { blocks: _blocks, ...rest } = doc;
  return renderHtmlDocument({
    ...rest,
    // Block by block when the document comes in blocks: DOMPurify over jsdom slows down more than linearly on one huge body.
    body: doc.blocks ? doc.blocks.map(sanitizeHtmlFragment).join('\n') : sanitizeHtmlFragment(doc.body),
    ...(doc.css !== undefined ? { css: doc.css.replace(/<\/?style/gi, '') } : {}),
  });
}
