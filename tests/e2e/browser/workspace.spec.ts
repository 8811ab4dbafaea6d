import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, startServer, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');

test('shows the workspace and renders an article’s Chinese text (zh-CN)', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'zh-CN' });
  await expect(page.getByRole('heading', { name: '文章' })).toBeVisible();
  const list = page.getByRole('listbox', { name: '文章' });
  await expect(list.getByRole('option')).toHaveCount(3);
  await list.getByRole('option', { name: /郴州经开区2022年招商引资纪实/ }).first().click();
  await expect(editor(page)).toContainText('项目总投资305.7亿元,同比增长190.6%');
  await expect(editor(page)).toContainText('19.5亿美元,折合人民币130.6亿元');
  // The CJK font is really there: text would otherwise render as boxes.
  expect(await page.evaluate(() => document.fonts.check('16px "Noto Sans CJK SC"', '郴州'))).toBe(true);
  await expect(page.getByText('编码: UTF-8')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('article-zh-CN.png') });
  await page.screenshot({ path: join('test-results', 'screens', 'article-zh-CN.png') });
});

test('the article list works from the keyboard', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  const options = page.getByRole('listbox', { name: 'Articles' }).getByRole('option');
  await options.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowUp');
  await expect(options.first()).toBeFocused();
});

test('switches the interface to English and keeps the choice', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'zh-CN' });
  await page.getByRole('combobox', { name: '语言' }).selectOption('en');
  await expect(page.getByRole('heading', { name: 'Articles' })).toBeVisible();
  await page.getByRole('option', { name: /Exports rise in December/ }).click();
  await expect(editor(page)).toContainText('5.2 per cent');
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Articles' })).toBeVisible();
  await page.getByRole('option', { name: /郴州经开区/ }).first().click();
  await expect(page.getByText('Encoding: UTF-8')).toBeVisible();
  await page.screenshot({ path: join('test-results', 'screens', 'article-en.png') });
  await page.screenshot({ path: testInfo.outputPath('article-en.png') });
});

test('opens a GBK file as Chinese text and saves it back as GBK', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /gbk-copy\.txt/ }).click();
  await expect(page.getByText('Encoding: GB18030')).toBeVisible();
  await expect(editor(page)).toContainText('净增企业1524户');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('新增一句。');
  await expect(page.getByText('Unsaved changes')).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  const bytes = readFileSync(join(bench.root, 'gbk-copy.txt'));
  expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  expect(new TextDecoder('gb18030').decode(bytes)).toMatch(/新增一句。$/);
});

test('asks before leaving an article with unsaved edits', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /Exports rise in December/ }).click();
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Imports fell 3 per cent.');
  await page.getByRole('option', { name: /gbk-copy/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Unsaved changes' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(editor(page)).toContainText('Imports fell 3 per cent.');
  await page.getByRole('option', { name: /gbk-copy/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Save' }).click();
  await expect(editor(page)).toContainText('净增企业1524户');
  expect(readFileSync(join(bench.root, 'english/trade.md'), 'utf8')).toContain('Imports fell 3 per cent.');
});

test('follows an outside edit when clean, and asks when there are unsaved edits', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /Exports rise in December/ }).click();
  const file = join(bench.root, 'english/trade.md');
  await fs.writeFile(file, '# Exports rise in December\n\nExports rose 6.1 per cent.\n');
  await expect(editor(page)).toContainText('6.1 per cent');

  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' My edit.');
  await fs.writeFile(file, '# Exports rise in December\n\nExports rose 7.7 per cent.\n');
  await expect(page.getByText('This article was changed outside FactDesk while you have unsaved edits.')).toBeVisible();
  await page.keyboard.press('Control+s');
  // Saving does not silently overwrite: the file keeps the outside edit until the user chooses.
  expect(readFileSync(file, 'utf8')).toContain('7.7 per cent');
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(() => readFileSync(file, 'utf8')).toContain('My edit.');
});

test('creates, renames, trashes and restores an article', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('button', { name: 'New article' }).click();
  const create = page.getByRole('dialog', { name: 'New article' });
  await create.getByRole('textbox').fill('稿件/快讯.md');
  await create.getByRole('button', { name: 'New article' }).click();
  await expect(page.getByRole('option', { name: /稿件\/快讯\.md/ })).toBeVisible();
  await expect.poll(() => fs.readFile(join(bench.root, '稿件/快讯.md'), 'utf8')).toBe('');

  await page.getByRole('option', { name: /稿件\/快讯\.md/ }).getByText('Rename', { exact: true }).click();
  const rename = page.getByRole('dialog', { name: 'Rename' });
  await rename.getByRole('textbox').fill('../escape.md');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('alert')).toContainText('outside the workspace');

  await page.getByRole('option', { name: /稿件\/快讯\.md/ }).getByText('Rename', { exact: true }).click();
  await page.getByRole('dialog', { name: 'Rename' }).getByRole('textbox').fill('稿件/定稿.md');
  await page.getByRole('dialog', { name: 'Rename' }).getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('option', { name: /稿件\/定稿\.md/ })).toBeVisible();

  await page.getByRole('option', { name: /稿件\/定稿\.md/ }).getByText('Move to trash', { exact: true }).click();
  await page.getByRole('dialog', { name: 'Move to trash' }).getByRole('button', { name: 'Move to trash' }).click();
  await expect(page.getByRole('option', { name: /稿件\/定稿\.md/ })).toHaveCount(0);
  await page.getByRole('button', { name: 'Trash' }).click();
  await page.getByRole('dialog', { name: 'Trash' }).getByRole('button', { name: 'Restore' }).click();
  await expect(page.getByRole('option', { name: /稿件\/定稿\.md/ })).toBeVisible();
});

test('a second FactDesk on the same workspace opens it read-only and says why', async ({ page, bench }) => {
  const { url, server: second } = await startServer(bench.root, bench.home);
  try {
    await page.addInitScript(() => localStorage.setItem('factdesk.language', 'en'));
    await page.goto(url);
    await expect(page.getByRole('status').filter({ hasText: 'Another FactDesk window' })).toContainText('opened read-only');
    await expect(page.getByRole('button', { name: 'New article' })).toBeDisabled();
    await page.getByRole('option', { name: /Exports rise in December/ }).click();
    await expect(page.getByTestId('article-text').locator('.cm-content')).toHaveAttribute('aria-readonly', 'true');
  } finally {
    second.kill('SIGTERM');
  }
});

test('unsaved edits survive the server being killed and are offered back', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /Exports rise in December/ }).click();
  const editor = page.getByTestId('article-text').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('Imports fell 2.4 per cent.');
  // Kept on disk a moment after typing pauses.
  const drafts = join(bench.root, '.factdesk', 'drafts');
  await expect.poll(async () => (await fs.readdir(drafts).catch(() => [])).filter((f) => f.endsWith('.json')).length).toBe(1);
  expect(readFileSync(join(bench.root, 'english/trade.md'), 'utf8')).not.toContain('Imports fell');

  // The app dies without a chance to save; a new one opens the same workspace.
  bench.server.kill('SIGKILL');
  const { url, server: again } = await startServer(bench.root, bench.home);
  try {
    await page.goto(url);
    await page.getByRole('option', { name: /Exports rise in December/ }).click();
    await expect(page.getByRole('alert')).toContainText('Unsaved edits to this article');
    await page.getByRole('button', { name: 'Restore my edits' }).click();
    await expect(editor).toContainText('Imports fell 2.4 per cent.');
    await expect(page.getByText('Unsaved changes')).toBeVisible();
    await page.keyboard.press('Control+s');
    await expect.poll(() => readFileSync(join(bench.root, 'english/trade.md'), 'utf8')).toContain('Imports fell 2.4 per cent.');
    await expect.poll(async () => (await fs.readdir(drafts)).filter((f) => f.endsWith('.json')).length).toBe(0);
  } finally {
    again.kill('SIGTERM');
  }
});

test('a tab left open across a server restart says to open the new link', async ({ page, bench }) => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const serve = () => startServer(bench.root, bench.home, ['--port', String(port)]);
  bench.server.kill('SIGTERM');
  const first = await serve();
  await page.addInitScript(() => localStorage.setItem('factdesk.language', 'en'));
  await page.goto(first.url);
  await expect(page.getByRole('status').filter({ hasText: 'Connected' })).toBeVisible();
  first.server.kill('SIGTERM');
  await new Promise((r) => first.server.once('exit', r));
  const second = await serve();
  try {
    await expect(page.getByRole('status').filter({ hasText: 'FactDesk was restarted: open the new link it printed' })).toBeVisible({ timeout: 15_000 });
  } finally {
    second.server.kill('SIGTERM');
  }
});

test('a clean second tab follows the text another tab saved with “Keep mine”', async ({ page, context, bench }) => {
  await bench.open(page, { language: 'en' });
  const other = await context.newPage();
  await bench.open(other, { language: 'en' });
  for (const p of [page, other]) await p.getByRole('option', { name: /Exports rise in December/ }).click();
  await expect(editor(other)).toContainText('5.2 per cent');

  const file = join(bench.root, 'english/trade.md');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(' Mine.');
  await fs.writeFile(file, '# Exports rise in December\n\nExports rose 7.7 per cent.\n');
  await expect(page.getByRole('button', { name: 'Keep mine' })).toBeVisible();
  // The clean tab has followed the outside edit by now.
  await expect(editor(other)).toContainText('7.7 per cent');
  await page.getByRole('button', { name: 'Keep mine' }).click();
  await expect.poll(() => readFileSync(file, 'utf8')).toContain('Mine.');
  // The second tab shows what was saved, not the outside text it last loaded.
  await expect(editor(other)).toContainText('Mine.');
  await expect(editor(other)).toContainText('5.2 per cent');
});

test('a damaged annotations file is restored with its last change, and the banner says so in both languages', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'zh-CN' });
  await page.getByRole('option', { name: /郴州/ }).first().click();
  const id = (await fs.readdir(join(bench.root, '.factdesk', 'revisions'))).map((n) => n.replace('.jsonl', ''));
  expect(id.length).toBeGreaterThan(0);
  // The server is stopped, the workspace index damaged on disk, and the server started again.
  bench.server.kill('SIGTERM');
  await new Promise((r) => bench.server.once('exit', r));
  await fs.writeFile(join(bench.root, '.factdesk', 'workspace.json'), '{"version": 1, "arti');
  const again = await startServer(bench.root, bench.home);
  try {
    await page.goto(again.url);
    const banner = page.locator('[data-notice="store-recovered"]');
    await expect(banner).toContainText('workspace.json');
    await expect(banner).toContainText('已损坏');
    await page.screenshot({ path: testInfo.outputPath('notice-zh.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'notice-zh-CN.png') });
    await page.evaluate(() => localStorage.setItem('factdesk.language', 'en'));
    await page.reload();
    await expect(page.locator('[data-notice="store-recovered"]')).toContainText('was damaged');
    await page.screenshot({ path: testInfo.outputPath('notice-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'notice-en.png') });
    // Dismissed, it stays dismissed.
    await page.locator('[data-notice="store-recovered"]').getByRole('button').click();
    await page.reload();
    await page.getByRole('listbox').first().waitFor();
    await expect(page.locator('[data-notice]')).toHaveCount(0);
  } finally {
    again.server.kill('SIGTERM');
    await new Promise((r) => again.server.once('exit', r));
  }
});
