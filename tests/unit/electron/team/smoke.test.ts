import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import type { ArticleSummary } from '../../../../shared/model.js';
import { addMember, openMember, startTeamServerProcess, until, type Member, type ServerProcess } from '../../../helpers/team.js';
import { makeWorkspace, removeDir, tempDir } from '../../../helpers/temp-workspace.js';

let cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const f of cleanup.reverse()) await f().catch(() => {});
  cleanup = [];
});

it('smoke: an article made by one member appears for another, edits flow both ways', async () => {
  const data = tempDir('team-data-');
  const server: ServerProcess = await startTeamServerProcess(data);
  cleanup.push(() => removeDir(data), () => server.stop());
  const tA = await addMember(data, 'alice', 'editor');
  const tB = await addMember(data, 'bob', 'editor');
  const rootA = await makeWorkspace({ 'a.md': '# A\nRevenue rose 12.5% to 305.7亿元.\n' });
  const rootB = await makeWorkspace({});
  cleanup.push(() => removeDir(rootA), () => removeDir(rootB));
  const a: Member = await openMember(rootA, 'alice');
  const b: Member = await openMember(rootB, 'bob');
  cleanup.push(() => b.close(), () => a.close());
  await a.call('team.connect', { url: server.url, token: tA });
  await b.call('team.connect', { url: server.url, token: tB });
  await until(async () => (await b.call<ArticleSummary[]>('articles.list')).length === 1, 'article at bob');
  await until(() => { try { return readFileSync(join(rootB, 'a.md'), 'utf8').includes('305.7'); } catch { return false; } }, 'text at bob');
  const [art] = await b.call<ArticleSummary[]>('articles.list');
  const doc = await b.call<{ text: string; disk: { hash: string } }>('articles.read', { id: art!.id });
  await b.call('articles.write', { id: art!.id, text: doc.text + 'Bob was here.\n', baseHash: doc.disk.hash });
  await until(() => readFileSync(join(rootA, 'a.md'), 'utf8').includes('Bob was here'), 'bob edit at alice');
  expect(await a.team.settled()).toBe(true);
  expect(a.team.status()).toMatchObject({ state: 'online', waiting: 0, member: { name: 'alice', role: 'editor' } });
});
