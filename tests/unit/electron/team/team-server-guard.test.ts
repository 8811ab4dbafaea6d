/**
 * What the team server refuses from a member's connection, on a real server
 * on a loopback port with a raw Hocuspocus client (one that skips the app's
 * own checks): names that could leave a workspace, oversized messages, floods.
 */
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import WebSocket from 'ws';
import * as Y from 'yjs';
import { afterEach, expect, it } from 'vitest';
import { startTeamServer, type TeamServer } from '../../../../electron/team-server/server.js';
import { until } from '../../../helpers/team.js';
import { removeDir, tempDir } from '../../../helpers/temp-workspace.js';

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
