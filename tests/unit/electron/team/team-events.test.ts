/**
 * What issue 16 left: presence checked by the server, the publication gate's
 * override as a team event, the audit log served in pages, and the review and
 * article changes that now travel as events — real servers on loopback, real
 * workspaces, every call through the one dispatcher.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { AuditEntry, Claim, ClaimList } from '../../../../shared/annotations.js';
import type { CheckerRelation } from '../../../../shared/checks/types.js';
import type { FactDeskError } from '../../../../shared/errors.js';
import { createI18n, describeError } from '../../../../shared/i18n/index.js';
import type { ArticleDocument, ArticleSummary } from '../../../../shared/model.js';
import type { TeamReview } from '../../../../shared/team/status.js';
import { gateRefusedExit } from '../../../../electron/cli/commands/export.js';
import { DocStore } from '../../../../electron/team-server/doc-store.js';
import { factdeskInProcess } from '../../../helpers/cli.js';
import { addMember, openMember, startTeamServerProcess, until, type Member } from '../../../helpers/team.js';
import { makeWorkspace, removeDir, tempDir } from '../../../helpers/temp-workspace.js';

const article = '# 招商综述\n\n签约项目42个,项目总投资305.7亿元,同比增长190.6%。\n\n第二段保持不变。\n';

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch((e) => console.error('cleanup:', e));
  cleanup = [];
});

async function team(roles: Array<[string, 'editor' | 'fact-checker']>) {
  const data = tempDir('team-data-');
  cleanup.push(() => removeDir(data));
  const server = await startTeamServerProcess(data);
  cleanup.push(() => server.stop());
  const members: Member[] = [];
  const tokens: string[] = [];
  for (const [i, [name, role]] of roles.entries()) {
    const token = await addMember(data, name, role);
    tokens.push(token);
    const root = await makeWorkspace(i === 0 ? { 'zs.md': article } : {});
    cleanup.push(() => removeDir(root));
    const m = await openMember(root, name);
    cleanup.push(() => m.close());
    await m.call('team.connect', { url: server.url, token });
    members.push(m);
  }
  return { data, server, members, tokens };
}

/** Alice (editor) and bob (fact-checker), the article on both disks, a claim on it made by alice. */
async function editorAndChecker() {
  const t = await team([
    ['alice', 'editor'],
    ['bob', 'fact-checker'],
  ]);
  const [a, b] = t.members as [Member, Member];
  await until(async () => !!(await idOf(b)), 'the article on bob’s disk');
  const claim = await claimOn(a, '305.7亿元');
  await settledAll(t.members);
  return { ...t, a, b, claim };
}

const idOf = async (m: Member, path = 'zs.md') => (await m.call<ArticleSummary[]>('articles.list')).find((a) => a.path === path)?.id;
const settledAll = async (ms: Member[]) => {
  for (const m of ms) expect(await m.team.settled(40_000), `${m.name} settled: ${JSON.stringify(m.team.pendingWork())}`).toBe(true);
};
async function claimOn(m: Member, quote: string): Promise<Claim> {
  const id = (await idOf(m))!;
  const doc = await m.call<ArticleDocument>('articles.read', { id });
  const start = doc.text.indexOf(quote);
  return m.call<Claim>('claims.add', { articleId: id, start, end: start + quote.length });
}

async function claimOf(m: Member, claimId: string): Promise<Claim | undefined> {
  const l = await m.call<ClaimList>('claims.list', { articleId: (await idOf(m))! });
  return [...l.claims, ...l.detached, ...l.deleted].find((c) => c.id === claimId);
}

/** Alice (editor), bob and carol (fact-checkers): offline, carol says a claim of alice's is false and bob that it is verified — a conflict, at alice's too. */
async function conflictAtAlice() {
  const t = await team([
    ['alice', 'editor'],
    ['bob', 'fact-checker'],
    ['carol', 'fact-checker'],
  ]);
  const { members } = t;
  const [a, b, c] = members as [Member, Member, Member];
  await until(async () => !!(await idOf(b)) && !!(await idOf(c)), 'the article on every disk');
  const claim = await claimOn(a, '305.7亿元');
  await settledAll(members);
  await until(async () => !!(await claimOf(b, claim.id)) && !!(await claimOf(c, claim.id)), 'the claim at both checkers');
  // Offline, carol says false, then bob verified: every copy shows the latest (verified), which is no winner.
  for (const m of [b, c]) await m.call('team.disconnect');
  await c.call('claims.setStatus', { articleId: (await idOf(c))!, claimId: claim.id, status: 'false' });
  await new Promise((r) => setTimeout(r, 20));
  await b.call('claims.setStatus', { articleId: (await idOf(b))!, claimId: claim.id, status: 'verified' });
  for (const m of [b, c]) await m.call('team.reconnect');
  await settledAll(members);
  const aId = (await idOf(a))!;
  await until(async () => (await claimOf(a, claim.id))?.status === 'verified', 'the latest status at alice');
  await until(async () => (await a.call<TeamReview>('team.review', { articleId: aId })).conflicts.some((x) => x.claimId === claim.id), 'the conflict at alice');
  return { ...t, a, b, c, claim, aId };
}

/** A bare Yjs client on a team document (what a modified app could send). */
function rawClient(url: string, name: string, token: string) {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token });
  provider.attach();
  cleanup.push(async () => {
    provider.destroy();
    socket.destroy();
  });
  return { doc, provider };
}

describe('team workspace: what issue 16 left', () => {
  it('a client cannot show its cursor under another member’s name: the server rewrites or drops the forged presence', async () => {
    const { server, members, tokens } = await team([
      ['alice', 'editor'],
      ['bob', 'editor'],
      ['carol', 'fact-checker'],
    ]);
    await settledAll(members);
    const teamId = (await idOf(members[0]!))!;
    const doc = `text/${teamId}`;
    // Bob's token, but a client that claims to be alice (a longer name fits in place: rewritten) …
    const forger = rawClient(server.url, doc, tokens[1]!);
    // … and one that claims to be "al" under carol's token (carol's real name does not fit: dropped).
    const short = rawClient(server.url, doc, tokens[2]!);
    const watcher = rawClient(server.url, doc, tokens[0]!);
    await until(() => forger.provider.synced && short.provider.synced && watcher.provider.synced, 'raw clients synced');
    forger.provider.setAwarenessField('user', { name: 'alice', color: 'red' });
    short.provider.setAwarenessField('user', { name: 'al', role: 'editor' });
    watcher.provider.setAwarenessField('user', { name: 'alice', color: 'blue' });
    const seen = (clientID: number) => (watcher.provider.awareness!.getStates().get(clientID) as { user?: { name?: string; color?: string } } | undefined)?.user;
    await until(() => seen(forger.doc.clientID)?.name === 'bob', 'the forged name rewritten to the sender’s own');
    expect(seen(forger.doc.clientID)?.color).toBe('red');
    // The short forgery never shows under the name it claimed; its cursor is not shown at all.
    await new Promise((r) => setTimeout(r, 500));
    expect(seen(short.doc.clientID)?.name).not.toBe('al');
    // What the members' apps receive (and pass to their editors) holds only true names.
    const names = [...watcher.provider.awareness!.getStates().values()].map((s) => (s as { user?: { name?: string } }).user?.name).filter(Boolean);
    expect(names.sort()).toEqual(['alice', 'bob']);
    // A member's own true name passes untouched.
    forger.provider.setAwarenessField('user', { name: 'bob', color: 'green' });
    await until(() => seen(forger.doc.clientID)?.color === 'green', 'a true name passes');
  });

  it('an editor’s override of the publication gate is a team event: recorded on every member’s app and in the team audit; a fact-checker’s is refused by the app and by the server', async () => {
    const { server, members, tokens, a, b, claim } = await editorAndChecker();
    const aId = (await idOf(a))!;
    const bId = (await idOf(b))!;
    // The unchecked claim blocks publication; bob may not override the gate (nor move the workflow).
    const refused = await b.call('export.article', { articleId: bId, format: 'md', language: 'zh-CN', overrideReason: '截稿' }).catch((e: FactDeskError) => e);
    expect((refused as FactDeskError).code).toBe('team-role-refused');
    expect(describeError(createI18n('en'), (refused as FactDeskError).toPayload())).toContain('you cannot override the publication gate');
    expect(describeError(createI18n('zh-CN'), (refused as FactDeskError).toPayload())).toContain('越过发布关卡');
    // Alice publishes past the gate with a written reason.
    await a.call('articles.setWorkflow', { id: aId, workflow: 'published', overrideReason: 'deadline: the figure is from the official release' });
    await settledAll(members);
    // Bob's app records the override and the workflow, and his audit log shows who overrode and why.
    await until(async () => ((await b.session.annotations.publishing(bId)).overrides ?? []).length === 1, 'the override on bob’s app', 40_000);
    const o = (await b.session.annotations.publishing(bId)).overrides![0]!;
    expect(o).toMatchObject({ by: 'alice', reason: 'deadline: the figure is from the official release', claimIds: [claim.id] });
    await until(async () => (await b.call<ArticleSummary[]>('articles.list')).find((x) => x.id === bId)?.workflow === 'published', 'published on bob’s app', 40_000);
    for (const m of [a, b]) {
      const audit = await m.call<AuditEntry[]>('articles.audit', { id: (await idOf(m))! });
      const entry = audit.find((e) => e.action === 'gate.override');
      expect(entry, `${m.name}'s audit`).toMatchObject({ by: 'alice', after: 'deadline: the figure is from the official release', before: '1 blocking claims' });
    }
    // On the wire: a fact-checker's client that skips the app's check is refused by the server.
    const raw = rawClient(server.url, `review/${aId}`, tokens[1]!);
    let closedWith = '';
    raw.provider.on('close', ({ event }: { event: { reason: string } }) => (closedWith ||= event.reason));
    await until(() => raw.provider.synced, 'raw client synced');
    raw.doc.getArray('events').push([{ id: 'e0123456789abcdef', by: 'bob', at: new Date().toISOString(), kind: 'gate-override', note: 'mine' }]);
    await until(() => closedWith !== '', 'the server closes the connection');
    expect(closedWith).toBe('team:team-role-refused:fact-checker:gate.override');
    await new Promise((r) => setTimeout(r, 300));
    expect((await a.session.annotations.publishing(aId)).overrides).toHaveLength(1);
  });

  it('a claim whose review holds an unresolved conflict blocks the publication gate like an unchecked one, with the reason said, until it is settled', async () => {
    const { members, a, b, claim, aId } = await conflictAtAlice();

    // The gate names it as blocking, for its conflict.
    type Gate = { decision: string; blocking: Array<{ claimId: string; conflict?: boolean }> };
    const state = await a.call<{ gate: Gate }>('export.state', { articleId: aId });
    expect(state.gate).toMatchObject({ decision: 'blocked', blocking: [{ claimId: claim.id, conflict: true }] });
    for (const attempt of [
      () => a.call('export.article', { articleId: aId, format: 'md', language: 'en' }),
      () => a.call('articles.setWorkflow', { id: aId, workflow: 'published' }),
    ]) {
      const e = (await attempt().catch((x: FactDeskError) => x)) as FactDeskError;
      expect(e.code).toBe('publication-blocked');
      expect(describeError(createI18n('en'), e.toPayload())).toContain('1 of them hold a team conflict');
      expect(describeError(createI18n('zh-CN'), e.toPayload())).toContain('其中 1 条存在团队冲突');
    }
    // An editor may publish past it with a written reason, like past an unchecked claim: the override names it.
    await a.call('export.article', { articleId: aId, format: 'md', language: 'en', overrideReason: '官方数字' });
    expect((await a.session.annotations.publishing(aId)).overrides?.at(-1)?.claimIds).toEqual([claim.id]);
    // Settled (bob sets it again, having seen both): the gate opens.
    await b.call('claims.setStatus', { articleId: (await idOf(b))!, claimId: claim.id, status: 'verified' });
    await settledAll(members);
    await until(async () => (await a.call<{ gate: Gate }>('export.state', { articleId: aId })).gate.decision === 'open', 'the gate open once settled');
  });

  it('the command line’s export in a team workspace passes the team’s gate: a team conflict blocks it, an editor’s override goes to the team when her app next connects, a fact-checker’s is refused', async () => {
    const { a, b, claim } = await conflictAtAlice();
    const bId = (await idOf(b))!;
    const cli = async (...argv: string[]) => {
      const lang = process.env.LC_ALL;
      process.env.LC_ALL = 'en_US.UTF-8';
      try {
        return await factdeskInProcess(...argv);
      } finally {
        if (lang === undefined) delete process.env.LC_ALL;
        else process.env.LC_ALL = lang;
      }
    };
    // Alice quits the app and publishes from the command line: the conflicted claim blocks, and is named.
    await a.close();
    const out = tempDir('team-export-');
    cleanup.push(() => removeDir(out));
    const blocked = await cli('export', a.root, 'zs.md', '--format', 'md', '--out', out);
    expect(blocked.code, blocked.err).toBe(gateRefusedExit);
    expect(blocked.err).toMatch(/305\.7亿元.*\(team conflict\)/);
    expect(readdirSync(out)).toEqual([]);
    // With her reason it is published; the override waits for the team in her team log.
    const passed = await cli('export', a.root, 'zs.md', '--format', 'md', '--out', out, '--override-reason', '官方数字');
    expect(passed.code, passed.err).toBe(0);
    expect(readdirSync(out)).toHaveLength(1);
    // Her app starts again (this computer's profile says "root"): the override reaches bob, signed alice.
    const again = await openMember(a.root, 'root');
    cleanup.push(() => again.close());
    const overrideAtBob = async () => ((await b.session.annotations.publishing(bId)).overrides ?? []).find((o) => o.reason === '官方数字');
    await until(async () => !!(await overrideAtBob()), 'the override at bob’s');
    expect(await overrideAtBob()).toMatchObject({ by: 'alice', claimIds: [claim.id] });
    await until(async () => (await b.call<ArticleSummary[]>('articles.list')).find((x) => x.id === bId)?.workflow === 'published', 'published at bob’s');
    // Bob, a fact-checker, tries the same from the command line: refused for his role, nothing written.
    await b.close();
    const refused = await cli('export', b.root, 'zs.md', '--format', 'md', '--out', out, '--override-reason', 'mine');
    expect(refused.code).not.toBe(0);
    expect(refused.err).toContain('you cannot override the publication gate');
    expect(readdirSync(out)).toHaveLength(1);
  });

  it('in a team the member the server knows signs what the app records, whatever this computer’s profile is called; the link holding its token is mode 0600', async () => {
    const data = tempDir('team-data-');
    cleanup.push(() => removeDir(data));
    const server = await startTeamServerProcess(data);
    cleanup.push(() => server.stop());
    const token = await addMember(data, 'alice', 'editor');
    const root = await makeWorkspace({ 'zs.md': article });
    cleanup.push(() => removeDir(root));
    // The profile on this computer says "root".
    const m = await openMember(root, 'root');
    let open = true;
    cleanup.push(async () => void (open && (await m.close())));
    expect(m.session.author).toBe('root');
    await m.call('team.connect', { url: server.url, token });
    expect(m.session.author).toBe('alice');
    // The link keeps the join token: readable by this user only.
    expect(statSync(join(root, '.factdesk', 'team', 'link.json')).mode & 0o777).toBe(0o600);
    const claim = await claimOn(m, '305.7亿元');
    const id = (await idOf(m))!;
    await m.call('claims.addComment', { articleId: id, claimId: claim.id, text: '请核对' });
    const mine = (await m.session.annotations.auditLog(id)).filter((e) => e.by !== null);
    expect(new Set(mine.map((e) => e.by))).toEqual(new Set(['alice']));
    expect((await claimOf(m, claim.id))!.comments[0]!.author).toBe('alice');
    // After a restart (the profile still "root"), the link says who works here.
    await m.close();
    open = false;
    const again = await openMember(root, 'root');
    cleanup.push(() => again.close());
    expect(again.session.author).toBe('alice');
  });

  it('the audit log is a server table served in pages: every member reads the same long list, and it stays readable offline and after a restart', async () => {
    const { data, a, b, claim } = await editorAndChecker();
    const teamId = (await idOf(a))!;
    // A long history: 4,500 entries written by the server (more than two pages), then a live one.
    const store = new DocStore(data);
    const at = new Date().toISOString();
    store.appendAudit(Array.from({ length: 4500 }, (_, i) => ({ at, by: 'alice', articleId: teamId, action: 'comment', claimId: claim.id, after: `note ${i}` })));
    store.close();
    await b.call('claims.setStatus', { articleId: (await idOf(b))!, claimId: claim.id, status: 'verified' });
    const aAudit = await a.call<AuditEntry[]>('articles.audit', { id: teamId });
    const bAudit = await b.call<AuditEntry[]>('articles.audit', { id: (await idOf(b))! });
    const comments = aAudit.filter((e) => e.action === 'comment.added');
    expect(comments).toHaveLength(4500);
    expect(comments[4499]!.after).toBe('note 4499');
    expect(aAudit.find((e) => e.action === 'claim.status')).toMatchObject({ by: 'bob', after: 'verified' });
    expect(bAudit).toEqual(aAudit);
    // Bob goes offline and restarts his app: the log he read is still there.
    await b.call('team.disconnect');
    await b.close();
    const b2 = await openMember(b.root, 'bob');
    cleanup.push(() => b2.close());
    expect(b2.team.status().state).toBe('offline');
    expect(await b2.call<AuditEntry[]>('articles.audit', { id: (await idOf(b2))! })).toEqual(bAudit);
  });

  it('a data folder from before the audit table: its audit document moves into the table when the server starts', async () => {
    const data = tempDir('team-data-');
    cleanup.push(() => removeDir(data));
    const old = new Y.Doc();
    old.getArray('entries').push([{ at: '2026-01-01T00:00:00.000Z', by: 'alice', articleId: 'abcdef12', action: 'set.workflow', before: 'draft', after: 'review' }]);
    const store = new DocStore(data);
    store.store('audit', Y.encodeStateAsUpdate(old));
    store.close();
    const server = await startTeamServerProcess(data);
    cleanup.push(() => server.stop());
    const check = new DocStore(data);
    cleanup.push(async () => check.close());
    expect(check.auditPage('abcdef12', 0, 10).entries).toMatchObject([{ seq: 1, by: 'alice', action: 'set.workflow', after: 'review' }]);
  });

  it('claim fields, source and comment edits and removals, and relations travel as events; two offline edits of one source show as a conflict', async () => {
    const { a, b, claim } = await editorAndChecker();
    const aId = (await idOf(a))!;
    const bId = (await idOf(b))!;
    const withSource = await a.call<Claim>('claims.addSource', { articleId: aId, claimId: claim.id, source: { title: '统计公报', url: 'https://example.org/a' } });
    const sourceId = withSource.sources[0]!.id;
    const withComment = await a.call<Claim>('claims.addComment', { articleId: aId, claimId: claim.id, text: '请核对口径' });
    const commentId = withComment.comments[0]!.id;
    await a.call('claims.update', { articleId: aId, claimId: claim.id, kind: 'money', unit: '亿元', note: '以年报为准' });
    await settledAll([a, b]);
    await until(async () => (await claimOf(b, claim.id))?.comments.length === 1 && (await claimOf(b, claim.id))?.note === '以年报为准', 'alice’s changes on bob’s copy', 40_000);
    expect(await claimOf(b, claim.id)).toMatchObject({ kind: 'money', unit: '亿元', sources: [{ id: sourceId, title: '统计公报' }] });

    // Bob (a fact-checker) edits the source and the comment, then removes the comment; he states a relation.
    await b.call('claims.updateSource', { articleId: bId, claimId: claim.id, sourceId, source: { title: '2025 统计公报', publisher: '统计局' } });
    await b.call('claims.editComment', { articleId: bId, claimId: claim.id, commentId, text: '口径已核对' });
    const rel = await b.call<CheckerRelation>('relations.add', { articleId: bId, expression: 'A ≤ 400', claimIds: [claim.id] });
    await settledAll([a, b]);
    await until(async () => (await claimOf(a, claim.id))?.sources[0]?.title === '2025 统计公报' && (await claimOf(a, claim.id))?.comments[0]?.text === '口径已核对', 'bob’s edits on alice’s copy', 40_000);
    expect((await claimOf(a, claim.id))!.sources[0]).toMatchObject({ publisher: '统计局', updatedBy: 'bob' });
    await until(async () => (await a.call<ClaimList>('claims.list', { articleId: aId })).relations.some((r) => r.id === rel.id), 'the relation on alice’s copy');
    await b.call('claims.removeComment', { articleId: bId, claimId: claim.id, commentId });
    await a.call('relations.remove', { articleId: aId, relationId: rel.id });
    await settledAll([a, b]);
    await until(async () => (await claimOf(a, claim.id))?.comments.length === 0, 'the comment removed on alice’s copy');
    await until(async () => (await b.call<ClaimList>('claims.list', { articleId: bId })).relations.length === 0, 'the relation removed on bob’s copy');
    // Nothing comes back after a moment (a removal is an event too, not a missing entry).
    await new Promise((r) => setTimeout(r, 300));
    expect((await claimOf(a, claim.id))!.comments).toHaveLength(0);
    // The team's audit shows each change with who made it, the same on both apps.
    const audit = await a.call<AuditEntry[]>('articles.audit', { id: aId });
    expect(audit.find((e) => e.action === 'source.updated' && e.field === 'source.title')).toMatchObject({ by: 'bob', before: '统计公报', after: '2025 统计公报' });
    expect(audit.find((e) => e.action === 'comment.removed')).toMatchObject({ by: 'bob' });
    expect(audit.find((e) => e.action === 'relation.removed')).toMatchObject({ by: 'alice' });
    expect(await b.call<AuditEntry[]>('articles.audit', { id: bId })).toEqual(audit);

    // Both offline, both retitle the source: on reconnect, a conflict with both values and who set them.
    await a.call('team.disconnect');
    await b.call('team.disconnect');
    await a.call('claims.updateSource', { articleId: aId, claimId: claim.id, sourceId, source: { title: '年报' } });
    await b.call('claims.updateSource', { articleId: bId, claimId: claim.id, sourceId, source: { title: '公报' } });
    await a.call('team.reconnect');
    await b.call('team.reconnect');
    await settledAll([a, b]);
    for (const m of [a, b]) {
      await until(async () => (await m.call<TeamReview>('team.review', { articleId: (await idOf(m))! })).conflicts.length === 1, `the conflict on ${m.name}'s app`);
      const [c] = (await m.call<TeamReview>('team.review', { articleId: (await idOf(m))! })).conflicts;
      expect(c).toMatchObject({ claimId: claim.id, itemId: sourceId, field: 'source.title' });
      expect(c!.values.map((v) => `${v.by}:${String(v.value)}`).sort()).toEqual(['alice:年报', 'bob:公报']);
    }
    // Setting it again settles it for everyone.
    await b.call('claims.updateSource', { articleId: bId, claimId: claim.id, sourceId, source: { title: '年报' } });
    await settledAll([a, b]);
    await until(async () => (await a.call<TeamReview>('team.review', { articleId: aId })).conflicts.length === 0, 'settled');
  });

  it('an article created, renamed or deleted by an editor is created, renamed or deleted for every member; a fact-checker’s rename is refused', async () => {
    const { a, b } = await editorAndChecker();
    const created = await a.call<ArticleSummary>('articles.create', { name: 'desk/新稿.md', text: '新稿正文 12 个项目。\n' });
    const fileOf = (name: string) => (existsSync(join(b.root, name)) ? readFileSync(join(b.root, name), 'utf8') : null);
    await until(() => fileOf('desk/新稿.md') === '新稿正文 12 个项目。\n', 'the new article on bob’s disk');
    await a.call('articles.rename', { id: (await idOf(a))!, name: 'desk/招商综述.md' });
    await until(() => existsSync(join(b.root, 'desk', '招商综述.md')) && !existsSync(join(b.root, 'zs.md')), 'the rename on bob’s disk');
    expect(readFileSync(join(b.root, 'desk', '招商综述.md'), 'utf8')).toBe(article);
    // The renamed article is still the same team article: an edit on one side reaches the other's renamed file.
    const renamedId = (await idOf(a, 'desk/招商综述.md'))!;
    const doc = await a.call<ArticleDocument>('articles.read', { id: renamedId });
    await a.call('articles.write', { id: renamedId, text: doc.text + '补充一段。\n', baseHash: doc.disk.hash });
    await until(() => readFileSync(join(b.root, 'desk', '招商综述.md'), 'utf8').endsWith('补充一段。\n'), 'the edit in bob’s renamed file');
    await a.call('articles.delete', { id: created.id });
    await until(() => !existsSync(join(b.root, 'desk', '新稿.md')), 'the deletion on bob’s disk');
    expect((await b.call<Array<{ path: string }>>('trash.list')).map((t) => t.path)).toContain('desk/新稿.md');
    // Bob may not rename: translated, and nothing moved.
    const refused = await b.call('articles.rename', { id: (await idOf(b, 'desk/招商综述.md'))!, name: 'mine.md' }).catch((e: FactDeskError) => e);
    expect((refused as FactDeskError).code).toBe('team-role-refused');
    expect(describeError(createI18n('en'), (refused as FactDeskError).toPayload())).toContain('you cannot rename articles');
    expect(describeError(createI18n('zh-CN'), (refused as FactDeskError).toPayload())).toContain('重命名文章');
    expect(existsSync(join(b.root, 'desk', '招商综述.md'))).toBe(true);
  });

  it('a bulk review change made on the Board, and its undo, reach every member', async () => {
    const { a, b, claim } = await editorAndChecker();
    const second = await claimOn(a, '190.6%');
    await settledAll([a, b]);
    const bId = (await idOf(b))!;
    await until(async () => !!(await claimOf(b, second.id)), 'both claims on bob’s copy', 40_000);
    const targets = [claim.id, second.id].map((claimId) => ({ articleId: bId, claimId }));
    const r = await b.call<{ batchId: string; changed: number }>('claims.bulk', { targets, status: 'verified', addSource: { title: '年报', url: 'https://example.org/r' } });
    expect(r.changed).toBe(2);
    await settledAll([a, b]);
    for (const id of [claim.id, second.id]) {
      await until(async () => (await claimOf(a, id))?.status === 'verified' && (await claimOf(a, id))?.sources.length === 1, `the bulk change on alice’s copy (${id})`);
    }
    // An editor may not make a bulk status change: refused before anything changes.
    const refused = await a.call('claims.bulk', { targets: [{ articleId: (await idOf(a))!, claimId: claim.id }], status: 'false' }).catch((e: FactDeskError) => e);
    expect((refused as FactDeskError).code).toBe('team-role-refused');
    await b.call('claims.undoBulk', { batchId: r.batchId });
    await settledAll([a, b]);
    for (const id of [claim.id, second.id]) {
      await until(async () => (await claimOf(a, id))?.status === 'unchecked' && (await claimOf(a, id))?.sources.length === 0, `the undo on alice’s copy (${id})`);
    }
  });
});
