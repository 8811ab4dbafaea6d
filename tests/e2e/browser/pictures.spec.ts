/**
 * Pictures where people would rather look (issue 14): the workspace dashboard,
 * the revision timeline in History, progress for slow work, no untranslated
 * UI text and dates in the locale's format, and screenshots of each main
 * screen in both languages and themes (test-results/screens/pictures-*.png)
 * with an axe scan and the chart colours' contrast.
 */
import type { Page } from '@playwright/test';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { longArticle } from '../../helpers/long-article.js';
import { expect, projectRoot, rpc, seedText, seriousViolations, test, type Workbench } from '../fixtures.js';

const text1 = '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n\n全年实际利用外资3.2亿美元,其中12月份0.8亿美元。\n';
const text2 = '园区全年新增就业岗位3200个,税收收入12.6亿元,增长8.4%。\n';
const files = { '招商快讯.txt': text1, '园区年报.txt': text2 };
const appended = '\n另据统计,园区全年新增就业岗位3200个。\n';
const screens = (name: string) => join('test-results', 'screens', name);

type Lang = 'en' | 'zh-CN';
const words = {
  en: { dashboard: 'Dashboard', board: 'Board', article: 'Article', theme: 'Theme', claims: /^Claims/, checks: /Cross-checks/, history: /^History/, suggestions: /^Suggestions/, reviewing: 'Reviewing', help: 'Keyboard shortcuts', export: 'Export…', timeline: 'Revision timeline' },
  'zh-CN': { dashboard: '概览', board: '看板', article: '文章', theme: '主题', claims: /^断言/, checks: /交叉|核对/, history: /^历史/, suggestions: /^修改建议/, reviewing: '审阅', help: '键盘快捷键', export: '导出…', timeline: '修订时间线' },
} as const;

/**
 * Both articles' figures as claims with a few verdicts and an assignee, and
 * two saves of the first article (three revisions). Returns the article ids.
 */
async function seed(bench: Workbench): Promise<{ a: string; b: string; claimsA: number; claimsB: number }> {
  const list = await rpc<Array<{ id: string; path: string }>>(bench, 'articles.list');
  const a = list.find((x) => x.path === '招商快讯.txt')!.id;
  const b = list.find((x) => x.path === '园区年报.txt')!.id;
  const ra = await rpc<{ added: Array<{ id: string }> }>(bench, 'claims.addDetected', { articleId: a });
  const rb = await rpc<{ added: Array<{ id: string }> }>(bench, 'claims.addDetected', { articleId: b });
  await rpc(bench, 'claims.setStatus', { articleId: a, claimId: ra.added[0]!.id, status: 'verified' });
  await rpc(bench, 'claims.setStatus', { articleId: a, claimId: ra.added[1]!.id, status: 'false' });
  await rpc(bench, 'claims.setStatus', { articleId: b, claimId: rb.added[0]!.id, status: 'disputed' });
  await rpc(bench, 'claims.update', { articleId: b, claimId: rb.added[1]!.id, assignee: 'Mary' });
  let doc = await rpc<{ disk: { hash: string }; text: string }>(bench, 'articles.read', { id: a });
  doc = await rpc(bench, 'articles.write', { id: a, text: doc.text + appended, baseHash: doc.disk.hash });
  await rpc(bench, 'articles.write', { id: a, text: doc.text.replace('外资3.2亿美元', '外资3.5亿美元'), baseHash: doc.disk.hash });
  return { a, b, claimsA: ra.added.length, claimsB: rb.added.length };
}

/** The services answer `method` as slowly as on a very big workspace or article (`when`: only the calls it picks). */
async function slowly(page: Page, method: string, when: (input: Record<string, unknown>) => boolean = () => true): Promise<void> {
  await page.route(`**/rpc/${method}`, async (route) => {
    if (when((route.request().postDataJSON() ?? {}) as Record<string, unknown>)) await new Promise((r) => setTimeout(r, 1500));
    await route.continue();
  });
}

/**
 * Counts the page's calls to the services from now on; the function returned waits until none has been
 * in flight for 250 ms. A call still running at a click (the filter's article search, a list refreshed
 * after an event) is work of its own whose indicator is timed from its own start, not from the click.
 */
function callsOf(page: Page): () => Promise<void> {
  let open = 0;
  let last = Date.now();
  const isCall = (r: { url(): string }) => r.url().includes('/rpc/');
  page.on('request', (r) => void (isCall(r) && open++));
  const done = (r: { url(): string }) => {
    if (!isCall(r)) return;
    open--;
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return () => expect.poll(() => open === 0 && Date.now() - last >= 250, { timeout: 30_000, intervals: [50] }).toBe(true);
}

/**
 * Notes how long after the last click (or after it began watching: now, or the page's load with
 * `fromLoad`) the progress indicator first appeared; the function returned reads it.
 */
async function watchProgress(page: Page, { fromLoad = false } = {}): Promise<() => Promise<number | null>> {
  const watch = () => {
    const w = window as unknown as { progressSeenAfter: number | null; clickedAt: number };
    w.progressSeenAfter = null;
    w.clickedAt = performance.now();
    new MutationObserver(() => {
      if (w.progressSeenAfter === null && document.querySelector('.progress-indicator [role=progressbar]')) w.progressSeenAfter = performance.now() - w.clickedAt;
    }).observe(document, { subtree: true, childList: true });
    document.addEventListener('click', () => (w.clickedAt = performance.now()), { capture: true });
  };
  if (fromLoad) await page.addInitScript(watch);
  else await page.evaluate(watch);
  return () => page.evaluate(() => (window as unknown as { progressSeenAfter: number | null }).progressSeenAfter);
}

const progressBar = (page: Page, name: string) => page.getByRole('status').getByRole('progressbar', { name });

async function chooseTheme(page: Page, lang: Lang, theme: 'light' | 'dark') {
  await page.getByRole('combobox', { name: words[lang].theme }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

async function setLanguage(page: Page, lang: Lang) {
  await page.locator('.lang-switch select').selectOption(lang);
}

async function showView(page: Page, lang: Lang, view: 'dashboard' | 'board' | 'article') {
  await page.getByRole('group', { name: /view|视图|切换/i }).getByRole('button', { name: words[lang][view], exact: true }).click();
}

test.describe('pictures', () => {
  test.use({ files });

  test('the dashboard shows claims by status and article, verdicts per day and open claims per assignee, as bars and as numbers', async ({ page, bench }) => {
    const { a, claimsA, claimsB } = await seed(bench);
    await bench.open(page, { language: 'en' });
    await showView(page, 'en', 'dashboard');
    await expect(page.getByRole('heading', { name: 'Workspace dashboard' })).toBeVisible();
    const total = claimsA + claimsB;
    await expect(page.locator('.dashboard-head')).toContainText(`Total: ${total}`);

    const byStatus = page.getByRole('region', { name: 'Claims by status' });
    await expect(byStatus.getByRole('listitem').filter({ hasText: 'Verified' })).toContainText('1');
    await expect(byStatus.getByRole('listitem').filter({ hasText: 'Unchecked' })).toContainText(String(total - 3));
    // The same numbers as a table a screen reader can walk.
    await byStatus.getByText('Numbers as a table').click();
    await expect(byStatus.getByRole('row', { name: 'False 1' })).toBeVisible();
    await expect(byStatus.getByRole('row', { name: `Total ${total}` })).toBeVisible();

    const byArticle = page.getByRole('region', { name: 'Claims by article' });
    await expect(byArticle.getByRole('listitem').filter({ hasText: '1-11月份' })).toContainText(`2 / ${claimsA} checked`);
    const overTime = page.getByRole('region', { name: 'Checks over time' });
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'medium' }).format(new Date());
    await expect(overTime.getByRole('img')).toHaveAccessibleName(`${today}: 3`);
    const byAssignee = page.getByRole('region', { name: 'Open claims per assignee' });
    await expect(byAssignee.getByRole('listitem').filter({ hasText: 'Mary' })).toContainText('1');
    await expect(byAssignee.getByRole('listitem').filter({ hasText: 'Unassigned' })).toContainText(String(total - 3));

    // Each status has a pattern and a colour of its own in the bars (false and needs re-check share the red).
    const patterns = await byStatus.evaluate((card) =>
      [...card.querySelectorAll('pattern')].map((p) => {
        const shape = [...p.children].map((c) => `${c.tagName}(${[...c.attributes].filter((a) => a.name !== 'class').map((a) => `${a.name}=${a.value}`)})`);
        return { shape: `${p.getAttribute('width')}x${p.getAttribute('height')} ${p.getAttribute('patternTransform') ?? ''} ${shape.join(' ')}`, fill: getComputedStyle(p.lastElementChild!).fill };
      }),
    );
    expect(patterns).toHaveLength(7);
    expect(new Set(patterns.map((p) => p.shape)).size).toBe(7);
    expect(new Set(patterns.map((p) => p.fill)).size).toBe(6);

    // A verdict given elsewhere shows without a reload.
    const claims = await rpc<{ claims: Array<{ id: string; status: string }> }>(bench, 'claims.list', { articleId: a });
    await rpc(bench, 'claims.setStatus', { articleId: a, claimId: claims.claims.find((c) => c.status === 'unchecked')!.id, status: 'verified' });
    await expect(byStatus.getByRole('listitem').filter({ hasText: 'Verified' })).toContainText('2');
    await expect(overTime.getByRole('img')).toHaveAccessibleName(`${today}: 4`);

    // An article's bar opens it.
    await byArticle.getByRole('button', { name: /^1-11月份/ }).click();
    await expect(page.getByRole('heading', { level: 1, name: /^1-11月份/ })).toBeVisible();
    await expect(page.locator('.article-path')).toHaveText('招商快讯.txt');
  });

  test('the History timeline shows each revision by size, when and who saved it; clicking one selects it', async ({ page, bench }) => {
    const { a } = await seed(bench);
    const { author } = await rpc<{ author: string }>(bench, 'workspace.info');
    const revisions = await rpc<Array<{ n: number; at: string }>>(bench, 'revisions.list', { articleId: a });
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.getByRole('tab', { name: words.en.history }).click();
    const timeline = page.getByRole('group', { name: 'Revision timeline' });
    const points = timeline.getByRole('button');
    await expect(points).toHaveCount(3);
    // When: each revision's own time, written the way English writes it ("Dec 5, 2025, 2:12:33 PM").
    const when = await page.evaluate(
      (ats) => ats.map((at) => new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(at))),
      [1, 3].map((n) => revisions.find((r) => r.n === n)!.at),
    );
    for (const w of when) expect(w).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d{2}:\d{2}\s[AP]M$/);
    const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Who: the first revision is the file as FactDesk found it, the others the session's saves.
    await expect(points.nth(0)).toHaveAccessibleName(new RegExp(`^Revision 1, ${esc(when[0]!)}, First seen by FactDesk: ${text1.length} characters added, 0 removed$`));
    await expect(points.nth(2)).toHaveAccessibleName(new RegExp(`^Revision 3, ${esc(when[1]!)}, Saved by ${esc(author)}: 1 characters added, 1 removed$`));
    await expect(points.nth(2)).toHaveAttribute('aria-pressed', 'true');
    // The list says the same in words.
    const list = page.getByRole('listbox', { name: 'Revisions' });
    await expect(list.getByRole('option', { name: /#2/ })).toContainText(`+${appended.length} −0`);

    await points.nth(0).click();
    await expect(list.getByRole('option', { name: /#1/ })).toHaveAttribute('aria-selected', 'true');
    await expect(points.nth(0)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('heading', { name: 'Revision 1' })).toBeVisible();
  });

  test('slow work shows a progress indicator, and only after 300 ms', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await slowly(page, 'articles.read');
    const seenAfter = await watchProgress(page);
    await page.getByRole('option', { name: /园区年报/ }).click();
    const bar = progressBar(page, 'Opening the article…');
    await expect(bar).toBeVisible();
    await expect(page.getByRole('heading', { level: 1, name: /^园区全年/ })).toBeVisible();
    await expect(bar).toBeHidden();
    expect(await seenAfter()).toBeGreaterThanOrEqual(290);

    // Searching the board says what it is doing too.
    await slowly(page, 'board.query', (input) => !!input.text);
    await showView(page, 'en', 'board');
    await page.getByRole('searchbox').fill('亿元');
    await expect(progressBar(page, 'Searching the board…')).toBeVisible();
    await expect(page.getByRole('status').getByRole('progressbar')).toBeHidden();
  });

  test('en: nothing is cut off or wraps: the claim card and the figures under it end above the status bar, the toolbar is one row while reviewing, the chart keeps its labels inside and apart', async ({ page, bench }) => {
    await seed(bench);
    await bench.open(page, { language: 'en' });
    // First run: the profile form takes a row above the panes.
    const form = page.getByRole('form', { name: 'Your profile' });
    await expect(form).toBeVisible();
    await page.getByRole('option', { name: /招商快讯/ }).click();
    await page.locator('.claim-list.stored .claim-row').first().click();
    await expect(page.locator('.claim-card')).toBeVisible();
    const statusTop = (await page.locator('.statusbar').boundingBox())!.y;
    const lastLine = (await page.getByText('1 figure not claimed yet').boundingBox())!;
    expect(lastLine.y + lastLine.height, 'the line under the claims').toBeLessThanOrEqual(statusTop);
    // The card's last field is reached by scrolling the claims list, not hidden under the status bar.
    const addSource = page.locator('.claim-card').getByRole('button', { name: 'Add source' });
    await addSource.scrollIntoViewIfNeeded();
    const field = (await addSource.boundingBox())!;
    expect(field.y + field.height).toBeLessThanOrEqual(statusTop);

    await form.getByLabel('Name').fill('王芳');
    await form.getByLabel('Name').press('Enter');
    await expect(form).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Reviewing' })).toHaveAttribute('aria-pressed', 'true');
    const toolbar = await page.locator('.toolbar').evaluate((bar) => {
      const lines = (e: Element) => {
        const range = document.createRange();
        range.selectNodeContents(e);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      };
      return {
        overflow: bar.scrollWidth - bar.clientWidth,
        // Each item's words on one line.
        wrapped: [...bar.querySelectorAll(':scope > span, :scope button, :scope label > span')].filter((e) => e.checkVisibility() && lines(e) > 1).map((e) => e.textContent),
      };
    });
    expect(toolbar.wrapped).toEqual([]);
    expect(toolbar.overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: screens('pictures-reviewing-light-en.png') });

    await showView(page, 'en', 'dashboard');
    const chart = page.getByRole('region', { name: 'Checks over time' }).locator('svg.time-svg');
    await expect(chart).toBeVisible();
    const labels = await chart.evaluate((svg) => {
      const frame = svg.getBoundingClientRect();
      const boxes = [...svg.querySelectorAll('text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
      const days = boxes.filter((b) => b.text!.includes('/')).sort((a, b) => a.box.left - b.box.left);
      return {
        outside: boxes.filter((b) => b.box.top < frame.top || b.box.bottom > frame.bottom + 0.5).map((b) => b.text),
        tooClose: days.slice(1).filter((d, i) => d.box.left - days[i]!.box.right < 4).map((d) => d.text),
        days: days.length,
      };
    });
    expect(labels.outside).toEqual([]);
    expect(labels.days).toBeGreaterThan(3);
    expect(labels.tooClose).toEqual([]);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: no UI text in the other language on any main screen, and dates in the locale's format`, async ({ page, bench }) => {
      test.setTimeout(120_000);
      const { a } = await seed(bench);
      const saved = await rpc<{ text: string; disk: { hash: string } }>(bench, 'articles.read', { id: a });
      // A suggestion, so the Suggestions tab shows one with its actions.
      const quote = '305.7亿元';
      const start = saved.text.indexOf(quote);
      await rpc(bench, 'suggestions.add', { articleId: a, start, end: start + quote.length, quote, replacement: '306.1亿元', note: '年报', baseHash: saved.disk.hash });
      await bench.open(page, { language: lang });
      // What the user or the files brought: article text and names, the workspace folder, people's names.
      const { author } = await rpc<{ author: string }>(bench, 'workspace.info');
      const content = [saved.text, text1, text2, ...Object.keys(files), bench.root, author, 'Mary'].join('\n');
      const found: string[] = [];
      const dates: string[] = [];
      const walk = async (screen: string) => {
        await page.waitForTimeout(400);
        const r = await page.evaluate(
          ({ lang, content }) => {
            // Article text, titles and paths, claim quotes and diffs are the article's own content.
            const contentSelector = '.cm-editor, .diff-view, .claim-quote, .quote, .cell-quote, .article-path, .article-heading';
            const texts: string[] = [];
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              const el = n.parentElement;
              if (!el || !n.textContent?.trim() || el.closest(contentSelector) || el.closest('script, style')) continue;
              if (el.tagName !== 'OPTION' && !el.checkVisibility()) continue;
              texts.push(n.textContent.trim());
            }
            for (const el of document.querySelectorAll<HTMLElement>('[placeholder], [aria-label], [title]')) {
              if (!el.checkVisibility() || el.closest(contentSelector)) continue;
              for (const a of ['placeholder', 'aria-label', 'title']) {
                const v = el.getAttribute(a);
                if (v?.trim()) texts.push(v.trim());
              }
            }
            const bad: string[] = [];
            // The language menu names each language in itself; FactDesk is the brand; units and formats are codes.
            const allowed = /^(中文|English)$/;
            const codes = new Set(['FactDesk', 'UTF', 'BOM', 'LF', 'CRLF', 'CR', 'GBK', 'GB', 'TXT', 'MD', 'DOCX', 'PDF', 'HTML', 'CSV', 'JSON', 'LD', 'URL', 'Ctrl', 'Shift', 'Enter', 'Esc', 'Tab', 'Markdown', 'ClaimReview', 'Web', 'Annotation', 'Annotations', 'jsonld', 'json', 'md', 'txt', 'docx', 'pdf', 'html', 'csv', 'Word', 'Excel', 'ID', 'ISBN', 'Alt', 'Cmd', 'IPC', 'HTTP', 'SSE', 'OK']);
            for (const s of texts) {
              if (allowed.test(s) || content.includes(s)) continue;
              if (lang === 'en') {
                for (const run of s.match(/[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]+/g) ?? []) {
                  if (/^[，。：；（）、“”！？…《》【】\u3000-\u303f\uff00-\uffef]+$/.test(run) && !/[\u3400-\u9fff]/.test(run)) {
                    bad.push(`${s} (punctuation "${run}")`);
                  } else if (!content.includes(run)) bad.push(s);
                }
              } else {
                for (const word of s.match(/[A-Za-z]{2,}/g) ?? []) {
                  if (!codes.has(word) && !content.includes(word)) bad.push(`${s} [${word}]`);
                }
              }
            }
            const dates = texts.filter((s) => /\d{4}-\d{2}-\d{2}|\d{1,2}\/\d{1,2}\/\d{4}|[A-Z][a-z]{2} \d{1,2}, \d{4}|\d{4}年\d{1,2}月\d{1,2}日/.test(s));
            return { bad: [...new Set(bad)], dates };
          },
          { lang, content },
        );
        found.push(...r.bad.map((b) => `${screen}: ${b}`));
        dates.push(...r.dates);
      };
      await page.getByRole('option', { name: /招商快讯/ }).click();
      await expect(page.locator('.cm-stored').first()).toBeVisible();
      await page.locator('.claim-list.stored .claim-row').first().click();
      await walk('article + claims');
      await page.getByRole('tab', { name: words[lang].checks }).click();
      await walk('checks');
      await page.getByRole('tab', { name: words[lang].history }).click();
      await expect(page.getByRole('group', { name: words[lang].timeline })).toBeVisible();
      await walk('history');
      // Reviewing, with the Suggestions tab open: the locked-text banner, the list and its actions.
      await page.getByRole('button', { name: words[lang].reviewing, exact: true }).click();
      await page.getByRole('tab', { name: words[lang].suggestions }).click();
      await expect(page.locator('.suggestion-list .suggestion')).toHaveCount(1);
      await walk('suggestions');
      await page.keyboard.press('?');
      await expect(page.getByRole('dialog', { name: words[lang].help })).toBeVisible();
      await walk('help');
      await page.keyboard.press('Escape');
      await page.getByRole('button', { name: words[lang].export, exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await walk('export dialog');
      await page.keyboard.press('Escape');
      await showView(page, lang, 'board');
      await expect(page.locator('.board-row[aria-rowindex="2"]')).toBeVisible();
      await walk('board');
      await showView(page, lang, 'dashboard');
      await expect(page.locator('.dashboard-card').first()).toBeVisible();
      for (const d of await page.locator('.chart-table').all()) await d.locator('summary').click();
      await walk('dashboard');
      expect(found).toEqual([]);
      // Dates are written the locale's way, never as ISO or in the other locale's way.
      expect(dates.length).toBeGreaterThan(0);
      for (const d of dates) {
        expect(d, d).not.toMatch(/\d{4}-\d{2}-\d{2}/);
        if (lang === 'en') expect(d, d).not.toMatch(/年|月|日/);
        else expect(d, d).toMatch(/\d{4}年\d{1,2}月\d{1,2}日|\d{4}\/\d{1,2}\/\d{1,2}/);
      }
    });

    test(`${lang}: each main screen in both themes is saved as a screenshot, has no serious axe finding, and its chart marks have 3:1 contrast`, async ({ page, bench }) => {
      test.setTimeout(240_000);
      await seed(bench);
      await bench.open(page, { language: lang });
      await page.getByRole('option', { name: /招商快讯/ }).click();
      await expect(page.locator('.cm-stored').first()).toBeVisible();
      await page.locator('.claim-list.stored .claim-row').first().click();
      for (const theme of ['light', 'dark'] as const) {
        await chooseTheme(page, lang, theme);
        const shots: Array<[string, () => Promise<void>]> = [
          [
            'article',
            async () => {
              await showView(page, lang, 'article');
              await page.getByRole('tab', { name: words[lang].claims }).click();
            },
          ],
          [
            'history',
            async () => {
              await page.getByRole('tab', { name: words[lang].history }).click();
              await expect(page.getByRole('group', { name: words[lang].timeline })).toBeVisible();
            },
          ],
          [
            'export',
            async () => {
              await page.getByRole('button', { name: words[lang].export, exact: true }).click();
              await expect(page.getByRole('dialog')).toBeVisible();
            },
          ],
          [
            'board',
            async () => {
              await page.keyboard.press('Escape');
              await showView(page, lang, 'board');
              await expect(page.locator('.board-row[aria-rowindex="2"]')).toBeVisible();
            },
          ],
          [
            'dashboard',
            async () => {
              await showView(page, lang, 'dashboard');
              await expect(page.locator('.dashboard-card').first()).toBeVisible();
            },
          ],
        ];
        for (const [name, show] of shots) {
          await show();
          await page.waitForTimeout(300);
          await page.screenshot({ path: screens(`pictures-${name}-${theme}-${lang}.png`) });
          expect(await seriousViolations(page, { legacy: name === 'export' }), `${name} in ${theme}`).toEqual([]);
        }
        // Every colour the charts draw with stands out 3:1 from the card it is drawn on.
        const ratios = await page.evaluate(() => {
          const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) => {
            const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
          };
          const ratio = (a: number[], b: number[]) => {
            const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
            return (x! + 0.05) / (y! + 0.05);
          };
          const card = parse(getComputedStyle(document.querySelector('.dashboard-card')!).backgroundColor);
          const out: Record<string, number> = {};
          const probe = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
          document.querySelector('.dashboard-card')!.append(probe);
          for (const cls of ['pat-unchecked', 'pat-in-progress', 'pat-verified', 'pat-disputed', 'pat-unverifiable', 'pat-false', 'pat-needs-recheck', 'mark-time', 'mark-assignee', 'timeline-added', 'timeline-removed']) {
            const r = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
            r.setAttribute('class', cls);
            probe.append(r);
            out[cls] = ratio(parse(getComputedStyle(r).fill), card);
          }
          probe.remove();
          return out;
        });
        for (const [cls, r] of Object.entries(ratios)) expect(r, `${theme} ${cls}`).toBeGreaterThanOrEqual(3);
      }
    });
  }
});

test.describe('progress while a big workspace or article is taken in', () => {
  // 300 short articles and one of about 100,000 characters (some 6,000 figures: more claims than one answer carries).
  const big = longArticle(100_000);
  const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`稿件/第${i + 1}篇.txt`, `第${i + 1}篇:园区新增就业岗位${3000 + i}个。\n`]));
  test.use({ files: { ...many, '统计公报.txt': big.text } });
  const openBig = async (page: Page, quiet: () => Promise<void>) => {
    await page.getByRole('searchbox', { name: 'Filter articles' }).fill('统计公报');
    const row = page.getByRole('option', { name: /统计公报/ });
    // Its status bar counted first, and the filter's article search answered (work of their own, which a
    // loaded machine can take a second over), so what follows the click is the opening alone.
    if (await row.getByText(/claims$/).count()) await expect(row.locator('.claim-progress')).toContainText('checked');
    await quiet();
    await row.click();
  };

  test('opening a big workspace shows the progress indicator after 300 ms, until its articles are listed', async ({ page, bench }) => {
    await slowly(page, 'articles.list');
    const seenAfter = await watchProgress(page, { fromLoad: true });
    const opened = bench.open(page, { language: 'en' });
    const bar = progressBar(page, 'Opening the workspace…');
    await expect(bar).toBeVisible();
    await opened;
    await expect(page.locator('.pane-header .count').first()).toHaveText('301');
    await expect(bar).toBeHidden();
    expect(await seenAfter()).toBeGreaterThanOrEqual(290);
  });

  test('adding thousands of detected figures as claims shows the progress indicator until they are claims', async ({ page, bench }) => {
    test.setTimeout(120_000);
    const quiet = callsOf(page);
    await bench.open(page, { language: 'en' });
    await openBig(page, quiet);
    const add = page.getByRole('button', { name: /^Add [\d,]+ detected figures as claims$/ });
    await expect(add).toBeVisible({ timeout: 30_000 });
    const n = Number(/[\d,]+/.exec((await add.textContent())!)![0].replace(/,/g, ''));
    expect(n).toBeGreaterThan(5000);
    await slowly(page, 'claims.addDetected');
    await quiet();
    const seenAfter = await watchProgress(page);
    await add.click();
    const bar = progressBar(page, 'Adding figures as claims…');
    await expect(bar).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Claims/ })).toContainText(String(n), { timeout: 60_000 });
    await expect(page.getByRole('status').getByRole('progressbar')).toBeHidden();
    expect(await seenAfter()).toBeGreaterThanOrEqual(290);
  });

  test('opening an article with more claims than one answer carries shows the progress indicator until the claims are listed', async ({ page, bench }) => {
    test.setTimeout(120_000);
    const id = (await rpc<Array<{ id: string; path: string }>>(bench, 'articles.list')).find((a) => a.path === '统计公报.txt')!.id;
    const n = (await rpc<{ added: unknown[] }>(bench, 'claims.addDetected', { articleId: id })).added.length;
    expect(n).toBeGreaterThan(5000);
    const quiet = callsOf(page);
    await bench.open(page, { language: 'en' });
    // The claims come through a worker; its request is as slow as on a much bigger article.
    await slowly(page, 'claims.list');
    const seenAfter = await watchProgress(page);
    await openBig(page, quiet);
    const bar = progressBar(page, 'Opening the article…');
    // The text is there and the claims are still coming: the indicator says so.
    await expect(page.locator('.article-path')).toHaveText('统计公报.txt');
    await expect(bar).toBeVisible();
    await expect(page.getByRole('tab', { name: /^Claims/ })).toContainText(String(n), { timeout: 60_000 });
    await expect(bar).toBeHidden();
    expect(await seenAfter()).toBeGreaterThanOrEqual(290);
  });
});

test.describe('pictures for the README', () => {
  const sample = join(projectRoot, 'electron', 'services', 'sample-workspace');
  test.use({
    files: Object.fromEntries(
      [...readdirSync(sample).map((f) => [f, readFileSync(join(sample, f))] as const), ['郴州经开区招商纪实.txt', seedText] as const],
    ),
  });

  test('a desk mid-way through its week: an article with its cross-checks, the dashboard and a History timeline (test-results/screens/readme-*.png)', async ({ page, bench }) => {
    test.setTimeout(180_000);
    const list = await rpc<Array<{ id: string; path: string }>>(bench, 'articles.list');
    const people = ['王芳', '李明', null];
    const verdicts = ['verified', 'verified', 'verified', 'in-progress', 'false', 'disputed', 'unverifiable', 'verified'] as const;
    for (const [i, a] of list.entries()) {
      const r = await rpc<{ added: Array<{ id: string }> }>(bench, 'claims.addDetected', { articleId: a.id });
      for (const [k, c] of r.added.entries()) {
        if (k % 3 !== 0) await rpc(bench, 'claims.update', { articleId: a.id, claimId: c.id, assignee: people[(i + k) % 3] });
        if ((k + i) % (i + 2) === 0) await rpc(bench, 'claims.setStatus', { articleId: a.id, claimId: c.id, status: verdicts[(k + i) % verdicts.length] });
      }
    }
    const seedId = list.find((a) => a.path === '郴州经开区招商纪实.txt')!.id;
    let doc = await rpc<{ disk: { hash: string }; text: string }>(bench, 'articles.read', { id: seedId });
    for (const [from, to] of [['305.7亿元', '306.1亿元'], ['190.6%', '19.6%'], ['\n', '\n另据统计,园区全年新增就业岗位3200个。\n']] as const) {
      doc = await rpc(bench, 'articles.write', { id: seedId, text: doc.text.replace(from, to), baseHash: doc.disk.hash });
    }
    // An editor at the desk (the verdicts above were given before roles applied).
    await rpc(bench, 'profile.set', { name: '李明', role: 'editor' });
    await bench.open(page, { language: 'zh-CN' });
    await chooseTheme(page, 'zh-CN', 'light');
    // The Markdown article, its claims marked by status, and the cross-check that does not add up shown in the text.
    await page.getByRole('option', { name: /青岚经开区/ }).click();
    await page.getByRole('tab', { name: words['zh-CN'].checks }).click();
    const alarm = page.locator('.finding.finding-alarm').first();
    await expect(alarm).toContainText('货币换算');
    await alarm.click();
    await expect(page.locator('.cm-focus-alarm').first()).toBeInViewport();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screens('readme-article-light-zh-CN.png') });
    expect(await seriousViolations(page)).toEqual([]);
    await showView(page, 'zh-CN', 'dashboard');
    await expect(page.locator('.dashboard-card').first()).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screens('readme-dashboard-light-zh-CN.png') });
    await showView(page, 'zh-CN', 'article');
    await page.getByRole('option', { name: /郴州/ }).click();
    await page.getByRole('tab', { name: words['zh-CN'].history }).click();
    await expect(page.getByRole('group', { name: words['zh-CN'].timeline })).toBeVisible();
    await chooseTheme(page, 'zh-CN', 'dark');
    await page.waitForTimeout(300);
    await page.screenshot({ path: screens('readme-history-dark-zh-CN.png') });
    await setLanguage(page, 'en');
    await showView(page, 'en', 'dashboard');
    await expect(page.locator('.dashboard-card').first()).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screens('readme-dashboard-dark-en.png') });
    expect(await seriousViolations(page)).toEqual([]);
    // The English article with a claim's card open, in English, light.
    await chooseTheme(page, 'en', 'light');
    await showView(page, 'en', 'article');
    await page.getByRole('option', { name: /Port Marlow/ }).click();
    await page.getByRole('tab', { name: words.en.claims }).click();
    await page.locator('.claim-list.stored .claim-row').nth(1).click();
    await expect(page.locator('.claim-card')).toBeVisible();
    await page.waitForTimeout(300);
    await page.screenshot({ path: screens('readme-article-light-en.png') });
    expect(await seriousViolations(page)).toEqual([]);
  });
});
