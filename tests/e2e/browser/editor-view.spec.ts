/**
 * How the workspace looks: light and dark themes, status told by colour and sign, contrast,
 * an axe scan of each main screen, and screenshots of each in both languages and themes
 * (test-results/screens/, looked at by a person).
 */
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { claimStatuses } from '../../../shared/annotations.js';
import { contrastOf, expect, seriousViolations, test } from '../fixtures.js';

const text = '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。\n\n完成外贸进出口19.5亿美元,折合人民币130.6亿元。\n\n全年实际利用外资3.2亿美元,其中12月份0.8亿美元。\n';
const screens = (name: string) => join('test-results', 'screens', name);

const words = {
  en: { add: /Add \d+ detected figures as claims/, claims: /Claims/, checks: /Cross-checks/, history: /History/, record: 'Record verdict', theme: 'Theme', dark: 'Dark', light: 'Light' },
  'zh-CN': { add: /个检测到的数字添加为断言|添加/, claims: /断言|事实/, checks: /交叉|核对/, history: /历史/, record: /记录/, theme: '主题', dark: '深色', light: '浅色' },
} as const;
type Lang = keyof typeof words;

/** Opens the article, adds its figures as claims and gives three of them a verdict. */
async function reviewArticle(page: Page, lang: Lang) {
  await page.getByRole('option', { name: /招商快讯/ }).click();
  await page.getByRole('button', { name: words[lang].add }).first().click();
  await expect(page.locator('.cm-stored').first()).toBeVisible();
  const verdicts = ['verified', 'false', 'disputed', 'in-progress'] as const;
  for (const [i, s] of verdicts.entries()) {
    await page.locator('.claim-list.stored .claim-row').nth(i).click();
    const card = page.locator('.claim-card');
    await card.locator(`.status-option.status-${s}`).click();
    await card.getByRole('button', { name: words[lang].record }).click();
    await expect(page.locator('.claim-list.stored .claim-row').nth(i).locator(`.status-badge.status-${s}`)).toBeVisible();
  }
}

async function setLanguage(page: Page, lang: Lang) {
  await page.locator('.lang-switch select').selectOption(lang);
}

async function chooseTheme(page: Page, lang: Lang, theme: 'light' | 'dark') {
  await page.getByRole('combobox', { name: words[lang].theme }).selectOption(theme);
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

test.describe('the editor view', () => {
  test.use({ files: { '招商快讯.txt': text, 'notes.md': '# 说明\n\n本周**重点**稿件。\n' } });

  test('the theme follows the OS until the user picks one, and the pick is remembered', async ({ page, bench }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await bench.open(page, { language: 'en' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const paneDark = await page.locator('.pane-article').evaluate((e) => getComputedStyle(e).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const paneLight = await page.locator('.pane-article').evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(paneDark).not.toBe(paneLight);

    await chooseTheme(page, 'en', 'dark');
    await page.reload();
    await page.getByRole('listbox').first().waitFor();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await expect(page.getByRole('combobox', { name: 'Theme' })).toHaveValue('dark');
  });

  test('status is told by sign and line style as well as colour, with enough contrast in both themes', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await reviewArticle(page, 'en');
    for (const theme of ['light', 'dark'] as const) {
      await chooseTheme(page, 'en', theme);
      // One badge, one mark and one status-bar segment per status, drawn by the app's own stylesheet beside the real ones.
      const looks = await page.evaluate((statuses) => {
        const probe = document.createElement('div');
        probe.className = 'contrast-probe';
        probe.setAttribute('aria-hidden', 'true');
        // Beside the editor, not in it (the editor puts back its own DOM), on the same background.
        document.querySelector('.editor-host')!.append(probe);
        const bar = document.createElement('span');
        bar.className = 'claim-progress-bar';
        probe.append(bar);
        // What a line or pattern looks like, whatever its colour.
        const shape = (image: string) => image.replace(/rgba?\([^)]*\)/g, 'C');
        const out: Record<string, { sign: string; line: string; colour: string; segment: string }> = {};
        for (const s of statuses) {
          const badge = document.createElement('span');
          badge.className = `status-badge status-${s}`;
          badge.textContent = s;
          const mark = document.createElement('span');
          mark.className = `cm-stored cm-status-${s}`;
          mark.textContent = '305.7亿元';
          const segment = document.createElement('span');
          segment.className = `status-segment segment-${s}`;
          probe.append(badge, mark);
          bar.append(segment);
          const m = getComputedStyle(mark);
          const g = getComputedStyle(segment);
          out[s] = {
            sign: getComputedStyle(badge, '::before').content,
            line: `${m.borderBottomStyle} ${m.borderBottomWidth} ${shape(m.backgroundImage)}`,
            colour: m.borderBottomColor,
            segment: `${shape(g.backgroundImage)} ${g.backgroundSize}`,
          };
        }
        return out;
      }, [...claimStatuses]);
      const badges = await contrastOf(page, '.contrast-probe .status-badge');
      const marks = await contrastOf(page, '.contrast-probe .cm-stored', { property: 'borderBottomColor', onParent: true });
      await page.evaluate(() => document.querySelector('.contrast-probe')?.remove());
      for (const [i, s] of claimStatuses.entries()) {
        expect(badges[i]!.ratio, `${theme} ${s} badge text`).toBeGreaterThanOrEqual(4.5);
        expect(marks[i]!.ratio, `${theme} ${s} mark line`).toBeGreaterThanOrEqual(3);
        expect(looks[s]!.sign, `${theme} ${s} sign`).not.toMatch(/^(none|normal)$/);
      }
      // No two statuses share a sign, a line style in the text, or a pattern in the status bars.
      const distinct = (of: (s: string) => string) => new Set(claimStatuses.map(of)).size;
      expect(distinct((s) => looks[s]!.sign)).toBe(claimStatuses.length);
      expect(distinct((s) => looks[s]!.line)).toBe(claimStatuses.length);
      expect(distinct((s) => looks[s]!.segment)).toBe(claimStatuses.length);
      // Only false and needs re-check (both: this figure is wrong now) share a colour.
      expect(distinct((s) => looks[s]!.colour)).toBe(claimStatuses.length - 1);
      expect(looks['needs-recheck']!.colour).toBe(looks.false!.colour);
    }
    // The real marks in the text carry their status too.
    await expect(page.locator('.cm-status-false')).toHaveCSS('border-bottom-style', 'double');
  });

  test('the article list and the claims panel show how many claims are checked, as a bar and in words', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await reviewArticle(page, 'en');
    const total = await page.locator('.claim-list.stored .claim-row').count();
    // Verified and false are verdicts; disputed and in progress still ask for work.
    const panel = page.locator('.claims-panel .claim-progress');
    await expect(panel).toContainText(`2 / ${total} checked`);
    await expect(panel.getByRole('img')).toHaveAccessibleName(/Verified 1, .*False 1/);
    const row = page.getByRole('option', { name: /招商快讯/ });
    await expect(row.locator('.claim-progress')).toContainText(`2 / ${total} checked`);

    await page.locator('.claim-list.stored .claim-row').nth(2).click();
    await page.locator('.claim-card .status-option.status-verified').click();
    await page.locator('.claim-card').getByRole('button', { name: 'Record verdict' }).click();
    await expect(panel).toContainText(`3 / ${total} checked`);
    await expect(row.locator('.claim-progress')).toContainText(`3 / ${total} checked`);
    await setLanguage(page, 'zh-CN');
    await expect(row.locator('.claim-progress')).toContainText(`已核查 3 / ${total}`);
  });

  for (const lang of ['en', 'zh-CN'] as const) {
    test(`${lang}: each main screen in both themes has no serious axe finding, and is saved as a screenshot`, async ({ page, bench }) => {
      test.setTimeout(180_000);
      await bench.open(page, { language: lang });
      await reviewArticle(page, lang);
      await page.locator('.claim-list.stored .claim-row').first().click();
      for (const theme of ['light', 'dark'] as const) {
        await chooseTheme(page, lang, theme);
        const screensByName: Array<[string, () => Promise<void>]> = [
          ['claims', () => page.getByRole('tab', { name: words[lang].claims }).click()],
          ['checks', () => page.getByRole('tab', { name: words[lang].checks }).click()],
          ['history', () => page.getByRole('tab', { name: words[lang].history }).click()],
        ];
        for (const [name, show] of screensByName) {
          await show();
          await page.waitForTimeout(300);
          await page.screenshot({ path: screens(`${name}-${theme}-${lang}.png`) });
          expect(await seriousViolations(page), `${name} in ${theme}`).toEqual([]);
        }
      }
    });
  }
});

test.describe('Markdown as an editor sees it', () => {
  const md = '# 园区去年引进项目52个\n\n本周*重点*稿件:**项目总投资305.7亿元**,详见[郴州经开区](https://example.gov.cn)。\n\n- 外贸进出口19.5亿美元\n- 同比增长190.6%\n\n> 全年实际利用外资3.2亿美元\n';
  test.use({ files: { '园区.md': md, '园区.txt': md } });
  const editor = (page: Page) => page.getByTestId('article-text').locator('.cm-content');

  /** How `words` are drawn: the style of the text node holding them and the classes around them up to the line. */
  const drawn = (page: Page, words: string) =>
    editor(page).evaluate((el, w) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent!.includes(w)) continue;
        const classes: string[] = [];
        for (let e = n.parentElement; e && !e.classList.contains('cm-line'); e = e.parentElement) classes.push(...e.classList);
        const s = getComputedStyle(n.parentElement!);
        return { classes, fontWeight: s.fontWeight, fontStyle: s.fontStyle, color: s.color, underline: s.textDecorationLine.includes('underline'), fontSize: parseFloat(s.fontSize) };
      }
      throw new Error(`no ${w} in the editor`);
    }, words);

  test('.md: headings, emphasis, links, list markers and quotes are styled, claims are found inside them, every colour reads 4.5:1 and axe finds nothing serious, in both themes; .txt stays plain', async ({ page, bench }) => {
    await bench.open(page, { language: 'en' });
    await page.getByRole('option', { name: /园区\.md/ }).click();
    await expect(editor(page).locator('.cm-claim').first()).toBeVisible();
    const body = await drawn(page, '稿件');
    const heading = await drawn(page, '园区去年');
    expect(heading.fontWeight).toBe('700');
    expect(heading.fontSize).toBeGreaterThan(body.fontSize);
    expect((await drawn(page, '重点')).fontStyle).toBe('italic');
    const link = await drawn(page, '郴州经开区');
    expect(link.underline).toBe(true);
    expect(link.color).not.toBe(body.color);
    expect((await drawn(page, '全年实际')).fontStyle).toBe('italic');
    // A list: its markers are marked, its words are drawn like any paragraph's.
    await expect(editor(page).locator('.md-list-mark')).toHaveText(['-', '-']);
    const item = await drawn(page, '外贸进出口');
    expect([item.color, item.fontWeight, item.fontStyle]).toEqual([body.color, body.fontWeight, body.fontStyle]);
    // Figures are claims inside a heading, bold words and a list item, styled like their words.
    const inHeading = await drawn(page, '52个');
    expect(inHeading.classes).toEqual(expect.arrayContaining(['cm-claim', 'md-heading']));
    expect(inHeading.fontWeight).toBe('700');
    const inBold = await drawn(page, '305.7亿元');
    expect(inBold.classes).toEqual(expect.arrayContaining(['cm-claim', 'md-strong']));
    expect(inBold.fontWeight).toBe('700');
    expect((await drawn(page, '19.5亿美元')).classes).toContain('cm-claim');
    expect((await drawn(page, '190.6%')).classes).toContain('cm-claim');
    await expect(page.getByRole('button', { name: /Add 5 detected figures as claims/ })).toBeVisible();

    for (const theme of ['light', 'dark'] as const) {
      await chooseTheme(page, 'en', theme);
      const colours = await contrastOf(page, '.cm-content [class*="md-"]');
      expect(colours.length).toBeGreaterThan(10);
      for (const c of colours) expect(c.ratio, `${theme} “${c.text}”`).toBeGreaterThanOrEqual(4.5);
      await page.screenshot({ path: screens(`markdown-${theme}-en.png`) });
      expect(await seriousViolations(page), theme).toEqual([]);
    }

    // The same text in a .txt article is plain text: no Markdown styling at all, the figures still found.
    await page.getByRole('option', { name: /园区\.txt/ }).click();
    await expect(page.locator('.article-path')).toHaveText('园区.txt');
    await expect(editor(page).locator('.cm-claim').first()).toBeVisible();
    await expect(editor(page).locator('[class*="md-"]')).toHaveCount(0);
    const plain = await drawn(page, '园区去年');
    expect(plain.fontWeight).toBe(body.fontWeight);
    expect(plain.fontSize).toBe(body.fontSize);
    expect((await drawn(page, '重点')).fontStyle).toBe('normal');
  });
});
