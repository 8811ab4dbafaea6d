import { execFileSync } from 'node:child_process';
import { promises as fs, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findChromium, htmlToPdf, sanitizeHtmlDocument } from '../../../../../electron/services/export/index.js';
import { FactDeskError } from '../../../../../shared/errors.js';
import { buildReport, reportHtml } from '../../../../../shared/export/index.js';
import { createI18n, describeError } from '../../../../../shared/i18n/index.js';
import { claimsFor, reportInputFor, seedArticle } from '../../../../helpers/export-fixtures.js';
import { removeDir, tempDir } from '../../../../helpers/temp-workspace.js';

const dir = tempDir('factdesk-pdf-');
afterAll(() => removeDir(dir));

describe('PDF of the report', () => {
  it('prints the sanitized report through the system Chromium into a PDF whose pages hold the report', async () => {
    const { claims, audit } = claimsFor(seedArticle().text);
    const html = sanitizeHtmlDocument(reportHtml(buildReport({ workspace: '郴州稿件', language: 'zh-CN', generatedAt: '2022-12-22T08:00:00Z', articles: [reportInputFor(seedArticle(), claims, audit)] })));
    const pdf = await htmlToPdf(html);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = join(dir, 'report.pdf');
    await fs.writeFile(file, pdf);
    // poppler reads it back: several A4 pages, and the text layer has the report's Chinese words.
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(Number(/Pages:\s+(\d+)/.exec(info)![1])).toBeGreaterThan(3);
    expect(info).toMatch(/Page size:.*\(A4\)/);
    const text = execFileSync('pdftotext', ['-f', '1', '-l', '2', file, '-'], { encoding: 'utf8' });
    expect(text).toContain('核查报告');
    expect(text).toContain('305.7亿元');
    execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', file, join(dir, 'page')]);
    expect(readdirSync(dir).some((f) => f.startsWith('page') && f.endsWith('.png'))).toBe(true);
  }, 60_000);

  it('without Chromium: a typed, translated error that names what to install', async () => {
    expect(findChromium({ CHROMIUM_PATH: join(dir, 'no-such-chromium') })).toBeNull();
    expect(findChromium({}, [join(dir, 'nothing-here')])).toBeNull();
    const error = await htmlToPdf('<p>x</p>', { env: { CHROMIUM_PATH: join(dir, 'no-such-chromium') } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FactDeskError);
    expect((error as FactDeskError).code).toBe('chromium-not-found');
    const payload = (error as FactDeskError).toPayload();
    expect(describeError(createI18n('en'), payload)).toMatch(/apt-get install -y chromium/);
    expect(describeError(createI18n('zh-CN'), payload)).toMatch(/请安装.*apt-get install -y chromium/);
    expect(describeError(createI18n('zh-CN'), payload)).toContain('no-such-chromium');
  });
});
