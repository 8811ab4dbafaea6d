import type { Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { rpc, startServer } from '../../helpers/browser-mode.js';
import { expect, saveProfile, test } from '../fixtures.js';

const board = (page: Page) => page.getByRole('table', { name: /Claim board|断言看板/ });
const bodyRows = (page: Page) => board(page).locator('[role=row][aria-rowindex]:not([aria-rowindex="1"])');

const files = {
  '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n',
  'english/trade.md': '# Exports rise in December\n\nExports rose 5.2 per cent to $1.2 billion in December 2019.\n',
};

/** Opens each article and claims its detected figures, as a checker would on day one. */
async function claimEverything(page: Page) {
  for (const name of [/招商快讯/, /trade\.md/]) {
    await page.getByRole('option', { name }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
    await expect(page.getByRole('button', { name: /Add \d+ detected figures? as claims/ })).toHaveCount(0);
  }
}

test.describe('the claim board', () => {
  test.use({ files });

  test('filters by status, article and kind, searches, sorts, and opens a claim in place', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await claimEverything(page);
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await expect(bulkTotal(page)).toHaveText('7 claims');
    await expect(page.getByRole('button', { name: /^Unchecked/ })).toContainText('7');
    await expect(bodyRows(page)).toHaveCount(7);
    await page.screenshot({ path: testInfo.outputPath('board-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'board-en.png') });

    // The article filter.
    await page.getByRole('combobox', { name: 'Article' }).selectOption({ label: 'english/trade.md' });
    await expect(bulkTotal(page)).toHaveText('2 claims');
    await expect(bodyRows(page).first()).toContainText('Exports rise in December');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(bulkTotal(page)).toHaveText('7 claims');

    // Kind: the percentages only.
    await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Percent' });
    await expect(bulkTotal(page)).toHaveText('2 claims');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Sorting by value, largest first.
    const valueHeader = board(page).getByRole('columnheader', { name: /Value/ });
    await valueHeader.getByRole('button').click();
    await expect(valueHeader).toHaveAttribute('aria-sort', 'ascending');
    await valueHeader.getByRole('button').click();
    await expect(valueHeader).toHaveAttribute('aria-sort', 'descending');
    await expect(bodyRows(page).first()).toContainText('305.7亿元');

    // '/' goes to the search; the search finds the words.
    await board(page).getByRole('columnheader', { name: /Status/ }).getByRole('button').focus();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox')).toBeFocused();
    await page.keyboard.type('130.6');
    await expect(bulkTotal(page)).toHaveText('1 claim');
    await bodyRows(page).first().click();

    // In place: the article, the claim's card open, its words selected in the text.
    await expect(page.locator('.article-path')).toHaveText('招商快讯.txt');
    await expect(page.locator('[data-claim-row].open')).toContainText('130.6亿元');
    await expect(page.locator('.claim-card')).toContainText('13.06B CNY');
    await expect.poll(() => page.evaluate(() => window.getSelection()?.toString())).toBe('130.6亿元');
  });

  test('bulk: select with click and shift-click, set the status, undo the batch; Ctrl+A selects the whole filter', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'zh-CN' });
    for (const name of [/招商快讯/, /trade\.md/]) {
      await page.getByRole('option', { name }).click();
      await page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ }).click();
      await expect(page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ })).toHaveCount(0);
    }
    await page.keyboard.press('Control+Shift+B');
    await expect(bulkTotal(page)).toHaveText('7 条断言');
    const boxes = bodyRows(page).getByRole('checkbox');
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ['Shift'] });
    await expect(page.getByText('已选 3 条')).toBeVisible();
    await page.getByRole('combobox', { name: '设置状态…' }).selectOption({ label: '已核实' });
    await expect(page.getByText('已修改 3 条断言。')).toBeVisible();
    await expect(page.getByRole('button', { name: /^已核实/ })).toContainText('3');
    await page.screenshot({ path: testInfo.outputPath('board-zh-CN.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'board-zh-CN.png') });
    await page.getByRole('button', { name: '撤销' }).click();
    await expect(page.getByText('已撤销对 3 条断言的修改。')).toBeVisible();
    await expect(page.getByRole('button', { name: /^已核实/ })).toContainText('0');

    // Ctrl+A: every claim the filter keeps, fetched or not; set them all verified and reload.
    await bodyRows(page).first().focus();
    await page.keyboard.press('Control+a');
    await expect(page.getByText('已选 7 条')).toBeVisible();
    await page.getByRole('combobox', { name: '设置状态…' }).selectOption({ label: '已核实' });
    await expect(page.getByText('已修改 7 条断言。')).toBeVisible();
    await page.reload();
    await page.getByRole('button', { name: '看板', exact: true }).click();
    await expect(page.getByRole('button', { name: /^已核实/ })).toContainText('7');
    await expect(bodyRows(page).first()).toContainText('已核实');
  });
});

test.describe('the board’s filters: status chips, workflow, a named assignee, saved filters', () => {
  test.use({ files });

  async function answer(page: Page, text: string) {
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('textbox').fill(text);
    await dialog.getByRole('textbox').press('Enter');
    await expect(dialog).toHaveCount(0);
  }

  test('each filter keeps the claims it says; “assigned to me” and a named filter are kept and applied after a reload', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await saveProfile(page, 'Wang Fang');
    await claimEverything(page);
    // trade.md (open last) goes to review.
    await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: 'In review' });
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await expect(bodyRows(page)).toHaveCount(7);
    // Rows in board order: trade.md's 5.2 per cent, $1.2 billion, then 招商快讯's 45个, 305.7亿元…
    const boxes = bodyRows(page).getByRole('checkbox');
    const bar = page.getByRole('toolbar', { name: 'Set status…' });
    await boxes.nth(0).click();
    await boxes.nth(2).click({ modifiers: ['Control'] });
    await bar.getByRole('button', { name: 'Assign to…' }).click();
    await answer(page, 'Wang Fang');
    await expect(bar.getByRole('status')).toHaveText(/Changed 2 claims\./);
    // A box adds its row to the selection: start afresh each time.
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await boxes.nth(3).click();
    await bar.getByRole('button', { name: 'Assign to…' }).click();
    await answer(page, 'Li Ming');
    await expect(bar.getByRole('status')).toHaveText(/Changed 1 claim\./);
    await bar.getByRole('button', { name: 'Clear selection' }).click();
    await boxes.nth(2).click();
    await bar.getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'Verified' });
    await expect(bar.getByRole('status')).toHaveText(/Changed 1 claim\./);
    await bar.getByRole('button', { name: 'Clear selection' }).click();

    // Status chips: pressed ones are kept, together.
    const chips = page.getByRole('group', { name: 'Status' });
    await chips.getByRole('button', { name: /^Verified/ }).click();
    await expect(chips.getByRole('button', { name: /^Verified/ })).toHaveAttribute('aria-pressed', 'true');
    await expect(bulkTotal(page)).toHaveText('1 claim');
    await expect(bodyRows(page).first()).toContainText('45个');
    await chips.getByRole('button', { name: /^Unchecked/ }).click();
    await expect(bulkTotal(page)).toHaveText('7 claims');
    await chips.getByRole('button', { name: /^Verified/ }).click();
    await expect(bulkTotal(page)).toHaveText('6 claims');
    await expect(bodyRows(page).filter({ hasText: 'Verified' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('board-filters-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'board-filters-en.png') });
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(bulkTotal(page)).toHaveText('7 claims');

    // Workflow: only the article in review.
    await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: 'In review' });
    await expect(bulkTotal(page)).toHaveText('2 claims');
    for (const row of await bodyRows(page).all()) await expect(row).toContainText('Exports rise in December');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // The assignee menu offers the people who are assigned claims, by name.
    const assignee = page.getByRole('combobox', { name: 'Assignee' });
    await expect(assignee.getByRole('option')).toHaveText(['Anyone', 'Assigned to me', 'Unassigned', 'Li Ming', 'Wang Fang']);
    await assignee.selectOption({ label: 'Li Ming' });
    await expect(bulkTotal(page)).toHaveText('1 claim');
    await expect(bodyRows(page).first()).toContainText('305.7亿元');
    await assignee.selectOption({ label: 'Wang Fang' });
    await expect(bulkTotal(page)).toHaveText('2 claims');
    await assignee.selectOption({ label: 'Unassigned' });
    await expect(bulkTotal(page)).toHaveText('4 claims');
    await page.getByRole('button', { name: 'Clear filters' }).click();

    // Saved filters: "assigned to me, not verified", and one named by the checker.
    const saved = page.getByRole('group', { name: 'Saved filters' });
    await saved.getByRole('button', { name: 'Assigned to me, not verified' }).click();
    await expect(bulkTotal(page)).toHaveText('1 claim');
    await expect(bodyRows(page).first()).toContainText('5.2 per cent');
    // Kept once: the saved button stands in for the offer (a second click keeps no second copy).
    await expect(saved.getByRole('button', { name: 'Assigned to me, not verified', exact: true })).toHaveCount(1);
    await expect(saved.getByRole('button', { name: 'Remove saved filter Assigned to me, not verified' })).toBeVisible();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: 'In review' });
    await saved.getByRole('button', { name: 'Save filter…' }).click();
    await answer(page, 'Trade in review');
    await expect(saved.getByRole('button', { name: 'Trade in review', exact: true })).toBeVisible();

    await page.reload();
    await expect(bulkTotal(page)).toHaveText('7 claims');
    // The saved ones: the first is the "assigned to me" one, then the named one.
    const kept = saved.getByRole('button', { name: /^(Assigned to me, not verified|Trade in review)$/ });
    await expect(kept).toHaveText(['Assigned to me, not verified', 'Trade in review']);
    await kept.first().click();
    await expect(bulkTotal(page)).toHaveText('1 claim');
    await expect(page.getByRole('combobox', { name: 'Assignee' })).toHaveValue('@me');
    await expect(chips.getByRole('button', { name: /^Verified/ })).toHaveAttribute('aria-pressed', 'false');
    await expect(chips.getByRole('button', { name: /^Unchecked/ })).toHaveAttribute('aria-pressed', 'true');
    await saved.getByRole('button', { name: 'Trade in review', exact: true }).click();
    await expect(bulkTotal(page)).toHaveText('2 claims');
    await expect(page.getByRole('combobox', { name: 'Workflow' })).toHaveValue('in-review');
    await saved.getByRole('button', { name: 'Remove saved filter Trade in review' }).click();
    await expect(saved.getByRole('button', { name: 'Trade in review', exact: true })).toHaveCount(0);
  });
});

test.describe('the board’s look', () => {
  test('the status chips are the board’s own: the UI font and round ends, not the serif text font', async ({ page, bench }) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('button', { name: '看板', exact: true }).click();
    const chip = page.getByRole('group', { name: '状态' }).getByRole('button').first();
    const clear = page.getByRole('button', { name: '清除筛选' });
    const style = (el: Element) => ({ font: getComputedStyle(el).fontFamily, radius: parseFloat(getComputedStyle(el).borderTopLeftRadius) });
    const [c, b] = [await chip.evaluate(style), await clear.evaluate(style)];
    expect(c.font).toBe(b.font);
    expect(c.font).not.toMatch(/Noto Serif|Songti|Georgia/);
    expect(c.radius).toBeGreaterThan(8);
  });
});

test.describe('the board while claims change elsewhere', () => {
  test.use({ files });

  test('a status set in another window shows on the board without its rows going blank, and the selection stays', async ({ page, context, bench }) => {
    await bench.open(page, { language: 'en' });
    await claimEverything(page);
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await expect(bodyRows(page)).toHaveCount(7);
    await expect(bodyRows(page).first().getByRole('checkbox')).toBeEnabled();
    // Counts every moment a row on screen had no claim in it (a row still on its way).
    await page.evaluate(() => {
      const w = window as unknown as { blankRows: number };
      w.blankRows = 0;
      const table = document.querySelector('[role=table]')!;
      new MutationObserver(() => {
        for (const row of table.querySelectorAll('[role=row][aria-rowindex]:not([aria-rowindex="1"])')) if (!row.querySelector('.cell-quote')) w.blankRows++;
      }).observe(table, { subtree: true, childList: true, attributes: true });
    });
    const boxes = bodyRows(page).getByRole('checkbox');
    await boxes.nth(0).click();

    // Another window of the same workspace verifies one claim.
    const other = await context.newPage();
    await bench.open(other, { language: 'en' });
    await other.getByRole('button', { name: 'Board', exact: true }).click();
    await expect(bodyRows(other)).toHaveCount(7);
    await bodyRows(other).getByRole('checkbox').nth(6).click();
    await other.getByRole('combobox', { name: 'Set status…' }).selectOption({ label: 'Verified' });
    await expect(other.getByText('Changed 1 claim.')).toBeVisible();

    await expect(page.getByRole('button', { name: /^Verified/ })).toContainText('1');
    await boxes.nth(2).click({ modifiers: ['Shift'] });
    await expect(page.getByText('3 selected')).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { blankRows: number }).blankRows)).toBe(0);
  });
});

test.describe('the board when FactDesk opens again', () => {
  test.use({ files });

  test('it opens on the board with the claims as they were left, and a claim changed while it was closed shows its change', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await claimEverything(page);
    await page.getByRole('button', { name: 'Board', exact: true }).click();
    await expect(bulkTotal(page)).toHaveText('7 claims');
    const stop = async (server: ChildProcess) => {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    };
    // FactDesk closes: it keeps the board's digests for the next time (.factdesk/digests).
    await stop(bench.server);
    await expect.poll(() => access(join(bench.root, '.factdesk', 'digests')).then(() => true, () => false)).toBe(true);
    // While it is closed, another FactDesk (a colleague's, or the CLI) verifies a claim.
    const other = await startServer(bench.root, bench.home);
    const [trade] = (await rpc<Array<{ id: string; path: string }>>(other, 'articles.list')).filter((a) => a.path === 'english/trade.md');
    const claim = (await rpc<{ claims: Array<{ id: string; anchor: { quote: string } }> }>(other, 'claims.list', { articleId: trade!.id })).claims[0]!;
    await rpc(other, 'claims.setStatus', { articleId: trade!.id, claimId: claim.id, status: 'verified' });
    await stop(other.server);

    // FactDesk opens again, on the board (the view a reload keeps).
    const again = await startServer(bench.root, bench.home);
    try {
      await page.addInitScript(() => sessionStorage.setItem('factdesk.view', 'board'));
      await page.goto(again.url);
      await expect(bulkTotal(page)).toHaveText('7 claims');
      await expect(page.getByRole('button', { name: /^Verified/ })).toContainText('1');
      await expect(bodyRows(page)).toHaveCount(7);
      await expect(bodyRows(page).filter({ hasText: claim.anchor.quote })).toContainText('Verified');
      // Filters work on the rows taken from the digests as on rows read.
      await page.getByRole('combobox', { name: 'Kind' }).selectOption({ label: 'Percent' });
      await expect(bulkTotal(page)).toHaveText('2 claims');
    } finally {
      await stop(again.server);
    }
  });
});

function bulkTotal(page: Page) {
  return page.getByRole('toolbar').locator('span.muted').first();
}

test.describe('a board longer than the rows fetched', () => {
  test.use({ files: { '项目清单.txt': Array.from({ length: 260 }, (_, i) => `第${i + 1}个项目投资${(i + 1) * 1.5}亿元。`).join('\n') + '\n' } });

  /** The list's figures claimed, and the board shown. */
  async function boardOfTheList(page: Page) {
    await page.getByRole('option', { name: /项目清单/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
    await expect(page.getByRole('button', { name: /Add \d+ detected figures? as claims/ })).toHaveCount(0);
    await page.getByRole('button', { name: 'Board', exact: true }).click();
  }

  test('Shift+click after a jump with the scroll bar selects every row between, fetched or not', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await boardOfTheList(page);
    await expect(bulkTotal(page)).toHaveText(/^\d+ claims$/);
    const total = Number((await bulkTotal(page).textContent())!.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(250);
    await bodyRows(page).first().getByRole('checkbox').click();
    // The scroll bar dragged to the end: the rows in the middle are never fetched.
    await page.locator('.board-scroll').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const lastRow = board(page).locator(`[role=row][aria-rowindex="${total + 1}"]`);
    await expect(lastRow).toContainText('亿元');
    await lastRow.click({ modifiers: ['Shift'] });
    await expect(page.getByText(`${total} selected`)).toBeVisible();
  });

  test('↓ and ↑ move the focus row by row past the rows drawn, and the board follows', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await boardOfTheList(page);
    await bodyRows(page).first().focus();
    // Further than the screen and the rows drawn beyond it: each row is drawn when the focus comes.
    for (let i = 0; i < 60; i++) await page.keyboard.press('ArrowDown');
    const focused = board(page).locator('[role=row][aria-rowindex="62"]');
    await expect(focused).toBeFocused();
    // The 61st project's sum (61 × 1.5).
    await expect(focused.locator('.cell-quote')).toHaveText('91.5亿元');
    await expect(focused).toBeInViewport();
    await page.keyboard.press('ArrowUp');
    await expect(board(page).locator('[role=row][aria-rowindex="61"]')).toBeFocused();
  });
});
