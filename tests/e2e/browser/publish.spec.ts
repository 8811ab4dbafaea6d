import type { Page } from '@playwright/test';
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, saveProfile, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const text = '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n';

test.describe('publishing', () => {
  test.use({ files: { '招商快讯.txt': text, 'notes.md': '# 说明\n\n本周**重点**稿件:[郴州](https://example.gov.cn)。\n\n> 引用一段话\n' } });

  test('the export dialog holds unchecked figures at the gate, names them, and publishes with a reason', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
    await expect(page.getByRole('tab', { name: /Claims/ })).toContainText('5');

    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByText('5 claims block publication')).toBeVisible();
    // The preview runs no script and shows the words exactly.
    const frame = dialog.frameLocator('iframe[title="Preview"]');
    await expect(frame.locator('p').first()).toContainText('305.7亿元');
    await page.screenshot({ path: testInfo.outputPath('export-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'export-en.png') });
    await expect(dialog.getByRole('button', { name: 'Publish anyway' })).toBeDisabled();

    // A blocking claim jumps to its words.
    await dialog.getByRole('button', { name: '190.6%' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('.claim-card')).toContainText('190.6%');

    await page.keyboard.press('Control+e');
    await dialog.getByRole('textbox', { name: /publish anyway/ }).fill('Breaking news; checks follow within the hour.');
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Publish anyway' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('招商快讯.html');
    const html = await fs.readFile((await file.path())!, 'utf8');
    expect(html).toContain('305.7亿元');
    expect(html).not.toMatch(/<script(?![^>]*application\/ld\+json)/);
    await expect(dialog.getByText(/Published as 招商快讯\.html \(revision 1\)/)).toBeVisible();
    await expect(page.getByRole('option', { name: /招商快讯/ })).toContainText('Published');
  });

  test('a fact-checker cannot override the gate: no reason field, Publish anyway stays off, and the dialog says who can', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await saveProfile(page, 'Wang Fang', 'fact-checker');
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await expect(dialog.getByText('5 claims block publication')).toBeVisible();
    await expect(dialog.getByRole('note')).toHaveText('Overriding the publication gate is an editor’s decision. Your profile’s role is Fact-checker: ask an editor to publish.');
    await expect(dialog.getByRole('textbox', { name: /publish anyway/ })).toHaveCount(0);
    await expect(dialog.getByRole('button', { name: 'Publish anyway' })).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('export-fact-checker-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'export-fact-checker-en.png') });

    // The same in Chinese; nothing was published.
    await page.keyboard.press('Escape');
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await page.keyboard.press('Control+e');
    const zh = page.getByRole('dialog', { name: '导出' });
    await expect(zh.getByRole('note')).toHaveText('越过发布把关是编辑的决定。你的角色是核查员:请由编辑发布。');
    await expect(zh.getByRole('button', { name: '仍然发布' })).toBeDisabled();
    await page.screenshot({ path: join('test-results', 'screens', 'export-fact-checker-zh-CN.png') });
    await expect(page.getByRole('option', { name: /招商快讯/ })).toContainText('草稿');
  });

  test('zh-CN: after a published figure changes, the dialog asks for a correction note and prints it', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /个检测到的数字添加为断言|添加/ }).first().click();
    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: '导出' });
    await dialog.getByRole('textbox', { name: /仍然发布/ }).fill('紧急发布');
    let download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '仍然发布' }).click();
    await download;
    await dialog.getByRole('button', { name: '关闭', exact: true }).last().click();

    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('另有3个项目。');
    await page.keyboard.press('Control+s');
    await expect(page.getByText(/已保存|保存/).first()).toBeVisible();
    await page.keyboard.press('Control+e');
    await expect(dialog.getByText(/本文已发布\(版本 1\)/)).toBeVisible();
    await page.screenshot({ path: join('test-results', 'screens', 'export-correction-zh-CN.png') });
    await page.screenshot({ path: testInfo.outputPath('export-correction-zh-CN.png') });
    await dialog.getByRole('combobox', { name: '格式' }).selectOption('txt');
    await dialog.getByRole('textbox', { name: /仍然发布/ }).fill('紧急发布');
    await dialog.getByRole('textbox', { name: /更正说明/ }).fill('补充了项目数量。');
    download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: '仍然发布' }).click();
    const saved = await fs.readFile((await (await download).path())!, 'utf8');
    expect(saved).toContain('另有3个项目。');
    expect(saved).toMatch(/更正（\d{4}-\d{2}-\d{2}）：补充了项目数量。/);
  });

  test('the workspace report downloads with progress, and Markdown is styled while the file stays byte for byte', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /说明/ }).click();
    // The heading's words are bold and larger, the # stays in the text.
    const heading = editor(page).locator('.cm-line').first();
    await expect(heading).toHaveText('# 说明');
    const weight = await heading.evaluate((line) => {
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.textContent?.includes('说明')) return getComputedStyle(n.parentElement!).fontWeight;
      return null;
    });
    expect(weight).toBe('700');
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('新的一句。');
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(join(bench.root, 'notes.md'), 'utf8')).toBe('# 说明\n\n本周**重点**稿件:[郴州](https://example.gov.cn)。\n\n> 引用一段话\n新的一句。');

    await page.keyboard.press('Control+e');
    const dialog = page.getByRole('dialog', { name: 'Export' });
    await dialog.getByRole('radio', { name: /whole workspace/ }).check();
    const download = page.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Export', exact: true }).click();
    const report = await fs.readFile((await (await download).path())!, 'utf8');
    expect(report).toContain('招商快讯');
    expect(report).toContain('说明');
  });
});
