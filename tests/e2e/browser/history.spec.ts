import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, seedText, test, type Workbench } from '../fixtures.js';

const seedFile = '郴州经开区招商纪实.txt';
const appended = '另据统计,园区全年新增就业岗位3200个。';
const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const screens = (name: string) => join('test-results', 'screens', name);

const words = {
  'zh-CN': {
    saved: '已保存',
    unsaved: '有未保存的修改',
    history: /历史/,
    revisions: '历史版本',
    inline: '合并显示',
    side: '左右对照',
    openFull: '大窗口查看',
    restore: '恢复到此版本',
    figureChange: '数字改动:305.7亿元 → 306.1亿元',
    diff: (from: number, to: number) => `第 ${from} 版到第 ${to} 版的改动`,
  },
  en: {
    saved: 'Saved',
    unsaved: 'Unsaved changes',
    history: /History/,
    revisions: 'Revisions',
    inline: 'Inline',
    side: 'Side by side',
    openFull: 'Open full diff',
    restore: 'Restore this version',
    figureChange: 'Figure changed: 305.7亿元 → 306.1亿元',
    diff: (from: number, to: number) => `Changes from revision ${from} to revision ${to}`,
  },
};

/** Selects the first occurrence of `needle` in the editor, as a mouse drag would. */
async function selectInEditor(page: Page, needle: string): Promise<void> {
  await editor(page).click();
  // CodeMirror renders only the lines in view.
  await page.keyboard.press('Control+Home');
  await page.evaluate((needle) => {
    const root = document.querySelector('[data-testid="article-text"] .cm-content')!;
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const i = n.textContent!.indexOf(needle);
      if (i < 0) continue;
      const range = document.createRange();
      range.setStart(n, i);
      range.setEnd(n, i + needle.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
      return;
    }
    throw new Error(`${needle} is not in the editor`);
  }, needle);
  await expect.poll(() => page.evaluate(() => getSelection()?.toString())).toBe(needle);
}

async function save(page: Page, lang: 'zh-CN' | 'en'): Promise<void> {
  await expect(page.getByText(words[lang].unsaved)).toBeVisible();
  await page.keyboard.press('Control+s');
  await expect(page.getByText(words[lang].saved, { exact: true })).toBeVisible();
}

/** Opens the seed article and saves it twice: a sentence appended, then one figure changed. */
async function saveTwice(page: Page, bench: Workbench, lang: 'zh-CN' | 'en'): Promise<void> {
  await bench.open(page, { language: lang });
  await page.getByRole('option', { name: /郴州经开区招商纪实\.txt/ }).click();
  await expect(editor(page)).toContainText('项目总投资305.7亿元');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(appended);
  await save(page, lang);
  await selectInEditor(page, '305.7亿元');
  await page.keyboard.type('306.1亿元');
  await save(page, lang);
}

async function openHistory(page: Page, lang: 'zh-CN' | 'en'): Promise<Locator> {
  await page.getByRole('tab', { name: words[lang].history }).click();
  return page.getByRole('listbox', { name: words[lang].revisions });
}

test('lists the revisions newest first and shows a changed figure as one replaced token (zh-CN)', async ({ page, bench }) => {
  const w = words['zh-CN'];
  await saveTwice(page, bench, 'zh-CN');
  const list = await openHistory(page, 'zh-CN');
  const rows = list.getByRole('option');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(0)).toContainText('#3');
  await expect(rows.nth(0)).toContainText('保存');
  await expect(rows.nth(0)).toContainText('当前');
  await expect(rows.nth(1)).toContainText('#2');
  await expect(rows.nth(2)).toContainText('#1');
  await expect(rows.nth(2)).toContainText('FactDesk 首次读取');

  await rows.nth(0).click();
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  const diff = page.getByRole('region', { name: w.diff(2, 3) });
  const token = diff.getByRole('group', { name: w.figureChange });
  await expect(token).toBeVisible();
  await expect(token.getByRole('deletion')).toHaveText('305.7亿元');
  await expect(token.getByRole('insertion')).toHaveText('306.1亿元');
  await expect(diff).toContainText('1 段有改动');
  await expect(diff).toContainText('1 处数字改动');
  // Nothing else is marked as changed: the rest of the paragraph is plain text.
  await expect(diff.getByRole('deletion')).toHaveCount(2); // the token and its chip in the figure list
  await expect(diff.getByText(/段未改动/).first()).toBeVisible();
  await page.screenshot({ path: screens('history-panel-zh-CN.png') });

  // Side by side: old on the left, new on the right.
  await diff.getByRole('button', { name: w.side }).click();
  const table = diff.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['第 2 版', '第 3 版']);
  const row = table.getByRole('row').filter({ has: page.getByRole('deletion') });
  await expect(row.getByRole('cell').nth(0).getByRole('deletion')).toHaveText('305.7亿元');
  await expect(row.getByRole('cell').nth(1).getByRole('insertion')).toHaveText('306.1亿元');
  await expect(row.getByRole('cell').nth(0)).toContainText('项目总投资');
  await expect(row.getByRole('cell').nth(1)).toContainText('项目总投资');

  // Revision 2 against the first one: the appended sentence is inserted, nothing deleted.
  await rows.nth(1).click();
  const diff12 = page.getByRole('region', { name: w.diff(1, 2) });
  await diff12.getByRole('button', { name: w.inline }).click();
  await expect(diff12.getByRole('insertion')).toHaveText([appended]);
  await expect(diff12.getByRole('deletion')).toHaveCount(0);
  // Any two revisions can be compared: 3 against 1 holds both changes.
  await rows.nth(0).click();
  await page.getByRole('combobox', { name: '对比版本' }).selectOption('1');
  const diff13 = page.getByRole('region', { name: w.diff(1, 3) });
  await expect(diff13.getByRole('group', { name: w.figureChange })).toBeVisible();
  await expect(diff13).toContainText(appended);

  // The wide view, side by side, for reading.
  await page.getByRole('combobox', { name: '对比版本' }).selectOption('2');
  await page.getByRole('button', { name: w.openFull }).click();
  const full = page.getByRole('dialog', { name: '第 3 版与第 2 版对比' });
  await expect(full.getByRole('table')).toBeVisible();
  await expect(full.getByRole('columnheader')).toHaveText(['第 2 版', '第 3 版']);
  // The title, one unchanged paragraph, stays in view; longer runs fold away until asked for.
  await expect(full.getByRole('table')).toContainText('郴州经开区2022年招商引资纪实');
  await expect(full.getByRole('table')).not.toContainText('完成外贸进出口19.5亿美元');
  await full.getByRole('button', { name: /段未改动/ }).click();
  await expect(full.getByRole('table')).toContainText('完成外贸进出口19.5亿美元');
  await expect(full.getByRole('button', { name: /段未改动/ })).toHaveCount(0);
  await page.screenshot({ path: screens('history-full-zh-CN.png') });
  await page.keyboard.press('Escape');
  await expect(full).toBeHidden();
});

test('restores an old revision as a new one: editor and file get the old text (en)', async ({ page, bench }) => {
  const w = words.en;
  await saveTwice(page, bench, 'en');
  const list = await openHistory(page, 'en');
  const rows = list.getByRole('option');
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(2)).toContainText('First seen by FactDesk');
  await expect(page.getByRole('region', { name: w.diff(2, 3) }).getByRole('group', { name: w.figureChange })).toBeVisible();
  await page.screenshot({ path: screens('history-panel-en.png') });
  await page.getByRole('button', { name: w.openFull }).click();
  const full = page.getByRole('dialog', { name: 'Revision 3 compared with revision 2' });
  await expect(full.getByRole('group', { name: w.figureChange })).toHaveCount(0); // side by side: old and new apart
  await expect(full.getByRole('cell').getByRole('insertion')).toHaveText(['306.1亿元']);
  await page.screenshot({ path: screens('history-full-en.png') });
  await full.getByRole('button', { name: 'Close' }).click();

  // The current revision cannot be "restored"; an older one can.
  await expect(page.getByRole('button', { name: w.restore })).toBeDisabled();
  await rows.nth(2).click();
  await page.getByRole('button', { name: w.restore }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore revision 1?' });
  await expect(confirm).toContainText('recorded as a new revision, so nothing is lost');
  await expect(confirm.getByRole('alert')).toHaveCount(0);
  await confirm.getByRole('button', { name: 'Restore', exact: true }).click();

  await expect(editor(page)).toContainText('项目总投资305.7亿元');
  expect(await fs.readFile(join(bench.root, seedFile), 'utf8')).toBe(seedText);
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('#4');
  await expect(rows.nth(0)).toContainText('Restored from #1');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  // Nothing was lost: revision 3 (306.1亿元) is still there to restore.
  await expect(rows.nth(1)).toContainText('#3');
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
});

test('restoring over unsaved edits warns and needs a deliberate click', async ({ page, bench }) => {
  await saveTwice(page, bench, 'en');
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type('未保存的一句。');
  const rows = (await openHistory(page, 'en')).getByRole('option');
  await rows.nth(1).click();
  await page.getByRole('button', { name: words.en.restore }).click();
  const confirm = page.getByRole('dialog', { name: 'Restore revision 2?' });
  await expect(confirm.getByRole('alert')).toContainText('unsaved edits');
  // Enter does not throw the edits away.
  await page.keyboard.press('Enter');
  await expect(confirm).toBeHidden();
  await expect(editor(page)).toContainText('未保存的一句。');
  await expect(page.getByText(words.en.unsaved)).toBeVisible();
  await expect(rows).toHaveCount(3);

  await page.getByRole('button', { name: words.en.restore }).click();
  await page.getByRole('dialog', { name: 'Restore revision 2?' }).getByRole('button', { name: 'Discard my edits and restore' }).click();
  await expect(editor(page)).toContainText('项目总投资305.7亿元');
  expect(await fs.readFile(join(bench.root, seedFile), 'utf8')).toBe(seedText + appended);
  // CodeMirror renders only the lines in view: look at the end of the text.
  await editor(page).click();
  await page.keyboard.press('Control+End');
  await expect(editor(page)).toContainText(appended);
  await expect(editor(page)).not.toContainText('未保存的一句。');
  await expect(rows).toHaveCount(4);
  await expect(rows.nth(0)).toContainText('Restored from #2');
});

test.describe('compare with disk', () => {
  const file = 'english/trade.md';
  const original = '# Exports rise in December\n\nExports rose 5.2 per cent to $1.2 billion in December 2019.\n';

  test('shows mine against disk and what changed on disk; Keep mine and Reload both work', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /Exports rise in December/ }).click();
    await expect(editor(page)).toContainText('5.2 per cent');
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Imports fell 3 per cent.');
    await fs.writeFile(join(bench.root, file), original.replace('5.2 per cent', '6.1 per cent'));

    const banner = page.getByRole('alert').filter({ hasText: 'changed outside FactDesk' });
    await banner.getByRole('button', { name: 'Compare', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Compare with the file on disk' });
    const mine = dialog.getByRole('region', { name: 'Differences between your unsaved text and the file on disk' });
    await expect(mine.getByRole('columnheader')).toHaveText(['Your text (unsaved)', 'File on disk']);
    await expect(mine.getByRole('deletion').filter({ hasText: 'Imports fell 3 per cent.' })).toHaveCount(1);
    await expect(mine.getByRole('cell').getByRole('insertion').filter({ hasText: '6.1 per cent' })).toHaveCount(1);
    const onDisk = dialog.getByRole('region', { name: 'Changes on disk since revision 1' });
    await expect(onDisk.getByRole('cell').getByRole('deletion')).toHaveText(['5.2 per cent']);
    await expect(onDisk.getByRole('cell').getByRole('insertion')).toHaveText(['6.1 per cent']);
    await expect(onDisk).not.toContainText('Imports fell');
    // Inline, the figure is one replaced token; one switch serves both diffs.
    await expect(dialog.getByRole('button', { name: 'Inline' })).toHaveCount(1);
    await dialog.getByRole('button', { name: 'Inline' }).click();
    await expect(onDisk.getByRole('group', { name: 'Figure changed: 5.2 per cent → 6.1 per cent' })).toBeVisible();
    await page.screenshot({ path: screens('history-compare-en.png') });

    await dialog.getByRole('button', { name: 'Keep mine' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
    const kept = await fs.readFile(join(bench.root, file), 'utf8');
    expect(kept).toContain('Imports fell 3 per cent.');
    expect(kept).toContain('5.2 per cent');

    // Second round: this time the disk wins.
    await editor(page).click();
    await page.keyboard.press('Control+End');
    await page.keyboard.type(' Mine again.');
    await fs.writeFile(join(bench.root, file), original.replace('5.2 per cent', '7.7 per cent'));
    await banner.getByRole('button', { name: 'Compare', exact: true }).click();
    await expect(dialog.getByRole('region', { name: /Changes on disk since revision/ })).toContainText('7.7 per cent');
    await dialog.getByRole('button', { name: 'Reload from disk' }).click();
    await expect(dialog).toBeHidden();
    await expect(editor(page)).toContainText('7.7 per cent');
    await expect(editor(page)).not.toContainText('Mine again');
    await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  });
});
