import { describe, expect, it } from 'vitest';
import type { AuditEntry, Claim } from '../../../shared/annotations.js';
import { mergeDashboard, tallyArticle } from '../../../shared/dashboard.js';

const claim = (id: string, status: Claim['status'], assignee: string | null = null, deleted = false) =>
  ({ id, status, assignee, ...(deleted ? { deleted: true } : {}) }) as unknown as Claim;
const verdict = (at: string, after: string, claimId = 'c1'): AuditEntry => ({ at, by: 'w', action: 'claim.status', claimId, before: 'unchecked', after });

describe('the dashboard tally', () => {
  it('counts live claims by status and open ones by assignee, and verdicts (not other status changes) by the reader’s day', () => {
    const tally = tallyArticle({
      claims: {
        c1: claim('c1', 'verified', '王芳'),
        c2: claim('c2', 'disputed', '王芳'),
        c3: claim('c3', 'unchecked'),
        c4: claim('c4', 'needs-recheck', 'Li'),
        c5: claim('c5', 'false', null, true),
      },
      audit: [
        verdict('2026-12-03T23:30:00.000Z', 'verified'),
        verdict('2026-12-04T01:00:00.000Z', 'disputed', 'c2'),
        verdict('2026-12-04T02:00:00.000Z', 'in-progress', 'c3'),
        { at: '2026-12-04T03:00:00.000Z', by: 'w', action: 'claim.updated', claimId: 'c1', field: 'assignee', before: null, after: '王芳' },
      ],
    });
    expect(tally.counts).toMatchObject({ verified: 1, disputed: 1, unchecked: 1, 'needs-recheck': 1, false: 0 });
    const d = mergeDashboard([{ articleId: 'a1', title: 'A', path: 'a.txt', tally }], 0);
    expect(d.total).toBe(4);
    expect(d.articles).toEqual([expect.objectContaining({ articleId: 'a1', total: 4, open: 3 })]);
    // Ties in name order, the unassigned first.
    expect(d.openByAssignee).toEqual([
      { assignee: null, count: 1 },
      { assignee: 'Li', count: 1 },
      { assignee: '王芳', count: 1 },
    ]);
    // In UTC the two verdicts fall on two days; eight hours east (Beijing) both are on the 4th.
    expect(d.checksByDay).toEqual([
      { day: '2026-12-03', count: 1 },
      { day: '2026-12-04', count: 1 },
    ]);
    expect(mergeDashboard([{ articleId: 'a1', title: 'A', path: 'a.txt', tally }], 480).checksByDay).toEqual([{ day: '2026-12-04', count: 2 }]);
  });

  it('puts the articles with most open claims first and leaves out those without claims', () => {
    const t = (n: number, open: number) => tallyArticle({ claims: Object.fromEntries(Array.from({ length: n }, (_, i) => [`c${i}`, claim(`c${i}`, i < open ? 'unchecked' : 'verified')])), audit: [] });
    const d = mergeDashboard(
      [
        { articleId: 'a', title: 'A', path: 'a.txt', tally: t(10, 1) },
        { articleId: 'b', title: 'B', path: 'b.txt', tally: t(3, 3) },
        { articleId: 'c', title: 'C', path: 'c.txt', tally: t(0, 0) },
      ],
      0,
    );
    expect(d.articles.map((a) => a.articleId)).toEqual(['b', 'a']);
    expect(d.byStatus).toMatchObject({ unchecked: 4, verified: 9 });
  });
});
