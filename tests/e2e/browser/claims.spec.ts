import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');

test('marks every figure in the text and lists it with its normalized value', async ({ page, bench }) => {
  await bench.open(page, { language: 'zh-CN' });
  await page.getByRole('option', { name: /郴州经开区招商纪实\.txt/ }).click();
  await expect(editor(page).locator('.cm-claim', { hasText: '305.7亿元' })).toHaveCount(1);
  // Before any claim is stored, every figure is listed as not claimed yet.
  const claims = page.getByRole('list', { name: /个数字尚未设为断言/ });
  const row = claims.getByRole('button', { name: /^305\.7亿元/ });
  await expect(row).toContainText('金额');
  await expect(row).toContainText('305.7亿 元');
  // Selecting a claim selects its words in the text.
  await row.click();
  expect(await page.evaluate(() => window.getSelection()?.toString())).toBe('305.7亿元');
  // Editing a figure re-detects it at once.
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('另新增投资8.5亿美元。');
  await expect(claims.getByRole('button', { name: /^8\.5亿美元/ })).toContainText('8.5亿 美元');
});

test('cross-checks the seed article: the dollar–yuan conversion is consistent with the 2022 average', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /郴州经开区招商纪实\.txt/ }).click();
  await page.getByRole('tab', { name: /Cross-checks/ }).click();
  const findings = page.getByRole('list', { name: 'Cross-checks' });
  const conversion = findings.getByRole('button', { name: /Currency conversion/ }).filter({ hasText: '19.5亿美元' });
  await expect(conversion).toContainText('Consistent');
  await expect(conversion).toContainText('6.7261');
  await conversion.click();
  await expect(editor(page).locator('.cm-focus-ok')).toHaveCount(2);
  await page.screenshot({ path: testInfo.outputPath('checks-en.png') });
  await page.screenshot({ path: join('test-results', 'screens', 'checks-en.png') });
});

test.describe('an article with a wrong conversion', () => {
  test.use({ files: { '错误换算.md': '# 外资快讯\n\n2023年,园区实际使用外资1.86亿美元,折合人民币11.7亿元,同比增长12.7%。\n' } });

  test('raises an alarm and shows the figures involved', async ({ page, bench }) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /错误换算/ }).click();
    await expect(page.getByRole('tab', { name: /交叉核验/ })).toContainText('1');
    await page.getByRole('tab', { name: /交叉核验/ }).click();
    const alarm = page.getByRole('list', { name: '交叉核验' }).getByRole('button', { name: /不一致/ });
    await expect(alarm).toContainText('1.86亿美元');
    await expect(alarm).toContainText('7.0467');
    await alarm.click();
    await expect(editor(page).locator('.cm-focus-alarm')).toHaveCount(2);
    // Fixing the figure clears the alarm.
    await editor(page).click();
    const text = await editor(page).innerText();
    expect(text).toContain('11.7亿元');
    await page.getByRole('tab', { name: /断言/ }).click();
    await page.getByRole('list', { name: '断言' }).getByRole('button', { name: /^11\.7亿元/ }).click();
    await page.keyboard.type('13.1亿元');
    await page.getByRole('tab', { name: /交叉核验/ }).click();
    await expect(page.getByRole('list', { name: '交叉核验' }).getByRole('button', { name: /不一致/ })).toHaveCount(0);
    await expect(page.getByRole('list', { name: '交叉核验' }).getByRole('button', { name: /货币换算/ }).filter({ hasText: '13.1亿元' })).toContainText('一致');
  });
});
