import type { Page } from '@playwright/test';
import { promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '../fixtures.js';

const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');
const claimList = (page: Page, lang: 'en' | 'zh-CN') => page.getByRole('list', { name: lang === 'en' ? 'Claims' : '断言' }).first();

function sidecar(root: string): { claims: Record<string, { anchor: { quote: string }; status: string; sources: unknown[]; comments: unknown[]; verdictNote: string }>; audit: Array<{ action: string }> } {
  const dir = join(root, '.factdesk', 'articles');
  const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
  return JSON.parse(readFileSync(join(dir, file), 'utf8'));
}

test.describe('claim review', () => {
  test.use({ files: { '招商快讯.txt': '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n' } });

  test('adds detected figures as claims, records a verdict with a source and a comment', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
    const row = claimList(page, 'en').getByRole('button', { name: /^305\.7亿元/ });
    await expect(row).toContainText('Unchecked');
    // 45个, 305.7亿元, 190.6%, 19.5亿美元, 130.6亿元; the bare date 1-11月份 stays out of the checklist
    await expect(page.getByRole('tab', { name: /Claims/ })).toContainText('5');
    await expect(editor(page).locator('.cm-stored')).toHaveCount(5);

    await row.click();
    const card = page.locator('.claim-card');
    await card.getByRole('radio', { name: 'Verified' }).click();
    await card.getByRole('textbox', { name: 'Verdict note' }).fill('Matches the zone’s year-end report.');
    await card.getByRole('button', { name: 'Record verdict' }).click();
    await expect(row).toContainText('Verified');
    await expect(editor(page).locator('.cm-status-verified')).toHaveText('305.7亿元');

    await card.getByRole('button', { name: 'Add source' }).click();
    const form = page.getByRole('form', { name: 'Add source' });
    await form.getByLabel('Title').fill('郴州经开区2022年工作总结');
    await form.getByLabel('URL').fill('https://example.gov.cn/report');
    await form.getByLabel('Publisher').fill('郴州经开区管委会');
    await form.getByRole('button', { name: 'Save source' }).click();
    await expect(card.getByRole('link', { name: '郴州经开区2022年工作总结' })).toHaveAttribute('href', 'https://example.gov.cn/report');

    await card.getByRole('textbox', { name: 'Write a comment…' }).fill('Second source needed for the growth rate.');
    await card.getByRole('button', { name: 'Comment', exact: true }).click();
    await expect(card.locator('.comment-text')).toHaveText('Second source needed for the growth rate.');
    await expect(card.locator('.activity')).toContainText('set the status: Unchecked → Verified');
    await page.screenshot({ path: testInfo.outputPath('review-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'review-en.png') });

    // It is all in the article's sidecar, in the spellings of the API.
    const stored = Object.values(sidecar(bench.root).claims).find((c) => c.anchor.quote === '305.7亿元')!;
    expect(stored).toMatchObject({ status: 'verified', verdictNote: 'Matches the zone’s year-end report.' });
    expect(stored.sources).toHaveLength(1);
    expect(stored.comments).toHaveLength(1);
  });

  test('a verified figure edited in the text needs a re-check; an unchecked one does not', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('button', { name: /将检测到的 \d+ 个数字添加为断言/ }).click();
    const list = claimList(page, 'zh-CN');
    await list.getByRole('button', { name: /^190\.6%/ }).click();
    await page.locator('.claim-card').getByRole('radio', { name: '已核实' }).click();
    await page.locator('.claim-card').getByRole('button', { name: '记录结论' }).click();
    await expect(list.getByRole('button', { name: /^190\.6%/ })).toContainText('已核实');

    // Change the verified figure and an unchecked one, then save.
    const text = await editor(page).innerText();
    expect(text).toContain('190.6%');
    // Clicking the open claim again closes its card and selects its words in the text.
    await list.getByRole('button', { name: /^190\.6%/ }).click();
    await page.keyboard.type('19.6%');
    await list.getByRole('button', { name: /^45个/ }).click();
    await page.keyboard.type('46个');
    await page.keyboard.press('Control+s');

    const changed = list.getByRole('button', { name: /^19\.6%/ });
    await expect(changed).toContainText('需复核');
    await changed.click();
    await expect(page.locator('.recheck')).toContainText('190.6% → 19.6%');
    await expect(list.getByRole('button', { name: /^46个/ })).toContainText('未核查');
    await expect(editor(page).locator('.cm-status-needs-recheck')).toHaveText('19.6%');
    await page.screenshot({ path: testInfo.outputPath('recheck-zh-CN.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'recheck-zh-CN.png') });
    const s = sidecar(bench.root);
    expect(Object.values(s.claims).find((c) => c.anchor.quote === '19.6%')!.status).toBe('needs-recheck');
    expect(s.audit.some((a) => a.action === 'claim.figure-changed')).toBe(true);
  });

  test('claims the selected words, keeps claims on their words through an outside edit, and orphans deleted ones', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    // Select "19.5亿美元" in the text by selecting its detected claim row, then claim it.
    await page.getByRole('list', { name: /figures not claimed yet/ }).getByRole('button', { name: /^19\.5亿美元/ }).click();
    await page.getByRole('button', { name: 'Claim the selection' }).click();
    await expect(claimList(page, 'en').getByRole('button', { name: /^19\.5亿美元/ })).toContainText('Unchecked');

    const file = join(bench.root, '招商快讯.txt');
    const before = await fs.readFile(file, 'utf8');
    // An editor elsewhere inserts a paragraph at the top: the claim moves with its words.
    await fs.writeFile(file, '【本报讯】\n\n' + before);
    await expect(editor(page)).toContainText('【本报讯】');
    await expect(editor(page).locator('.cm-stored')).toHaveText('19.5亿美元');
    // Then deletes the sentence: the claim is kept, listed as detached.
    await fs.writeFile(file, '【本报讯】\n\n1-11月份新签约引进项目45个。\n');
    await expect(page.getByText('1 detached claim')).toBeVisible();
    await expect(page.locator('.detached-row')).toContainText('19.5亿美元');
    await expect(page.locator('.detached-row')).toContainText('Its words were deleted');
  });
});

test.describe('checker-defined relations', () => {
  test.use({ files: { '两园.txt': '新能源产业园引资额155亿元,大健康产业园引资额112亿元,全年项目总投资305.7亿元。\n' } });

  test('a stated relation is stored, re-checked after an edit, and flags its claims when it breaks', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /两园/ }).click();
    await page.getByRole('button', { name: /Add \d+ detected figures as claims/ }).click();
    await expect(claimList(page, 'en').getByRole('button')).toHaveCount(3);
    await page.getByRole('tab', { name: /Cross-checks/ }).click();
    await page.getByRole('button', { name: 'State a relation' }).click();
    const form = page.getByRole('form', { name: 'State a relation' });
    await form.getByLabel('Relation').fill('A + B ≤ C');
    // Options: "—", then the claims in text order (155亿元, 112亿元, 305.7亿元).
    await form.getByLabel('A', { exact: true }).selectOption({ index: 1 });
    await form.getByLabel('B', { exact: true }).selectOption({ index: 2 });
    await form.getByLabel('C', { exact: true }).selectOption({ index: 3 });
    await form.getByRole('button', { name: 'Save relation' }).click();
    const relation = page.getByRole('region', { name: 'Your relations' }).locator('li');
    await expect(relation).toContainText('A + B ≤ C');
    await expect(relation).toContainText('Holds');
    await expect(relation).toContainText('A = 155亿元 · B = 112亿元 · C = 305.7亿元');

    // Raise one part above what the whole allows: the relation breaks at once, unsaved.
    await page.getByRole('tab', { name: /Claims/ }).click();
    await claimList(page, 'en').getByRole('button', { name: /^112亿元/ }).click();
    await page.keyboard.type('212亿元');
    // The list shows a claim's stored words until the article is saved.
    await expect(claimList(page, 'en').getByRole('button', { name: /^112亿元/ })).toContainText('Broken');
    await expect(claimList(page, 'en').getByRole('button', { name: /^155亿元/ })).toContainText('Broken');
    await page.getByRole('tab', { name: /Cross-checks/ }).click();
    await expect(relation).toContainText('Broken');
    await page.waitForTimeout(500);
    await page.screenshot({ path: testInfo.outputPath('relation-en.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'relation-en.png') });
    // Stored with the claims, in the article's sidecar.
    const dir = join(bench.root, '.factdesk', 'articles');
    const file = readdirSync(dir).find((f) => f.endsWith('.json'))!;
    const relations = Object.values(JSON.parse(readFileSync(join(dir, file), 'utf8')).relations) as Array<{ expression: string; claimIds: string[] }>;
    expect(relations).toMatchObject([{ expression: 'A + B ≤ C' }]);
    expect(relations[0]!.claimIds).toHaveLength(3);
  });
});

test.describe('statements', () => {
  test('marks awards and endorsements in the text and accepts them as claims (zh-CN and en)', async ({ page, bench }, testInfo) => {
    await bench.open(page, { language: 'zh-CN' });
    await page.getByRole('option', { name: /郴州经开区招商纪实/ }).click();
    const award = editor(page).locator('[data-statement="award"]').first();
    await expect(award).toContainText('获评');
    await expect(award).toHaveAttribute('title', /获奖或称号/);
    await page.getByText(/条待核表述/).click();
    await page.screenshot({ path: testInfo.outputPath('statements-zh-CN.png') });
    await page.screenshot({ path: join('test-results', 'screens', 'statements-zh-CN.png') });
    await page.getByRole('button', { name: /条表述添加为断言/ }).click();
    await expect(page.getByText(/条待核表述/)).toHaveCount(0);
    await expect(claimList(page, 'zh-CN').getByRole('button', { name: /获评/ }).first()).toBeVisible();
    const data = sidecar(bench.root);
    expect(Object.values(data.claims).some((c) => c.anchor.quote.includes('获评'))).toBe(true);

    await page.evaluate(() => localStorage.setItem('factdesk.language', 'en'));
    await page.reload();
    await page.getByRole('option', { name: /郴州经开区招商纪实/ }).click();
    await expect(editor(page).locator('[data-statement]').first()).toHaveAttribute('title', /Statement to check/);
    await page.screenshot({ path: join('test-results', 'screens', 'statements-en.png') });
  });
});
