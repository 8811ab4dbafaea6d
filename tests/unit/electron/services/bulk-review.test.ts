/**
 * The bulk-change journal with real files: progress within one article, a
 * claim changed by someone else between the plan and the write (the undo
 * record follows what was written), the newest 20 batches kept, and a journal
 * of the old kind (`batches.json`) still undone after the upgrade.
 */
import { existsSync, promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BulkBatch } from '../../../../shared/annotations.js';
import { Session } from '../../../../electron/services/session.js';
import { makeWorkspace, removeDir } from '../../../helpers/temp-workspace.js';

const figures = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}项投资${(i * 3.1 + 2).toFixed(1)}亿元。`).join('\n') + '\n';

const roots: string[] = [];
const sessions: Session[] = [];
afterEach(async () => {
  await Promise.all(sessions.splice(0).map((s) => s.close()));
  await Promise.all(roots.splice(0).map(removeDir));
});

async function open(files: Record<string, string>) {
  const root = await makeWorkspace(files);
  roots.push(root);
  const session = await Session.open(root, { author: 'alice' });
  sessions.push(session);
  const targets: Array<{ articleId: string; claimId: string }> = [];
  for (const id of session.workspace.ids()) {
    await session.annotations.addDetected(id);
    for (const c of (await session.annotations.list(id)).claims) targets.push({ articleId: id, claimId: c.id });
  }
  return { root, session, targets };
}

async function reopen(root: string, old: Session): Promise<Session> {
  await old.close();
  sessions.splice(sessions.indexOf(old), 1);
  const session = await Session.open(root, { author: 'alice' });
  sessions.push(session);
  return session;
}

describe('bulk changes', () => {
  it('report progress within an article, not only when it is done', async () => {
    const { session, targets } = await open({ 'a.txt': figures(400) });
    const seen: number[] = [];
    session.bus.on((event, p) => {
      if (event === 'bulk.progress') seen.push((p as { done: number }).done);
    });
    await session.bulk.apply(targets, { status: 'verified' }, 'all');
    expect(seen[0]).toBe(0);
    expect(seen.at(-1)).toBe(targets.length);
    expect(seen.filter((d) => d > 0 && d < targets.length).length).toBeGreaterThanOrEqual(2);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
  });

  it('keep as the undo record what was written when a claim changed after the plan', async () => {
    const { session, targets } = await open({ 'a.txt': figures(20), 'b.txt': figures(10) });
    const [byHand] = targets;
    // Someone sets one of the claims to the same status right after the batch was planned.
    const store = session.annotations;
    const plan = store.bulkPlan.bind(store);
    store.bulkPlan = async (...args) => {
      const items = await plan(...args);
      if (args[0] === byHand!.articleId) await store.setStatus(byHand!.articleId, byHand!.claimId, 'verified');
      return items;
    };
    const r = await session.bulk.apply(targets, { status: 'verified' }, 'all');
    expect(r.changed).toBe(targets.length - 1);
    expect(await session.bulk.targets(r.batchId)).not.toContainEqual(byHand);
    // Read again from the journal: the article's part as written replaced the plan's.
    const again = await reopen(session.workspace.root, session);
    expect(await again.bulk.targets(r.batchId)).toHaveLength(targets.length - 1);
    expect(await again.bulk.undo(r.batchId)).toMatchObject({ changed: targets.length - 1, skipped: 0 });
    // The claim set by hand stays as it was set.
    expect((await again.annotations.claim(byHand!.articleId, byHand!.claimId)).status).toBe('verified');
    const rest = (await again.annotations.list(byHand!.articleId)).claims.filter((c) => c.id !== byHand!.claimId);
    expect(rest.every((c) => c.status === 'unchecked')).toBe(true);
  });

  it('keep the newest 20 batches', async () => {
    const { root, session, targets } = await open({ 'a.txt': figures(3) });
    const ids: string[] = [];
    for (let i = 0; i < 24; i++) ids.push((await session.bulk.apply(targets, { verdictNote: `第${i}次` }, `note ${i}`)).batchId);
    const again = await reopen(root, session);
    expect((await again.bulk.recent()).map((b) => b.id)).toEqual(ids.slice(-20).reverse());
    expect(readFileSync(join(root, '.factdesk', 'batches.jsonl'), 'utf8').trim().split('\n')).toHaveLength(20);
    await expect(again.bulk.undo(ids[0]!)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('undo a batch kept in the journal of the old kind (batches.json), which is then written in the new one', async () => {
    const { root, session, targets } = await open({ 'a.txt': figures(4) });
    const r = await session.bulk.apply(targets, { status: 'disputed' }, 'old');
    // As the old journal had it: one JSON file, written after the claims changed.
    const [batch] = readFileSync(join(root, '.factdesk', 'batches.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { id: string; at: string; by: string; summary: string; items: BulkBatch['items'] });
    await fs.rm(join(root, '.factdesk', 'batches.jsonl'));
    const legacy = { version: 1, batches: [{ id: batch!.id, at: batch!.at, by: batch!.by, summary: batch!.summary, items: batch!.items }] };
    await fs.writeFile(join(root, '.factdesk', 'batches.json'), JSON.stringify(legacy));
    const again = await reopen(root, session);
    expect(await again.bulk.undo(r.batchId)).toMatchObject({ changed: targets.length });
    expect(existsSync(join(root, '.factdesk', 'batches.json'))).toBe(false);
    const third = await reopen(root, again);
    expect((await third.bulk.recent())[0]).toMatchObject({ id: r.batchId, count: targets.length, undone: expect.any(String) });
  });
});
