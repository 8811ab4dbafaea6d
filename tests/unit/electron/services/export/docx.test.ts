import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { afterAll, describe, expect, it } from 'vitest';
import { articleDocx } from '../../../../../electron/services/export/index.js';
import { articleBlocks, citations, type ExportArticle } from '../../../../../shared/export/index.js';
import { claimsFor, englishArticle, seedArticle, seedText } from '../../../../helpers/export-fixtures.js';
import { removeDir, tempDir } from '../../../../helpers/temp-workspace.js';
import type { Suggestion } from '../../../../../shared/suggestions.js';

const dir = tempDir('factdesk-docx-');
afterAll(() => removeDir(dir));

/**
 * The text a reader gets from a DOCX, through mammoth's HTML (its raw-text
 * mode drops line breaks inside a paragraph): paragraphs and headings
 * separated by a blank line, breaks as newlines.
 */
async function docxText(input: { path: string } | { buffer: Buffer }): Promise<string> {
  const { value } = await mammoth.convertToHtml(input);
  return value
    // Footnote references and the notes mammoth appends are not the article's words.
    .replace(/<sup>[\s\S]*?<\/sup>/g, '')
    .replace(/<li id="footnote-[\s\S]*?<\/li>/g, '')
    .replace(/<br \/>/g, '\n')
    .replace(/<\/(p|h\d|li)>/g, '\n\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\n+$/, '');
}

/** Writes the bytes to a real .docx file and reads it back with mammoth; the XML parts for the markup checks. */
async function roundTrip(name: string, bytes: Buffer): Promise<{ text: string; zip: JSZip }> {
  const file = join(dir, name);
  await fs.writeFile(file, bytes);
  return { text: await docxText({ path: file }), zip: await JSZip.loadAsync(await fs.readFile(file)) };
}

function xmlText(xml: string): string {
  return xml.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The article's words as paragraphs: what a reader of the DOCX should get back. */
function paragraphsOf(article: ExportArticle): string {
  return articleBlocks(article.text, article.format)
    .map((b) => (b.kind === 'heading' ? article.text.slice(b.content.start, b.content.end) : b.lines.map((l) => article.text.slice(l.start, l.end)).join('\n')))
    .join('\n\n');
}

describe('DOCX publication copy', () => {
  it('clean copy read back with mammoth is the article’s text (Chinese seed and English release)', async () => {
    for (const article of [seedArticle(), englishArticle()]) {
      const { text, zip } = await roundTrip(`${article.id}-clean.docx`, await articleDocx(article, { mode: 'clean' }));
      expect(text).toBe(paragraphsOf(article));
      const xml = await zip.file('word/document.xml')!.async('string');
      expect(xml).not.toContain('<w:ins ');
      expect(zip.file('word/comments.xml')).toBeNull();
    }
    // The seed article's paragraphs are separated by single blank lines, so the words come back byte for byte.
    expect(paragraphsOf(seedArticle())).toBe(seedText.replace(/\n+$/, ''));
  });

  it('with citations: a Word footnote with the sources of each verified figure, the body words unchanged', async () => {
    const article = seedArticle();
    const { claims } = claimsFor(article.text);
    const { text, zip } = await roundTrip('cited.docx', await articleDocx(article, { mode: 'citations', claims }));
    const notes = await zip.file('word/footnotes.xml')!.async('string');
    const cited = citations(claims);
    for (const { claim } of cited) expect(xmlText(notes)).toContain(claim.sources[0]!.title);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml.match(/<w:footnoteReference /g)).toHaveLength(cited.length);
    expect(text).toBe(paragraphsOf(article));
  });

  it('review copy: every claim a comment on its words, and changes since a revision as tracked insertions and deletions', async () => {
    const article = seedArticle();
    const { claims, audit } = claimsFor(article.text);
    const old = article.text.replace('305.7亿元', '350.7亿元').replace('净增企业1524户,', '净增企业1524户,新增就业岗位3000个,') + '\n\n相关报道已删除。\n';
    const bytes = await articleDocx(article, { mode: 'review', claims, audit, sinceText: old, changeAuthor: '王敏', changeDate: '2022-12-21T09:00:00Z', language: 'zh-CN' });
    const { zip } = await roundTrip('review.docx', bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const comments = await zip.file('word/comments.xml')!.async('string');
    expect(xml.match(/<w:commentRangeStart /g)).toHaveLength(claims.length);
    expect(xml.match(/<w:commentRangeEnd /g)).toHaveLength(claims.length);
    expect(comments.match(/<w:comment /g)).toHaveLength(claims.length);
    // The comment on 305.7亿元 wraps exactly those words.
    const target = claims.find((c) => c.anchor.quote === '305.7亿元')!;
    const id = [...claims].sort((a, b) => a.anchor.start - b.anchor.start).indexOf(target);
    const wrapped = xml.slice(xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`), xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`));
    expect(wrapped.replace(/<w:delText[^>]*>[^<]*<\/w:delText>/g, '').replace(/<[^>]+>/g, '')).toBe('305.7亿元');
    expect(comments).toContain('已核实');
    expect(xmlText(comments)).toContain(target.verdictNote);
    // Tracked changes: 350.7 → 305.7, the deleted clause, the deleted last paragraph.
    const deleted = [...xml.matchAll(/<w:del [^>]*w:author="王敏"[^>]*>[\s\S]*?<w:delText[^>]*>([^<]*)<\/w:delText>/g)].map((m) => m[1]);
    const inserted = [...xml.matchAll(/<w:ins [^>]*w:author="王敏"[^>]*>[\s\S]*?<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]);
    expect(deleted).toContain('350.7亿元');
    expect(inserted).toContain('305.7亿元');
    expect(deleted.join('')).toContain('新增就业岗位3000个,');
    expect(deleted).toContain('相关报道已删除。');
    // Accepting the changes (mammoth reads insertions and skips deletions) gives the current article.
    expect(await docxText({ buffer: bytes })).toBe(paragraphsOf(article));
  });

  it('review copy: open suggestions as tracked changes in the suggester’s name, inside the claim’s comment; accepting all gives the suggested text', async () => {
    const article = seedArticle();
    const { claims, audit } = claimsFor(article.text);
    const anchorOf = (quote: string) => {
      const start = article.text.indexOf(quote);
      return { start, end: start + quote.length, quote, prefix: '', suffix: '' };
    };
    const suggestion = (quote: string, replacement: string, by: string, extra: Partial<Suggestion> = {}): Suggestion => ({
      id: `g${quote.length}${by.length}0000000000`,
      anchor: anchorOf(quote),
      replacement,
      note: '',
      state: 'open',
      by,
      at: '2022-12-22T08:00:00Z',
      ...extra,
    });
    const old = article.text.replace('305.7亿元', '350.7亿元');
    const bytes = await articleDocx(article, {
      mode: 'review',
      claims,
      audit,
      sinceText: old,
      changeAuthor: '王敏',
      changeDate: '2022-12-21T09:00:00Z',
      language: 'zh-CN',
      suggestions: [
        suggestion('305.7亿元', '306.1亿元', '王芳'),
        suggestion('净增企业', '新增企业', '李编辑'),
        // Resolved and detached suggestions are not the copy's business.
        suggestion('1524户', '1525户', '王芳', { state: 'rejected' }),
        suggestion('190.6%', '19.6%', '王芳', { detached: { reason: 'changed', since: '2022-12-22T08:00:00Z', revision: 2, at: 0 } }),
      ],
    });
    const { zip } = await roundTrip('suggestions.docx', bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const changes = (tag: 'del' | 'ins', author: string) =>
      [...xml.matchAll(new RegExp(`<w:${tag} [^>]*w:author="${author}"[^>]*>[\\s\\S]*?<w:${tag === 'del' ? 'delText' : 't'}[^>]*>([^<]*)<`, 'g'))].map((m) => m[1]);
    expect(changes('del', '王芳')).toEqual(['305.7亿元']);
    expect(changes('ins', '王芳')).toEqual(['306.1亿元']);
    expect(changes('del', '李编辑')).toEqual(['净增企业']);
    expect(changes('ins', '李编辑')).toEqual(['新增企业']);
    // The change made since the old revision is still there, in its author's name.
    expect(changes('del', '王敏')).toContain('350.7亿元');
    // The claim's comment wraps both the suggested deletion and insertion.
    const target = claims.find((c) => c.anchor.quote === '305.7亿元')!;
    const id = [...claims].sort((a, b) => a.anchor.start - b.anchor.start).indexOf(target);
    const wrapped = xml.slice(xml.indexOf(`<w:commentRangeStart w:id="${id}"/>`), xml.indexOf(`<w:commentRangeEnd w:id="${id}"/>`));
    expect(wrapped).toContain('306.1亿元');
    expect(wrapped).toContain('305.7亿元');
    // Accepting every change (mammoth reads insertions and skips deletions) gives the article with the open suggestions applied.
    const suggested = { ...article, text: article.text.replace('305.7亿元', '306.1亿元').replace('净增企业', '新增企业') };
    expect(await docxText({ buffer: bytes })).toBe(paragraphsOf(suggested));
  });

  it('prints the correction paragraph after the article', async () => {
    const article = englishArticle();
    const { text } = await roundTrip('corrected.docx', await articleDocx(article, { mode: 'clean', correction: { at: '2020-02-07T00:00:00Z', text: 'An earlier version misstated the surplus.' } }));
    expect(text).toBe(`${paragraphsOf(article)}\n\nCorrection (2020-02-07): An earlier version misstated the surplus.`);
  });
});
