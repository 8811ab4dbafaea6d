/**
 * What the team server refuses from a member's connection, on a real server
 * on a loopback port with a raw Hocuspocus client (one that skips the app's
 * own checks): names that could leave a workspace, oversized messages, floods,
 * and the role and review rules — each refusal with the reason the app
 * translates, and nobody else gets the refused change.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startTeamServer, type TeamServer } from '../../../../electron/team-server/server.js';
import { until } from '../../../helpers/team.js';
import { removeDir, tempDir } from '../../../helpers/temp-workspace.js';

// Waits for the server are bounded at 40 s (a loaded machine); the tests may take that long.
vi.setConfig({ testTimeout: 90_000 });

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
  cleanup = [];
});

async function server(opts: { maxMessageBytes?: number; rateBurst?: number; ratePerSecond?: number } = {}): Promise<TeamServer> {
  const data = tempDir('team-guard-');
  const s = await startTeamServer({ dataDir: data, port: 0, quiet: true, ...opts });
  cleanup.push(() => removeDir(data), () => s.close());
  return s;
}

function rawClient(url: string, token: string, name: string) {
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  const doc = new Y.Doc();
  const closed: string[] = [];
  let socketClosed = 0;
  socket.on('close', ({ event }: { event: { code: number } }) => (socketClosed = event.code));
  const provider = new HocuspocusProvider({ websocketProvider: socket, name, document: doc, token, onClose: ({ event }) => void closed.push(event.reason) });
  provider.attach();
  cleanup.push(async () => {
    provider.destroy();
    socket.destroy();
  });
  return { doc, provider, closed, socketCode: () => socketClosed };
}

it('an article name that would leave a workspace is refused, and nobody gets it', async () => {
  const s = await server();
  const { token } = await s.members.add('eve', 'editor');
  const c = rawClient(s.url, token, 'index');
  await until(() => c.provider.synced, 'synced');
  c.doc.getMap('articles').set('abcdef123456', { name: '../../.bashrc.md', by: 'eve', at: new Date().toISOString() });
  await until(() => c.closed.length > 0, 'refused');
  expect(c.closed[0]).toBe('team:team-invalid-change:article name refused');
  const { token: t2 } = await s.members.add('ann', 'editor');
  const other = rawClient(s.url, t2, 'index');
  await until(() => other.provider.synced, 'second client synced');
  expect(other.doc.getMap('articles').size).toBe(0);
});

it('a message over the size cap closes the connection; a flood of messages is refused', async () => {
  const s = await server({ maxMessageBytes: 64 * 1024, rateBurst: 20, ratePerSecond: 5 });
  const { token } = await s.members.add('eve', 'editor');
  const big = rawClient(s.url, token, 'text/bigpaste1');
  await until(() => big.provider.synced, 'synced');
  big.doc.getText('text').insert(0, '字'.repeat(40_000));
  // ws refuses the frame before buffering it whole: 1009 "message too big".
  await until(() => big.socketCode() === 1009, 'closed for size');

  const flood = rawClient(s.url, token, 'text/flooding1');
  await until(() => flood.provider.synced, 'synced');
  for (let i = 0; i < 60; i++) flood.doc.getText('text').insert(0, 'x');
  await until(() => flood.closed.some((r) => r === 'team:team-limit:too many messages'), 'rate limited');
});

/** A review event as the app sends it (`by` the sender unless the test forges it). */
const event = (by: string, e: Record<string, unknown>) => ({ id: 'e' + Math.random().toString(16).slice(2, 18).padEnd(16, '0'), by, at: new Date().toISOString(), ...e });

/** Waits for the server to close `c`'s document with `reason`, then checks a second member never got the refused change. */
async function refused(c: ReturnType<typeof rawClient>, reason: string): Promise<void> {
  await until(() => c.closed.length > 0, `refused: ${reason}`);
  expect(c.closed[0]).toBe(reason);
}

describe('roles and review rules, from a client that skips the app’s checks', () => {
  it('a fact-checker’s edit of the text is refused, and nobody sees it', async () => {
    const s = await server();
    const { token: ed } = await s.members.add('ed', 'editor');
    const { token: fc } = await s.members.add('fay', 'fact-checker');
    const editor = rawClient(s.url, ed, 'text/abcdef123456');
    await until(() => editor.provider.synced, 'editor synced');
    editor.doc.getText('text').insert(0, '投资305.7亿元。');
    const checker = rawClient(s.url, fc, 'text/abcdef123456');
    await until(() => checker.provider.synced && checker.doc.getText('text').toString() === '投资305.7亿元。', 'the text at the fact-checker');
    checker.doc.getText('text').insert(0, '改:');
    await refused(checker, 'team:team-role-refused:fact-checker:text.edit');
    await new Promise((r) => setTimeout(r, 300));
    expect(editor.doc.getText('text').toString()).toBe('投资305.7亿元。');
  });

  it('a fact-checker may not move the workflow nor create an article', async () => {
    const s = await server();
    const { token: fc } = await s.members.add('fay', 'fact-checker');
    const review = rawClient(s.url, fc, 'review/abcdef123456');
    await until(() => review.provider.synced, 'synced');
    review.doc.getArray('events').push([event('fay', { kind: 'set', claimId: null, field: 'workflow', value: 'published', prev: [] })]);
    await refused(review, 'team:team-role-refused:fact-checker:workflow');

    const index = rawClient(s.url, fc, 'index');
    await until(() => index.provider.synced, 'synced');
    index.doc.getMap('articles').set('abcdef123456', { name: '新稿.md', by: 'fay', at: new Date().toISOString() });
    await refused(index, 'team:team-role-refused:fact-checker:article.create');
    const { token: t2 } = await s.members.add('ann', 'editor');
    const other = rawClient(s.url, t2, 'index');
    await until(() => other.provider.synced, 'second client synced');
    expect(other.doc.getMap('articles').size).toBe(0);
  });

  it('an editor’s verdict is refused; so is an event in another member’s name', async () => {
    const s = await server();
    const { token: ed } = await s.members.add('ed', 'editor');
    const { token: fc } = await s.members.add('fay', 'fact-checker');
    const editor = rawClient(s.url, ed, 'review/abcdef123456');
    await until(() => editor.provider.synced, 'synced');
    editor.doc.getArray('events').push([event('ed', { kind: 'set', claimId: 'c1234abcd', field: 'verdict', value: '与公报一致', prev: [] })]);
    await refused(editor, 'team:team-role-refused:editor:claim.verdict');

    // The fact-checker may give a verdict, but only in her own name.
    const checker = rawClient(s.url, fc, 'review/abcdef123456');
    await until(() => checker.provider.synced, 'synced');
    checker.doc.getArray('events').push([event('ed', { kind: 'set', claimId: 'c1234abcd', field: 'verdict', value: '与公报一致', prev: [] })]);
    await refused(checker, 'team:team-invalid-change:an event in another member’s name');
    const { token: t3 } = await s.members.add('ann', 'editor');
    const other = rawClient(s.url, t3, 'review/abcdef123456');
    await until(() => other.provider.synced, 'third client synced');
    expect(other.doc.getArray('events').length).toBe(0);
  });

  it('review events are never deleted, and a rename that would leave a workspace is refused', async () => {
    const s = await server();
    const { token: ed } = await s.members.add('ed', 'editor');
    const c = rawClient(s.url, ed, 'review/abcdef123456');
    await until(() => c.provider.synced, 'synced');
    const events = c.doc.getArray('events');
    events.push([event('ed', { kind: 'comment', claimId: 'c1234abcd', comment: { id: 'm1234abcd', text: '请核对' } })]);
    await until(() => !c.provider.hasUnsyncedChanges, 'the comment acknowledged');
    expect(c.closed).toEqual([]);
    events.delete(0, 1);
    await refused(c, 'team:team-invalid-change:entries are never deleted');
    const { token: t2 } = await s.members.add('ann', 'editor');
    const other = rawClient(s.url, t2, 'review/abcdef123456');
    await until(() => other.provider.synced && other.doc.getArray('events').length === 1, 'the comment kept for others');

    const renamer = rawClient(s.url, ed, 'review/bcdef1234567');
    await until(() => renamer.provider.synced, 'synced');
    renamer.doc.getArray('events').push([event('ed', { kind: 'set', claimId: null, field: 'name', value: '../x', prev: [] })]);
    await refused(renamer, 'team:team-invalid-change:article name refused');
  });
});
