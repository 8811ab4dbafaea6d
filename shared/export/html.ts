/**
 * HTML building blocks every HTML export uses: escaping, JSON-LD that cannot
 * close its script element, and one document shape whose parts the Node
 * side sanitizes separately (DOMPurify on the body, the head rebuilt from
 * trusted parts) before anything is written.
 */

const htmlEscapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for an HTML text node or a quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => htmlEscapes[ch]!);
}

/**
 * JSON for a `<script type="application/ld+json">` element: `<`, `>` and `&`
 * become `\u003c`… so no string in the data can close the element or open a
 * comment, and U+2028/2029 are escaped for old JavaScript parsers.
 */
export function jsonForScript(value: unknown, indent = 2): string {
  return JSON.stringify(value, null, indent)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** A link target that is safe to write as `href`: only http(s) addresses; anything else is not linked. */
export function safeHref(url: string): string | null {
  const u = url.trim();
  return /^https?:\/\/[^\s<>"']+$/i.test(u) ? u : null;
}

/** An HTML export before it is assembled: the Node side sanitizes `body` and checks `jsonLd` before writing. */
export interface HtmlDocument {
  /** BCP 47 language of the content. */
  lang: string;
  title: string;
  /** A stylesheet of FactDesk's own (never user content). */
  css?: string;
  /** Structured data for the head, each one `<script type="application/ld+json">`. */
  jsonLd?: unknown[];
  /** The `<body>` content, every user string already escaped. */
  body: string;
  /**
   * The same body as whole, balanced blocks (each one or more complete
   * elements) that join to `body`: a long report is sanitized block by
   * block, which keeps the cost linear in its length.
   */
  blocks?: string[];
}

/** Assembles a complete HTML document from its parts. */
export function renderHtmlDocument(doc: HtmlDocument): string {
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(doc.title)}</title>`,
    ...(doc.css ? [`<style>\n${doc.css}\n</style>`] : []),
    ...(doc.jsonLd ?? []).map((data) => `<script type="application/ld+json">\n${jsonForScript(data)}\n</script>`),
  ];
  return `<!DOCTYPE html>\n<html lang="${escapeHtml(doc.lang)}">\n<head>\n${head.join('\n')}\n</head>\n<body>\n${doc.body}\n</body>\n</html>\n`;
}
