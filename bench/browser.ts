/**
 * `npm run bench browser`: the app itself on long articles (issue 12), in
 * headless Chromium through browser mode, the way an editor meets it.
 *
 * Articles, all in one run so the machine's load is the same for each:
 * - `seed`: the seed article (../shared/seed/), the reference;
 * - `1mb-2k`: about 1,000,000 characters of Chinese economic news built from
 *   the fixture articles (digits redrawn so no two copies are alike), with
 *   about 2,000 of its figures stored as claims, spread over the whole text;
 * - `1mb-30k`: the same text with about 30,000 of its figures stored (the
 *   fixtures are dense: the text has about 60,000).
 * Claims are stored through the services (the browser-mode host's RPC), the
 * same way the app stores them.
 *
 * Per article: open → text on screen; open → interactive (text on screen and
 * no task over 50 ms after it); a key typed the moment the text shows up, on
 * screen; highlights and lists filled; the longest task while opening. Typing
 * in the middle of the text at a brisk typist's pace, per key (p50/p95):
 * `keyToPaint*` (the targets' reading), the renderer's main-thread time from
 * the key's first event to the end of the frame that shows it, read from a
 * Chromium trace, idle gaps left out; `keyWork*`, from the input event until
 * the page is free again, idle waits included (after a keyup Chromium holds
 * other tasks back until the next frame, so for a digit this includes up to a
 * frame of waiting and for a Chinese character typed as text it does not:
 * bare CodeMirror reads 2 ms for one and 15 for the other); and until the end
 * of the next frame. Long tasks while typing. JS heap and DOM nodes after GC,
 * with the detected-figures list opened. The same keys are typed into bare
 * CodeMirror (the peer) in the same run.
 *
 * Env: BENCH_KEYS (keys typed per article, default 40), BENCH_RUNS (opens per
 * article, default 1), BENCH_ONLY (comma-separated article names),
 * BENCH_PROFILE=DIR (CPU profiles of opening and typing per article), BENCH_TRACE=DIR
 * (Chromium traces of the first open and of typing), BENCH_NO_PEER (skip the peer),
 * BENCH_DIST (the build to measure, default dist/).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type CDPSession, type Page } from '@playwright/test';
import { everyNthParagraph, longArticle } from '../tests/helpers/long-article.js';
import type { BenchSuite } from './suite.js';
import { build } from 'esbuild';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const sharedDir = process.env.FACTDESK_SHARED ?? path.join(root, '..', 'shared');
const KEYS = Number(process.env.BENCH_KEYS ?? 40);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const ONLY = process.env.BENCH_ONLY?.split(',').filter(Boolean) ?? [];
const PROFILE_DIR = process.env.BENCH_PROFILE;
/** BENCH_TRACE=DIR: a Chromium trace of typing per article (layout, paint and script per frame). */
const TRACE_DIR = process.env.BENCH_TRACE;
/** The built app to measure (default dist/; a copy of an older build compares before/after). */
const DIST = process.env.BENCH_DIST ?? path.join(root, 'dist');
const TARGET_CHARS = 1_000_000;
/** What a brisk typist leaves between keys (about 8 keys a second). */
const KEY_GAP_MS = 120;
/** Typed one key at a time into the middle of the article: figures, Chinese and punctuation. */
const TYPED = '另新增投资8.5亿美元，同比增长12.7%，带动就业3200人。';

const targets = {
  '1mb-2k': { openMs: 500, keyP95Ms: 16, longTaskWhileTypingMs: 50, heapMB: 150, domNodes: 10_000 },
  '1mb-30k': { openMs: 1500, keyP95Ms: 33, heapMB: 250, domNodes: 10_000 },
} as const;

interface Server {
  url: string;
  origin: string;
  token: string;
  proc: ChildProcess;
  rpc<T>(method: string, input: unknown): Promise<T>;
  stop(): Promise<void>;
}

async function startServer(workspace: string, home: string): Promise<Server> {
  const proc = spawn(process.execPath, [path.join(DIST, 'electron/cli.mjs'), 'serve', workspace], {
    env: { ...process.env, FACTDESK_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 30_000);
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /Open: (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const u = new URL(url);
  const token = u.searchParams.get('token')!;
  return {
    url,
    origin: u.origin,
    token,
    proc,
    async rpc<T>(method: string, input: unknown): Promise<T> {
      const r = await fetch(`${u.origin}/rpc/${method}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(input),
      });
      const body = (await r.json()) as { ok: boolean; value?: T; error?: unknown };
      if (!body.ok) throw new Error(`${method}: ${JSON.stringify(body.error)}`);
      return body.value as T;
    },
    async stop() {
      if (proc.exitCode !== null) return;
      proc.kill('SIGTERM');
      await new Promise((r) => proc.once('exit', r));
    },
  };
}

interface Case {
  name: string;
  file: string;
  /** Text written to the workspace before the server starts. */
  initial: string;
  /** Stores the claims through the services once the server runs. */
  prepare(server: Server, articleId: string): Promise<void>;
}

function cases(): Case[] {
  const seedName = fs.readdirSync(path.join(sharedDir, 'seed')).find((n) => n.endsWith('.txt'))!;
  const seed = fs.readFileSync(path.join(sharedDir, 'seed', seedName), 'utf8');
  const big = longArticle(TARGET_CHARS);
  const everyNth = (n: number) => everyNthParagraph(big.paragraphs, n);
  const storeThenSaveWhole = async (s: Server, id: string) => {
    await s.rpc('claims.addDetected', { articleId: id });
    const doc = await s.rpc<{ disk: { hash: string } }>('articles.read', { id });
    await s.rpc('articles.write', { id, text: big.text, baseHash: doc.disk.hash });
  };
  const all: Case[] = [
    {
      name: 'seed',
      file: '郴州经开区招商纪实.txt',
      initial: seed,
      // The seed with all its figures stored, as an editor would have it mid-review.
      prepare: async (s, id) => void (await s.rpc('claims.addDetected', { articleId: id })),
    },
    {
      name: '1mb-2k',
      file: '统计公报长文.txt',
      // Every 30th paragraph first: storing all its figures gives about 2,000 claims; then the
      // whole article is saved, and the services carry the claims to their paragraphs, so they
      // are spread from the first line to the last.
      initial: everyNth(30),
      prepare: storeThenSaveWhole,
    },
    {
      name: '1mb-30k',
      file: '统计公报长文.txt',
      // Every other paragraph: about 30,000 claims among about 60,000 figures.
      initial: everyNth(2),
      prepare: storeThenSaveWhole,
    },
  ];
  return ONLY.length ? all.filter((c) => ONLY.includes(c.name)) : all;
}

const pct = (xs: number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return +s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!.toFixed(1);
};

/**
 * Installed in the page before the app: long-task log and per-key latency probe. Passed as
 * source text: tsx would otherwise wrap its inner functions in a helper the page lacks.
 */
const pageProbe = `var __name = (f) => f; (${function probe() {
  const w = window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; keys: number[]; work: number[]; frame: number[]; pending: number | null } };
  w.__bench = { longTasks: [], keys: [], work: [], frame: [], pending: null };
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) w.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
  // Two readings per key, from the input event (its timestamp includes any wait in the queue):
  // `work`, until the page is free again (the editor's update and whatever runs with it), and
  // `keys`, until the end of the next frame (that plus the wait for the frame to come round).
  const start = (e: Event) => {
    if (w.__bench.pending !== null) return;
    const t0 = e.timeStamp;
    w.__bench.pending = t0;
    let freeAt = 0;
    const free = new MessageChannel();
    free.port1.onmessage = () => {
      freeAt = performance.now();
      w.__bench.work.push(freeAt - t0);
    };
    free.port2.postMessage(0);
    requestAnimationFrame(() => {
      const rafAt = performance.now();
      const mc = new MessageChannel();
      mc.port1.onmessage = () => {
        const end = performance.now();
        w.__bench.keys.push(end - t0);
        // The key's own work plus the frame that shows it (rAF callbacks, CodeMirror's measure,
        // style, layout, paint), without the idle wait for the frame in between.
        w.__bench.frame.push((freeAt || rafAt) - t0 + (end - Math.max(rafAt, freeAt || rafAt)));
        w.__bench.pending = null;
      };
      mc.port2.postMessage(0);
    });
  };
  addEventListener('keydown', start, true);
  addEventListener('beforeinput', start, true);
}.toString()})()`;

async function metrics(cdp: CDPSession): Promise<{ heapMB: number; nodes: number }> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: m } = await cdp.send('Performance.getMetrics');
  const get = (n: string) => m.find((x) => x.name === n)?.value ?? 0;
  return { heapMB: +(get('JSHeapUsedSize') / 1e6).toFixed(1), nodes: get('Nodes') };
}

async function measureOpen(page: Page, file: string) {
  const longTasksBefore = await page.evaluate(() => (window as unknown as { __bench: { longTasks: unknown[] } }).__bench.longTasks.length);
  // Clicked from inside the page so t0 is exactly when the click was handled.
  const t0 = await page.evaluate((name) => {
    const option = [...document.querySelectorAll('[role="option"]')].find((o) => o.textContent?.includes(name)) as HTMLElement;
    const t = performance.now();
    option.click();
    return t;
  }, file);
  const textAt = await page.waitForFunction(
    () => {
      const line = document.querySelector('.cm-content .cm-line');
      return line && (line.textContent ?? '').length > 0 ? performance.now() : null;
    },
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const textMs = (await textAt.jsonValue())! - t0;
  // A key typed the moment the text shows up, and when it appears on screen.
  await page.evaluate(() => (document.querySelector('.cm-content') as HTMLElement).focus());
  await page.keyboard.press('End');
  await page.keyboard.type('〇');
  const typedAt = await page.waitForFunction(
    () => ((document.querySelector('.cm-content .cm-line')?.textContent ?? '').includes('〇') ? performance.now() : null),
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const firstKeyMs = (await typedAt.jsonValue())! - t0;
  await page.keyboard.press('Backspace');
  // Filled: the first screen's figures are marked and the panel lists the stored claims.
  const filledAt = await page.waitForFunction(
    () =>
      document.querySelector('.cm-content .cm-claim, .cm-content .cm-stored') && document.querySelector('.claims-panel [data-claim-row]') ? performance.now() : null,
    undefined,
    { polling: 'raf', timeout: 120_000 },
  );
  const filledMs = (await filledAt.jsonValue())! - t0;
  // Let the open finish (workers, deferred lists) before measuring what it left behind.
  await page.waitForTimeout(1500);
  const tasks = await page.evaluate(
    ([from, since]) => (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }> } }).__bench.longTasks.slice(from).filter((t) => t.start >= since - 1),
    [longTasksBefore, t0] as const,
  );
  const longest = Math.max(0, ...tasks.map((t) => t.duration));
  // Interactive: the text is on screen and the page no longer freezes (the end of the last
  // task over 50 ms since the click, as Lighthouse's time to interactive reads it).
  const lastFreezeEnd = Math.max(0, ...tasks.map((t) => t.start + t.duration - t0));
  return {
    textMs: +textMs.toFixed(0),
    interactiveMs: +Math.max(textMs, lastFreezeEnd).toFixed(0),
    firstKeyMs: +firstKeyMs.toFixed(0),
    filledMs: +filledMs.toFixed(0),
    longestTaskWhileOpeningMs: +longest.toFixed(0),
  };
}

async function measureTyping(page: Page, cdp: CDPSession, name: string) {
  // The caret goes to a paragraph in the middle of the article.
  await page.evaluate(() => {
    const scroller = document.querySelector('.cm-scroller') as HTMLElement;
    scroller.scrollTop = scroller.scrollHeight / 2;
  });
  await page.waitForTimeout(300);
  const line = page.locator('.cm-content .cm-line').filter({ hasText: /\S{20}/ }).nth(3);
  await line.click();
  await page.keyboard.press('End');
  // Always traced (the busy-to-paint reading comes from the trace); BENCH_TRACE keeps the file,
  // with more detail. Started before the counts are reset: starting a trace stalls the page once.
  if (TRACE_DIR) fs.mkdirSync(TRACE_DIR, { recursive: true });
  await page
    .context()
    .browser()!
    .startTracing(page, {
      ...(TRACE_DIR ? { path: path.join(TRACE_DIR, `typing-${name}.json`) } : {}),
      categories: ['toplevel', 'devtools.timeline', ...(TRACE_DIR ? ['disabled-by-default-devtools.timeline'] : [])],
    });
  await page.waitForTimeout(500);
  const from = await page.evaluate(() => {
    const b = (window as unknown as { __bench: { longTasks: unknown[]; keys: number[]; work: number[]; frame: number[] } }).__bench;
    b.keys.length = 0;
    b.work.length = 0;
    b.frame.length = 0;
    return { longTasks: b.longTasks.length, t: performance.now() };
  });
  if (PROFILE_DIR) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.start');
  }
  const keys = [...TYPED.repeat(Math.ceil(KEYS / TYPED.length))].slice(0, KEYS);
  for (const k of keys) {
    await page.keyboard.type(k);
    await page.waitForTimeout(KEY_GAP_MS);
  }
  await page.waitForTimeout(400);
  // Typing is over: long tasks after this (the draft kept 800 ms after the last key) are not typing's.
  const typedUntil = await page.evaluate(() => performance.now());
  // The pause after typing: the draft kept, the cross-checks answered, the lists brought up to date.
  await page.waitForTimeout(3000);
  const traced = (await page.context().browser()!.stopTracing()).toString('utf8');
  const toPaint = busyToPaint(JSON.parse(traced));
  if (PROFILE_DIR) {
    const { profile } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `typing-${name}.cpuprofile`), JSON.stringify(profile));
  }
  const r = await page.evaluate(
    ([lt, until]) => {
      const b = (window as unknown as { __bench: { longTasks: Array<{ start: number; duration: number }>; keys: number[]; work: number[]; frame: number[] } }).__bench;
      const tasks = b.longTasks.slice(lt);
      return {
        keys: [...b.keys],
        work: [...b.work],
        frame: [...b.frame],
        longTasks: tasks.filter((t) => t.start < until).map((t) => t.duration),
        afterTyping: tasks.filter((t) => t.start >= until).map((t) => t.duration),
      };
    },
    [from.longTasks, typedUntil] as const,
  );
  return {
    keys: r.keys.length,
    /** Input event to the page free again, idle waits included (see keyToPaint for the target's reading). */
    keyWorkP50Ms: pct(r.work, 50),
    keyWorkP95Ms: pct(r.work, 95),
    keyWorkMaxMs: pct(r.work, 100),
    /**
     * From the trace: the page's own time on the key, from its first event to the end of the
     * frame that shows it (every task in between, the frame's rendering included), idle gaps
     * left out — above all the wait for that frame, which Chromium holds other tasks back for
     * after a keyup (so `work` of a digit includes up to a frame of waiting, and of a Chinese
     * character typed as text it does not). The target's reading.
     */
    keyToPaintP50Ms: pct(toPaint.wall, 50),
    keyToPaintP95Ms: pct(toPaint.wall, 95),
    keyToPaintMaxMs: pct(toPaint.wall, 100),
    /**
     * The same stretch in the thread's CPU time: the work itself, without the time the thread
     * waited for a core (two cores shared by the browser's processes, the workers and the
     * services; on this machine that is a quarter of the wall time while typing).
     */
    keyToPaintCpuP50Ms: pct(toPaint.cpu, 50),
    keyToPaintCpuP95Ms: pct(toPaint.cpu, 95),
    keysTraced: toPaint.wall.length,
    /** The key's work plus the rendering of the frame that shows it, without the idle wait between. */
    keyFrameWorkP50Ms: pct(r.frame, 50),
    keyFrameWorkP95Ms: pct(r.frame, 95),
    /** Input event to the end of the next frame (includes waiting for the frame). */
    keyP50Ms: pct(r.keys, 50),
    keyP95Ms: pct(r.keys, 95),
    keyMaxMs: pct(r.keys, 100),
    longTasksWhileTyping: r.longTasks.length,
    longestTaskWhileTypingMs: +Math.max(0, ...r.longTasks).toFixed(0),
    /** In the 3 s after the last key (the draft kept, the checks' answer, the lists brought up to date). */
    longestTaskAfterTypingMs: +Math.max(0, ...r.afterTyping).toFixed(0),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  ts: number;
  dur?: number;
  /** The thread's CPU time in the event (wall time less the time it was not running). */
  tdur?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: { type?: string } };
}

/**
 * Per key typed, from a Chromium trace of the typing: the renderer's main-thread time from the
 * key's first input event (keydown, or the text of a character typed as text) to the end of
 * the task that paints the first frame after its input event, counting only time inside tasks.
 */
function busyToPaint(trace: { traceEvents: TraceEvent[] } | TraceEvent[]): { wall: number[]; cpu: number[] } {
  const events = Array.isArray(trace) ? trace : trace.traceEvents;
  const mainThreads = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const count = new Map<string, number>();
  for (const e of events) if (e.ph === 'X' && mainThreads.has(`${e.pid}:${e.tid}`)) count.set(`${e.pid}:${e.tid}`, (count.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...count].sort((a, b) => b[1] - a[1])[0]?.[0];
  const on = events.filter((e) => e.ph === 'X' && `${e.pid}:${e.tid}` === main).sort((a, b) => a.ts - b.ts);
  // Top-level tasks, as non-overlapping stretches, with the thread's CPU time in each.
  const tasks: Array<[number, number, number]> = [];
  for (const e of on) {
    if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') continue;
    const end = e.ts + (e.dur ?? 0);
    const last = tasks.at(-1);
    if (last && e.ts < last[1]) last[1] = Math.max(last[1], end);
    else tasks.push([e.ts, end, e.tdur ?? e.dur ?? 0]);
  }
  const dispatches = on.filter((e) => e.name === 'EventDispatch');
  const starts: number[] = [];
  for (const e of dispatches) {
    const type = e.args?.data?.type;
    if ((type === 'keydown' || type === 'keypress' || type === 'beforeinput') && (!starts.length || e.ts - starts.at(-1)! > 50_000)) starts.push(e.ts);
  }
  // The frame: the task that paints after the key's input event (its paint, layerizing and commit).
  const paints = on.filter((e) => e.name === 'Paint' || e.name === 'Layerize');
  const out = { wall: [] as number[], cpu: [] as number[] };
  starts.forEach((start, i) => {
    const next = starts[i + 1] ?? Infinity;
    const input = dispatches.filter((e) => e.ts >= start && e.ts < next && e.args?.data?.type === 'input').at(-1);
    if (!input) return;
    const paint = paints.find((c) => c.ts > input.ts && c.ts < next);
    if (!paint) return;
    const end = tasks.find(([a, b]) => a <= paint.ts && paint.ts < b)?.[1] ?? paint.ts + (paint.dur ?? 0);
    let busy = 0;
    let cpu = 0;
    for (const [a, b, c] of tasks) {
      if (b <= start || a >= end) continue;
      const part = Math.min(b, end) - Math.max(a, start);
      busy += part;
      cpu += c * (part / Math.max(1, b - a));
    }
    out.wall.push(busy / 1000);
    out.cpu.push(cpu / 1000);
  });
  return out;
}

/** Opens every list the panel has (the detected figures too) and scrolls it, for the DOM count. */
async function expandPanel(page: Page) {
  await page.evaluate(async () => {
    for (const d of document.querySelectorAll('.claims-panel details')) (d as HTMLDetailsElement).open = true;
    await new Promise((r) => setTimeout(r, 300));
    for (const el of document.querySelectorAll('.tab-body, .claims-panel [data-scroll]')) (el as HTMLElement).scrollTop = (el as HTMLElement).scrollHeight / 2;
  });
  await page.waitForTimeout(500);
}

async function runCase(browser: Browser, c: Case, peerHtml: string) {
  const workspace = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-')));
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'factdesk-bench-home-')));
  fs.writeFileSync(path.join(workspace, c.file), c.initial);
  const server = await startServer(workspace, home);
  try {
    const list = await server.rpc<Array<{ id: string; path: string }>>('articles.list', {});
    const id = list.find((a) => a.path === c.file)!.id;
    const t0 = performance.now();
    await c.prepare(server, id);
    const stored = (await server.rpc<{ claims: unknown[] }>('claims.list', { articleId: id })).claims.length;
    const doc = await server.rpc<{ text: string }>('articles.read', { id });
    const detected = (await import('../shared/claims/index.js')).detectClaims(doc.text).length;
    process.stderr.write(`bench browser: ${c.name}: ${doc.text.length} chars, ${detected} figures, ${stored} stored (prepared in ${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
    const opens: Array<Awaited<ReturnType<typeof measureOpen>>> = [];
    let typing = null;
    let after = null;
    for (let run = 0; run < RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript(() => localStorage.setItem('factdesk.language', 'zh-CN'));
      await page.addInitScript({ content: pageProbe });
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(server.url);
      await page.getByRole('listbox').first().waitFor();
      await page.waitForTimeout(300);
      if (PROFILE_DIR && run === 0) {
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.start');
      }
      if (TRACE_DIR && run === 0) {
        fs.mkdirSync(TRACE_DIR, { recursive: true });
        await browser.startTracing(page, { path: path.join(TRACE_DIR, `open-${c.name}.json`), categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
      }
      opens.push(await measureOpen(page, c.file));
      if (TRACE_DIR && run === 0) await browser.stopTracing();
      if (PROFILE_DIR && run === 0) {
        const { profile } = await cdp.send('Profiler.stop');
        fs.mkdirSync(PROFILE_DIR, { recursive: true });
        fs.writeFileSync(path.join(PROFILE_DIR, `open-${c.name}.cpuprofile`), JSON.stringify(profile));
      }
      if (run === RUNS - 1) {
        typing = await measureTyping(page, cdp, c.name);
        const m = await metrics(cdp);
        await expandPanel(page);
        const expanded = await metrics(cdp);
        const elements = await page.evaluate(() => document.getElementsByTagName('*').length);
        after = { heapMB: m.heapMB, domNodes: Math.max(m.nodes, expanded.nodes), elements };
        // Drop the unsaved edit so the server's draft does not outlive the run.
      }
      await context.close();
    }
    // The peer, in the same run: the same article and keys in CodeMirror alone.
    const peer = process.env.BENCH_NO_PEER ? null : { editor: 'CodeMirror 6 alone (no FactDesk extensions, no React)', typing: await runPeer(browser, peerHtml, c.name, doc.text) };
    const med = (k: keyof (typeof opens)[number]) => pct(opens.map((o) => o[k]), 50);
    const result = {
      chars: doc.text.length,
      figures: detected,
      storedClaims: stored,
      open: {
        runs: opens.length,
        textMs: med('textMs'),
        interactiveMs: med('interactiveMs'),
        firstKeyMs: med('firstKeyMs'),
        filledMs: med('filledMs'),
        longestTaskWhileOpeningMs: med('longestTaskWhileOpeningMs'),
        all: opens,
      },
      typing,
      peer,
      ...after,
    };
    const tg = (targets as Record<string, (typeof targets)[keyof typeof targets]>)[c.name];
    if (!tg || !typing || !after) return result;
    const met: Record<string, boolean> = {
      open: (result.open.interactiveMs ?? Infinity) <= tg.openMs,
      typing: (typing.keyToPaintP95Ms ?? Infinity) <= tg.keyP95Ms,
      heap: after.heapMB <= tg.heapMB,
      dom: after.domNodes <= tg.domNodes,
    };
    if ('longTaskWhileTypingMs' in tg) met.longTasks = typing.longestTaskWhileTypingMs <= tg.longTaskWhileTypingMs;
    return { ...result, targets: tg, met };
  } finally {
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/** The bare editor's page: the peer's bundle inline, laid out as the article view lays out its editor. */
async function barePage(): Promise<string> {
  const out = await build({ entryPoints: [path.join(root, 'bench/peer/bare-editor.ts')], bundle: true, write: false, format: 'iife', minify: true, logLevel: 'silent' });
  const js = out.outputFiles[0]!.text.replace(/<\/script/gi, '<\\/script');
  const css = `html,body{margin:0;height:100%} #host{height:100vh;width:900px} .cm-editor{height:100%} .cm-scroller{font-size:15px;line-height:1.85;padding:12px 0 40px} .cm-content{max-width:46em;margin:0 auto;padding:0 28px}`;
  return `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><style>${css}</style><body><div id="host"></div><script>${js}</script></body></html>`;
}

/** Typing into the same article in CodeMirror alone, measured by the same probe and keys. */
async function runPeer(browser: Browser, html: string, name: string, text: string) {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.setContent(html);
    // setContent's page runs no init script: the same probe, installed before the editor.
    await page.evaluate(pageProbe);
    await page.evaluate((t) => (window as unknown as { openBare: (t: string) => void }).openBare(t), text);
    await page.locator('.cm-content .cm-line').first().waitFor();
    return await measureTyping(page, cdp, `peer-${name}`);
  } finally {
    await context.close();
  }
}

export const browserSuite: BenchSuite = {
  name: 'browser',
  async run() {
    if (!fs.existsSync(path.join(DIST, 'electron/cli.mjs'))) throw new Error('bench browser: run `npm run build` first');
    const browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    });
    const results: Record<string, unknown> = { keysPerArticle: KEYS, keyGapMs: KEY_GAP_MS, loadAverage: os.loadavg().map((l) => +l.toFixed(2)) };
    try {
      const peerHtml = await barePage();
      for (const c of cases()) {
        process.stderr.write(`bench browser: ${c.name}…\n`);
        results[c.name] = await runCase(browser, c, peerHtml);
      }
    } finally {
      await browser.close();
    }
    return results;
  },
};
