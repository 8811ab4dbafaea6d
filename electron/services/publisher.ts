/**
 * Publishing: what leaves FactDesk. Builds each export format from the
 * article as it is now (the shared/export formatters, the DOCX and PDF
 * writers), holds publication copies to the gate, records every publication
 * (revision, time, person, format, file hash) and asks for a correction note
 * when a published article changed. Plain Node: the app, browser mode and
 * the CLI all export through it.
 */
import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import type { Claim } from '../../shared/annotations.js';
import { FactDeskError } from '../../shared/errors.js';
import {
  annotationCollection,
  buildReport,
  claimReviews,
  jsonForScript,
  placeImportedClaims,
  publicationBlockedError,
  publicationGate,
  publicationHtml,
  publicationMarkdown,
  publicationText,
  readWebAnnotations,
  reportCsv,
  reportHtml,
  reportJson,
  type ArticleReportInput,
  type ExportArticle,
  type PublicationRecord,
  type PublicationState,
} from '../../shared/export/index.js';
import type { Language } from '../../shared/i18n/index.js';
import { publicationFormats, type ExportFormat, type ExportedFile } from '../../shared/model.js';
import { diffForDisplay, textHash, type DisplayDiff } from '../../shared/revisions/index.js';
import { articleDocx } from './export/docx.js';
import type { Session } from './session.js';

/** What an export asks for. */
export interface ExportRequest {
  format: ExportFormat;
  /** Verified figures get footnotes listing their sources (HTML, DOCX). */
  withCitations?: boolean;
  /** Embed the article's ClaimReview JSON-LD in the HTML head. */
  embedClaimReview?: boolean;
  /** An editor's written reason to publish past blocking claims. */
  overrideReason?: string;
  /** The correction note, required when a published article changed since. */
  correction?: string;
  /** Review copy: show the changes since this revision as tracked changes. */
  sinceRevision?: number;
  /** Language of the report's labels (the app's language). */
  language: Language;
  /** Only look: no gate, no record (the export dialog's preview). */
  preview?: boolean;
}

/** Renders printable HTML to PDF (Electron's printToPDF in the app, headless Chromium elsewhere). */
export type PdfRenderer = (html: string) => Promise<Buffer>;

const mimeOf: Record<ExportFormat, string> = {
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
  txt: 'text/plain; charset=utf-8',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'docx-review': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'report-html': 'text/html; charset=utf-8',
  'report-pdf': 'application/pdf',
  csv: 'text/csv; charset=utf-8',
  json: 'application/json; charset=utf-8',
  claimreview: 'application/ld+json; charset=utf-8',
  'web-annotation': 'application/ld+json; charset=utf-8',
};

const suffixOf: Record<ExportFormat, string> = {
  md: '.md',
  html: '.html',
  txt: '.txt',
  docx: '.docx',
  'docx-review': '.review.docx',
  'report-html': '.report.html',
  'report-pdf': '.report.pdf',
  csv: '.claims.csv',
  json: '.claims.json',
  claimreview: '.claimreview.jsonld',
  'web-annotation': '.annotations.jsonld',
};

function file(name: string, format: ExportFormat, bytes: Buffer | string): ExportedFile {
  const buf = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  const text = typeof bytes === 'string';
  return { filename: name + suffixOf[format], mime: mimeOf[format], encoding: text ? 'utf8' : 'base64', data: text ? bytes : buf.toString('base64'), hash: createHash('sha256').update(buf).digest('hex') };
}

/** The file name an export of `path` starts from: the article's own name without its extension. */
function stem(path: string): string {
  const b = basename(path);
  const dot = b.lastIndexOf('.');
  return dot > 0 ? b.slice(0, dot) : b;
}

/** The claims of an article whose team review holds an unresolved conflict (they block the gate). */
export type ConflictedClaims = (articleId: string) => ReadonlySet<string>;

export class Publisher {
  constructor(
    private readonly session: Session,
    /** Lazy so that jsdom and playwright-core load only when an export needs them. */
    private readonly pdf: PdfRenderer = async (html) => (await import('./export/pdf.js')).htmlToPdf(html),
    /** In a team workspace, the team client's; none elsewhere. */
    private readonly conflicted: ConflictedClaims = () => new Set(),
  ) {}

  private get ws() {
    return this.session.workspace;
  }

  private get store() {
    return this.session.annotations;
  }

  /** Everything an export of the article needs, read as it is now (outside edits taken in first). */
  private async gather(id: string): Promise<{ article: ExportArticle; input: ArticleReportInput; claims: Claim[]; revision: number; conflicted: ReadonlySet<string> }> {
    const list = await this.store.list(id);
    const doc = await this.ws.readCurrent(id);
    const pub = await this.store.publishing(id);
    const head = await this.session.revisions.head(id);
    const claims = [...list.claims, ...list.detached];
    const last = pub.publications?.at(-1);
    const article: ExportArticle = {
      id,
      path: doc.path,
      title: doc.title,
      format: doc.format,
      text: doc.text,
      ...(pub.publicationUrl ? { url: pub.publicationUrl } : {}),
      ...(last ? { datePublished: last.at } : {}),
    };
    const input: ArticleReportInput = {
      article,
      workflow: pub.workflow,
      revision: list.revision,
      claims,
      relations: list.relations,
      audit: pub.audit,
      overrides: pub.overrides ?? [],
      corrections: pub.corrections ?? [],
      publications: pub.publications ?? [],
    };
    return { article, input, claims, revision: head?.n ?? 0, conflicted: this.conflicted(id) };
  }

  /** The article's publication record, what changed since it was published, and the gate now. */
  /** `brief`: no readable diff, and the gate's decision without the blocking claims (30,000 unchecked claims are megabytes). */
  async state(id: string, brief = false): Promise<PublicationState> {
    const state = await this.stateOf(id, await this.gather(id), !brief);
    return brief ? { ...state, gate: { ...state.gate, blocking: [] } } : state;
  }

  /** The publication state from what `gather` read (the readable diff only when asked: it costs on a long article). */
  private async stateOf(id: string, g: Awaited<ReturnType<Publisher['gather']>>, withDiff: boolean): Promise<PublicationState> {
    const publications = [...(g.input.publications ?? [])];
    const last = publications.at(-1);
    let diff: DisplayDiff | null = null;
    let changed = false;
    if (last && last.revision !== g.revision) {
      const before = await this.session.revisions.text(id, last.revision);
      changed = textHash(before) !== textHash(g.article.text);
      if (changed && withDiff) diff = diffForDisplay(before, g.article.text);
    }
    const changedClaims = last
      ? g.claims.filter((c) => c.recheck && c.recheck.revision > last.revision).map((c) => ({ claimId: c.id, oldQuote: c.recheck!.oldQuote, newQuote: c.recheck!.newQuote, status: c.status }))
      : [];
    return { publications, changedSincePublication: changed, diff, changedClaims, gate: publicationGate(g.claims, undefined, g.conflicted), publicationUrl: g.article.url ?? '' };
  }

  /**
   * One article in one format. A publication copy (md, html, txt, docx)
   * passes the gate (refused with the blocking claims unless an override
   * reason is given), needs a correction note when the article was
   * published before and changed since, and is recorded; `preview` only looks.
   */
  async exportArticle(id: string, req: ExportRequest): Promise<{ file: ExportedFile; record?: PublicationRecord }> {
    const gathered = await this.gather(id);
    const { article, input, claims, revision, conflicted } = gathered;
    const isPublication = publicationFormats.includes(req.format);
    let correction: string | undefined;
    if (isPublication && !req.preview) {
      // Checked before the file is made; the record checks again in the same step as it writes.
      const gate = publicationGate(claims, req.overrideReason !== undefined ? { reason: req.overrideReason } : undefined, conflicted);
      if (gate.decision === 'blocked') throw publicationBlockedError(gate);
      const state = await this.stateOf(id, gathered, false);
      correction = req.correction?.trim() || undefined;
      if (state.changedSincePublication && !correction) {
        throw new FactDeskError('correction-required', `${article.path} changed since it was published`, { name: article.path, revision: state.publications.at(-1)!.revision });
      }
    }
    const organization = this.ws.settings().organization;
    const name = stem(article.path);
    const copyOptions = {
      claims,
      ...(req.withCitations ? { withCitations: true } : {}),
      ...(correction ? { correction: { at: new Date().toISOString(), text: correction } } : {}),
    };
    let out: ExportedFile;
    switch (req.format) {
      case 'md':
        out = file(name, 'md', publicationMarkdown(article, copyOptions));
        break;
      case 'txt':
        out = file(name, 'txt', publicationText(article, copyOptions));
        break;
      case 'html': {
        const { sanitizeHtmlDocument } = await import('./export/sanitize.js');
        const doc = publicationHtml(article, { ...copyOptions, ...(req.embedClaimReview && organization ? { claimReview: { organization } } : {}) });
        out = file(name, 'html', sanitizeHtmlDocument(doc));
        break;
      }
      case 'docx':
        out = file(name, 'docx', await articleDocx(article, { mode: req.withCitations ? 'citations' : 'clean', claims, ...(correction ? { correction: { at: new Date().toISOString(), text: correction } } : {}) }));
        break;
      case 'docx-review': {
        const since = req.sinceRevision ?? input.publications?.at(-1)?.revision;
        const sinceText = since ? await this.session.revisions.text(id, since) : undefined;
        const headInfo = await this.session.revisions.head(id);
        out = file(
          name,
          'docx-review',
          await articleDocx(article, {
            mode: 'review',
            claims,
            audit: input.audit ?? [],
            ...(sinceText !== undefined ? { sinceText } : {}),
            ...(headInfo?.author ? { changeAuthor: headInfo.author } : {}),
            ...(headInfo ? { changeDate: headInfo.at } : {}),
            suggestions: (await this.store.suggestionList(id)).open,
            language: req.language,
          }),
        );
        break;
      }
      case 'claimreview':
        out = file(name, 'claimreview', jsonForScript(claimReviews(article, claims, { organization: organization ?? { name: this.ws.info().name } }), 2) + '\n');
        break;
      case 'web-annotation':
        out = file(name, 'web-annotation', JSON.stringify(annotationCollection(article, claims), null, 2) + '\n');
        break;
      default:
        out = await this.report([input], req, name);
    }
    if (!isPublication || req.preview) return { file: out };
    const record = await this.store.recordPublication(id, {
      revision,
      format: req.format,
      fileHash: out.hash,
      ...(req.overrideReason?.trim() ? { override: { reason: req.overrideReason } } : {}),
      ...(correction ? { correction } : {}),
      conflicted,
    });
    return { file: out, record };
  }

  /** The fact-check report of the given articles (all of them: the workspace report). */
  private async report(inputs: ArticleReportInput[], req: ExportRequest, name: string): Promise<ExportedFile> {
    const organization = this.ws.settings().organization;
    const report = buildReport({
      workspace: this.ws.info().name,
      ...(organization ? { organization } : {}),
      articles: inputs,
      language: req.language,
      generatedAt: new Date().toISOString(),
      generatedBy: this.session.author,
    });
    switch (req.format) {
      case 'csv':
        return file(name, 'csv', reportCsv(report));
      case 'json':
        return file(name, 'json', reportJson(report));
      case 'report-html':
      case 'report-pdf': {
        const { sanitizeHtmlDocument } = await import('./export/sanitize.js');
        const html = sanitizeHtmlDocument(reportHtml(report));
        return req.format === 'report-html' ? file(name, 'report-html', html) : file(name, 'report-pdf', await this.pdf(html));
      }
      default:
        throw new FactDeskError('invalid-input', `${req.format} is not a report format`, { detail: 'format' });
    }
  }

  /** The workspace's report over every article (report-html, report-pdf, csv or json). */
  async workspaceReport(req: ExportRequest, onProgress?: (done: number, total: number) => void, cancelled?: () => boolean): Promise<ExportedFile> {
    const ids = this.ws.ids().filter((id) => !this.ws.record(id).missing);
    const inputs: ArticleReportInput[] = [];
    for (const id of ids) {
      if (cancelled?.()) throw new FactDeskError('cancelled', 'export cancelled', {});
      inputs.push((await this.gather(id).catch(() => null))?.input ?? emptyInput(this.ws.record(id).path, id));
      onProgress?.(inputs.length, ids.length);
    }
    return this.report(inputs, req, this.ws.info().name);
  }

  /**
   * Reads a Web Annotation file (ours, or another tool's with a
   * TextQuoteSelector) and adds its claims to the article, placed by the one
   * anchoring routine; what cannot be placed arrives detached.
   */
  async importAnnotations(id: string, json: string): Promise<{ attached: number; detached: number; skipped: number }> {
    let data: unknown;
    try {
      data = JSON.parse(json);
    } catch {
      throw new FactDeskError('invalid-input', 'not a JSON file', { detail: 'the file is not JSON (JSON-LD Web Annotations expected)' });
    }
    const read = readWebAnnotations(data);
    const { doc, revision } = await this.ws.withArticle(id, async () => {
      const d = await this.ws.readCurrent(id);
      await this.store.takeIn({ id, doc: d, source: 'external' });
      return { doc: d, revision: (await this.session.revisions.head(id))?.n ?? 0 };
    });
    const placed = placeImportedClaims(read.claims, doc.text);
    const r = await this.store.importClaims(id, placed, revision);
    return { ...r, skipped: read.skipped.length };
  }
}

/** A report entry for an article that cannot be read right now (missing, unreadable): named, with no claims. */
function emptyInput(path: string, id: string): ArticleReportInput {
  return { article: { id, path, title: path, format: 'txt', text: '' }, workflow: 'draft', claims: [] };
}
