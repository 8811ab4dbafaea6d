/**
 * The publication copy as a Word document (the `docx` package): clean copy,
 * "with citations" (footnotes listing the sources of verified figures), and
 * the review copy — every claim a Word comment on its words, and the changes
 * since a chosen revision as tracked insertions and deletions.
 */
import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  FootnoteReferenceRun,
  HeadingLevel,
  InsertedTextRun,
  Packer,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import type { AuditEntry, Claim } from '../../../shared/annotations.js';
import { articleBlocks, articleLanguage, citations, claimChecker, describeSource, formatCorrection, formatValue, type CorrectionNote, type ExportArticle, type TextRange } from '../../../shared/export/index.js';
import { translatorFor, type Language } from '../../../shared/i18n/index.js';
import { diffForDisplay } from '../../../shared/revisions/index.js';
import type { Suggestion } from '../../../shared/suggestions.js';

export type DocxMode = 'clean' | 'citations' | 'review';

export interface DocxOptions {
  /** `clean`: the words only; `citations`: plus source footnotes; `review`: plus comments and tracked changes. */
  mode: DocxMode;
  /** The article's claims (citations and review). */
  claims?: readonly Claim[];
  /** The audit log, for who checked each claim (review). */
  audit?: readonly AuditEntry[];
  /** Review: the text of the revision to show changes since; omitted, no tracked changes. */
  sinceText?: string;
  /** Review: whom and when the tracked changes are attributed to (the author of the current revision). */
  changeAuthor?: string;
  changeDate?: string;
  /** Printed as the standard correction paragraph at the end. */
  correction?: Pick<CorrectionNote, 'at' | 'text'>;
  /** Language of the review comments' labels: the app's. The copy's own words follow the article. */
  language?: Language;
  /** Document properties. */
  creator?: string;
  /** Review: open suggestions, each shown as a tracked change (its words deleted, its wording inserted) in its author's name. */
  suggestions?: readonly Suggestion[];
}

/** A piece of a paragraph: text of the current article (maybe inserted since the old revision), or deleted old text at a position. */
type Piece = { kind: 'text'; from: number; to: number; inserted: boolean } | { kind: 'deleted'; at: number; text: string };

const headingLevels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];

/** Pieces of each line of `text`: the changes since `oldText` (from the readable diff, figures whole), or the plain line. */
function linePieces(text: string, oldText: string | undefined): { lines: Map<number, Piece[]>; deletedLinesBefore: Map<number, string[]> } {
  const lines = new Map<number, Piece[]>();
  const deletedLinesBefore = new Map<number, string[]>();
  if (oldText === undefined || oldText === text) return { lines, deletedLinesBefore };
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  let pendingDeleted: string[] = [];
  for (const p of diffForDisplay(oldText, text).paragraphs) {
    if (p.newIndex === null) {
      if (p.oldText.trim() !== '') pendingDeleted.push(p.oldText);
      continue;
    }
    if (pendingDeleted.length > 0) {
      deletedLinesBefore.set(p.newIndex, pendingDeleted);
      pendingDeleted = [];
    }
    let at = starts[p.newIndex]!;
    const pieces: Piece[] = [];
    for (const part of p.parts) {
      if (part.kind === 'removed') pieces.push({ kind: 'deleted', at, text: part.text });
      else {
        pieces.push({ kind: 'text', from: at, to: at + part.text.length, inserted: part.kind === 'added' || p.kind === 'added' });
        at += part.text.length;
      }
    }
    lines.set(p.newIndex, pieces);
  }
  if (pendingDeleted.length > 0) deletedLinesBefore.set(starts.length, pendingDeleted);
  return { lines, deletedLinesBefore };
}

/** Clips a line's pieces to `range` (a block's trimmed line); deleted text just outside moves to the edge. */
function clip(pieces: Piece[] | undefined, range: TextRange): Piece[] {
  if (!pieces) return [{ kind: 'text', from: range.start, to: range.end, inserted: false }];
  const out: Piece[] = [];
  for (const p of pieces) {
    if (p.kind === 'deleted') out.push({ ...p, at: Math.min(Math.max(p.at, range.start), range.end) });
    else if (p.to > range.start && p.from < range.end) out.push({ ...p, from: Math.max(p.from, range.start), to: Math.min(p.to, range.end) });
  }
  return out;
}

/** A suggestion as the writer needs it: the span whose words it deletes, the words it inserts at the end, who and when. */
interface SuggestedChange {
  start: number;
  end: number;
  replacement: string;
  author: string;
  date: string;
}

interface Marks {
  /** Suggestions on words of the text, in text order, not overlapping. */
  suggestions?: SuggestedChange[];
  /** Comment ids opening / closing at an offset. */
  opens: Map<number, number[]>;
  closes: Map<number, number[]>;
  /** Footnote numbers referenced after an offset. */
  notes: Map<number, number[]>;
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

class RunWriter {
  private changeId = 1;
  constructor(
    private readonly text: string,
    private readonly marks: Marks,
    private readonly author: string,
    private readonly date: string,
  ) {}

  /** The runs of one stretch of the article, with comments, footnote references and tracked changes where they fall. */
  runs(range: TextRange, pieces: Piece[]): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    const points = new Set<number>();
    for (const m of [this.marks.opens, this.marks.closes, this.marks.notes]) for (const k of m.keys()) if (k >= range.start && k <= range.end) points.add(k);
    const suggested = (this.marks.suggestions ?? []).filter((g) => g.end >= range.start && g.start <= range.end);
    for (const g of suggested) for (const k of [g.start, g.end]) if (k >= range.start && k <= range.end) points.add(k);
    const done = new Set<number>();
    const at = (pos: number, deletedHere: Piece[]): void => {
      if (!done.has(pos)) {
        // A suggestion's wording goes in right after the words it replaces, inside any comment on them.
        for (const g of suggested) if (g.end === pos && g.replacement !== '') out.push(new InsertedTextRun({ id: this.changeId++, author: g.author, date: g.date, text: g.replacement }));
        for (const id of this.marks.closes.get(pos) ?? []) out.push(new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] }));
        for (const n of this.marks.notes.get(pos) ?? []) out.push(new FootnoteReferenceRun(n));
      }
      for (const d of deletedHere) if (d.kind === 'deleted') out.push(new DeletedTextRun({ id: this.changeId++, author: this.author, date: this.date, text: d.text }));
      if (!done.has(pos)) for (const id of this.marks.opens.get(pos) ?? []) out.push(new CommentRangeStart(id));
      done.add(pos);
    };
    for (const p of pieces) {
      if (p.kind === 'deleted') {
        at(p.at, [p]);
        continue;
      }
      const cuts = [...points].filter((x) => x > p.from && x < p.to).sort((a, b) => a - b);
      let from = p.from;
      at(from, []);
      for (const cut of [...cuts, p.to]) {
        const words = this.text.slice(from, cut);
        const suggestion = suggested.find((g) => g.start <= from && cut <= g.end);
        if (words === '') {
          // Nothing between two marks.
        } else if (suggestion) out.push(new DeletedTextRun({ id: this.changeId++, author: suggestion.author, date: suggestion.date, text: words }));
        else out.push(p.inserted ? new InsertedTextRun({ id: this.changeId++, author: this.author, date: this.date, text: words }) : new TextRun(words));
        from = cut;
        if (cut < p.to) at(cut, []);
      }
    }
    at(range.end, []);
    return out;
  }

  /** A whole paragraph deleted since the old revision; its paragraph mark is deleted too, so accepting leaves no empty line. */
  deletedParagraph(text: string): Paragraph {
    const mark = { id: this.changeId++, author: this.author, date: this.date };
    return new Paragraph({ run: { deletion: mark }, children: [new DeletedTextRun({ id: this.changeId++, author: this.author, date: this.date, text })] });
  }
}

/** The words of a review comment: status, verdict, value, sources, checker. */
function commentParagraphs(c: Claim, audit: readonly AuditEntry[], labels: Language, articleLang: Language): Paragraph[] {
  const t = translatorFor(labels).t;
  const line = (label: string, value: string): Paragraph => new Paragraph({ children: [new TextRun({ text: `${label}: `, bold: true }), new TextRun(value)] });
  const out = [line(t('export.report.status'), t(`review.status.${c.status}`))];
  const value = formatValue(c.value, c.unit, labels);
  if (value) out.push(line(t('export.report.value'), value));
  out.push(line(t('export.report.verdict'), c.verdictNote.trim() || t('export.report.none')));
  if (c.sources.length === 0) out.push(line(t('export.report.sources'), t('export.report.none')));
  else {
    out.push(new Paragraph({ children: [new TextRun({ text: `${t('export.report.sources')}:`, bold: true })] }));
    c.sources.forEach((s, i) => out.push(new Paragraph(`${i + 1}. ${describeSource(s, articleLang)}`)));
  }
  const { checker, checkedAt } = claimChecker(c, audit);
  out.push(line(t('export.report.checker'), checker ? `${checker} · ${checkedAt ?? ''}` : t('export.report.none')));
  return out;
}

/**
 * Writes the article as a DOCX file's bytes. The body holds exactly the
 * article's words, a paragraph per paragraph of the file (headings as Word
 * headings, line breaks inside a paragraph as breaks), then the correction
 * paragraph if one is given.
 */
export async function articleDocx(article: ExportArticle, options: DocxOptions): Promise<Buffer> {
  const { text } = article;
  const claims = (options.claims ?? []).filter((c) => !c.deleted && !c.detached && text.slice(c.anchor.start, c.anchor.end) === c.anchor.quote);
  const articleLang = articleLanguage(text);
  const marks: Marks = { opens: new Map(), closes: new Map(), notes: new Map() };
  const footnotes: Record<string, { children: Paragraph[] }> = {};
  const comments: ICommentOptions[] = [];
  if (options.mode !== 'clean') {
    for (const { n, claim } of citations(claims)) {
      push(marks.notes, claim.anchor.end, n);
      footnotes[n] = { children: [new Paragraph(`“${claim.anchor.quote}”: ${claim.sources.map((s) => describeSource(s, articleLang)).join('; ')}`)] };
    }
  }
  if (options.mode === 'review') {
    marks.suggestions = suggestedChanges(text, options.suggestions ?? []);
    const sorted = [...claims].sort((a, b) => a.anchor.start - b.anchor.start);
    sorted.forEach((c, id) => {
      push(marks.opens, c.anchor.start, id);
      push(marks.closes, c.anchor.end, id);
      const { checker, checkedAt } = claimChecker(c, options.audit ?? []);
      comments.push({
        id,
        author: checker ?? (c.updatedBy || 'FactDesk'),
        initials: 'FD',
        ...(checkedAt || c.updatedAt ? { date: new Date(checkedAt ?? c.updatedAt) } : {}),
        children: commentParagraphs(c, options.audit ?? [], options.language ?? articleLang, articleLang),
      });
    });
  }
  const changeDate = options.changeDate ?? new Date().toISOString();
  const writer = new RunWriter(text, marks, options.changeAuthor ?? 'FactDesk', changeDate);
  const review = options.mode === 'review' ? linePieces(text, options.sinceText) : { lines: new Map<number, Piece[]>(), deletedLinesBefore: new Map<number, string[]>() };
  const lineIndex = lineIndexer(text);
  const paragraphs: Paragraph[] = [];
  let nextLine = 0;
  const deletedUpTo = (line: number): void => {
    for (; nextLine <= line; nextLine++) for (const old of review.deletedLinesBefore.get(nextLine) ?? []) paragraphs.push(writer.deletedParagraph(old));
  };
  for (const b of articleBlocks(text, article.format)) {
    if (b.kind === 'heading') {
      const k = lineIndex(b.content.start);
      deletedUpTo(k);
      paragraphs.push(new Paragraph({ heading: headingLevels[b.level - 1], children: writer.runs(b.content, clip(review.lines.get(k), b.content)) }));
      continue;
    }
    const children: ParagraphChild[] = [];
    b.lines.forEach((l, i) => {
      const k = lineIndex(l.start);
      if (i === 0) deletedUpTo(k);
      if (i > 0) children.push(new TextRun({ break: 1 }));
      children.push(...writer.runs(l, clip(review.lines.get(k), l)));
    });
    paragraphs.push(new Paragraph({ children }));
  }
  deletedUpTo(lineIndex(text.length) + 1);
  if (options.correction) paragraphs.push(new Paragraph({ children: [new TextRun({ text: formatCorrection(options.correction, articleLang), italics: true })] }));
  const doc = new Document({
    creator: options.creator ?? 'FactDesk',
    title: article.title,
    styles: { default: { document: { run: { font: { ascii: 'Calibri', hAnsi: 'Calibri', eastAsia: 'Microsoft YaHei' } } } } },
    ...(comments.length > 0 ? { comments: { children: comments } } : {}),
    ...(Object.keys(footnotes).length > 0 ? { footnotes } : {}),
    sections: [{ children: paragraphs }],
  });
  return Packer.toBuffer(doc);
}

/** Open suggestions still on their words, in text order; of two that overlap the earlier one is kept. */
function suggestedChanges(text: string, suggestions: readonly Suggestion[]): SuggestedChange[] {
  const out: SuggestedChange[] = [];
  const on = suggestions
    .filter((g) => g.state === 'open' && !g.detached && g.anchor.end > g.anchor.start && text.slice(g.anchor.start, g.anchor.end) === g.anchor.quote)
    .sort((a, b) => a.anchor.start - b.anchor.start);
  for (const g of on) {
    if (out.length && g.anchor.start < out[out.length - 1]!.end) continue;
    // Word keeps a paragraph's text on one line: a suggested line break reads as a space.
    out.push({ start: g.anchor.start, end: g.anchor.end, replacement: g.replacement.replace(/\r?\n/g, ' '), author: g.by, date: g.at });
  }
  return out;
}

/** Offset → index of its line, by binary search over the line starts. */
function lineIndexer(text: string): (pos: number) => number {
  const starts: number[] = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return (pos) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
}
