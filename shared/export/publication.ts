import type { Claim, ClaimSource } from '../annotations.js';
import { translatorFor, type Language } from '../i18n/index.js';
import { articleBlocks, type TextRange } from './blocks.js';
import { claimReviews, type ClaimReviewContext } from './claim-review.js';
import { articleLanguage, formatCorrection, isoDay } from './correction.js';
import { escapeHtml, safeHref, type HtmlDocument } from './html.js';
import type { CorrectionNote, ExportArticle } from './types.js';

/** Options of the publication copy. */
export interface PublicationOptions {
  /** The article's claims; needed for citations and ClaimReview. */
  claims?: readonly Claim[];
  /** Verified claims with sources get footnotes listing them (HTML; DOCX in the Node writer). */
  withCitations?: boolean;
  /** Printed as the standard correction paragraph at the end. */
  correction?: Pick<CorrectionNote, 'at' | 'text'>;
  /** Embed the article's ClaimReview JSON-LD in the HTML head. */
  claimReview?: ClaimReviewContext;
  /** Language of the copy's own words (footnote heading, correction); default: the article's. */
  language?: Language;
}

/** A claim that gets a footnote in the "with citations" copy, numbered from 1 in text order. */
export interface Citation {
  n: number;
  claim: Claim;
}

/**
 * The verified, attached claims that have sources, in text order, numbered.
 * With `text`, claims whose anchor does not quote it (stale offsets) are
 * left out rather than marked at the wrong words.
 */
export function citations(claims: readonly Claim[], text?: string): Citation[] {
  return claims
    .filter((c) => !c.deleted && !c.detached && c.status === 'verified' && c.sources.length > 0)
    .filter((c) => text === undefined || text.slice(c.anchor.start, c.anchor.end) === c.anchor.quote)
    .sort((a, b) => a.anchor.start - b.anchor.start || a.anchor.end - b.anchor.end)
    .map((claim, i) => ({ n: i + 1, claim }));
}

/** One source as a footnote reads it: title (or address), publisher, accessed date, address. */
export function describeSource(s: ClaimSource, language: Language): string {
  const t = translatorFor(language).t;
  const parts = [s.title.trim() || s.url.trim(), s.publisher.trim(), s.accessed.trim() ? t('export.accessed', { date: isoDay(s.accessed.trim()) }) : ''];
  if (s.title.trim() && s.url.trim()) parts.push(s.url.trim());
  return parts.filter((p) => p !== '').join(language === 'zh-CN' ? ',' : ', ');
}

function copyLanguage(article: ExportArticle, options: PublicationOptions): Language {
  return options.language ?? articleLanguage(article.text);
}

function withCorrection(text: string, paragraph: string | null): string {
  if (paragraph === null) return text;
  const sep = text === '' ? '' : text.endsWith('\n\n') ? '' : text.endsWith('\n') ? '\n' : '\n\n';
  return `${text}${sep}${paragraph}\n`;
}

/**
 * The publication copy as Markdown: the file's text, byte for byte, then the
 * correction paragraph when there is one. Nothing of the fact-check is added.
 */
export function publicationMarkdown(article: ExportArticle, options: PublicationOptions = {}): string {
  const correction = options.correction ? formatCorrection(options.correction, copyLanguage(article, options)) : null;
  return withCorrection(article.text, correction);
}

/**
 * The publication copy as plain text: `.txt` articles byte for byte; in
 * Markdown articles the heading marks are dropped (their words kept),
 * paragraphs separated by one blank line. Then the correction paragraph.
 */
export function publicationText(article: ExportArticle, options: PublicationOptions = {}): string {
  const correction = options.correction ? formatCorrection(options.correction, copyLanguage(article, options)) : null;
  if (article.format !== 'md') return withCorrection(article.text, correction);
  const { text } = article;
  const out = articleBlocks(text, 'md').map((b) =>
    b.kind === 'heading' ? text.slice(b.content.start, b.content.end) : b.lines.map((l) => text.slice(l.start, l.end)).join('\n'),
  );
  return withCorrection(out.join('\n\n') + (out.length > 0 ? '\n' : ''), correction);
}

/**
 * The publication copy as semantic HTML: `<h1>`… for Markdown headings, a
 * `<p>` per paragraph of the file (its line breaks as `<br>`), every word
 * escaped, no app markup. With citations, a superscript note number after
 * each cited figure and a footnote list of its sources; the correction
 * paragraph in `<p class="correction">`; ClaimReview JSON-LD in the head.
 * `.html` articles keep their own markup (the writer sanitizes it).
 */
export function publicationHtml(article: ExportArticle, options: PublicationOptions = {}): HtmlDocument {
  const language = copyLanguage(article, options);
  const cited = options.withCitations ? citations(options.claims ?? [], article.text) : [];
  const { text } = article;
  const parts: string[] = [];
  if (article.format === 'html') {
    parts.push(text);
  } else {
    const markers = new Map<number, number[]>();
    for (const c of cited) markers.set(c.claim.anchor.end, [...(markers.get(c.claim.anchor.end) ?? []), c.n]);
    const inline = (r: TextRange): string => renderRange(text, r, markers);
    for (const b of articleBlocks(text, article.format)) {
      if (b.kind === 'heading') parts.push(`<h${b.level}>${inline(b.content)}</h${b.level}>`);
      else parts.push(`<p>${b.lines.map(inline).join('<br>\n')}</p>`);
    }
  }
  if (cited.length > 0) {
    const t = translatorFor(language).t;
    const items = cited.map(({ n, claim }) => {
      const sources = claim.sources.map((s) => {
        const href = safeHref(s.url);
        const label = escapeHtml(describeSource(s, language));
        return href ? `<a href="${escapeHtml(href)}">${label}</a>` : label;
      });
      return `<li id="fn-${n}"><q>${escapeHtml(claim.anchor.quote)}</q>: ${sources.join('; ')} <a href="#fnref-${n}" aria-label="↩">↩</a></li>`;
    });
    parts.push(`<section class="footnotes" aria-label="${escapeHtml(t('export.notes'))}">\n<h2>${escapeHtml(t('export.notes'))}</h2>\n<ol>\n${items.join('\n')}\n</ol>\n</section>`);
  }
  if (options.correction) parts.push(`<p class="correction">${escapeHtml(formatCorrection(options.correction, language))}</p>`);
  const jsonLd = options.claimReview ? claimReviews(article, options.claims ?? [], options.claimReview) : [];
  return {
    lang: language,
    title: article.title,
    body: `<article>\n${parts.join('\n')}\n</article>`,
    ...(jsonLd.length > 0 ? { jsonLd } : {}),
  };
}

/** Escaped text of `r` with footnote references after the figures that end inside it. */
function renderRange(text: string, r: TextRange, markers: Map<number, number[]>): string {
  if (markers.size === 0) return escapeHtml(text.slice(r.start, r.end));
  let out = '';
  let at = r.start;
  for (let i = r.start + 1; i <= r.end; i++) {
    const ns = markers.get(i);
    if (!ns) continue;
    out += escapeHtml(text.slice(at, i));
    out += ns.map((n) => `<sup><a href="#fn-${n}" id="fnref-${n}">${n}</a></sup>`).join('');
    at = i;
  }
  return out + escapeHtml(text.slice(at, r.end));
}
