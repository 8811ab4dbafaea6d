import { describe, expect, it } from 'vitest';
import { applyChanges } from '../../../../shared/anchoring/index.js';
import { deriveReview, fieldValue, nextRevision, rebaseChanges, reviewEventSchema, revisionEvents, revisionInfos, revisionText, type ReviewEvent } from '../../../../shared/team/index.js';

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

describe('deriveReview: sources, comments, relations and the article as events', () => {
  const at = '2026-01-02T00:00:00Z';
  const claim: ReviewEvent = { id: 'e00000001', by: 'alice', at, kind: 'claim', claimId: 'c000000000001', start: '', end: '', quote: '305.7亿元', claimKind: 'money', value: 30570000000, unit: 'CNY' };
  const source: ReviewEvent = { id: 'e00000002', by: 'alice', at, kind: 'source', claimId: 'c000000000001', source: { id: 's000000000001', title: '公报', url: '', publisher: '', accessed: '', quote: '', note: '' } };
  const relation: ReviewEvent = { id: 'e00000003', by: 'bob', at, kind: 'relation', relation: { id: 'r000000000001', expression: 'A ≤ 400', claimIds: ['c000000000001'] } };
  const set = (id: string, by: string, e: { claimId: string | null; itemId?: string; field: string; value: unknown }, prev: string[] = []) =>
    ({ id, by, at, kind: 'set', ...e, prev }) as ReviewEvent;

  it('two edits of one source field that did not see each other are a conflict of that source; the other fields stay as they were', () => {
    const s = deriveReview([claim, source, set('e00000004', 'alice', { claimId: 'c000000000001', itemId: 's000000000001', field: 'source.title', value: '年报' }), set('e00000005', 'bob', { claimId: 'c000000000001', itemId: 's000000000001', field: 'source.title', value: '统计公报' })]);
    const title = s.claims['c000000000001']!.items['s000000000001']!['source.title']!;
    expect(title.conflict!.map((h) => `${h.by}:${String(h.value)}`).sort()).toEqual(['alice:年报', 'bob:统计公报']);
    expect(fieldValue(s, { claimId: 'c000000000001', itemId: 's000000000001', field: 'source.publisher' })).toBe('');
    expect(s.claims['c000000000001']!.fields['source.title']).toBeUndefined();
  });

  it('a relation is stated once and removed by a later event; the article’s name and workflow are fields of the article', () => {
    const s = deriveReview([claim, relation, set('e00000006', 'alice', { claimId: null, itemId: 'r000000000001', field: 'relation.removed', value: true }), set('e00000007', 'alice', { claimId: null, field: 'name', value: 'a.md' }), set('e00000008', 'dave', { claimId: null, field: 'name', value: 'b.md' })]);
    expect(s.relations['r000000000001']).toMatchObject({ by: 'bob', removed: { value: true, by: 'alice' } });
    expect(s.article.name!.conflict!.map((h) => h.value).sort()).toEqual(['a.md', 'b.md']);
    expect(fieldValue(s, { claimId: null, field: 'workflow' })).toBe('draft');
    expect(fieldValue(s, { claimId: 'c000000000001', field: 'kind' })).toBe('money');
  });

  it('the schema keeps each field in its place: a source field names its source, an article field names no claim, values fit the field', () => {
    const ok = (e: object) => reviewEventSchema.safeParse(e).success;
    const base = { id: 'e00000009', by: 'alice', at, kind: 'set', prev: [] };
    expect(ok({ ...base, claimId: 'c000000000001', itemId: 's000000000001', field: 'source.title', value: 'x' })).toBe(true);
    expect(ok({ ...base, claimId: 'c000000000001', field: 'source.title', value: 'x' })).toBe(false);
    expect(ok({ ...base, claimId: 'c000000000001', field: 'name', value: 'a.md' })).toBe(false);
    expect(ok({ ...base, claimId: null, field: 'name', value: 'a.md' })).toBe(true);
    expect(ok({ ...base, claimId: 'c000000000001', field: 'kind', value: 'not-a-kind' })).toBe(false);
    expect(ok({ ...base, claimId: 'c000000000001', field: 'value', value: 42.5 })).toBe(true);
    expect(ok({ ...base, claimId: 'c000000000001', itemId: 's000000000001', field: 'source.url', value: 'javascript:alert(1)' })).toBe(false);
    expect(ok({ ...base, claimId: 'c000000000001', itemId: 'm000000000001', field: 'comment.text', value: '' })).toBe(false);
  });
});
