import type { Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { bulletinPdf, startSourceSite, statsPage, type SourceSite } from '../../helpers/source-site.js';
import { expect, test } from '../fixtures.js';

const claimList = (page: Page, lang: 'en' | 'zh-CN') => page.getByRole('list', { name: lang === 'en' ? 'Claims' : '断言' }).first();
const keptFiles = (root: string) => readdirSync(join(root, '.factdesk', 'evidence')).filter((n) => !n.startsWith('.'));

/** A tiny PNG (1×1, red), as a checker's screenshot of a statistics table would arrive. */
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

/** In English: claims the article's figures, opens 305.7亿元's card and keeps a copy of `url` with the place (and passage) given. */
async function keepFromSite(page: Page, url: string, locator: string, passage?: string) {
  await page.getByRole('option', { name: /招商快讯/ }).click();
  await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
  await claimList(page, 'en').getByRole('button', { name: /^305\.7亿元/ }).click();
  const card = page.locator('.claim-card');
  await card.getByRole('button', { name: 'Keep a copy of a source' }).click();
  const form = page.getByRole('form', { name: 'Keep a copy of a source' });
  await form.getByLabel('Web address').fill(url);
  if (passage) await form.getByLabel('Passage that supports the figure').fill(passage);
  await form.getByLabel('Page or place').fill(locator);
  await form.getByRole('button', { name: 'Fetch and keep' }).click();
  return card;
}

test.describe('evidence kept with the claim', () => {
  test.use({ files: { '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n' } });
  let site: SourceSite;
  test.beforeEach(async () => {
    site = await startSourceSite();
  });
  test.afterEach(async () => {
    await site.close();
  });

  test('a page fetched from a site that then goes away opens from the kept copy, with its script not run', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    const card = await keepFromSite(page, `${site.origin}/stats.html`, 'first paragraph', '全年新签约引进项目45个,项目总投资305.7亿元。');

    const source = card.locator('.source-list li').first();
    await expect(source.getByRole('link', { name: '郴州经开区2022年工作总结' })).toHaveAttribute('href', `${site.origin}/stats.html`);
    await expect(source).toContainText('Where: first paragraph');
    await expect(source.getByLabel('Kept copy')).toContainText(`HTML · ${Buffer.byteLength(statsPage)} bytes · accessed `);
    await expect(card.locator('.activity')).toContainText(`added a source: ${site.origin}/stats.html`);
    expect(keptFiles(bench.root)).toHaveLength(1);

    // The source's site goes away; the copy is in the workspace.
    await site.close();
    await card.screenshot({ path: testInfo.outputPath('evidence-card-en.png') });
    await card.screenshot({ path: join('test-results', 'screens', 'evidence-card-en.png') });

    await source.getByRole('button', { name: 'Open kept copy' }).click();
    const viewer = page.getByRole('dialog', { name: 'Kept copy: 郴州经开区2022年工作总结' });
    await expect(viewer).toContainText(`from ${site.origin}/stats.html`);
    const frameEl = viewer.locator('iframe');
    await expect(frameEl).toHaveAttribute('sandbox', '');
    const frame = viewer.frameLocator('iframe');
    await expect(frame.locator('#figure')).toHaveText('全年新签约引进项目45个,项目总投资305.7亿元。');
    // The page's own script would have rewritten this line; in the kept copy it never runs.
    await expect(frame.locator('#script-mark')).toHaveText('script did not run');
    expect(await frame.locator('html').evaluate(() => document.title)).toBe('郴州经开区2022年工作总结');
    await page.screenshot({ path: testInfo.outputPath('evidence-viewer-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'evidence-viewer-en.png') });

    // Opened on its own in a tab, the copy runs no script either (the host's CSP sandbox, not only the frame's).
    const [tab] = await Promise.all([page.waitForEvent('popup'), viewer.getByRole('link', { name: 'Open in a new tab' }).click()]);
    await expect(tab.locator('#figure')).toContainText('305.7亿元');
    await expect(tab.locator('#script-mark')).toHaveText('script did not run');
    await tab.close();
  });

  test('a PDF from a site that then goes away opens from the kept copy, and the evidence is still listed after a reload', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    const card = await keepFromSite(page, `${site.origin}/bulletin.pdf`, 'p. 1');
    const source = card.locator('.source-list li').first();
    await expect(source.getByLabel('Kept copy')).toContainText(`PDF · ${bulletinPdf.length} bytes · accessed `);
    expect(site.hits.get('/bulletin.pdf')).toBe(1);
    await site.close();

    // After a reload, with the site gone: the source, its kept copy and where it is are all still there.
    await page.reload();
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await claimList(page, 'en').getByRole('button', { name: /^305\.7亿元/ }).click();
    await expect(source.getByRole('link', { name: `${site.origin}/bulletin.pdf` })).toBeVisible();
    await expect(source).toContainText('Where: p. 1');
    await expect(source.getByLabel('Kept copy')).toContainText('PDF');
    await source.getByRole('button', { name: 'Open kept copy' }).click();
    const viewer = page.getByRole('dialog', { name: `Kept copy: ${site.origin}/bulletin.pdf` });
    const frame = viewer.locator('iframe');
    await expect(frame).toBeVisible();
    // The frame shows the kept bytes as a PDF, from the workspace (the site is closed).
    const served = await frame.evaluate(async (el: HTMLIFrameElement) => {
      const res = await fetch(el.src);
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    });
    expect(served).toMatchObject({ status: 200, type: expect.stringMatching(/^application\/pdf/) });
    expect(served.text).toContain('Total investment 305.7');
    await expect(viewer.getByRole('link', { name: 'Open in a new tab' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('evidence-pdf-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'evidence-pdf-en.png') });
  });

  test('zh-CN: a redirect loop is refused in words and keeps nothing; a file from the computer is kept', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ }).click();
    await claimList(page, 'zh-CN').getByRole('button', { name: /^190\.6%/ }).click();
    const card = page.locator('.claim-card');
    await card.getByRole('button', { name: '保存来源副本' }).click();
    const form = page.getByRole('form', { name: '保存来源副本' });

    await form.getByLabel('网址').fill(`${site.origin}/loop`);
    await form.getByRole('button', { name: '获取并保存' }).click();
    await expect(form.getByRole('alert')).toContainText('重定向超过 5 次');
    await expect(card.locator('.source-list li')).toHaveCount(0);

    await form.getByLabel('支持该数字的段落').fill('同比增长190.6%');
    await form.getByLabel('页码或位置').fill('表3');
    await form.getByLabel('或本机上的文件').setInputFiles({ name: '统计表截图.png', mimeType: 'image/png', buffer: png });
    const source = card.locator('.source-list li').first();
    await expect(source.getByLabel('已存副本')).toContainText('PNG');
    await expect(source).toContainText('位置:表3');
    await expect(card.locator('.activity')).toContainText('添加了来源:统计表截图.png');
    expect(keptFiles(bench.root)).toEqual([expect.stringMatching(/^[0-9a-f]{64}\.png$/)]);
    await card.screenshot({ path: testInfo.outputPath('evidence-card-zh-CN.png') });
    await card.screenshot({ path: join('test-results', 'screens', 'evidence-card-zh-CN.png') });

    await source.getByRole('button', { name: '打开已存副本' }).click();
    const viewer = page.getByRole('dialog', { name: '已存副本:统计表截图.png' });
    const img = viewer.getByRole('img', { name: '已存副本:统计表截图.png' });
    await expect(img).toBeVisible();
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
    await page.screenshot({ path: testInfo.outputPath('evidence-viewer-zh-CN.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'evidence-viewer-zh-CN.png') });
  });
});
