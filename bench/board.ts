/**
 * `npm run bench board`: the workspace claim board (issue 13) with about
 * 100,000 claims, in headless Chromium through browser mode. The claims are
 * stored through the services (claims.addDetected on long articles, every
 * kind), then the page is opened and the board shown.
 *
 * Measured: board shown → first rows on screen; a kind chosen → the
 * filtered rows on screen; a search entered → its rows on screen
 * (this includes the search box's 60 ms pause for typing); scrolling the
 * whole board (wheel steps, then jumps as a dragged scroll bar makes) →
 * the long tasks (> 50 ms) the page had meanwhile; a bulk status change of
 * 10,000 claims chosen in the page (a box, the scroll bar dragged, Shift+click) → "Changed N
 * claims" on screen (page → services → durable writes → progress done), and
 * its Undo; beside it, the same change and undo asked of the services
 * directly over HTTP (the peer: what the page adds).
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
const targets = { firstRowsMs: 500, filterMs: 200, searchMs: 200, scrollLongestTaskMs: 50, bulk10kMs: 2000 };
const BULK = Number(process.env.BENCH_BOARD_BULK ?? 10_000);

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

      // Scrolling the whole board: long tasks while wheel-scrolling and jumping.
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await search.fill('');
      await page.waitForFunction((n) => document.querySelector('.bulk-bar span.muted')?.textContent === `${n.toLocaleString('en')} claims` || document.querySelector('.bulk-bar span.muted')?.textContent === `${n} claims`, claims);
      await rows.waitFor();
      await page.evaluate(() => {
        const w = window as unknown as { longTasks: number[] };
        w.longTasks = [];
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) w.longTasks.push(e.duration);
        }).observe({ type: 'longtask' });
      });
      const scroller = page.locator('.board-scroll');
      const box = (await scroller.boundingBox())!;
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      const t3 = Date.now();
      for (let i = 0; i < 60; i++) {
        await page.mouse.wheel(0, 900);
        await page.waitForTimeout(16);
      }
      for (let i = 1; i <= 10; i++) {
        await scroller.evaluate((el, f) => (el.scrollTop = el.scrollHeight * f), (i * 0.097) % 1);
        await page.waitForTimeout(120);
      }
      await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
      await page.locator(`.board-row[aria-rowindex="${claims + 1}"] .cell-quote`).waitFor();
      const scrollMs = Date.now() - t3;
      const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
      const scrollLongestTaskMs = Math.round(Math.max(0, ...longTasks));
      await scroller.evaluate((el) => (el.scrollTop = 0));

      // A bulk change of BULK claims chosen as a checker would: the first row's box, the scroll bar
      // dragged down, Shift+click on row BULK (the rows between were never fetched: the services name them).
      const beforeMoney = await total.textContent();
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('money');
      await page.waitForFunction((b) => document.querySelector('.bulk-bar span.muted')?.textContent !== b, beforeMoney);
      await rows.waitFor();
      const inFilter = Number((await total.textContent())!.replace(/\D/g, ''));
      const n = Math.min(BULK, inFilter);
      await page.locator('.board-row[aria-rowindex="2"] input[type=checkbox]').click();
      await scroller.evaluate((el, top) => (el.scrollTop = top), (n - 5) * 34);
      const lastOfRange = page.locator(`.board-row[aria-rowindex="${n + 1}"]`);
      await lastOfRange.locator('.cell-quote').filter({ hasText: /\S/ }).waitFor();
      await lastOfRange.click({ modifiers: ['Shift'] });
      await page.waitForFunction((k) => document.querySelector('.bulk-bar')?.textContent?.replace(/,/g, '').includes(`${k} selected`), n);
      // Progress as it goes: the page records whether a progress bar showed and how far it got.
      // Timed in the page (Playwright's waiting polls, which would add its own steps): from the
      // change event (or the Undo click) to the first mutation that shows the message.
      await page.evaluate(() => {
        const w = window as unknown as { progressSeen: number[]; marks: Record<string, number> };
        w.progressSeen = [];
        w.marks = {};
        document.addEventListener('change', (e) => (e.target as Element).closest('.bulk-bar') && (w.marks.changeStart ??= performance.now()), true);
        document.addEventListener('click', (e) => (e.target as Element).closest('.bulk-done button') && (w.marks.undoStart ??= performance.now()), true);
        new MutationObserver(() => {
          const p = document.querySelector<HTMLProgressElement>('.bulk-bar progress');
          if (p) w.progressSeen.push(p.value);
          const done = document.querySelector('.bulk-bar .bulk-done')?.textContent ?? '';
          if (done.startsWith('Changed')) w.marks.changeEnd ??= performance.now();
          if (done.startsWith('Undid')) w.marks.undoEnd ??= performance.now();
        }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
      });
      const done = page.locator('.bulk-bar .bulk-done');
      const t4 = Date.now();
      await page.getByRole('combobox', { name: 'Set status…' }).selectOption('in-progress');
      await done.filter({ hasText: /^Changed/ }).waitFor({ timeout: 120_000 });
      const bulkMs = Date.now() - t4;
      const changedText = await done.textContent();
      const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen.length);
      // The call itself as the page saw it (request sent → answer received), within the time to the message.
      const rpcMs = await page.evaluate(() => Math.round(performance.getEntriesByType('resource').filter((e) => e.name.includes('/rpc/claims.bulk')).at(-1)?.duration ?? -1));
      const t5 = Date.now();
      await done.getByRole('button', { name: 'Undo' }).click();
      await done.filter({ hasText: /^Undid/ }).waitFor({ timeout: 120_000 });
      const undoWaitedMs = Date.now() - t5;
      const marks = await page.evaluate(() => (window as unknown as { marks: Record<string, number> }).marks);
      const inPage = { changeMs: Math.round(marks.changeEnd! - marks.changeStart!), undoMs: Math.round(marks.undoEnd! - marks.undoStart!) };

      // The peer: the same change and undo asked of the services directly (no page).
      const targetsOf = await server.rpc<Array<{ articleId: string; claimId: string }>>('board.select', { kind: ['money'], range: { from: 0, to: n } });
      const t6 = Date.now();
      const direct = await server.rpc<{ batchId: string; changed: number }>('claims.bulk', { targets: targetsOf, status: 'in-progress' });
      const servicesBulkMs = Date.now() - t6;
      const t7 = Date.now();
      await server.rpc('claims.undoBulk', { batchId: direct.batchId });
      const servicesUndoMs = Date.now() - t7;

      const measured = { firstRowsMs, filterMs, searchMs, scrollLongestTaskMs, bulk10kMs: inPage.changeMs };
      return {
        claims,
        scroll: { ms: scrollMs, longTasks: longTasks.length, longestMs: scrollLongestTaskMs, over50: longTasks.filter((d) => d > 50).length },
        bulk: { claims: n, page: { changeMs: inPage.changeMs, rpcMs, undoMs: inPage.undoMs, waitedMs: { change: bulkMs, undo: undoWaitedMs }, shown: changedText, progressUpdates: progressSeen }, services: { changeMs: servicesBulkMs, undoMs: servicesUndoMs, changed: direct.changed } },
        load: os.loadavg().map((l) => +l.toFixed(2)),
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
