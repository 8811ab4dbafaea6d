/**
 * A 1 MB article with thousands of stored claims (issue 12): typing, claims
 * following edits and the claims list behave as on a short one. Speed is
 * measured by `npm run bench browser`, not here.
 */
import type { Page } from '@playwright/test';
import { everyNthParagraph, longArticle } from '../../helpers/long-article.js';
import { expect, rpc, test, type Workbench } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const scroller = (page: Page) => page.getByTestId('article-text').locator('.cm-scroller');
const claimList = (page: Page) => page.getByRole('list', { name: '断言' }).first();
const big = longArticle(1_000_000);
const file = '统计公报长文.txt';

// The workspace starts with every 30th paragraph; all its figures are stored as claims, then the
// whole article is saved over it, so the services carry about 2,000 claims to paragraphs spread
// from the first line to the last.
test.use({ files: { [file]: everyNthParagraph(big.paragraphs, 30) } });

async function openLongArticle(page: Page, bench: Workbench): Promise<void> {
  const [article] = await rpc<Array<{ id: string; path: string }>>(bench, 'articles.list', {});
  await rpc(bench, 'claims.addDetected', { articleId: article!.id });
  const doc = await rpc<{ disk: { hash: string } }>(bench, 'articles.read', { id: article!.id });
  await rpc(bench, 'articles.write', { id: article!.id, text: big.text, baseHash: doc.disk.hash });
  await bench.open(page, { language: 'zh-CN' });
  await page.getByRole('option', { name: new RegExp(file) }).click();
  await expect(editor(page).locator('.cm-claim').first()).toBeVisible();
  await expect(claimList(page).getByRole('button').first()).toBeVisible();
}

/** Scrolls the text to `fraction` of its height and puts the caret at the start of a paragraph of prose there. */
async function caretIntoProse(page: Page, fraction: number): Promise<void> {
  await scroller(page).evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), fraction);
  // The start, not the end: End stops where a long paragraph wraps, which may be inside a figure.
  await editor(page).locator('.cm-line').filter({ hasText: /。$/ }).nth(2).click({ position: { x: 2, y: 4 } });
  await page.keyboard.press('Home');
}

/**
 * Scrolls the text near its end and returns a stored claim's mark on screen there, well inside
 * the visible part (one on the edge of what CodeMirror draws may be redrawn under the pointer).
 */
async function storedMarkNearEnd(page: Page, quote: RegExp): Promise<{ id: string; quote: string }> {
  for (const at of [0.97, 0.96, 0.95, 0.94, 0.93]) {
    await scroller(page).evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), at);
    await expect(editor(page).locator('.cm-stored').first()).toBeAttached();
    const found = await visibleStoredMark(page, quote);
    if (found) return found;
  }
  throw new Error(`no stored claim matching ${quote} on screen near the end`);
}

async function visibleStoredMark(page: Page, quote: RegExp): Promise<{ id: string; quote: string } | null> {
  return scroller(page).evaluate((el, source) => {
    const box = el.getBoundingClientRect();
    const re = new RegExp(source);
    const marks = [...el.querySelectorAll<HTMLElement>('.cm-stored')].filter((m) => {
      const r = m.getBoundingClientRect();
      return r.top > box.top + 40 && r.bottom < box.bottom - 40 && re.test(m.textContent ?? '');
    });
    const m = marks[marks.length - 1];
    return m ? { id: m.dataset.claimId!, quote: m.textContent! } : null;
  }, quote.source);
}

test('every figure typed into the middle of a 1 MB article is detected as it is typed', async ({ page, bench }) => {
  await openLongArticle(page, bench);
  const unclaimed = page.locator('.claims-panel summary', { hasText: '个数字尚未设为断言' });
  const count = async () => Number(/(\d+)/.exec(await unclaimed.innerText())![1]);
  const before = await count();
  await caretIntoProse(page, 0.5);
  await page.keyboard.type('另新增投资8.57亿美元,同比增长12.93%,带动就业3271人。');
  const typed = editor(page).locator('.cm-line', { hasText: /^另新增投资8\.57亿美元/ });
  await expect(typed.locator('.cm-claim', { hasText: /^8\.57亿美元$/ })).toHaveAttribute('data-claim-kind', 'money');
  await expect(typed.locator('.cm-claim', { hasText: /^12\.93%$/ })).toHaveAttribute('data-claim-kind', 'percent');
  await expect(typed.locator('.cm-claim', { hasText: /^3271人$/ })).toHaveAttribute('data-claim-kind', 'count');
  // The panel counts them among the figures not claimed yet.
  await expect.poll(count).toBe(before + 3);
});

test('a claim near the end of a 1 MB article, chosen in the text, is scrolled to and opened in the claims list', async ({ page, bench }, testInfo) => {
  await openLongArticle(page, bench);
  const { id, quote } = await storedMarkNearEnd(page, /./);
  await editor(page).locator(`[data-claim-id="${id}"]`).click();
  const row = claimList(page).locator(`[data-claim-row="${id}"]`);
  await expect(row.getByRole('button', { name: new RegExp(`^${quote.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })).toHaveAttribute('aria-expanded', 'true');
  await expect(row).toBeInViewport();
  await expect(page.locator('.claim-card')).toHaveAttribute('aria-label', quote);
  await page.screenshot({ path: testInfo.outputPath('long-article-zh-CN.png') });
});

test('a verified claim near the end of a 1 MB article whose figure is changed needs a re-check', async ({ page, bench }) => {
  await openLongArticle(page, bench);
  const { id, quote } = await storedMarkNearEnd(page, /^[1-9][\d.]*\D/);
  await editor(page).locator(`[data-claim-id="${id}"]`).click();
  const card = page.locator('.claim-card');
  await expect(card).toHaveAttribute('aria-label', quote);
  await card.getByRole('radio', { name: '已核实' }).click();
  await card.getByRole('button', { name: '记录结论' }).click();
  const escaped = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const row = claimList(page).getByRole('button', { name: new RegExp(`^${escaped(quote)}`) });
  await expect(row).toContainText('已核实');
  // Clicking the open claim again closes its card and selects its words in the text; the first digit is typed over.
  await row.click();
  const changed = `${(Number(quote[0]) + 1) % 10}${quote.slice(1)}`;
  await page.keyboard.type(changed);
  await page.keyboard.press('Control+s');
  const after = claimList(page).getByRole('button', { name: new RegExp(`^${escaped(changed)}`) });
  await expect(after).toContainText('需复核');
  await after.click();
  await expect(page.locator('.recheck')).toContainText(`${quote} → ${changed}`);
  await expect(editor(page).locator('.cm-status-needs-recheck', { hasText: changed })).toHaveCount(1);
});

test('the figures not claimed yet of a 1 MB article are listed to its end, follow typing while the list is open, and a click shows one in the text', async ({ page, bench }) => {
  await openLongArticle(page, bench);
  const summary = page.locator('.claims-panel summary', { hasText: '个数字尚未设为断言' });
  const count = async () => Number(/(\d+)/.exec(await summary.innerText())![1]);
  const before = await count();
  await summary.click();
  const figures = page.getByRole('list', { name: /个数字尚未设为断言/ });
  const toEnd = () => figures.locator('..').evaluate((el) => (el.scrollTop = el.scrollHeight));
  // Only the rows on screen are drawn, however many figures there are.
  await expect(figures.locator('.claim-figure').first()).toBeVisible();
  expect(await figures.locator('li').count()).toBeLessThan(200);
  expect(before).toBeGreaterThan(10_000);
  // A figure typed at the very end of the text, with the list open, is listed last.
  await editor(page).focus();
  await page.keyboard.press('Control+End');
  await page.keyboard.press('Enter');
  await page.keyboard.type('年末新增产能9876.54万吨。');
  await expect.poll(count).toBe(before + 1);
  await toEnd();
  const last = figures.locator('li').last();
  await expect(last.locator('.claim-figure')).toHaveText('9876.54万吨');
  // Scrolled back to the top of the text, a click on the last row brings that figure into view.
  await scroller(page).evaluate((el) => (el.scrollTop = 0));
  await last.locator('.claim-row').click();
  await expect(editor(page).locator('.cm-claim', { hasText: /^9876\.54万吨$/ })).toBeInViewport();
});

test('the cross-checks of a 1 MB article arrive in full while typing goes on, and the last one listed shows its figures in the text', async ({ page, bench }) => {
  test.setTimeout(120_000);
  await openLongArticle(page, bench);
  // Typing before the first answer: answers overtaken by the typing are dropped, the latest is shown.
  await caretIntoProse(page, 0.5);
  await page.keyboard.type('另增12.5%。');
  await page.getByRole('tab', { name: /交叉核验/ }).click();
  // Thousands of findings: the page lists 5,000 (inconsistent ones first), taken in slices from the worker.
  const listedOf = page.getByText(/^共 \d+ 组,列出其中 \d+ 组,不一致的优先。$/);
  await expect(listedOf).toBeVisible({ timeout: 60_000 });
  const [total, listed] = /共 (\d+) 组,列出其中 (\d+) 组/.exec((await listedOf.textContent())!)!.slice(1).map(Number) as [number, number];
  expect(listed).toBe(5000);
  expect(total).toBeGreaterThan(listed);
  const findings = page.getByRole('list', { name: '交叉核验' });
  await findings.locator('..').evaluate((el) => (el.scrollTop = el.scrollHeight));
  await findings.locator('.finding').last().click();
  // Its figures are marked in the text, and the first is scrolled into view. (Read from the
  // finding chosen: a later answer — the claims' or statements' arrival re-runs the checks — may
  // have replaced the list's last row meanwhile.)
  const figure = (await findings.locator('.finding.selected .chip').first().textContent())!;
  const focused = editor(page).locator('.cm-focus-ok, .cm-focus-alarm').first();
  await expect(focused).toHaveText(figure);
  await expect(focused).toBeInViewport();
});

test('a key typed while the cross-checks of a 1 MB article run stops that run, and the answer shown is for the text as typed', async ({ page, bench }) => {
  test.setTimeout(120_000);
  await openLongArticle(page, bench);
  await page.getByRole('tab', { name: /交叉核验/ }).click();
  await expect(page.getByText(/^共 \d+ 组,列出其中 \d+ 组,不一致的优先。$/)).toBeVisible({ timeout: 60_000 });
  type Checks = { running: boolean; interrupted: number };
  const checks = () =>
    page.evaluate(() => {
      const c = (window as unknown as { __factdeskChecks: Checks }).__factdeskChecks;
      return { running: c.running, interrupted: c.interrupted };
    });
  // At the very start, so its alarm is the first listed (alarms are listed in text order).
  await editor(page).locator('.cm-line').first().click();
  await page.keyboard.press('Control+Home');
  await page.keyboard.type('其中工业项目投资3.2亿元，服务业项目投资5.1亿元，合计投资9.6亿元。');
  // The pause lets a run start over the whole article; the next key stops it.
  await page.waitForFunction(() => (window as unknown as { __factdeskChecks: Checks }).__factdeskChecks.running, null, { timeout: 30_000 });
  const before = (await checks()).interrupted;
  await page.keyboard.press('Enter');
  expect((await checks()).interrupted).toBe(before + 1);
  expect((await checks()).running).toBe(false);
  // The run after the last key answers, with the sum typed: 3.2 + 5.1 is not 9.6.
  const first = page.getByRole('list', { name: '交叉核验' }).locator('.finding').first();
  await expect(first).toContainText('3.2亿元 + 5.1亿元 = 8.3亿元', { timeout: 60_000 });
  await expect(first).toHaveClass(/alarm/);
});

test.describe('with 30,000 stored claims', () => {
  // Every other paragraph first: storing all its figures gives about 30,000 claims.
  test.use({ files: { [file]: everyNthParagraph(big.paragraphs, 2) } });

  test('the whole list arrives (taken off the main thread), and its last claim is listed, opened and shown in the text', async ({ page, bench }) => {
    test.setTimeout(180_000);
    await openLongArticle(page, bench);
    const [article] = await rpc<Array<{ id: string }>>(bench, 'articles.list', {});
    const stored = (await rpc<{ claims: Array<{ id: string; anchor: { quote: string } }> }>(bench, 'claims.list', { articleId: article!.id })).claims;
    expect(stored.length).toBeGreaterThan(20_000);
    await expect(page.getByRole('tab', { name: /断言/ })).toContainText(String(stored.length));
    await expect(page.locator('.claims-panel .section-heading')).toContainText(String(stored.length));
    await claimList(page).locator('..').evaluate((el) => (el.scrollTop = el.scrollHeight));
    const last = stored[stored.length - 1]!;
    const row = claimList(page).locator(`[data-claim-row="${last.id}"]`).getByRole('button').first();
    await expect(row).toContainText(last.anchor.quote);
    await row.click();
    await expect(row).toHaveAttribute('aria-expanded', 'true');
    await expect(editor(page).locator(`[data-claim-id="${last.id}"]`)).toBeInViewport();
  });
});
