import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const claimRows = (page: Page) => page.locator('[data-claim-row]');

function audit(root: string): Array<{ action: string; by: string | null }> {
  const dir = join(root, '.factdesk', 'articles');
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  return JSON.parse(readFileSync(join(dir, file), 'utf8')).audit;
}

test.describe('a fact-checker at the keyboard', () => {
  test.use({ files: { 'trade.md': '# Exports rise in December\n\nExports rose 5.2 per cent to $1.2 billion in December 2019.\n' } });

  test('from opening the article to every claim verified without the mouse; the profile name is on every audit entry', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    // First run: the profile is asked for.
    const form = page.getByRole('form', { name: 'Your profile' });
    await expect(form).toContainText('Who is working here?');
    await page.screenshot({ path: join('test-results', 'screens', 'profile-en.png') });
    await form.getByLabel('Name').fill('Wang Fang');
    await form.getByLabel('Name').press('Enter');
    await expect(page.getByRole('button', { name: 'Change your profile' })).toHaveText('Wang Fang · Fact-checker');

    // Open the article from the list, then Tab into the text.
    await page.getByRole('option', { name: /trade\.md/ }).focus();
    await page.keyboard.press('Enter');
    for (let i = 0; i < 30 && !(await editor(page).evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(editor(page)).toBeFocused();

    // Ctrl+Shift+C on each figure: the one at the cursor becomes a claim.
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Home');
    for (let i = 0; i < 14; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Shift+C');
    await expect(claimRows(page)).toHaveCount(1);
    for (let i = 0; i < 17; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Control+Shift+C');
    await expect(claimRows(page)).toHaveCount(2);

    // F8 goes to a claim and hands the keys to its card; 3 is Verified.
    await page.keyboard.press('F8');
    await expect(page.locator('.claim-card')).toBeFocused();
    await page.keyboard.press('3');
    await expect(claimRows(page).filter({ hasText: 'Verified' })).toHaveCount(1);
    // Ctrl+F8: the next one still to check.
    await page.keyboard.press('Control+F8');
    await page.keyboard.press('3');
    await expect(claimRows(page).filter({ hasText: 'Verified' })).toHaveCount(2);
    await page.keyboard.press('Escape');
    await expect(page.locator('.claim-card')).toHaveCount(0);

    // ? lists every shortcut.
    await page.keyboard.press('?');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(help).toContainText('Ctrl+Shift+C');
    await expect(help).toContainText('Next claim still to check');
    await page.screenshot({ path: testInfo.outputPath('help-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'help-en.png') });
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    // Every audit entry of this session carries the profile's name, and all of it survives a reload.
    const entries = audit(bench.root).filter((e) => e.action.startsWith('claim.'));
    expect(entries.length).toBeGreaterThanOrEqual(4);
    for (const e of entries) expect(e.by).toBe('Wang Fang');
    await page.reload();
    await page.getByRole('option', { name: /trade\.md/ }).click();
    await expect(claimRows(page).filter({ hasText: 'Verified' })).toHaveCount(2);
    await expect(page.getByRole('form', { name: 'Your profile' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Change your profile' })).toHaveText('Wang Fang · Fact-checker');
  });

  test('zh-CN: an editor cannot give verdicts or F8-verify, and is told why; the role can be changed', async ({ page, bench }) => {
    await bench.open(page, { language: 'zh-CN' });
    const form = page.getByRole('form', { name: '个人资料' });
    await form.getByLabel('姓名').fill('李编辑');
    await form.getByLabel('角色').selectOption({ label: '编辑' });
    await page.screenshot({ path: join('test-results', 'screens', 'profile-zh-CN.png') });
    await form.getByRole('button', { name: '保存资料' }).click();
    await page.getByRole('option', { name: /trade\.md/ }).click();
    await page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ }).click();
    await claimRows(page).first().getByRole('button').click();
    const card = page.locator('.claim-card');
    await expect(card.getByRole('radio', { name: '已核实' })).toBeDisabled();
    await expect(card).toContainText('核查结论(已核实、有争议、不实、无法核实)由核查员给出');
    await card.focus();
    await page.keyboard.press('3');
    await expect(page.getByRole('alert')).toContainText('“已核实”是核查结论,应由核查员给出');
    await page.keyboard.press('2');
    await expect(claimRows(page).first()).toContainText('核查中');
    // Help in Chinese.
    await page.keyboard.press('?');
    await expect(page.getByRole('dialog', { name: '键盘快捷键' })).toContainText('下一条待核查的断言');
    await page.screenshot({ path: join('test-results', 'screens', 'help-zh-CN.png') });
    await page.keyboard.press('Escape');
    // Now a fact-checker: the verdicts open up.
    await page.getByRole('button', { name: '修改个人资料' }).click();
    await page.getByRole('form', { name: '个人资料' }).getByLabel('角色').selectOption({ label: '核查员' });
    await page.getByRole('form', { name: '个人资料' }).getByRole('button', { name: '保存资料' }).click();
    await expect(card.getByRole('radio', { name: '已核实' })).toBeEnabled();
  });
});
