import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { expect, test } from '../fixtures.js';

const files = {
  '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n',
  'english/trade.md': '# Exports rise in December\n\nExports rose 5.2 per cent to $1.2 billion in December 2019.\n',
};

const claimList = (page: Page) => page.getByRole('list', { name: /^(Claims|断言)$/ });
const rows = (page: Page) => claimList(page).locator('> li');
const boxes = (page: Page) => claimList(page).getByRole('checkbox');
const bar = (page: Page) => page.getByRole('toolbar', { name: /Change the selected claims|批量修改所选断言/ });

async function answer(page: Page, text: string) {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('textbox').fill(text);
  await dialog.getByRole('textbox').press('Enter');
  await expect(dialog).toHaveCount(0);
}

test.describe('bulk selection in an article’s claim list', () => {
  test.use({ files });

  test('accept all picks the new claims; status in bulk and its undo; shift/ctrl ranges; assign; Ctrl+A within the filter; a source for each', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add 5 detected figures as claims/ }).click();

    // The five new claims come picked: a bulk change can follow at once.
    await expect(bar(page)).toContainText('5 selected');
    await expect(boxes(page)).toHaveCount(5);
    for (const b of await boxes(page).all()) await expect(b).toBeChecked();
    await bar(page).getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'In progress' });
    await expect(bar(page).getByRole('status')).toHaveText(/Changed 5 claims\./);
    await expect(rows(page).filter({ hasText: 'In progress' })).toHaveCount(5);
    await bar(page).getByRole('button', { name: 'Undo' }).click();
    await expect(bar(page).getByRole('status')).toHaveText('Undid the change of 5 claims.');
    await expect(rows(page).filter({ hasText: 'Unchecked' })).toHaveCount(5);

    // A click on a box, Shift+click on another: the range; Ctrl+click on a row adds one without opening its card.
    await bar(page).getByRole('button', { name: 'Clear selection' }).click();
    await expect(bar(page)).toHaveCount(0);
    await boxes(page).nth(0).click();
    await boxes(page).nth(2).click({ modifiers: ['Shift'] });
    await expect(bar(page)).toContainText('3 selected');
    await rows(page).nth(4).locator('.claim-row').click({ modifiers: ['Control'] });
    await expect(bar(page)).toContainText('4 selected');
    await expect(page.locator('.claim-card')).toHaveCount(0);
    await expect(boxes(page).nth(3)).not.toBeChecked();
    await page.screenshot({ path: testInfo.outputPath('claim-selection-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'claim-selection-en.png') });

    await bar(page).getByRole('button', { name: 'Assign to…' }).click();
    await answer(page, '王芳');
    await expect(bar(page).getByRole('status')).toHaveText(/Changed 4 claims\./);
    await expect(rows(page).filter({ hasText: '@王芳' })).toHaveCount(4);
    // One audit entry per claim, each in the card's activity.
    await rows(page).nth(4).locator('.claim-row').click();
    await expect(page.locator('.claim-card .activity li').filter({ hasText: /王芳/ })).toHaveCount(1);
    await rows(page).nth(4).locator('.claim-row').click();

    // Two verified in bulk, then "Needing attention": Ctrl+A takes the three it shows, not the hidden two.
    await bar(page).getByRole('button', { name: 'Clear selection' }).click();
    await boxes(page).nth(0).click();
    await boxes(page).nth(1).click();
    await bar(page).getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'Verified' });
    await expect(rows(page).filter({ hasText: 'Verified' })).toHaveCount(2);
    await page.getByRole('combobox', { name: 'Show' }).selectOption({ label: 'Needing attention' });
    await expect(rows(page)).toHaveCount(3);
    await expect(bar(page)).toHaveCount(0);
    await rows(page).nth(0).locator('.claim-row').focus();
    await page.keyboard.press('Control+a');
    await expect(bar(page)).toContainText('3 selected');
    // From a row's box as well.
    await bar(page).getByRole('button', { name: 'Clear selection' }).click();
    await boxes(page).nth(1).click();
    await expect(bar(page)).toContainText('1 selected');
    await page.keyboard.press('Control+a');
    await expect(bar(page)).toContainText('3 selected');
    await bar(page).getByRole('button', { name: 'Add source…' }).click();
    await answer(page, 'https://www.stats.gov.cn/sj/');
    await expect(bar(page).getByRole('status')).toHaveText(/Changed 3 claims\./);
    await expect(rows(page).filter({ hasText: 'Sources 1' })).toHaveCount(3);

    // All of it kept: after a reload the statuses, the assignee and the sources are there.
    await page.reload();
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await expect(rows(page)).toHaveCount(5);
    await expect(rows(page).filter({ hasText: 'Verified' })).toHaveCount(2);
    await expect(rows(page).filter({ hasText: '@王芳' })).toHaveCount(4);
    await expect(rows(page).filter({ hasText: 'Sources 1' })).toHaveCount(3);
  });

  test('zh-CN, dark, an editor: the picked rows and the bulk bar, no verdicts offered', async ({ page, bench }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('factdesk.theme', 'dark'));
    await bench.open(page, { language: 'zh-CN' });
    const form = page.getByRole('form', { name: '个人资料' });
    await form.getByLabel('姓名').fill('李编辑');
    await form.getByLabel('角色').selectOption({ label: '编辑' });
    await form.getByRole('button', { name: '保存资料' }).click();
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /将检测到的 5 个数字添加为断言/ }).click();
    await expect(bar(page)).toContainText('已选 5 条');
    // An editor is not offered verdicts in bulk (the services refuse them as well: tests/contract/roles.test.ts).
    const statusSelect = bar(page).getByRole('combobox', { name: '设置状态…' });
    await expect(statusSelect.getByRole('option', { name: '已核实' })).toBeDisabled();
    await expect(statusSelect.getByRole('option', { name: '核查中' })).toBeEnabled();
    await boxes(page).nth(1).click();
    await expect(bar(page)).toContainText('已选 4 条');
    await bar(page).getByRole('combobox', { name: '设置状态…' }).selectOption({ label: '核查中' });
    await expect(bar(page).getByRole('status')).toHaveText(/已修改 4 条断言。/);
    await page.screenshot({ path: testInfo.outputPath('claim-selection-zh-CN-dark.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'claim-selection-zh-CN-dark.png') });
  });
});

test.describe('the kinds “accept all” takes', () => {
  test.use({ files });

  test('years and dates are left out until ticked; ticked, accept all takes them too', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /trade\.md/ }).click();
    await expect(page.getByRole('button', { name: 'Add 2 detected figures as claims' })).toBeVisible();
    await page.getByText('Kinds to add').click();
    const kinds = page.getByRole('group', { name: 'Kinds to add' });
    await expect(kinds.getByRole('checkbox', { name: 'Years and dates' })).not.toBeChecked();
    await expect(kinds.getByRole('checkbox', { name: 'Money' })).toBeChecked();
    await kinds.getByRole('checkbox', { name: 'Years and dates' }).check();
    await page.screenshot({ path: testInfo.outputPath('accept-kinds-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'accept-kinds-en.png') });
    await page.getByRole('button', { name: 'Add 3 detected figures as claims' }).click();
    await expect(rows(page)).toHaveCount(3);
    await expect(rows(page).filter({ hasText: 'December 2019' })).toHaveCount(1);
  });

  test('zh-CN: only the dates, when money and the rest are unticked', async ({ page, bench }) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /trade\.md/ }).click();
    await page.getByText('要添加的类型').click();
    const kinds = page.getByRole('group', { name: '要添加的类型' });
    for (const box of await kinds.getByRole('checkbox').all()) await box.uncheck();
    await expect(page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ })).toHaveCount(0);
    await kinds.getByRole('checkbox', { name: '年份和日期' }).check();
    await page.getByRole('button', { name: '将检测到的 1 个数字添加为断言' }).click();
    await expect(rows(page)).toHaveCount(1);
    await expect(rows(page).first()).toContainText('December 2019');
  });
});
