/**
 * `npm run bench board`: the workspace claim board (issue 13) with about
 * 100,000 claims, in headless Chromium through browser mode. The claims are
 * stored through the services (claims.addDetected on long articles, every
 * kind), then the page is opened and the board shown.
 *
 * Measured: board shown → first rows on screen; a kind chosen → the
 * filtered rows on screen; a search entered → its rows on screen
 * (this includes the search box's 60 ms pause for typing).
 * Env: BENCH_BOARD_CHARS (characters per article, default 1,000,000),
 * BENCH_BOARD_ARTICLES (default 2), BENCH_DIST.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { claimKinds } from '../shared/claims/index.js';
import { longArticle } from '../tests/helpers/long-article.js';
import type { BenchSuite } from './suite.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.BENCH_DIST ?? path.join(root, 'dist');
const CHARS = Number(process.env.BENCH_BOARD_CHARS ?? 1_000_000);
const ARTICLES = Number(process.env.BENCH_BOARD_ARTICLES ?? 2);
const targets = { firstRowsMs: 500, filterMs: 200, searchMs: 200 };

async function serve(workspace: string, home: string) {
  const proc = spawn(process.execPath, [path.join(DIST, 'electron/cli.mjs'), 'serve', workspace], { env: { ...process.env, FACTDESK_HOME: home }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const u = new URL(url);
  const rpc = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await fetch(`${u.origin}/rpc/${method}`, { method: 'POST', headers: { authorization: `Bearer ${u.searchParams.get('token')}`, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await r.json()) as { ok: boolean; value?: T; error?: unknown };
    if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
    return body.value as T;
  };
  return { url, proc, rpc };
}

export const boardSuite: BenchSuite = {
  name: 'board',
  async run() {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-board-'));
    const home = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-home-'));
    const { text } = longArticle(CHARS);
    for (let i = 0; i < ARTICLES; i++) fs.writeFileSync(path.join(ws, `长文${i + 1}.txt`), text);
    const server = await serve(ws, home);
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const articles = await server.rpc<Array<{ id: string }>>('articles.list', {});
      for (const a of articles) await server.rpc('claims.addDetected', { articleId: a.id, kinds: [...claimKinds] });
      const claims = (await server.rpc<{ total: number }>('board.query', { limit: 1 })).total;
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.addInitScript(() => localStorage.setItem('factdesk.language', 'en'));
      await page.goto(server.url);
      await page.getByRole('listbox').first().waitFor();
      const rows = page.locator('.board-row[aria-rowindex="2"] .cell-quote');
      const t0 = Date.now();
      await page.keyboard.press('Control+Shift+B');
      await rows.waitFor();
      const firstRowsMs = Date.now() - t0;
      const total = page.getByRole('toolbar').locator('span.muted').first();
      const before = await total.textContent();
      const t1 = Date.now();
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('percent');
      await page.waitForFunction((b) => document.querySelector('.bulk-bar span.muted')?.textContent !== b && !!document.querySelector('.board-row[aria-rowindex="2"] .cell-quote'), before);
      const filterMs = Date.now() - t1;
      const afterFilter = await total.textContent();
      const search = page.getByRole('searchbox');
      const t2 = Date.now();
      await search.fill('12.7');
      await page.waitForFunction((b) => document.querySelector('.bulk-bar span.muted')?.textContent !== b && !!document.querySelector('.board-row[aria-rowindex="2"] .cell-quote'), afterFilter);
      const searchMs = Date.now() - t2;
      const measured = { firstRowsMs, filterMs, searchMs };
      return {
        claims,
        measured,
        targets,
        met: Object.fromEntries(Object.entries(targets).map(([k, v]) => [k, measured[k as keyof typeof measured] <= v])),
      };
    } finally {
      await browser.close();
      server.proc.kill('SIGTERM');
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    }
  },
};
