import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumArgs, sanitizeHtmlDocument } from '../../../../../electron/services/export/index.js';
import type { Claim } from '../../../../../shared/annotations.js';
import { buildReport, publicationHtml, reportHtml, type ExportArticle } from '../../../../../shared/export/index.js';
import { claimsFor, englishArticle, reportInputFor, seedArticle, xssPayloads } from '../../../../helpers/export-fixtures.js';

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(executablePath)) throw new Error(`These tests load every HTML export in Chromium: install it (apt-get install -y chromium) or set CHROMIUM_PATH`);
  browser = await chromium.launch({ executablePath, args: chromiumArgs });
}, 60_000);
afterAll(async () => browser?.close());

interface Loaded {
  ran: number;
  dialogs: number;
  scripts: number;
  handlers: string[];
  badUrls: string[];
}

/** Loads a document in Chromium with JavaScript on and reports whatever ran or could run. */
async function load(html: string): Promise<Loaded> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => {
      dialogs++;
      void d.dismiss();
    });
    await page.setContent(html, { waitUntil: 'load' });
    // Let animations, toggles and error events fire.
    await page.waitForTimeout(150);
    const found = await page.evaluate(() => {
      const w = window as unknown as { __xss?: number };
      const all = [...document.querySelectorAll('*')];
      const handlers = all.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`));
      const badUrls = all.flatMap((el) =>
        [...el.attributes].filter((a) => /^(href|src|xlink:href|action|formaction|srcdoc|data)$/i.test(a.name) && !/^(https?:|#)/i.test(a.value.trim())).map((a) => `${el.tagName} ${a.name}=${a.value}`),
      );
      const scripts = [...document.querySelectorAll('script')].filter((s) => s.type !== 'application/ld+json').length;
      return { ran: w.__xss ?? 0, handlers, badUrls, scripts: scripts + document.querySelectorAll('iframe, object, embed').length };
    });
    return { ...found, dialogs };
  } finally {
    await context.close();
  }
}

function poisoned(payload: string, base: ExportArticle): { article: ExportArticle; claims: Claim[] } {
  const text = `${payload}\n\n${base.text}\n\n# ${payload}\n`;
  const article = { ...base, title: `${payload} title`, text };
  const { claims } = claimsFor(text, (c) => ({
    ...c,
    status: 'verified',
    verdictNote: payload,
    note: payload,
    sources: [{ ...(c.sources[0] ?? { id: 's1', publisher: '', accessed: '', quote: '', note: '', addedBy: '', addedAt: '' }), title: payload, url: 'javascript:window.__xss=1', publisher: payload, quote: payload }],
    comments: [{ id: 'm1', author: payload, at: '2022-12-01T00:00:00Z', text: payload }],
    assignee: payload,
  }));
  return { article, claims };
}

describe('HTML exports in Chromium', () => {
  it('the harness notices a script that runs (control)', async () => {
    const result = await load(`<!DOCTYPE html><body>${xssPayloads[0]}${xssPayloads[1]}</body>`);
    expect(result.ran).toBeGreaterThan(0);
  });

  for (const payload of xssPayloads) {
    it(`nothing executable from ${JSON.stringify(payload.slice(0, 60))}`, async () => {
      const outputs: Array<[string, string]> = [];
      for (const base of [seedArticle(), englishArticle()]) {
        const { article, claims } = poisoned(payload, base);
        const organization = { name: payload, url: 'javascript:window.__xss=1' };
        outputs.push([`publication ${base.format}`, sanitizeHtmlDocument(publicationHtml(article, { claims, withCitations: true, correction: { at: '2022-12-21', text: payload }, claimReview: { organization } }))]);
        const report = buildReport({
          workspace: payload,
          organization,
          language: base.format === 'md' ? 'en' : 'zh-CN',
          generatedAt: '2022-12-22T08:00:00Z',
          generatedBy: payload,
          articles: [{ ...reportInputFor(article, claims, []), overrides: [{ at: payload, by: payload, reason: payload, claimIds: [payload] }], corrections: [{ at: '2022-12-21', by: payload, text: payload }] }],
        });
        outputs.push([`report ${base.format}`, sanitizeHtmlDocument(reportHtml(report))]);
      }
      // An .html article keeps its own markup: the sanitizer is all that stands between it and the reader.
      outputs.push(['publication of an .html article', sanitizeHtmlDocument(publicationHtml({ ...seedArticle(`<p>前言</p>${payload}<p>305.7亿元</p>`), format: 'html' }))]);
      const results = await Promise.all(outputs.map(async ([what, html]) => ({ what, ...(await load(html)) })));
      for (const r of results) expect(r).toEqual({ what: r.what, ran: 0, dialogs: 0, scripts: 0, handlers: [], badUrls: [] });
    });
  }

  it('keeps what the reader needs: the article’s words, the chart, the footnote links', async () => {
    const { claims } = claimsFor(seedArticle().text);
    const html = sanitizeHtmlDocument(publicationHtml(seedArticle(), { claims, withCitations: true }));
    expect(html).toContain('项目总投资305.7亿元');
    expect(html).toMatch(/<sup><a href="#fn-1" id="fnref-1">1<\/a><\/sup>/);
    expect(html).toContain('href="https://stats.example.gov/bulletin/');
    const report = sanitizeHtmlDocument(reportHtml(buildReport({ workspace: 'w', language: 'zh-CN', generatedAt: '2022-12-22T08:00:00Z', articles: [reportInputFor(seedArticle(), claims, [])] })));
    expect(report.match(/<rect /g)).toHaveLength(7);
    expect(report).toContain('<style>');
  });
});
