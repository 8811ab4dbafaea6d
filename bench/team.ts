/**
 * `npm run bench team`: the team server on loopback (a child process, as in
 * production), with simulated members as Hocuspocus providers in this
 * process:
 *
 * - edit-to-visible latency between two members while 20 others type in the
 *   same article (target p95 ≤ 150 ms);
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
import { readFileSync } from 'node:fs';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { addMember, openMember, startTeamServerProcess, until, type ServerProcess } from '../tests/helpers/team.js';
import { makeWorkspace, removeDir, tempDir } from '../tests/helpers/temp-workspace.js';
import { DocStore } from '../electron/team-server/doc-store.js';
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

async function latency(server: ServerProcess, tokens: string[]): Promise<Record<string, unknown>> {
  const name = 'text/latency01';
  const a = client(server.url, tokens[0]!, [name]);
  const b = client(server.url, tokens[1]!, [name]);
  const typists = Array.from({ length: 20 }, (_, i) => client(server.url, tokens[2 + i]!, [name]));
  const all = [a, b, ...typists];
  await until(() => all.every(synced), 'latency clients synced', 30_000);
  const rnd = seededRandom(7);
  // 20 members typing about 5 characters a second each, somewhere in the text.
  const timers = typists.map((t) =>
    setInterval(() => {
      const text = t.doc.getText('text');
      text.insert(Math.floor(rnd() * (text.length + 1)), '字');
    }, 200),
  );
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
  for (const t of timers) clearInterval(t);
  for (const c of all) close(c);
  seen.sort((x, y) => x - y);
  const p95 = percentile(seen, 0.95);
  return { samples: seen.length, lost: sentAt.size, p50Ms: percentile(seen, 0.5), p95Ms: p95, maxMs: percentile(seen, 1), targetP95Ms: 150, met: p95 <= 150 };
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
    const data = tempDir('bench-team-');
    const server = await startTeamServerProcess(data);
    try {
      const tokens: string[] = [];
      for (let i = 0; i < 24; i++) tokens.push(await addMember(data, `member${i}`, 'editor'));
      const lat = await latency(server, tokens);
      const sync = await initialSync(server, tokens[22]!, tokens[23]!, data);
      await server.stop();
      // A fresh server, so its memory is the 100 articles' and not what the runs above left.
      const fresh = await startTeamServerProcess(data);
      try {
        const mem = await memory(fresh, tokens[0]!);
        await fresh.stop();
        return { editToVisible: lat, initialSync1MB: sync, memory100x50KB: mem, auditHeavy: await auditHeavy() };
      } finally {
        await fresh.stop();
      }
    } finally {
      await server.stop();
      await removeDir(data);
    }
  },
};
