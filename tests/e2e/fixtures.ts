/**
 * Each test gets a fresh temporary workspace and its own browser-mode server
 * (the built CLI, `factdesk serve`), so tests never share state.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, type Page } from '@playwright/test';
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

/** axe's serious and critical findings on the page as it stands (WCAG 2.1 A and AA, colour contrast included). */
export async function seriousViolations(page: Page, opts: { legacy?: boolean } = {}): Promise<string[]> {
  // Legacy mode checks the page in place: the ordinary mode opens a second page to merge frame results,
  // which hangs while a modal dialog with a sandboxed preview frame is open.
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).setLegacyMode(opts.legacy ?? false).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 5).join(' | ')}`);
}

export { expect } from '@playwright/test';
