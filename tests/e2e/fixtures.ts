/**
 * Each test gets a fresh temporary workspace and its own browser-mode server
 * (the built CLI, `factdesk serve`), so tests never share state.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test as base, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, promises as fs, readFileSync, realpathSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from '../helpers/browser-mode.js';

export { rpc, startServer } from '../helpers/browser-mode.js';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const teamShared = join(projectRoot, '..', 'shared');

export const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

/** The default test workspace: the seed article, a GBK copy and an English piece. */
export function defaultFiles(): Record<string, string | Uint8Array> {
  return {
    '郴州经开区招商纪实.txt': seedText,
    'gbk-copy.txt': readFileSync(join(teamShared, 'fixtures', 'encodings', 'seed-gbk.txt')),
    'english/trade.md': '# Exports rise in December\n\nExports rose 5.2 per cent to $1.2 billion in December 2019.\n',
  };
}

export interface Workbench {
  root: string;
  /** FACTDESK_HOME of the test's server (pass it to a second server). */
  home: string;
  url: string;
  server: ChildProcess;
  /** Opens the app in the page and waits for the article list. */
  open(page: Page, opts?: { language?: 'zh-CN' | 'en' }): Promise<void>;
}

export const test = base.extend<{ files: Record<string, string | Uint8Array>; bench: Workbench }>({
  files: [defaultFiles(), { option: true }],
  bench: async ({ files }, use) => {
    const root = realpathSync(mkdtempSync(join(os.tmpdir(), 'factdesk-e2e-')));
    const home = realpathSync(mkdtempSync(join(os.tmpdir(), 'factdesk-e2e-home-')));
    for (const [rel, content] of Object.entries(files)) {
      await fs.mkdir(dirname(join(root, rel)), { recursive: true });
      await fs.writeFile(join(root, rel), content);
    }
    const { url, server } = await startServer(root, home);
    await use({
      root,
      home,
      url,
      server,
      async open(page, opts = {}) {
        // Set the starting language once per tab, so a later switch survives reloads.
        await page.addInitScript((lng) => {
          if (lng && !sessionStorage.getItem('e2e.language-set')) {
            localStorage.setItem('factdesk.language', lng);
            sessionStorage.setItem('e2e.language-set', '1');
          }
        }, opts.language ?? null);
        await page.goto(url);
        await page.getByRole('listbox').first().waitFor();
      },
    });
    // A test may have killed the server already (crash recovery).
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await fs.rm(root, { recursive: true, force: true });
    await fs.rm(home, { recursive: true, force: true });
  },
});

/** Fills the first-run profile form (in either language) with a name and a role, and saves it. */
export async function saveProfile(page: Page, name: string, role: 'editor' | 'fact-checker' = 'fact-checker'): Promise<void> {
  const form = page.getByRole('form', { name: /^(Your profile|个人资料)$/ });
  await form.getByLabel(/^(Name|姓名)/).fill(name);
  await form.getByLabel(/^(Role|角色)/).selectOption(role);
  await form.getByRole('button', { name: /^(Save profile|保存资料)$/ }).click();
  await expect(form).toHaveCount(0);
}

/** axe's serious and critical findings on the page as it stands (WCAG 2.1 A and AA, colour contrast included). */
export async function seriousViolations(page: Page, opts: { legacy?: boolean } = {}): Promise<string[]> {
  // Legacy mode checks the page in place: the ordinary mode opens a second page to merge frame results,
  // which hangs while a modal dialog with a sandboxed preview frame is open.
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(opts.legacy ?? false).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

/**
 * The WCAG contrast ratio of each element matching `selector`: its `property` colour (the text's, or a line's)
 * against the background it is drawn on, translucent layers composited down to the first opaque one. With
 * `onParent` the element's own background is left out (a line drawn under a tinted mark is seen against the text's).
 */
export async function contrastOf(page: Page, selector: string, opts: { property?: 'color' | 'borderBottomColor'; onParent?: boolean } = {}): Promise<Array<{ text: string; ratio: number }>> {
  return page.evaluate(
    ({ selector, property, onParent }) => {
      const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
      const lum = ([r, g, b]: number[]) => {
        const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
        return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
      };
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
      return [...document.querySelectorAll(selector)].map((el) => {
        const under = backgroundOf(onParent ? el.parentElement : el);
        const [x, y] = [lum(over(parse(getComputedStyle(el)[property]), under)), lum(under)].sort((p, q) => q - p);
        return { text: el.textContent ?? '', ratio: (x! + 0.05) / (y! + 0.05) };
      });
    },
    { selector, property: opts.property ?? 'color', onParent: opts.onParent ?? false },
  );
}

export { expect } from '@playwright/test';
