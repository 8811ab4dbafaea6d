import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, rpc, test } from '../fixtures.js';

test('a new article: the default name is in the UI language; a name without an extension keeps the dialog open with the reason', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('button', { name: 'New article' }).click();
  const create = page.getByRole('dialog', { name: 'New article' });
  await expect(create.getByRole('textbox')).toHaveValue('New article.md');
  await create.getByRole('textbox').fill('notes');
  await create.getByRole('button', { name: 'New article' }).click();
  await expect(create.getByRole('alert')).toContainText('extension must be .md, .txt or .html');
  await expect(create.getByRole('textbox')).toHaveValue('notes');
  await create.getByRole('textbox').fill('notes.md');
  await create.getByRole('button', { name: 'New article' }).click();
  await expect(create).toHaveCount(0);
  await expect(page.locator('.article-path')).toHaveText('notes.md');
});

test('after a reload the open article, the side tab and the board view come back', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /trade\.md/ }).click();
  await page.getByRole('tab', { name: /History/ }).click();
  await page.reload();
  await expect(page.locator('.article-path')).toHaveText('english/trade.md');
  await expect(page.getByRole('tab', { name: /History/ })).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Control+Shift+B');
  await expect(page.getByRole('table', { name: 'Claim board' })).toBeVisible();
  await page.reload();
  await expect(page.getByRole('table', { name: 'Claim board' })).toBeVisible();
});

test('hovering a stored claim shows its status, verdict and checker; cross-check alarms are listed above consistent findings', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /trade\.md/ }).click();
  await page.getByRole('button', { name: /Add \d+ detected figures? as claims/ }).click();
  await page.locator('[data-claim-row]').first().getByRole('button').click();
  const card = page.locator('.claim-card');
  await card.getByRole('radio', { name: 'Disputed' }).click();
  await card.getByRole('textbox', { name: 'Verdict note' }).fill('The ministry says 4.9');
  await card.getByRole('button', { name: 'Record verdict' }).click();
  await expect(page.locator('[data-claim-row]').first()).toContainText('Disputed');
  await page.getByTestId('article-text').locator('.cm-stored', { hasText: '5.2 per cent' }).hover();
  await expect(page.locator('.cm-stored-tooltip')).toHaveText(/^Disputed · The ministry says 4\.9 · by \S+/);
  // A workflow move shows in the card's activity, in the UI's words.
  await page.getByRole('combobox', { name: 'Workflow' }).selectOption({ label: 'In review' });
  await expect(card.locator('.activity')).toContainText('moved the article: Draft → In review');
});

test.describe('cross-checks with an alarm among consistent findings', () => {
  test.use({ files: { 'mixed.md': '# 快讯\n\n2022年,完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n\n2023年,园区实际使用外资1.86亿美元,折合人民币11.7亿元。\n' } });

  test('the alarm comes first', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /mixed\.md/ }).click();
    await page.getByRole('tab', { name: /Cross-checks/ }).click();
    const findings = page.getByRole('list', { name: 'Cross-checks' }).getByRole('button');
    await expect(findings).toHaveCount(2);
    await expect(findings.first()).toContainText('Inconsistent');
    await expect(findings.first()).toContainText('1.86亿美元');
    await expect(findings.nth(1)).toContainText('Consistent');
    await expect(findings.nth(1)).toContainText('19.5亿美元');
  });
});

test('Alt+↓ and Alt+↑ leave the article text as it is (no paragraph moves)', async ({ page, bench }) => {
  await bench.open(page, { language: 'en' });
  await page.getByRole('option', { name: /trade\.md/ }).click();
  const text = page.getByTestId('article-text').locator('.cm-content');
  const before = await text.textContent();
  await text.click();
  for (const key of ['Control+Home', 'Alt+ArrowDown', 'Alt+ArrowDown', 'Shift+Alt+ArrowDown', 'Control+End', 'Alt+ArrowUp']) await page.keyboard.press(key);
  await expect(text).toHaveText(before!);
  await expect(page.getByRole('button', { name: 'Save', exact: true })).toBeDisabled();
});

test('the find panel speaks the UI language: Chinese in zh-CN, English after switching', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'zh-CN' });
  await page.getByRole('option', { name: /trade\.md/ }).click();
  const text = page.getByTestId('article-text').locator('.cm-content');
  await text.click();
  await page.keyboard.press('Control+f');
  const panel = page.locator('.cm-search');
  await expect(panel.getByRole('textbox', { name: '查找' })).toBeFocused();
  await expect(panel.getByRole('textbox', { name: '替换为' })).toBeVisible();
  for (const name of ['下一个', '上一个', '全选', '替换', '全部替换']) await expect(panel.getByRole('button', { name, exact: true })).toBeVisible();
  for (const name of ['区分大小写', '正则表达式', '全字匹配']) await expect(panel.getByRole('checkbox', { name })).toBeVisible();
  await expect(panel.getByRole('button', { name: '关闭' })).toBeVisible();
  await expect(panel).not.toContainText(/next|previous|match case|regexp|by word|replace/);
  await page.keyboard.type('1.2');
  await page.keyboard.press('Enter');
  await page.screenshot({ path: testInfo.outputPath('find-panel-zh-CN.png') });
  await page.screenshot({ path: join('test-results', 'screens', 'find-panel-zh-CN.png') });

  // Switched while it is open: the panel speaks English at once, keeps what was typed in it, and the focus
  // stays on the language menu (the panel built again took it).
  await panel.getByRole('textbox', { name: '替换为' }).fill('1.3');
  await panel.getByRole('checkbox', { name: '区分大小写' }).check();
  const language = page.getByRole('combobox', { name: '语言' });
  await language.focus();
  await language.selectOption('en');
  await expect(page.getByRole('combobox', { name: 'Language' })).toBeFocused();
  await expect(panel.getByRole('button', { name: 'next', exact: true })).toBeVisible();
  await expect(panel.getByRole('checkbox', { name: 'match case' })).toBeChecked();
  await expect(panel.getByRole('textbox', { name: 'Find' })).toHaveValue('1.2');
  await expect(panel.getByRole('textbox', { name: 'Replace' })).toHaveValue('1.3');
  await expect(panel).not.toContainText(/下一个|全部替换/);
  await page.screenshot({ path: join('test-results', 'screens', 'find-panel-en.png') });
  // Closed and opened again, it is English too.
  await panel.getByRole('button', { name: 'close' }).click();
  await text.click();
  await page.keyboard.press('Control+f');
  await expect(panel.getByRole('button', { name: 'next', exact: true })).toBeVisible();
});

test('the article filter finds articles by the words of their text, not only their titles', async ({ page, bench }, testInfo) => {
  await bench.open(page, { language: 'en' });
  const filter = page.getByRole('searchbox', { name: 'Filter articles' });
  const articles = page.getByRole('listbox', { name: /^(Articles|文章)$/ }).getByRole('option');
  await expect(articles).toHaveCount(3);
  // "billion" is only in the body of trade.md (its title is "Exports rise in December").
  await filter.fill('billion');
  await expect(articles).toHaveCount(1);
  await expect(articles.first()).toContainText('english/trade.md');
  await page.screenshot({ path: join('test-results', 'screens', 'article-filter-en.png') });
  await filter.fill('no-article-has-this');
  await expect(articles).toHaveCount(0);
  await expect(page.getByText('No article has these words in its title, file name or text.')).toBeVisible();
  await filter.fill('');
  await expect(articles).toHaveCount(3);

  // Chinese words in the body, the GBK copy included.
  await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
  const zhFilter = page.getByRole('searchbox', { name: '筛选文章' });
  await zhFilter.fill('外贸进出口');
  await expect(articles).toHaveCount(2);
  await expect(articles.filter({ hasText: 'gbk-copy.txt' })).toHaveCount(1);
  await page.screenshot({ path: testInfo.outputPath('article-filter-zh-CN.png') });
  await page.screenshot({ path: join('test-results', 'screens', 'article-filter-zh-CN.png') });
});

test.describe('a new claim in a long list', () => {
  // Forty figures, then a completion date (left out by "accept all") and words to claim by hand.
  const lines = Array.from({ length: 40 }, (_, i) => `第${i + 1}批项目投资${i + 1}.5亿元。`);
  test.use({ files: { '项目清单.txt': `${lines.join('\n')}\n全部项目于2023年12月5日竣工验收。\n` } });

  const openRow = (page: Page) => page.locator('[data-claim-row].open');

  test('Ctrl+Shift+C and "Claim the selection": the new claim is selected, scrolled to, its card open; hovering a manual claim shows its status', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /项目清单/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
    await expect(page.getByRole('list', { name: 'Claims' }).first()).toBeVisible();
    const text = page.getByTestId('article-text').locator('.cm-content');

    // The date at the end of the text, by the keyboard: Ctrl+Shift+C claims it.
    await text.click();
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 8; i++) await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Shift+C');
    await expect(openRow(page)).toContainText('2023年12月5日');
    await expect(openRow(page)).toBeInViewport();
    const card = page.locator('.claim-card');
    await expect(card).toHaveAttribute('aria-label', '2023年12月5日');
    await expect(card).toBeInViewport();

    // Words that are no figure, claimed from a selection.
    // Back to the top of the list, so the next claim has to be scrolled to as well.
    await page.locator('.claim-list.stored').evaluate((list: HTMLElement) => {
      for (let el: HTMLElement | null = list; el; el = el.parentElement) el.scrollTop = 0;
    });
    await expect(openRow(page)).not.toBeInViewport();
    await text.click();
    // The end of the text is past its last line break: back over it and the full stop.
    await page.keyboard.press('Control+End');
    for (let i = 0; i < 2; i++) await page.keyboard.press('ArrowLeft');
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.getByRole('button', { name: 'Claim the selection' }).click();
    await expect(openRow(page)).toContainText('竣工验收');
    await expect(openRow(page)).toBeInViewport();
    await expect(card).toHaveAttribute('aria-label', '竣工验收');
    await expect(card).toBeInViewport();

    // A manual claim's tooltip says its status, like a detected one's.
    await text.locator('.cm-stored', { hasText: '竣工验收' }).hover();
    await expect(page.locator('.cm-stored-tooltip')).toHaveText(/^Unchecked/);
  });
});

test.describe('an article with a five-digit claim count', () => {
  test.use({ files: { '万条.txt': `${Array.from({ length: 10_000 }, (_, i) => `${i + 1}亿元`).join(',')}。\n`, 'short.md': '# Short\n\nOne line.\n' } });

  test('the count has the thousands separator and "Move to trash" stays in the list, in both languages', async ({ page, bench }) => {
    const [article] = (await rpc<Array<{ id: string; path: string }>>(bench, 'articles.list')).filter((a) => a.path === '万条.txt');
    await rpc(bench, 'claims.addDetected', { articleId: article!.id });
    await bench.open(page, { language: 'en' });
    const list = page.getByRole('navigation', { name: 'Articles' });
    const item = page.getByRole('option', { name: /万条\.txt/ });
    await expect(item).toContainText('10,000 claims');
    await expect(item).toContainText('0 / 10,000 checked');
    await item.hover();
    const trash = item.getByText('Move to trash');
    await expect(trash).toBeInViewport({ ratio: 1 });
    const inside = async () => {
      const [box, pane] = [await trash.boundingBox(), await list.boundingBox()];
      return box!.x + box!.width <= pane!.x + pane!.width;
    };
    expect(await inside()).toBe(true);
    await page.screenshot({ path: join('test-results', 'screens', 'article-list-10000-en.png') });

    await page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
    await expect(item).toContainText('10,000 条断言');
    await expect(item).toContainText('已核查 0 / 10,000');
    await item.hover();
    await expect(item.getByText('移到回收站')).toBeInViewport({ ratio: 1 });
    await page.screenshot({ path: join('test-results', 'screens', 'article-list-10000-zh-CN.png') });
  });
});
