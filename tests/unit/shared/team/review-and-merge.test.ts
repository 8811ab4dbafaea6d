import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../shared/anchoring/index.js';
import { deriveReview, nextRevision, rebaseChanges, revisionEvents, revisionInfos, revisionText, type ReviewEvent } from '../../../../shared/team/index.js';

describe('rebaseChanges: a file edit brought into a team text that moved meanwhile', () => {
  it('keeps both members’ words when both typed at the same place', () => {
    const base = '签约项目42个';
    const mine = '签约项目[a]42个';
    const theirs = '签约项目[b]42个';
    expect(applyChanges(theirs, rebaseChanges(base, mine, theirs))).toMatch(/^签约项目(\[a\]\[b\]|\[b\]\[a\])42个$/);
  });

  it('applies my replacement of a figure where the team text has it now', () => {
    const base = '增长190.6%。第二段。';
    const mine = '增长19.6%。第二段。';
    const theirs = '前言。增长190.6%。第二段(改)。';
    expect(applyChanges(theirs, rebaseChanges(base, mine, theirs))).toBe('前言。增长19.6%。第二段(改)。');
  });
});

describe('deriveReview: the current review from append-only events', () => {
  const claim: ReviewEvent = { id: 'e00000001', by: 'alice', at: '2026-01-01T00:00:00Z', kind: 'claim', claimId: 'c000000000001', start: '', end: '', quote: '305.7亿元', claimKind: 'money', value: 30570000000, unit: 'CNY' };
  const set = (id: string, by: string, value: string, prev: string[], at = '2026-01-02T00:00:00Z'): ReviewEvent => ({ id, by, at, kind: 'set', claimId: 'c000000000001', field: 'status', value, prev });

  it('a later change that saw the earlier one replaces it', () => {
    const s = deriveReview([claim, set('e00000002', 'bob', 'verified', []), set('e00000003', 'carol', 'false', ['e00000002'])]);
    expect(s.claims['c000000000001']!.fields.status).toMatchObject({ value: 'false', by: 'carol' });
    expect(s.claims['c000000000001']!.fields.status!.conflict).toBeUndefined();
  });

  it('two changes that did not see each other are a conflict with both values and who made them, in any order of arrival', () => {
    const events = [claim, set('e00000002', 'bob', 'verified', []), set('e00000003', 'carol', 'false', [])];
    for (const order of [events, [...events].reverse()]) {
      const f = deriveReview(order).claims['c000000000001']!.fields.status!;
      expect(f.conflict!.map((h) => [h.by, h.value])).toEqual([
        ['bob', 'verified'],
        ['carol', 'false'],
      ]);
    }
  });

  it('the same value set twice concurrently is no conflict; setting it again over both settles a conflict', () => {
    expect(deriveReview([claim, set('e00000002', 'bob', 'false', []), set('e00000003', 'carol', 'false', [])]).claims['c000000000001']!.fields.status!.conflict).toBeUndefined();
    const settled = deriveReview([claim, set('e00000002', 'bob', 'verified', []), set('e00000003', 'carol', 'false', []), set('e00000004', 'bob', 'false', ['e00000002', 'e00000003'])]);
    expect(settled.claims['c000000000001']!.fields.status).toMatchObject({ value: 'false', heads: ['e00000004'] });
  });
});

describe('team revisions: one history from revision events', () => {
  const at = (s: number) => `2026-01-01T00:00:${String(s).padStart(2, '0')}Z`;
  const add = (events: ReviewEvent[], id: string, by: string, t: number, text: string) => {
    const next = nextRevision(revisionEvents(events), text, 'save')!;
    events.push({ id, by, at: at(t), ...next });
  };

  it('numbers revisions the same way whatever order they arrived in, and rebuilds each text through its own patches', () => {
    const events: ReviewEvent[] = [];
    add(events, 'e00000001', 'alice', 1, '增长190.6%。');
    add(events, 'e00000002', 'alice', 2, '同比增长190.6%。');
    // Two members record concurrently, both against revision 2.
    const base = [...events];
    const bob = nextRevision(revisionEvents(base), '同比增长19.6%。', 'save')!;
    const carol = nextRevision(revisionEvents(base), '同比增长190.6%。第二段。', 'save')!;
    const all: ReviewEvent[] = [...base, { id: 'e00000004', by: 'carol', at: at(4), ...carol }, { id: 'e00000003', by: 'bob', at: at(3), ...bob }];
    const revs = revisionEvents(all);
    expect(revisionInfos(revs).map((r) => [r.n, r.author])).toEqual([
      [1, 'alice'],
      [2, 'alice'],
      [3, 'bob'],
      [4, 'carol'],
    ]);
    expect(revisionText(revs, 3)).toBe('同比增长19.6%。');
    expect(revisionText(revs, 4)).toBe('同比增长190.6%。第二段。');
    expect(nextRevision(revs, '同比增长190.6%。第二段。', 'save')).toBeNull();
  });
});
