/**
 * The workspace dashboard and the History timeline's numbers, through each
 * host with real files: claims by status and by article, verdicts per day in
 * the reader's time zone, open claims per assignee, following every change;
 * characters each revision added and removed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AddDetectedResult, RevisionChange } from '../../shared/annotations.js';
import type { BoardPage } from '../../shared/board.js';
import type { StatusCounts, WorkspaceDashboard } from '../../shared/dashboard.js';
import type { ArticleSummary, SaveResult } from '../../shared/model.js';
import { allHosts, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir } from '../helpers/temp-workspace.js';

const a = '项目总投资305.7亿元,同比增长190.6%。\n\n外贸进出口19.5亿美元,折合人民币130.6亿元。\n';
const b = 'Exports rose 5.2 per cent to $1.2 billion in December 2019.\n';

for (const makeHost of allHosts) {
  describe(`dashboard through ${makeHost.name}`, () => {
    let root: string;
    let h: HostUnderTest;
    let ids: Record<string, string>;
    beforeEach(async () => {
      root = await makeWorkspace({ 'a.txt': a, 'b.txt': b, 'empty.txt': '无数字。\n' });
      h = await makeHost(root);
      const list = (await h.call('articles.list')) as ArticleSummary[];
      ids = Object.fromEntries(list.map((x) => [x.path, x.id]));
    });
    afterEach(async () => {
      await h.close();
      await removeDir(root);
    });
    const dashboard = (offsetMinutes?: number) => h.call('workspace.dashboard', offsetMinutes === undefined ? {} : { offsetMinutes }) as Promise<WorkspaceDashboard>;

    it('counts claims by status and article, verdicts per day and open claims per assignee, and follows changes', async () => {
      expect((await dashboard()).total).toBe(0);
      const ra = (await h.call('claims.addDetected', { articleId: ids['a.txt'] })) as AddDetectedResult;
      const rb = (await h.call('claims.addDetected', { articleId: ids['b.txt'] })) as AddDetectedResult;
      const [c1, c2, c3] = ra.added;
      await h.call('claims.setStatus', { articleId: ids['a.txt'], claimId: c1!.id, status: 'verified' });
      await h.call('claims.setStatus', { articleId: ids['a.txt'], claimId: c2!.id, status: 'false' });
      await h.call('claims.update', { articleId: ids['a.txt'], claimId: c3!.id, assignee: '王芳' });
      await h.call('claims.setStatus', { articleId: ids['a.txt'], claimId: c3!.id, status: 'in-progress' });
      const d = await dashboard();
      const total = ra.added.length + rb.added.length;
      expect(d.total).toBe(total);
      expect(d.byStatus).toMatchObject({ verified: 1, false: 1, 'in-progress': 1, unchecked: total - 3 });
      // Most open claims first; an article without claims is left out.
      expect(d.articles.map((x) => x.path).sort()).toEqual(['a.txt', 'b.txt']);
      const rowA = d.articles.find((x) => x.path === 'a.txt')!;
      expect(rowA).toMatchObject({ total: ra.added.length, open: ra.added.length - 2, counts: { verified: 1, false: 1 } });
      const today = new Date().toISOString().slice(0, 10);
      expect(d.checksByDay).toEqual([{ day: today, count: 2 }]);
      expect(d.openByAssignee).toEqual([
        { assignee: null, count: total - 3 },
        { assignee: '王芳', count: 1 },
      ]);
      // A verdict is a check on the reader's day: 14 hours east of UTC it is mostly tomorrow.
      const east = await dashboard(14 * 60);
      const eastDay = new Date(Date.now() + 14 * 3600_000).toISOString().slice(0, 10);
      expect(east.checksByDay.map((x) => x.day)).toContain(eastDay);

      await h.call('claims.setStatus', { articleId: ids['b.txt'], claimId: rb.added[0]!.id, status: 'verified' });
      await h.call('claims.delete', { articleId: ids['a.txt'], claimId: c3!.id });
      const after = await dashboard();
      expect(after.total).toBe(total - 1);
      expect(after.byStatus.verified).toBe(2);
      expect(after.checksByDay).toEqual([{ day: today, count: 3 }]);
      expect(after.openByAssignee.find((x) => x.assignee === '王芳')).toBeUndefined();
    });

    it("gives every article's claims by status in one call, the same as the board, and follows changes", async () => {
      const counts = (ids?: string[]) => h.call('articles.statusCounts', ids ? { ids } : {}) as Promise<Record<string, StatusCounts>>;
      // Before any claim: every article, all zero.
      const none = await counts();
      expect(Object.keys(none).sort()).toEqual(Object.values(ids).sort());
      expect(Object.values(none).every((c) => Object.values(c).every((n) => n === 0))).toBe(true);
      const ra = (await h.call('claims.addDetected', { articleId: ids['a.txt'] })) as AddDetectedResult;
      await h.call('claims.addDetected', { articleId: ids['b.txt'] });
      await h.call('claims.setStatus', { articleId: ids['a.txt'], claimId: ra.added[0]!.id, status: 'verified' });
      const all = await counts();
      const board = (id: string) => h.call('board.query', { articleId: [id], limit: 1 }) as Promise<BoardPage>;
      for (const id of Object.values(ids)) expect(all[id]).toEqual((await board(id)).byStatus);
      expect(all[ids['a.txt']!]).toMatchObject({ verified: 1, unchecked: ra.added.length - 1 });
      // A bulk change shows at once; asked for one article, only that one comes back.
      await h.call('claims.bulk', { targets: ra.added.slice(1).map((c) => ({ articleId: ids['a.txt'], claimId: c.id })), status: 'disputed' });
      const one = await counts([ids['a.txt']!]);
      expect(Object.keys(one)).toEqual([ids['a.txt']]);
      expect(one[ids['a.txt']!]).toMatchObject({ verified: 1, disputed: ra.added.length - 1, unchecked: 0 });
      expect(one[ids['a.txt']!]).toEqual((await board(ids['a.txt']!)).byStatus);
      // An article that is gone is left out, not an error.
      await h.call('articles.delete', { id: ids['b.txt'] });
      expect(Object.keys(await counts([ids['b.txt']!, ids['a.txt']!]))).toEqual([ids['a.txt']]);
      await expect(h.call('articles.statusCounts', { ids: ['../etc'] })).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it('refuses a time-zone offset that is not one', async () => {
      await expect(h.call('workspace.dashboard', { offsetMinutes: 100_000 })).rejects.toMatchObject({ code: 'invalid-input' });
    });

    it("tells how many characters each revision added and removed", async () => {
      const id = ids['b.txt']!;
      const doc = (await h.call('articles.read', { id })) as { disk: { hash: string }; text: string };
      const next = doc.text.replace('5.2', '15.25');
      const saved = (await h.call('articles.write', { id, text: next, baseHash: doc.disk.hash })) as SaveResult;
      await h.call('articles.write', { id, text: next + 'More.\n', baseHash: saved.disk.hash });
      const changes = (await h.call('revisions.changes', { articleId: id })) as RevisionChange[];
      expect(changes).toEqual([
        { n: 1, added: b.length, removed: 0 },
        { n: 2, added: 2, removed: 0 },
        { n: 3, added: 6, removed: 0 },
      ]);
    });
  });
}
