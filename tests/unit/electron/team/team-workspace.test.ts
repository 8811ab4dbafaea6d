/**
 * The team workspace as members see it: real team servers (child processes
 * on loopback ports), real workspaces on disk, each member's calls through
 * the one dispatcher.
 */
import { promises as fs, readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { join } from 'node:path';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AuditEntry, Claim, ClaimList, RevisionInfo } from '../../../../shared/annotations.js';
import type { FactDeskError } from '../../../../shared/errors.js';
import { createI18n, describeError } from '../../../../shared/i18n/index.js';
import type { ArticleDocument, ArticleSummary } from '../../../../shared/model.js';
import type { TeamReview, TeamStatus } from '../../../../shared/team/status.js';
import { MemberBook } from '../../../../electron/team-server/members.js';
import { addMember, openMember, startRedis, startTeamServerProcess, until, type Member } from '../../../helpers/team.js';
import { makeWorkspace, removeDir, tempDir } from '../../../helpers/temp-workspace.js';

const paragraph = '郴州经开区前三季度签约项目42个,项目总投资305.7亿元,同比增长190.6%。';
const article = `# 招商综述\n\n${paragraph}\n\n第二段保持不变。\n`;

// Real servers and several apps per test: on a shared 2-core machine (the whole suite running beside the crash
// tests' hundreds of SIGKILLed writers) a test can take a minute; the bounds are generous, the loops still bounded.
vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch((e) => console.error('cleanup:', e));
  cleanup = [];
});

async function team(roles: Array<[string, 'editor' | 'fact-checker']>, files: Record<string, string | Uint8Array> = { 'zs.md': article }) {
  const data = tempDir('team-data-');
  cleanup.push(() => removeDir(data));
  const server = await startTeamServerProcess(data);
  cleanup.push(() => server.stop());
  const members: Member[] = [];
  for (const [i, [name, role]] of roles.entries()) {
    const token = await addMember(data, name, role);
    const root = await makeWorkspace(i === 0 ? files : {});
    cleanup.push(() => removeDir(root));
    const m = await openMember(root, name);
    cleanup.push(() => m.close());
    await m.call('team.connect', { url: server.url, token });
    members.push(m);
  }
  return { data, server, members };
}

const fileOf = (m: Member, name = 'zs.md') => {
  try {
    return readFileSync(join(m.root, name), 'utf8');
  } catch {
    return null;
  }
};
const idOf = async (m: Member, path = 'zs.md') => (await m.call<ArticleSummary[]>('articles.list')).find((a) => a.path === path)?.id;
const settledAll = async (ms: Member[]) => {
  for (const m of ms) {
    const ok = await m.team.settled(40_000);
    expect(ok, `${m.name} settled: ${JSON.stringify(m.team.status())}, pending: ${JSON.stringify(m.team.pendingWork())}`).toBe(true);
  }
};

/** Inserts `s` right after `marker` in the member's file, as a save; retries when a team change landed first. */
async function typeAfter(m: Member, marker: string, s: string): Promise<void> {
  const id = (await idOf(m))!;
  for (let attempt = 0; attempt < 50; attempt++) {
    const doc = await m.call<ArticleDocument>('articles.read', { id });
    const at = doc.text.indexOf(marker) + marker.length;
    try {
      await m.call('articles.write', { id, text: doc.text.slice(0, at) + s + doc.text.slice(at), baseHash: doc.disk.hash });
      return;
    } catch (e) {
      if ((e as FactDeskError).code !== 'changed-on-disk') throw e;
    }
  }
  throw new Error('could not type');
}

async function claimOn(m: Member, quote: string): Promise<Claim> {
  const id = (await idOf(m))!;
  const doc = await m.call<ArticleDocument>('articles.read', { id });
  const start = doc.text.indexOf(quote);
  return m.call<Claim>('claims.add', { articleId: id, start, end: start + quote.length });
}

async function claimsOf(m: Member): Promise<{ list: ClaimList; text: string }> {
  const id = (await idOf(m))!;
  const list = await m.call<ClaimList>('claims.list', { articleId: id });
  return { list, text: (await m.call<ArticleDocument>('articles.read', { id })).text };
}

describe('team workspace', () => {
  it('three members typing in one paragraph at once end with the same text, on every disk, and claims stay on their words', async () => {
    const { members } = await team([
      ['alice', 'editor'],
      ['bob', 'editor'],
      ['carol', 'editor'],
    ]);
    const [a, b, c] = members as [Member, Member, Member];
    await until(() => fileOf(b) === article && fileOf(c) === article, 'the article on every disk');
    const claim = await claimOn(a, '305.7亿元');
    await settledAll(members);

    // Each types its own words into the same sentence, at the same time.
    const words = (who: string) => Array.from({ length: 8 }, (_, i) => `[${who}${i}]`);
    await Promise.all([
      (async () => { for (const w of words('a')) await typeAfter(a, '签约项目', w); })(),
      (async () => { for (const w of words('b')) await typeAfter(b, '签约项目', w); })(),
      (async () => { for (const w of words('c')) await typeAfter(c, '同比增长190.6%', w); })(),
    ]);
    await settledAll(members);
    await until(() => fileOf(a) === fileOf(b) && fileOf(b) === fileOf(c), 'identical files');
    const text = fileOf(a)!;
    for (const w of [...words('a'), ...words('b'), ...words('c')]) expect(text).toContain(w);
    // Each member's own words stay in the order they typed them (each was typed right after the marker).
    expect(text).toContain('第二段保持不变。');

    // One history for the team: every member's History lists the same revisions, each rebuilt to the same text.
    const histories = await Promise.all(members.map(async (m) => m.call<RevisionInfo[]>('revisions.list', { articleId: (await idOf(m))! })));
    expect(histories[0]!.length).toBeGreaterThan(3);
    expect(new Set(histories[0]!.map((r) => r.author))).toEqual(new Set(['alice', 'bob', 'carol']));
    for (const h of histories) expect(h.map((r) => [r.n, r.author, r.hash])).toEqual(histories[0]!.map((r) => [r.n, r.author, r.hash]));
    const last = histories[0]!.length;
    const texts = await Promise.all(members.map(async (m) => (await m.call<{ text: string }>('revisions.text', { articleId: (await idOf(m))!, revision: last })).text));
    expect(new Set(texts).size).toBe(1);

    for (const m of members) {
      const { list, text: t } = await claimsOf(m);
      const mine = list.claims.find((x) => x.id === claim.id);
      expect(mine, `claim at ${m.name}`).toBeDefined();
      expect(t.slice(mine!.anchor.start, mine!.anchor.end)).toBe('305.7亿元');
    }
  });

  it('a remote edit of a verified figure makes the claim needs-recheck for everyone; offline verdicts merge, and two of them on one claim show as a conflict', async () => {
    const { members } = await team([
      ['alice', 'editor'],
      ['bob', 'fact-checker'],
      ['carol', 'fact-checker'],
    ]);
    const [a, b, c] = members as [Member, Member, Member];
    await until(() => fileOf(b) === article && fileOf(c) === article, 'the article on every disk');
    const claim = await claimOn(a, '190.6%');
    await settledAll(members);
    const bId = (await idOf(b))!;
    await until(async () => (await claimsOf(b)).list.claims.some((x) => x.id === claim.id), 'claim at bob');
    await b.call('claims.setStatus', { articleId: bId, claimId: claim.id, status: 'verified', verdictNote: '统计局公报' });
    await settledAll(members);
    await until(async () => (await claimsOf(c)).list.claims.find((x) => x.id === claim.id)?.status === 'verified', 'verified at carol');

    // The editor changes the figure: every member's copy wants a re-check, as if they had edited it themselves.
    const aId = (await idOf(a))!;
    const d = await a.call<ArticleDocument>('articles.read', { id: aId });
    await a.call('articles.write', { id: aId, text: d.text.replace('190.6%', '19.6%'), baseHash: d.disk.hash });
    await settledAll(members);
    for (const m of members) {
      await until(async () => (await claimsOf(m)).list.claims.find((x) => x.id === claim.id)?.status === 'needs-recheck', `needs-recheck at ${m.name}`);
    }

    // Offline: the editor edits and comments; both checkers give a verdict on the same claim.
    for (const m of members) await m.call('team.disconnect');
    const offline = await a.call<TeamStatus>('team.status');
    expect(offline.state).toBe('offline');
    await typeAfter(a, '第二段', '(离线修改)');
    await a.call('claims.addComment', { articleId: aId, claimId: claim.id, text: '请核对增速' });
    const cId = (await idOf(c))!;
    await b.call('claims.setStatus', { articleId: bId, claimId: claim.id, status: 'verified', verdictNote: '复核无误' });
    await c.call('claims.setStatus', { articleId: cId, claimId: claim.id, status: 'false', verdictNote: '应为19.6%' });
    expect((await b.call<TeamStatus>('team.status')).waiting).toBeGreaterThan(0);

    // The editor's app restarts while offline: it stays offline, and nothing made offline is lost.
    const waiting = (await a.call<TeamStatus>('team.status')).waiting;
    expect(waiting).toBeGreaterThan(0);
    await a.close();
    const a2 = await openMember(a.root, 'alice');
    cleanup.push(() => a2.close());
    expect(await a2.call<TeamStatus>('team.status')).toMatchObject({ state: 'offline', waiting });
    for (const m of [a2, b, c]) await m.call('team.reconnect');
    const all = [a2, b, c];
    await settledAll(all);
    await until(() => fileOf(a2) === fileOf(b) && fileOf(b) === fileOf(c) && fileOf(c)!.includes('(离线修改)'), 'offline edit everywhere');
    for (const m of all) {
      await until(async () => (await claimsOf(m)).list.claims.find((x) => x.id === claim.id)?.comments.some((x) => x.text === '请核对增速') ?? false, `comment at ${m.name}`);
      const review = await m.call<TeamReview>('team.review', { articleId: (await idOf(m))! });
      const status = review.conflicts.find((x) => x.claimId === claim.id && x.field === 'status');
      expect(status, `status conflict at ${m.name}`).toBeDefined();
      expect(status!.values.map((v) => [v.by, v.value]).sort()).toEqual([
        ['bob', 'verified'],
        ['carol', 'false'],
      ]);
      const verdict = review.conflicts.find((x) => x.claimId === claim.id && x.field === 'verdict');
      expect(verdict!.values.map((v) => v.value).sort()).toEqual(['复核无误', '应为19.6%']);
      // The server's audit log is the same for everyone, oldest first.
      expect(review.audit.filter((e) => e.action === 'set.status').map((e) => e.by)).toEqual(expect.arrayContaining(['bob', 'carol']));
    }
    // …and it is the audit log each member's app shows for the article.
    const logs = await Promise.all(
      all.map(async (m) => (await m.call<AuditEntry[]>('articles.audit', { id: (await idOf(m))! })).filter((e) => e.by !== null).map((e) => [e.at, e.by, e.action, e.after ?? null])),
    );
    expect(logs[0]!.filter((e) => e[2] === 'claim.status').map((e) => e[1]).sort()).toEqual(['bob', 'bob', 'carol']);
    for (const l of logs) expect(l).toEqual(logs[0]);

    // Setting the status again settles the conflict for everyone.
    await b.call('claims.setStatus', { articleId: bId, claimId: claim.id, status: 'false' });
    await settledAll(all);
    for (const m of all) {
      await until(async () => !(await m.call<TeamReview>('team.review', { articleId: (await idOf(m))! })).conflicts.some((x) => x.field === 'status'), `settled at ${m.name}`);
    }
  });

  it('a fact-checker-only action from an editor is refused by the server, and a removed member is cut off at once', async () => {
    const { data, server, members } = await team([
      ['alice', 'editor'],
      ['bob', 'fact-checker'],
    ]);
    const [a, b] = members as [Member, Member];
    await until(() => fileOf(b) === article, 'article at bob');
    const claim = await claimOn(a, '305.7亿元');
    const aId = (await idOf(a))!;
    await settledAll(members);

    // In the app: refused before anything is sent, with a translated reason.
    const refused = await a.call('claims.setStatus', { articleId: aId, claimId: claim.id, status: 'verified' }).catch((e: FactDeskError) => e);
    expect((refused as FactDeskError).code).toBe('team-role-refused');
    expect(describeError(createI18n('en'), (refused as FactDeskError).toPayload())).toContain('As an editor you cannot set a claim’s status');
    expect(describeError(createI18n('zh-CN'), (refused as FactDeskError).toPayload())).toContain('作为编辑,您无权在此团队中设置断言状态');
    const bRefused = await b.call('articles.write', { id: (await idOf(b))!, text: 'x', baseHash: 'a'.repeat(64) }).catch((e: FactDeskError) => e);
    expect((bRefused as FactDeskError).code).toBe('team-role-refused');

    // On the wire: a client that skips the app's check is refused by the server, and nobody sees the event.
    const token = await addMember(data, 'mallory', 'editor');
    const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
    const doc = new Y.Doc();
    let closedWith = '';
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: `review/${aId}`, document: doc, token, onClose: ({ event }) => (closedWith ||= event.reason) });
    provider.attach();
    await until(() => provider.synced, 'raw client synced');
    doc.getArray('events').push([{ id: 'e0123456789abcdef', by: 'mallory', at: new Date().toISOString(), kind: 'set', claimId: claim.id, field: 'status', value: 'verified', prev: [] }]);
    await until(() => closedWith !== '', 'server closes the connection');
    expect(closedWith).toBe('team:team-role-refused:editor:claim.status');
    provider.destroy();
    socket.destroy();
    await new Promise((r) => setTimeout(r, 300));
    const { list } = await claimsOf(b);
    expect(list.claims.find((x) => x.id === claim.id)!.status).toBe('unchecked');

    // Removing a member cuts them off while connected.
    await new MemberBook(data).remove('bob');
    await until(() => b.team.status().error?.code === 'team-auth-failed', 'bob cut off');
    expect(b.team.status().state).toBe('offline');
  });

  it('SIGKILL of the server during a burst of edits loses no acknowledged change', async () => {
    const data = tempDir('team-data-');
    cleanup.push(() => removeDir(data));
    let server = await startTeamServerProcess(data);
    const port = server.port;
    cleanup.push(() => server.stop());
    const token = await addMember(data, 'alice', 'editor');
    const socket = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({ websocketProvider: socket, name: 'text/burst0001', document: doc, token });
    provider.attach();
    await until(() => provider.synced, 'synced');
    // Each edit is acknowledged when the server's sync status brings the unsynced count back down.
    const acked: string[] = [];
    let sent = 0;
    const inFlight: string[] = [];
    provider.on('unsyncedChanges', ({ number }: { number: number }) => {
      while (inFlight.length > number) acked.push(inFlight.shift()!);
    });
    const text = doc.getText('text');
    const burst = setInterval(() => {
      const word = `w${sent++};`;
      inFlight.push(word);
      text.insert(text.length, word);
    }, 2);
    await until(() => acked.length > 150, 'a burst under way');
    await server.stop('SIGKILL');
    clearInterval(burst);
    const ackedAtKill = [...acked];
    provider.destroy();
    socket.destroy();

    server = await startTeamServerProcess(data, { port });
    const root = await makeWorkspace({});
    cleanup.push(() => removeDir(root));
    // A fresh client reads what the restarted server holds.
    const fresh = new Y.Doc();
    const s2 = new HocuspocusProviderWebsocket({ url: server.url, WebSocketPolyfill: WebSocket });
    const p2 = new HocuspocusProvider({ websocketProvider: s2, name: 'text/burst0001', document: fresh, token });
    p2.attach();
    await until(() => p2.synced, 'fresh client synced');
    const held = fresh.getText('text').toString();
    const missing = ackedAtKill.filter((w) => !held.includes(w));
    expect(ackedAtKill.length).toBeGreaterThan(150);
    expect(missing).toEqual([]);
    p2.destroy();
    s2.destroy();
  });

  it('members on two server instances behind one Redis converge', async () => {
    const redis = await startRedis();
    cleanup.push(() => redis.stop());
    const data = tempDir('team-data-');
    cleanup.push(() => removeDir(data));
    const one = await startTeamServerProcess(data, { redis: redis.url });
    cleanup.push(() => one.stop());
    const two = await startTeamServerProcess(data, { redis: redis.url });
    cleanup.push(() => two.stop());
    const tA = await addMember(data, 'alice', 'editor');
    const tB = await addMember(data, 'bob', 'editor');
    const rootA = await makeWorkspace({ 'zs.md': article });
    const rootB = await makeWorkspace({});
    cleanup.push(() => removeDir(rootA), () => removeDir(rootB));
    const a = await openMember(rootA, 'alice');
    cleanup.push(() => a.close());
    const b = await openMember(rootB, 'bob');
    cleanup.push(() => b.close());
    await a.call('team.connect', { url: one.url, token: tA });
    await b.call('team.connect', { url: two.url, token: tB });
    await until(() => fileOf(b) === article, 'article through the other instance');
    await Promise.all([
      (async () => { for (let i = 0; i < 5; i++) await typeAfter(a, '签约项目', `[a${i}]`); })(),
      (async () => { for (let i = 0; i < 5; i++) await typeAfter(b, '同比增长', `[b${i}]`); })(),
    ]);
    await settledAll([a, b]);
    await until(() => fileOf(a) === fileOf(b) && /\[a4\]/.test(fileOf(b)!) && /\[b4\]/.test(fileOf(a)!), 'converged');

    // One audit log for both instances (their shared table): the same list on both members' apps.
    const claim = await claimOn(a, '305.7亿元');
    await a.call('claims.addComment', { articleId: (await idOf(a))!, claimId: claim.id, text: '两个实例' });
    await settledAll([a, b]);
    await until(async () => (await claimsOf(b)).list.claims.some((c) => c.comments.length === 1), 'the comment through the other instance');
    const auditA = await a.call<AuditEntry[]>('articles.audit', { id: (await idOf(a))! });
    expect(auditA.filter((e) => e.by === 'alice').map((e) => e.action)).toEqual(['claim.added', 'comment.added']);
    expect(await b.call<AuditEntry[]>('articles.audit', { id: (await idOf(b))! })).toEqual(auditA);

    // A forged cursor name sent to one instance reaches the other under the sender's own name.
    const teamId = (await idOf(a))!;
    const forger = new HocuspocusProvider({ websocketProvider: new HocuspocusProviderWebsocket({ url: one.url, WebSocketPolyfill: WebSocket }), name: `text/${teamId}`, document: new Y.Doc(), token: tB });
    const watcher = new HocuspocusProvider({ websocketProvider: new HocuspocusProviderWebsocket({ url: two.url, WebSocketPolyfill: WebSocket }), name: `text/${teamId}`, document: new Y.Doc(), token: tA });
    cleanup.push(async () => {
      for (const p of [forger, watcher]) {
        p.destroy();
        p.configuration.websocketProvider.destroy();
      }
    });
    forger.attach();
    watcher.attach();
    await until(() => forger.synced && watcher.synced, 'raw clients on both instances');
    forger.setAwarenessField('user', { name: 'alice-the-editor', color: 'red' });
    const seen = () => (watcher.awareness!.getStates().get(forger.document.clientID) as { user?: { name?: string } } | undefined)?.user?.name;
    await until(() => seen() === 'bob', 'the sender’s own name on the other instance');
  });
});

describe('team workspace: claims anchored with Yjs relative positions', () => {
  it('a claim on one of several identical figures ends on that figure for every member, after edits in front of it made offline and online at once', async () => {
    const figure = '305.7亿元';
    const sentence = `投资${figure}。`;
    // Three identical sentences: the claim's words, and its context, are ambiguous by quote.
    const text = `# 同一数字\n\n${sentence.repeat(3)}\n`;
    const { members } = await team(
      [
        ['alice', 'editor'],
        ['bob', 'editor'],
      ],
      { 'zs.md': text },
    );
    const [a, b] = members as [Member, Member];
    await until(() => fileOf(b) === text, 'the article at bob');
    await settledAll(members);

    // Bob, offline, writes the same figure in front of all three.
    await b.call('team.disconnect');
    await typeAfter(b, '\n\n', `据报道,${sentence}`);
    // Meanwhile alice claims the second of the three, then types in front of it too.
    const aId = (await idOf(a))!;
    const doc = await a.call<ArticleDocument>('articles.read', { id: aId });
    const second = doc.text.indexOf(figure, doc.text.indexOf(figure) + 1);
    const claim = await a.call<Claim>('claims.add', { articleId: aId, start: second, end: second + figure.length });
    await typeAfter(a, '\n\n', '(更新)');
    await settledAll([a]);
    await b.call('team.reconnect');
    await settledAll(members);
    await until(() => fileOf(a) === fileOf(b) && fileOf(a)!.includes('据报道') && fileOf(a)!.includes('(更新)'), 'both edits everywhere');

    // Four identical figures now; the claim is on the third (the second of the original three), on both copies —
    // not the first, nor the last, nor the one now where its offset was.
    const count = (s: string) => s.split(figure).length - 1;
    for (const m of members) {
      await until(async () => (await claimsOf(m)).list.claims.some((x) => x.id === claim.id), `the claim at ${m.name}`);
      const { list, text: now } = await claimsOf(m);
      const c = list.claims.find((x) => x.id === claim.id)!;
      expect(now.slice(c.anchor.start, c.anchor.end), m.name).toBe(figure);
      expect([count(now.slice(0, c.anchor.start)), count(now.slice(c.anchor.end))], `${m.name}: figures before and after the claim in ${now}`).toEqual([2, 1]);
    }
  });
});

describe('team workspace: files', () => {
  it('a half-written file FactDesk read in passing (its claims looked at) does not send the whole text up again', async () => {
    const { members } = await team([
      ['alice', 'editor'],
      ['bob', 'editor'],
    ]);
    const [a, b] = members as [Member, Member];
    await until(() => fileOf(b) === article, 'the article at bob');
    const id = (await idOf(b))!;
    await settledAll(members);
    // Another program rewrites bob's file in place: for a moment it is empty, and the team client's own
    // look at the claims (as it applies the team's review) records that moment as a revision without
    // the folder being scanned, before the new text lands.
    await fs.writeFile(join(b.root, 'zs.md'), '');
    await b.session.annotations.list(id);
    const edited = article.replace('第二段保持不变。', '第二段在别处改过。');
    await fs.writeFile(join(b.root, 'zs.md'), edited);
    await b.call('articles.list');
    await until(() => fileOf(a)?.includes('第二段在别处改过。') === true, 'the outside edit at alice');
    await settledAll(members);
    expect(fileOf(a)).toBe(edited);
    expect(fileOf(b)).toBe(edited);
  });

  it('an edit made to a file outside FactDesk goes up as an edit, and each member’s file keeps its own encoding', async () => {
    const gbk = iconv.encode(article, 'gb18030');
    const { members } = await team(
      [
        ['alice', 'editor'],
        ['bob', 'editor'],
      ],
      { 'zs.txt': gbk },
    );
    const [a, b] = members as [Member, Member];
    await until(() => fileOf(b, 'zs.txt') === article, 'the article at bob');
    // Bob edits his copy in another program; FactDesk notices it (the list is read) and sends it up.
    await fs.writeFile(join(b.root, 'zs.txt'), article.replace('第二段保持不变。', '第二段在别处改过。'));
    await b.call('articles.list');
    await until(() => iconv.decode(readFileSync(join(a.root, 'zs.txt')), 'gb18030').includes('第二段在别处改过。'), 'the outside edit at alice');
    // Alice's file is still GB18030 (not valid UTF-8), written whole.
    const bytes = readFileSync(join(a.root, 'zs.txt'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(iconv.decode(bytes, 'gb18030')).toBe(article.replace('第二段保持不变。', '第二段在别处改过。'));
    const doc = await a.call<ArticleDocument>('articles.read', { id: (await idOf(a, 'zs.txt'))! });
    expect(doc.encoding).toBe('gb18030');
  });
});
