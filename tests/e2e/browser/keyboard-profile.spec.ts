import type { Page } from '@playwright/test';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, saveProfile, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const claimRows = (page: Page) => page.locator('[data-claim-row]');

function audit(root: string): Array<{ action: string; by: string | null }> {
  const dir = join(root, '.factdesk', 'articles');
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  return JSON.parse(readFileSync(join(dir, file), 'utf8')).audit;
}

/**
 * Tabs `count` times from the focus as it is and names each control whose focus cannot be seen:
 * no outline and no box shadow (the text itself shows its caret, and is left out).
 */
async function unseenFocus(page: Page, count: number): Promise<string[]> {
  const unseen = new Set<string>();
  for (let i = 0; i < count; i++) {
    await page.keyboard.press('Tab');
    const found = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body || el.isContentEditable) return null;
      const cs = getComputedStyle(el);
      const outline = cs.outlineStyle !== 'none' && parseFloat(cs.outlineWidth) > 0;
      return outline || cs.boxShadow !== 'none' ? null : `${el.tagName.toLowerCase()}.${el.className} “${(el.getAttribute('aria-label') ?? el.textContent ?? '').trim().slice(0, 30)}”`;
    });
    if (found) unseen.add(found);
  }
  return [...unseen];
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

  test('Shift+F8 goes back, Enter opens a card, Ctrl+F and / reach the board search, and every control shows where the focus is', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await saveProfile(page, 'Wang Fang');
    await page.getByRole('option', { name: /trade\.md/ }).click();
    await page.getByRole('button', { name: 'Add 2 detected figures as claims' }).click();
    await expect(claimRows(page)).toHaveCount(2);
    const card = page.locator('.claim-card');

    // F8 forward, Shift+F8 back (and round from the first to the last).
    await editor(page).click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.press('F8');
    await expect(card).toHaveAttribute('aria-label', '5.2 per cent');
    await page.keyboard.press('F8');
    await expect(card).toHaveAttribute('aria-label', '$1.2 billion');
    await page.keyboard.press('Shift+F8');
    await expect(card).toHaveAttribute('aria-label', '5.2 per cent');
    await expect(card).toBeFocused();
    await page.keyboard.press('Shift+F8');
    await expect(card).toHaveAttribute('aria-label', '$1.2 billion');

    // Escape closes the card and leaves the focus on its row; Enter opens it again.
    await page.keyboard.press('Escape');
    await expect(card).toHaveCount(0);
    await expect(claimRows(page).nth(1).getByRole('button').first()).toBeFocused();
    await expect(page.locator(':focus')).toHaveCSS('outline-style', /solid|auto/);
    await page.keyboard.press('Enter');
    await expect(card).toHaveAttribute('aria-label', '$1.2 billion');

    // Every control Tab reaches in the article view shows its focus.
    expect(await unseenFocus(page, 45)).toEqual([]);

    // The board: Ctrl+F and / go to its search.
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+Shift+B');
    const search = page.getByRole('searchbox', { name: 'Search quotes, verdicts, sources, comments' });
    const table = page.getByRole('table', { name: 'Claim board' });
    await table.getByRole('row').nth(1).focus();
    await page.keyboard.press('Control+f');
    await expect(search).toBeFocused();
    await page.keyboard.type('billion');
    await expect(table.getByRole('row')).toHaveCount(2);
    await table.getByRole('row').nth(1).focus();
    await page.keyboard.press('/');
    await expect(search).toBeFocused();
    // / selects what was typed, so the next search replaces it.
    await page.keyboard.type('per cent');
    await expect(search).toHaveValue('per cent');
    await expect(table.getByRole('row').nth(1)).toContainText('5.2 per cent');
    expect(await unseenFocus(page, 40)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('board-focus-en.png') });
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
    await card.getByRole('radio', { name: '已核实' }).click();
    await expect(claimRows(page).first()).toContainText('已核实');
    // An editor again: the verified claim's verdict note is a fact-checker's to change.
    await page.getByRole('button', { name: '修改个人资料' }).click();
    await page.getByRole('form', { name: '个人资料' }).getByLabel('角色').selectOption({ label: '编辑' });
    await page.getByRole('form', { name: '个人资料' }).getByRole('button', { name: '保存资料' }).click();
    await expect(card.getByRole('textbox', { name: '结论说明' })).toBeDisabled();
    await expect(card.getByRole('button', { name: '记录结论' })).toBeDisabled();
  });
});
