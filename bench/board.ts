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
 * claims" on screen (page → services → durable writes → progress done), the
 * values its progress bar showed on the way, and its Undo; beside it, the same change and undo asked of the services
 * directly over HTTP (the peer: what the page adds).
 *
 * Then a cold session on a workspace of many articles (BENCH_BOARD_MANY,
 * default 500, about 210 claims each, over 100,000 in all), the server
 * started afresh for each reading (the files in the OS cache, nothing in the
 * server's memory), the page opened as soon as the server prints its address:
 * page load with the board open → first rows (also from the board shown),
 * with the digests the last session left (.factdesk/digests) and without
 * them (every sidecar read: the first open after they were deleted), and a
 * kind chosen as soon as the rows show → the filtered rows; and
 * page load with the article list → list and progress bars shown →
 * Ctrl+Shift+B → first rows; with the calls the page made for the bars (one,
 * not one per article). Times are the page's own (performance.now from
 * navigation start).
 * Env: BENCH_BOARD_CHARS (characters per article, default 1,000,000),
 * BENCH_BOARD_ARTICLES (default 2), BENCH_BOARD_MANY (0 skips the cold
 * session), BENCH_BOARD_COLD_RUNS (readings of each, default 3), BENCH_DIST,
 * BENCH_TRACE=DIR / BENCH_PROFILE=DIR (a Chromium trace / CPU profile of the scroll).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { claimKinds } from '../shared/claims/index.js';
import { longArticle } from '../tests/helpers/long-article.js';
import type { BenchSuite } from './suite.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.env.BENCH_DIST ?? path.join(root, 'dist');
const CHARS = Number(process.env.BENCH_BOARD_CHARS ?? 1_000_000);
const ARTICLES = Number(process.env.BENCH_BOARD_ARTICLES ?? 2);
const targets = { firstRowsMs: 500, filterMs: 200, searchMs: 200, scrollLongestTaskMs: 50, bulk10kMs: 2000 };
const BULK = Number(process.env.BENCH_BOARD_BULK ?? 10_000);
const MANY = Number(process.env.BENCH_BOARD_MANY ?? 500);
const COLD_RUNS = Number(process.env.BENCH_BOARD_COLD_RUNS ?? 3);
/** BENCH_TRACE=DIR: a Chromium trace of the scroll (board-scroll.json); BENCH_PROFILE=DIR: its CPU profile. */
const TRACE_DIR = process.env.BENCH_TRACE;
const PROFILE_DIR = process.env.BENCH_PROFILE;

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

/** `n` short articles of about 3,400 characters (about 210 figures each), no two alike. */
function manyArticles(workspace: string, n: number): void {
  const { paragraphs } = longArticle(n * 3_600);
  let p = 0;
  for (let i = 0; i < n; i++) {
    const parts: string[] = [];
    for (let size = 0; size < 3_400; ) {
      const x = paragraphs[p++ % paragraphs.length]!;
      parts.push(x);
      size += x.length + 2;
    }
    fs.writeFileSync(path.join(workspace, `稿件${String(i + 1).padStart(3, '0')}.txt`), parts.join('\n\n') + '\n');
  }
}

/** Installed before the app: when the first board row and the first progress bar appear (ms from navigation start). */
const coldProbe = `var __name = (f) => f; (${function probe() {
  const w = window as unknown as { coldMarks: Record<string, number> };
  w.coldMarks = {};
  // The calls are counted from resource timing, which keeps 250 entries unless told otherwise.
  performance.setResourceTimingBufferSize(100_000);
  new MutationObserver(() => {
    if (w.coldMarks.firstRow === undefined && document.querySelector('.board-row[aria-rowindex="2"] .cell-quote')) w.coldMarks.firstRow = performance.now();
    if (w.coldMarks.board === undefined && document.querySelector('.board-scroll')) w.coldMarks.board = performance.now();
    if (w.coldMarks.list === undefined && document.querySelector('[role="listbox"] [role="option"]')) w.coldMarks.list = performance.now();
    if (w.coldMarks.bars === undefined && document.querySelector('[role="listbox"] .claim-progress')) w.coldMarks.bars = performance.now();
  }).observe(document, { subtree: true, childList: true });
}.toString()})()`;

/**
 * The cold session: a fresh server on the many-article workspace for each reading. `board`: the
 * page loads with the board open (the view a reload keeps); `list`: it loads with the article
 * list, and once the list and its bars show, Ctrl+Shift+B opens the board.
 */
/** One reading of a cold session (ms from navigation start, but `firstFilterMs` and `boardFirstRowsMs`: from the key or choice). */
interface ColdReading {
  serverStartMs: number;
  firstRowsMs?: number;
  boardShownMs?: number;
  firstFilterMs?: number;
  listMs?: number;
  barsMs?: number;
  boardFirstRowsMs?: number;
  calls: { statusCounts: number; boardQuery: number };
}

async function coldSession(browser: Browser, workspace: string, home: string, how: 'board' | 'list' | 'board-no-digests'): Promise<ColdReading> {
  // Without the digests the last session left (first open after an upgrade, or the file deleted), every sidecar is read.
  if (how === 'board-no-digests') fs.rmSync(path.join(workspace, '.factdesk', 'digests'), { force: true });
  const t0 = Date.now();
  const server = await serve(workspace, home);
  const serverStartMs = Date.now() - t0;
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  try {
    await page.addInitScript((view) => {
      localStorage.setItem('factdesk.language', 'en');
      sessionStorage.setItem('factdesk.view', view);
    }, how === 'list' ? 'article' : 'board');
    await page.addInitScript({ content: coldProbe });
    await page.goto(server.url);
    const marks = () => page.evaluate(() => (window as unknown as { coldMarks: Record<string, number> }).coldMarks);
    const calls = () =>
      page.evaluate(() => {
        const rpc = performance.getEntriesByType('resource').map((e) => e.name);
        return { statusCounts: rpc.filter((n) => n.endsWith('/rpc/articles.statusCounts')).length, boardQuery: rpc.filter((n) => n.endsWith('/rpc/board.query')).length };
      });
    if (how !== 'list') {
      await page.waitForFunction(() => (window as unknown as { coldMarks: Record<string, number> }).coldMarks.firstRow !== undefined, undefined, { timeout: 60_000 });
      const m = await marks();
      const shown = { serverStartMs, firstRowsMs: Math.round(m.firstRow!), boardShownMs: Math.round(m.board!), calls: await calls() };
      if (how !== 'board') return shown;
      // A filter chosen as soon as the rows show (the rows of every article may not be made yet).
      const total = page.getByRole('toolbar').locator('span.muted').first();
      const before = await total.textContent();
      const t1 = Date.now();
      await page.getByRole('combobox', { name: 'Kind' }).selectOption('percent');
      await page.waitForFunction((b) => document.querySelector('.bulk-bar span.muted')?.textContent !== b && !!document.querySelector('.board-row[aria-rowindex="2"] .cell-quote'), before);
      return { ...shown, firstFilterMs: Date.now() - t1 };
    }
    await page.waitForFunction(() => (window as unknown as { coldMarks: Record<string, number> }).coldMarks.bars !== undefined, undefined, { timeout: 60_000 });
    const shown = await page.evaluate(() => performance.now());
    await page.keyboard.press('Control+Shift+B');
    await page.waitForFunction(() => (window as unknown as { coldMarks: Record<string, number> }).coldMarks.firstRow !== undefined, undefined, { timeout: 60_000 });
    const m = await marks();
    return { serverStartMs, listMs: Math.round(m.list!), barsMs: Math.round(m.bars!), boardFirstRowsMs: Math.round(m.firstRow! - shown), calls: await calls() };
  } finally {
    await page.close();
    server.proc.kill('SIGTERM');
    await new Promise((r) => server.proc.once('exit', r));
  }
}

async function coldSuite(browser: Browser) {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-board-many-'));
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-home-'));
  try {
    manyArticles(ws, MANY);
    const server = await serve(ws, home);
    let claims = 0;
    try {
      for (const a of await server.rpc<Array<{ id: string }>>('articles.list', {})) await server.rpc('claims.addDetected', { articleId: a.id, kinds: [...claimKinds] });
      claims = (await server.rpc<{ total: number }>('board.query', { limit: 1 })).total;
    } finally {
      server.proc.kill('SIGTERM');
      await new Promise((r) => server.proc.once('exit', r));
    }
    const board: ColdReading[] = [];
    const list: ColdReading[] = [];
    const noDigests: ColdReading[] = [];
    // Interleaved, so all see the same load. Each session leaves its digests for the next; the
    // first (no digests yet: the claims were added by a session that read no sidecar) and every
    // no-digests reading read every sidecar.
    for (let i = 0; i < COLD_RUNS; i++) {
      noDigests.push(await coldSession(browser, ws, home, 'board-no-digests'));
      board.push(await coldSession(browser, ws, home, 'board'));
      list.push(await coldSession(browser, ws, home, 'list'));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    return {
      articles: MANY,
      claims,
      firstRowsFromLoadMs: median(board.map((r) => r.firstRowsMs!)),
      boardShownToFirstRowsMs: median(board.map((r) => r.firstRowsMs! - r.boardShownMs!)),
      firstFilterMs: median(board.map((r) => r.firstFilterMs!)),
      listThenBoardFirstRowsMs: median(list.map((r) => r.boardFirstRowsMs!)),
      noDigestsFirstRowsFromLoadMs: median(noDigests.map((r) => r.firstRowsMs!)),
      runs: { board, list, noDigests },
      load: os.loadavg().map((l) => +l.toFixed(2)),
    };
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
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
      const cdp = PROFILE_DIR ? await page.context().newCDPSession(page) : null;
      if (TRACE_DIR) {
        fs.mkdirSync(TRACE_DIR, { recursive: true });
        await browser.startTracing(page, { path: path.join(TRACE_DIR, 'board-scroll.json'), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'] });
      }
      if (cdp) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await cdp.send('Profiler.start');
      }
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
      if (TRACE_DIR) await browser.stopTracing();
      if (cdp) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.mkdirSync(PROFILE_DIR!, { recursive: true });
        fs.writeFileSync(path.join(PROFILE_DIR!, 'board-scroll.cpuprofile'), JSON.stringify(profile));
      }
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
          // The values the bar showed, each once (until the change is done: the undo's come after).
          if (p && !w.marks.changeEnd && w.progressSeen.at(-1) !== p.value) w.progressSeen.push(p.value);
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
      const progressSeen = await page.evaluate(() => (window as unknown as { progressSeen: number[] }).progressSeen);
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

      const load = os.loadavg().map((l) => +l.toFixed(2));
      server.proc.kill('SIGTERM');
      const cold = MANY > 0 ? await coldSuite(browser) : null;
      const measured = {
        firstRowsMs,
        filterMs,
        searchMs,
        scrollLongestTaskMs,
        bulk10kMs: inPage.changeMs,
        ...(cold ? { coldFirstRowsMs: cold.firstRowsFromLoadMs, coldListThenBoardMs: cold.listThenBoardFirstRowsMs } : {}),
      };
      const allTargets = { ...targets, ...(cold ? { coldFirstRowsMs: targets.firstRowsMs, coldListThenBoardMs: targets.firstRowsMs } : {}) };
      return {
        claims,
        scroll: { ms: scrollMs, longTasks: longTasks.length, longestMs: scrollLongestTaskMs, over50: longTasks.filter((d) => d > 50).length },
        bulk: { claims: n, page: { changeMs: inPage.changeMs, rpcMs, undoMs: inPage.undoMs, waitedMs: { change: bulkMs, undo: undoWaitedMs }, shown: changedText, progressShown: progressSeen }, services: { changeMs: servicesBulkMs, undoMs: servicesUndoMs, changed: direct.changed } },
        load,
        cold,
        measured,
        targets: allTargets,
        met: Object.fromEntries(Object.entries(allTargets).map(([k, v]) => [k, (measured[k as keyof typeof measured] ?? Infinity) <= v])),
      };
    } finally {
      await browser.close();
      server.proc.kill('SIGTERM');
      fs.rmSync(ws, { recursive: true, force: true });
      fs.rmSync(home, { recursive: true, force: true });
    }
  },
};
