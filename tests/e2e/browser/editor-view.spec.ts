/**
 * How the workspace looks: light and dark themes, status told by colour and sign, contrast,
 * an axe scan of each main screen, and screenshots of each in both languages and themes
 * (test-results/screens/, looked at by a person).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { join } from 'node:path';
import { claimStatuses } from '../../../shared/annotations.js';
import { expect, test } from '../fixtures.js';

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

/** axe's serious and critical findings on the page as it stands (colour contrast included). */
async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
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
      // One badge and one mark per status, drawn by the app's own stylesheet beside the real ones.
      const measured = await page.evaluate((statuses) => {
        const host = document.querySelector('.editor-host .cm-content')!;
        const probe = document.createElement('div');
        probe.setAttribute('aria-hidden', 'true');
        host.append(probe);
        const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
        const lum = ([r, g, b]: number[]) => {
          const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
          return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
        };
        // A translucent colour shows the colour under it: composite down to the first opaque background.
        const over = (top: number[], under: number[]) => {
          const a = top[3] ?? 1;
          return [0, 1, 2].map((i) => top[i]! * a + under[i]! * (1 - a));
        };
        const backgroundOf = (el: Element | null): number[] => {
          const layers: number[][] = [];
          for (let e = el; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if ((c[3] ?? 1) > 0) layers.push(c);
            if ((c[3] ?? 1) === 1) break;
          }
          return layers.reverse().reduce((acc, c) => over(c, acc), [255, 255, 255]);
        };
        const ratio = (a: number[], b: number[]) => {
          const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
          return (x! + 0.05) / (y! + 0.05);
        };
        const out: Record<string, { text: number; mark: number; sign: string; line: string }> = {};
        for (const s of statuses) {
          const badge = document.createElement('span');
          badge.className = `status-badge status-${s}`;
          badge.textContent = s;
          const mark = document.createElement('span');
          mark.className = `cm-stored cm-status-${s}`;
          mark.textContent = '305.7亿元';
          probe.append(badge, mark);
          const b = getComputedStyle(badge);
          const m = getComputedStyle(mark);
          out[s] = {
            text: ratio(over(parse(b.color), backgroundOf(badge)), backgroundOf(badge)),
            mark: ratio(parse(m.borderBottomColor), backgroundOf(mark.parentElement)),
            sign: getComputedStyle(badge, '::before').content,
            line: `${m.borderBottomStyle}|${m.backgroundImage === 'none' ? '' : 'striped'}`,
          };
        }
        probe.remove();
        return out;
      }, [...claimStatuses]);
      for (const s of claimStatuses) {
        expect(measured[s]!.text, `${theme} ${s} badge text`).toBeGreaterThanOrEqual(4.5);
        expect(measured[s]!.mark, `${theme} ${s} mark line`).toBeGreaterThanOrEqual(3);
        expect(measured[s]!.sign, `${theme} ${s} sign`).not.toMatch(/^(none|normal)$/);
      }
      // No two statuses share both a sign and a line style.
      expect(new Set(claimStatuses.map((s) => measured[s]!.sign)).size).toBe(claimStatuses.length);
      expect(new Set(['unchecked', 'in-progress', 'verified', 'disputed', 'false', 'needs-recheck'].map((s) => measured[s]!.line)).size).toBe(6);
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
