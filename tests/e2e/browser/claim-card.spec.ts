import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures.js';

const files = {
  '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n',
};

const rowButton = (page: Page, n: number) => page.locator('.claim-list.stored > li').nth(n).locator('.claim-row');
const card = (page: Page) => page.locator('.claim-card');
const saved = (page: Page) => card(page).getByRole('status');
/** The claim's own note (the source form has a Note too). */
const claimNote = (page: Page) => card(page).locator('label.stacked').getByRole('textbox', { name: 'Note' });

test.describe('the claim card saves as you go', () => {
  test.use({ files });

  test('fields save on leaving them and on Ctrl+Enter, with Undo for the last save; a bad number keeps the text; nothing typed is lost', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add 5 detected figures as claims/ }).click();
    await rowButton(page, 1).click();
    await expect(card(page)).toHaveAttribute('aria-label', '305.7亿元');

    // A status is given at once; Undo takes it back (both in the activity).
    await card(page).getByRole('radio', { name: 'Verified' }).click();
    await expect(saved(page)).toContainText('Saved the status.');
    await expect(rowButton(page, 1)).toContainText('Verified');
    await saved(page).getByRole('button', { name: 'Undo' }).click();
    await expect(saved(page)).toContainText('Took back the change of the status.');
    await expect(rowButton(page, 1)).toContainText('Unchecked');
    await expect(card(page).locator('.activity li').filter({ hasText: /Verified/ })).toHaveCount(2);

    // The verdict note saves when the focus leaves it.
    const note = card(page).getByRole('textbox', { name: 'Verdict note' });
    await note.fill('年报第12页:305.7亿元');
    await note.press('Tab');
    await expect(saved(page)).toContainText('Saved the verdict note.');

    // Ctrl+Enter in the assignee field saves at once.
    const assignee = card(page).getByLabel('Assignee');
    await assignee.fill('李明');
    await assignee.press('Control+Enter');
    await expect(saved(page)).toContainText('Saved the assignee.');
    await expect(rowButton(page, 1)).toContainText('@李明');
    await expect(assignee).toBeFocused();

    // Not a number: said in words, nothing saved, the text kept; corrected, it saves on leaving.
    const value = card(page).getByLabel('Value');
    await value.fill('三百亿');
    await expect(card(page).getByRole('alert')).toHaveText(/“三百亿” is not a number/);
    await value.press('Tab');
    await expect(value).toHaveValue('三百亿');
    await expect(saved(page)).toContainText('Saved the assignee.');
    await value.fill('30580000000');
    await value.press('Tab');
    await expect(saved(page)).toContainText('Saved the value.');
    await expect(card(page).getByRole('alert')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('claim-card-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'claim-card-en.png') });

    // Typed and not left: the note is saved when the card shows another claim (F8); a comment and
    // a source form being written come back with their card, unsent.
    await card(page).getByRole('textbox', { name: 'Write a comment…' }).fill('请再找一个来源');
    await card(page).getByRole('button', { name: 'Add source' }).click();
    await page.getByRole('form', { name: 'Add source' }).getByLabel('Title').fill('郴州经开区年报');
    await claimNote(page).fill('待核对统计局口径');
    await claimNote(page).press('F8');
    await expect(card(page)).toHaveAttribute('aria-label', '190.6%');
    await rowButton(page, 1).click();
    await expect(card(page)).toHaveAttribute('aria-label', '305.7亿元');
    await expect(claimNote(page)).toHaveValue('待核对统计局口径');
    await expect(card(page).getByRole('textbox', { name: 'Write a comment…' })).toHaveValue('请再找一个来源');
    await expect(page.getByRole('form', { name: 'Add source' }).getByLabel('Title')).toHaveValue('郴州经开区年报');
    await expect(card(page).locator('.comment-list li')).toHaveCount(0);

    // Everything saved is on disk: after a reload the fields hold it.
    await page.reload();
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await rowButton(page, 1).click();
    await expect(card(page).getByRole('textbox', { name: 'Verdict note' })).toHaveValue('年报第12页:305.7亿元');
    await expect(card(page).getByLabel('Assignee')).toHaveValue('李明');
    await expect(card(page).getByLabel('Value')).toHaveValue('30580000000');
    await expect(claimNote(page)).toHaveValue('待核对统计局口径');
    await expect(rowButton(page, 1)).toContainText('Unchecked');
  });

  test('zh-CN, dark: the save line and Undo', async ({ page, bench }, testInfo) => {
    await page.addInitScript(() => localStorage.setItem('factdesk.theme', 'dark'));
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /将检测到的 5 个数字添加为断言/ }).click();
    await rowButton(page, 0).click();
    const note = card(page).getByRole('textbox', { name: '结论说明' });
    await note.fill('与签约清单一致');
    await note.press('Control+Enter');
    await expect(saved(page)).toContainText('已保存结论说明。');
    await saved(page).getByRole('button', { name: '撤销' }).click();
    await expect(saved(page)).toContainText('已撤销对结论说明的修改。');
    await expect(note).toHaveValue('');
    await page.screenshot({ path: testInfo.outputPath('claim-card-zh-CN-dark.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'claim-card-zh-CN-dark.png') });
  });
});

test.describe('a source’s date in the UI language', () => {
  test.use({ files });

  const sidecar = (root: string) => {
    const dir = join(root, '.factdesk', 'articles');
    return JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => f.endsWith('.json'))!), 'utf8')) as { claims: Record<string, { sources: Array<{ accessed: string }> }> };
  };
  const accessedDays = (root: string) => Object.values(sidecar(root).claims).flatMap((c) => c.sources.map((s) => s.accessed));

  test('typed as 5 Dec 2026 or 2026-12-05, shown as 5 Dec 2026 / 2026年12月5日, stored as 2026-12-05', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add 5 detected figures as claims/ }).click();
    await rowButton(page, 1).click();
    await card(page).getByRole('button', { name: 'Add source' }).click();
    const form = page.getByRole('form', { name: 'Add source' });
    const accessed = form.getByRole('textbox', { name: 'Accessed' });
    // Today, day first with the month's name: never the browser's mm/dd/yyyy.
    await expect(accessed).toHaveValue(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    await form.getByLabel('Title').fill('郴州经开区年报');
    await accessed.fill('12/05/2026');
    await expect(form.getByRole('alert')).toHaveText('“12/05/2026” is not a date FactDesk can read: write it as 5 Dec 2026.');
    await expect(form.getByRole('button', { name: 'Save source' })).toBeDisabled();
    await accessed.fill('5 Dec 2026');
    await expect(form.getByRole('alert')).toHaveCount(0);
    await form.screenshot({ path: join('test-results', 'screens', 'source-date-en.png') });
    await form.getByRole('button', { name: 'Save source' }).click();
    const source = card(page).locator('.source-list li').first();
    await expect(source).toContainText('5 Dec 2026');
    await expect(source).not.toContainText('2026-12-05');
    expect(accessedDays(bench.root)).toEqual(['2026-12-05']);

    // In Chinese: shown 2026年12月5日, edited as 2026-12-05, and 2027年1月9日 typed the Chinese way is read.
    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(source).toContainText('2026年12月5日');
    await source.getByRole('button', { name: '编辑' }).click();
    const zhForm = page.getByRole('form', { name: '添加来源' });
    const zhAccessed = zhForm.getByRole('textbox', { name: '查阅日期' });
    await expect(zhAccessed).toHaveValue('2026-12-05');
    await expect(zhAccessed).toHaveAttribute('placeholder', '如 2026-12-05');
    await zhAccessed.fill('2027年1月9日');
    await zhForm.screenshot({ path: testInfo.outputPath('source-date-zh-CN.png') });
    await zhForm.screenshot({ path: join('test-results', 'screens', 'source-date-zh-CN.png') });
    await zhForm.getByRole('button', { name: '保存来源' }).click();
    await expect(source).toContainText('2027年1月9日');
    expect(accessedDays(bench.root)).toEqual(['2027-01-09']);
    await page.getByRole('combobox', { name: '语言' }).selectOption('en');
    await expect(source).toContainText('9 Jan 2027');
  });
});
