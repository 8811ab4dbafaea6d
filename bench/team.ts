/**
 * `npm run bench team`: the team server on loopback (a child process, as in
 * production), with simulated members as Hocuspocus providers in this
 * process:
 *
 * - edit-to-visible latency between two members while 20 others type in the
 *   same article (target p95 ≤ 150 ms), read twice: between two raw Yjs
 *   clients (an update observed by another client), and between two members'
 *   apps — browser-mode instances in headless Chromium, each with its own
 *   folder and services, both showing the article in the live editor — from
 *   a key pressed in one member's editor until the character is in the other
 *   member's editor on screen (its DOM). `BENCH_TEAM=app` runs this reading
 *   alone (it needs `npm run build`);
 * - initial sync of a 1 MB article to a new member: the Yjs sync alone, and
 *   a member's app joining until the file is on its disk;
 * - the server's memory (RSS) for 100 articles of 50 KB after 10,000 edits,
 *   and what the CRDT's tombstones add to each document's stored size;
 * - an audit-heavy team (100,000 audit entries over 10 articles): a new
 *   member's app joining, the server's and the app's memory, and reading one
 *   article's 10,000 entries in pages — beside the previous design (one Yjs
 *   document holding the whole log, which every member loaded on joining),
 *   measured in the same run. `BENCH_TEAM=audit` runs this case alone.
 */
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { chromium, type Browser, type Page } from '@playwright/test';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addMember, openMember, startTeamServerProcess, until, type ServerProcess } from '../tests/helpers/team.js';
import { makeWorkspace, projectRoot, removeDir, tempDir } from '../tests/helpers/temp-workspace.js';
import { rpc } from '../tests/helpers/browser-mode.js';
import { joinTeamAs, stopMembers, type BrowserMember } from '../tests/helpers/team-browser.js';
import { DocStore } from '../electron/team-server/doc-store.js';
import { chromiumArgs } from '../electron/services/export/index.js';
import { medianMs, seededRandom, type BenchSuite } from './suite.js';

interface Client {
  doc: Y.Doc;
  socket: HocuspocusProviderWebsocket;
  providers: HocuspocusProvider[];
}

function client(url: string, token: string, names: string[]): Client {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  const providers = names.map((name, i) => {
    const p = new HocuspocusProvider({ websocketProvider: socket, name, document: i === 0 ? doc : new Y.Doc(), token });
    p.attach();
    return p;
  });
  return { doc, socket, providers };
}

function close(c: Client): void {
  for (const p of c.providers) p.destroy();
  c.socket.destroy();
}

const synced = (c: Client) => c.providers.every((p) => p.synced && !p.hasUnsyncedChanges);

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}

const mb = (n: number) => +(n / 1024 / 1024).toFixed(1);

function percentile(sorted: number[], p: number): number {
  return +sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!.toFixed(1);
}

/** Chinese-looking prose with figures, `bytes` long in UTF-8. */
function prose(bytes: number, rnd: () => number): string {
  const words = ['郴州经开区', '签约项目', '总投资', '同比增长', '亿元', '固定资产', '招商引资', '前三季度', '，', '。'];
  let s = '';
  while (Buffer.byteLength(s) < bytes) s += words[Math.floor(rnd() * words.length)]! + (rnd() < 0.1 ? `${(rnd() * 1000).toFixed(1)}` : '');
  return s;
}

/** 20 members typing about 5 characters a second each, somewhere in the text; returns what stops them. */
function typeMeanwhile(typists: Client[], rnd: () => number): () => void {
  const timers = typists.map((t) =>
    setInterval(() => {
      const text = t.doc.getText('text');
      text.insert(Math.floor(rnd() * (text.length + 1)), '字');
    }, 200),
  );
  return () => timers.forEach((t) => clearInterval(t));
}

function latencyFigures(seen: number[], lost: number): Record<string, unknown> {
  seen.sort((x, y) => x - y);
  const at = (p: number) => (seen.length ? percentile(seen, p) : null);
  const p95 = at(0.95);
  return { samples: seen.length, lost, p50Ms: at(0.5), p95Ms: p95, maxMs: at(1), targetP95Ms: 150, met: p95 !== null && p95 <= 150 };
}

/** The load averages (1, 5, 15 min) when a reading began and now: the machine is shared. */
const loadAverages = (before: number[]) => ({ before: before.map((x) => +x.toFixed(2)), after: os.loadavg().map((x) => +x.toFixed(2)) });

async function latency(server: ServerProcess, tokens: string[]): Promise<Record<string, unknown>> {
  const name = 'text/latency01';
  const a = client(server.url, tokens[0]!, [name]);
  const b = client(server.url, tokens[1]!, [name]);
  const typists = Array.from({ length: 20 }, (_, i) => client(server.url, tokens[2 + i]!, [name]));
  const all = [a, b, ...typists];
  await until(() => all.every(synced), 'latency clients synced', 30_000);
  const loadBefore = os.loadavg();
  const rnd = seededRandom(7);
  const stopTyping = typeMeanwhile(typists, rnd);
  const sentAt = new Map<string, number>();
  const seen: number[] = [];
  b.doc.getText('text').observe((e) => {
    const now = performance.now();
    for (const d of e.delta) {
      if (typeof d.insert !== 'string') continue;
      for (const m of d.insert.matchAll(/⟨(\d+)⟩/g)) {
        const t0 = sentAt.get(m[1]!);
        if (t0 !== undefined) {
          seen.push(now - t0);
          sentAt.delete(m[1]!);
        }
      }
    }
  });
  let n = 0;
  const marker = setInterval(() => {
    const id = String(n++);
    sentAt.set(id, performance.now());
    const text = a.doc.getText('text');
    text.insert(Math.floor(rnd() * (text.length + 1)), `⟨${id}⟩`);
  }, 100);
  await new Promise((r) => setTimeout(r, 10_000));
  clearInterval(marker);
  await until(() => sentAt.size === 0, 'every marker seen', 10_000).catch(() => {});
  stopTyping();
  for (const c of all) close(c);
  return { ...latencyFigures(seen, sentAt.size), loadAverage: loadAverages(loadBefore) };
}

/** What member A types, one key each: none of them is in the article or in what the others type. */
const markerKeys = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01234567';
/** About 5 keys a second. */
const markerGapMs = 200;

/**
 * The same latency as members see it: A's and B's apps (browser-mode instances, own folders and services) show one
 * team article in the live editor while 20 raw clients type into it; A types `markerKeys` through the keyboard, and
 * each latency is from the key's keydown in A's page until the character is in B's editor DOM (a MutationObserver on
 * its content, remote carets and their name labels left out), both read as performance.timeOrigin + now() (one
 * machine clock). The path: A's page → A's services (`team.textPush`, HTTP) → team server → B's services → B's page
 * (event `team.text`, SSE) → y-codemirror.next → CodeMirror's DOM.
 */
async function appLatency(server: ServerProcess, data: string, typistTokens: string[]): Promise<Record<string, unknown>> {
  if (!existsSync(join(projectRoot, 'dist', 'electron', 'cli.mjs'))) throw new Error('bench team: run `npm run build` first (members run the built app)');
  const loadBefore = os.loadavg();
  const members: BrowserMember[] = [];
  let browser: Browser | null = null;
  const typists: Client[] = [];
  let stopTyping = () => {};
  try {
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
    const a = await joinTeamAs(browser, members, server.url, await addMember(data, 'bench-a', 'editor'), 'en');
    // Chinese only (no letter or digit), lines of it.
    const article = await rpc<{ id: string }>(members[0]!, 'articles.create', { name: 'latency.txt', text: '郴州经开区签约项目总投资同比增长，固定资产招商引资前三季度。\n'.repeat(12) });
    const b = await joinTeamAs(browser, members, server.url, await addMember(data, 'bench-b', 'editor'), 'en');
    for (const p of [a, b]) await p.getByRole('option', { name: /latency/ }).click({ timeout: 30_000 });
    const content = (p: Page) => p.getByTestId('article-text').locator('.cm-content');
    // Each sees the other's caret: both editors are bound live.
    for (const [p, other] of [
      [a, b],
      [b, a],
    ] as const) {
      await content(p).click();
      await p.keyboard.press('Control+End');
      await other.locator('.cm-ySelectionCaret').first().waitFor({ timeout: 30_000 });
    }
    await a.evaluate((keys) => {
      const w = window as unknown as { keyAt: Record<string, number> };
      w.keyAt = {};
      addEventListener('keydown', (e) => {
        if (e.key.length === 1 && keys.includes(e.key) && !(e.key in w.keyAt)) w.keyAt[e.key] = performance.timeOrigin + performance.now();
      }, true);
    }, markerKeys);
    // tsx names the functions inside what is evaluated with a helper the page does not have.
    await b.evaluate('globalThis.__name ??= (f) => f');
    await content(b).evaluate((el, keys) => {
      const w = window as unknown as { shownAt: Record<string, number> };
      w.shownAt = {};
      const waiting = new Set(keys);
      const shown = (text: string, at: number) => {
        for (const k of waiting) {
          if (text.includes(k)) {
            w.shownAt[k] = at;
            waiting.delete(k);
          }
        }
      };
      // Not the text: other members' carets with their names, and the line CodeMirror adds for a moment to measure
      // character widths ("abc def ghi…").
      const notText = (n: Node) => {
        const el = n instanceof Element ? n : n.parentElement;
        return !!el?.closest('.cm-ySelectionCaret') || (el?.closest('.cm-line') as HTMLElement | null)?.style.position === 'absolute';
      };
      new MutationObserver((records) => {
        const at = performance.timeOrigin + performance.now();
        for (const r of records) {
          for (const n of r.type === 'characterData' ? [r.target] : [...r.addedNodes]) {
            if (notText(n)) continue;
            if (n.nodeType === Node.TEXT_NODE) shown((n as Text).data, at);
            const walk = document.createTreeWalker(n, NodeFilter.SHOW_TEXT, { acceptNode: (t) => (notText(t) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT) });
            for (let t = walk.nextNode(); t; t = walk.nextNode()) shown((t as Text).data, at);
          }
        }
      }).observe(el, { childList: true, subtree: true, characterData: true });
    }, markerKeys);

    for (const t of typistTokens) typists.push(client(server.url, t, [`text/${article.id}`]));
    await until(() => typists.every(synced), 'typists synced', 30_000);
    stopTyping = typeMeanwhile(typists, seededRandom(17));
    // A warm-up key (not measured), then steady typing at about 5 keys a second.
    await a.keyboard.type('甲');
    await content(b).filter({ hasText: '甲' }).waitFor({ timeout: 30_000 });
    await new Promise((r) => setTimeout(r, 1000));
    const t0 = performance.now();
    for (let i = 0; i < markerKeys.length; i++) {
      const wait = t0 + i * markerGapMs - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await a.keyboard.type(markerKeys[i]!);
    }
    const shownAt = () => b.evaluate(() => (window as unknown as { shownAt: Record<string, number> }).shownAt);
    await until(async () => Object.keys(await shownAt()).length === markerKeys.length, 'every key shown', 10_000).catch(() => {});
    stopTyping();
    const keyAt = await a.evaluate(() => (window as unknown as { keyAt: Record<string, number> }).keyAt);
    const shown = await shownAt();
    const measured = [...markerKeys].filter((k) => keyAt[k] !== undefined && shown[k] !== undefined);
    return {
      keys: markerKeys.length,
      keyGapMs: markerGapMs,
      ...latencyFigures(measured.map((k) => shown[k]! - keyAt[k]!), markerKeys.length - measured.length),
      loadAverage: loadAverages(loadBefore),
    };
  } finally {
    stopTyping();
    for (const c of typists) close(c);
    await browser?.close();
    await stopMembers(members);
  }
}

async function initialSync(server: ServerProcess, writer: string, reader: string, data: string): Promise<Record<string, unknown>> {
  const name = 'text/bigarticle';
  const text = prose(1024 * 1024, seededRandom(11));
  const w = client(server.url, writer, [name]);
  await until(() => synced(w), 'writer synced', 30_000);
  w.doc.getText('text').insert(0, text);
  await until(() => synced(w), 'writer acknowledged', 60_000);
  close(w);
  const t0 = performance.now();
  const r = client(server.url, reader, [name]);
  await until(() => r.providers[0]!.synced && r.doc.getText('text').length === text.length, 'reader synced', 60_000);
  const ySync = performance.now() - t0;
  close(r);

  // A member's app joining: the team index lists the article, and the file lands on its disk.
  const root = await makeWorkspace({ 'big.md': text });
  const joinerRoot = await makeWorkspace({});
  const editorToken = await addMember(data, 'bench-app-editor', 'editor');
  const joinerToken = await addMember(data, 'bench-app-joiner', 'fact-checker');
  const ed = await openMember(root, 'bench-app-editor');
  await ed.call('team.connect', { url: server.url, token: editorToken });
  await ed.team.settled(60_000);
  const j = await openMember(joinerRoot, 'bench-app-joiner');
  const t1 = performance.now();
  await j.call('team.connect', { url: server.url, token: joinerToken });
  await until(() => {
    try {
      return readFileSync(`${joinerRoot}/big.md`, 'utf8').length === text.length;
    } catch {
      return false;
    }
  }, 'file on the joiner’s disk', 120_000);
  const appJoin = performance.now() - t1;
  await j.close();
  await ed.close();
  await removeDir(root);
  await removeDir(joinerRoot);
  return { articleBytes: Buffer.byteLength(text), yjsSyncMs: +ySync.toFixed(0), appJoinToFileOnDiskMs: +appJoin.toFixed(0) };
}

async function memory(server: ServerProcess, token: string): Promise<Record<string, unknown>> {
  const names = Array.from({ length: 100 }, (_, i) => `text/mem${String(i).padStart(5, '0')}`);
  const rssBefore = rssOf(server.proc.pid!);
  const c = client(server.url, token, names);
  await until(() => synced(c), '100 documents synced', 60_000);
  const rnd = seededRandom(3);
  const docs = c.providers.map((p) => p.document);
  for (const d of docs) d.getText('text').insert(0, prose(50 * 1024, rnd));
  await until(() => synced(c), '100 articles written', 120_000);
  const rssLoaded = rssOf(server.proc.pid!);
  for (let i = 0; i < 10_000; i++) {
    const text = docs[Math.floor(rnd() * docs.length)]!.getText('text');
    const at = Math.floor(rnd() * (text.length - 10));
    // Typing and correcting: mostly inserts, a third of them deletions (tombstones).
    if (rnd() < 0.34) text.delete(at, 1 + Math.floor(rnd() * 5));
    else text.insert(at, '改');
    if (i % 500 === 0) await new Promise((r) => setImmediate(r));
  }
  await until(() => synced(c), '10,000 edits acknowledged', 120_000);
  await new Promise((r) => setTimeout(r, 3000));
  const rssAfter = rssOf(server.proc.pid!);
  const textBytes = docs.reduce((n, d) => n + Buffer.byteLength(d.getText('text').toString()), 0);
  const stateBytes = docs.reduce((n, d) => n + Y.encodeStateAsUpdate(d).length, 0);
  close(c);
  return {
    articles: 100,
    edits: 10_000,
    serverRssStartMB: mb(rssBefore),
    serverRssAfterLoadMB: mb(rssLoaded),
    serverRssAfterEditsMB: mb(rssAfter),
    textMB: mb(textBytes),
    yjsStateMB: mb(stateBytes),
    tombstoneOverhead: +(stateBytes / textBytes).toFixed(2),
  };
}

async function auditHeavy(): Promise<Record<string, unknown>> {
  const entriesTotal = 100_000;
  const articles = 10;
  const data = tempDir('bench-team-audit-');
  const server = await startTeamServerProcess(data);
  const files = Object.fromEntries(Array.from({ length: articles }, (_, i) => [`a${i}.md`, prose(20 * 1024, seededRandom(20 + i))]));
  const root = await makeWorkspace(files);
  const joinerRoot = await makeWorkspace({});
  try {
    const edToken = await addMember(data, 'audit-editor', 'editor');
    const joinToken = await addMember(data, 'audit-joiner', 'fact-checker');
    const ed = await openMember(root, 'audit-editor');
    await ed.call('team.connect', { url: server.url, token: edToken });
    await ed.team.settled(60_000);
    const ids = (await ed.call<Array<{ id: string }>>('articles.list')).map((a) => a.id);
    // The server's table, as 100,000 review events would have left it.
    const store = new DocStore(data);
    const at = new Date().toISOString();
    for (let i = 0; i < entriesTotal; i += 10_000) {
      store.appendAudit(
        Array.from({ length: 10_000 }, (_, k) => ({ at, by: 'audit-editor', articleId: ids[(i + k) % ids.length]!, action: 'set.status', claimId: 'c0000001', field: 'status', before: 'unchecked', after: 'verified' })),
      );
    }
    store.close();
    const serverRss = rssOf(server.proc.pid!);
    const j = await openMember(joinerRoot, 'audit-joiner');
    const t0 = performance.now();
    await j.call('team.connect', { url: server.url, token: joinToken });
    await until(() => Object.keys(files).every((f) => {
      try {
        return readFileSync(`${joinerRoot}/${f}`, 'utf8') === files[f];
      } catch {
        return false;
      }
    }), 'every article on the joiner’s disk', 120_000);
    await j.team.settled(60_000);
    const joinMs = performance.now() - t0;
    const jId = (await j.call<Array<{ id: string; path: string }>>('articles.list')).find((a) => a.path === 'a0.md')!.id;
    const t1 = performance.now();
    const first = await j.call<unknown[]>('articles.audit', { id: jId });
    const firstReadMs = performance.now() - t1;
    const againMs = await medianMs(() => j.call('articles.audit', { id: jId }), 5, 1);
    const serverRssAfter = rssOf(server.proc.pid!);
    await j.close();
    await ed.close();

    // The previous design, same entries: one Yjs document every member loaded whole on joining.
    // (One entry a change, as the server appended them: one Yjs item each.)
    const old = new Y.Doc();
    const arr = old.getArray('entries');
    for (let i = 0; i < entriesTotal; i++) {
      arr.push([{ at, by: 'audit-editor', articleId: ids[i % ids.length]!, action: 'set.status', claimId: 'c0000001', field: 'status', before: 'unchecked', after: 'verified' }]);
    }
    const state = Y.encodeStateAsUpdate(old);
    old.destroy();
    const heapBefore = process.memoryUsage().heapUsed;
    const t2 = performance.now();
    const loaded = new Y.Doc();
    Y.applyUpdate(loaded, state);
    const all = loaded.getArray('entries').toArray();
    const oldLoadMs = performance.now() - t2;
    // Held while the member is connected (measured with the document still alive).
    const heldMB = mb(process.memoryUsage().heapUsed - heapBefore);
    loaded.destroy();
    return {
      auditEntries: entriesTotal,
      articles,
      table: {
        appJoinMs: +joinMs.toFixed(0),
        serverRssMB: mb(serverRss),
        serverRssAfterJoinAndReadMB: mb(serverRssAfter),
        firstReadOfOneArticleMs: +firstReadMs.toFixed(0),
        entriesRead: first.length,
        nextReadMs: againMs,
      },
      previousDesignOneYDoc: { bytesEveryJoinerDownloads: state.length, decodeMs: +oldLoadMs.toFixed(0), heapHeldMB: heldMB, entries: all.length },
    };
  } finally {
    await server.stop();
    await removeDir(root);
    await removeDir(joinerRoot);
    await removeDir(data);
  }
}

export const teamSuite: BenchSuite = {
  name: 'team',
  async run() {
    if (process.env.BENCH_TEAM === 'audit') return { auditHeavy: await auditHeavy() };
    if (process.env.BENCH_TEAM === 'app') {
      const data = tempDir('bench-team-');
      const server = await startTeamServerProcess(data);
      try {
        const tokens: string[] = [];
        for (let i = 0; i < 20; i++) tokens.push(await addMember(data, `member${i}`, 'editor'));
        return { editToVisibleApp: await appLatency(server, data, tokens) };
      } finally {
        await server.stop();
        await removeDir(data);
      }
    }
    const data = tempDir('bench-team-');
    const server = await startTeamServerProcess(data);
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 24; i++) tokens.push(await addMember(data, `member${i}`, 'editor'));
      const lat = await latency(server, tokens);
      const app = await appLatency(server, data, tokens.slice(2, 22));
      const sync = await initialSync(server, tokens[22]!, tokens[23]!, data);
      await server.stop();
      // A fresh server, so its memory is the 100 articles' and not what the runs above left.
      const fresh = await startTeamServerProcess(data);
      try {
        const mem = await memory(fresh, tokens[0]!);
        await fresh.stop();
        return { editToVisible: lat, editToVisibleApp: app, initialSync1MB: sync, memory100x50KB: mem, auditHeavy: await auditHeavy() };
      } finally {
        await fresh.stop();
      }
    } finally {
      await server.stop();
      await removeDir(data);
    }
  },
};
