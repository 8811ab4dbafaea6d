import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactDeskError } from '../../../../shared/errors.js';
import { evaluateRelation, parseRelation, runChecks, type CheckClaim, type CheckerRelation } from '../../../../shared/checks/index.js';

const text = '新能源产业园引资额155亿元;大健康产业园引资额112亿元;全年总投资305.7亿元。外贸进出口19.5亿美元,折合人民币130.6亿元。';

function claim(id: string, figure: string, kind: CheckClaim['kind'], value: number | null, unit: string | null): CheckClaim {
  const start = text.indexOf(figure);
  if (start < 0) throw new Error(`${figure} not in text`);
  return { id, text: figure, start, end: start + figure.length, kind, value, unit };
}

const claims = [
  claim('c1', '155亿元', 'money', 155e8, 'CNY'),
  claim('c2', '112亿元', 'money', 112e8, 'CNY'),
  claim('c3', '305.7亿元', 'money', 305.7e8, 'CNY'),
  claim('c4', '19.5亿美元', 'money', 19.5e8, 'USD'),
  claim('c5', '130.6亿元', 'money', 130.6e8, 'CNY'),
];

const relation = (expression: string, claimIds: string[]): CheckerRelation => ({ id: 'r1', expression, claimIds, createdBy: 'checker', createdAt: '2026-01-01T00:00:00Z' });

describe('relation language', () => {
  it('parses sums, products, brackets, percentages and tolerances into a tree', () => {
    const p = parseRelation('(A + B) × 2 ≤ C ÷ 50%');
    expect(p.comparison).toBe('<=');
    expect(p.refs).toEqual(['A', 'B', 'C']);
    expect(parseRelation('A ≈ B ± 1%').tolerance).toEqual({ value: 0.01, relative: true });
    expect(parseRelation('{c5} = {c4} * 6.7261 +/- 0.5').tolerance).toEqual({ value: 0.5, relative: false });
    expect(parseRelation('A >= -B').right).toEqual({ type: 'neg', arg: { type: 'ref', name: 'B' } });
  });

  it('says where a relation cannot be read, as a translated error', () => {
    for (const [bad, at] of [['A + ', 5], ['A + B', 6], ['A ≤ B ≤ C', 7], ['A ≤ B ± C', 9], ['A < B ± 1%', 7], ['alert(1) ≤ A', 1], ['A ≤ (B', 7], ['{c1 ≤ A', 1]] as const) {
      try {
        parseRelation(bad);
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(FactDeskError);
        expect((e as FactDeskError).code).toBe('invalid-relation');
        expect((e as FactDeskError).params.at, bad).toBe(at);
      }
    }
  });

  it('never runs or crashes on any input: it parses or throws invalid-relation', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(...'AB{}c1 ()+-*/×÷<>=≤≥≈±%.0123456789x'.split('')), maxLength: 40 }), (s) => {
        try {
          parseRelation(s);
        } catch (e) {
          expect((e as FactDeskError).code).toBe('invalid-relation');
        }
      }),
    );
  });

  it('holds for the two parks within the year’s total, with printed precision', () => {
    const r = evaluateRelation(relation('A + B ≤ C', ['c1', 'c2', 'c3']), claims);
    expect(r.status).toBe('holds');
    expect(r.claims.map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
  });

  it('checks a conversion stated as a relation, and breaks when a figure is edited', () => {
    const rel = relation('A ≈ B × 6.7261 ± 1%', ['c5', 'c4']);
    expect(evaluateRelation(rel, claims).status).toBe('holds');
    const edited = claims.map((c) => (c.id === 'c5' ? { ...c, value: 150.6e8, text: '150.6亿元' } : c));
    const after = evaluateRelation(rel, edited);
    expect(after.status).toBe('broken');
    expect(after.claims.map((c) => c.text)).toEqual(['150.6亿元', '19.5亿美元']);
  });

  it('allows the rounding of the printed digits and nothing more', () => {
    // 305.7 = 305.65 … 305.75: equal to 305.74, not to 305.76 (exact literals).
    expect(evaluateRelation(relation('C = 30574000000', ['', '', 'c3']), claims).status).toBe('holds');
    expect(evaluateRelation(relation('C = 30576000000', ['', '', 'c3']), claims).status).toBe('broken');
    expect(evaluateRelation(relation('A + B > C', ['c1', 'c2', 'c3']), claims).status).toBe('broken');
  });

  it('is unresolved when a claim is gone or has no value, and invalid when unreadable', () => {
    expect(evaluateRelation(relation('A ≤ B', ['c1', 'gone']), claims).status).toBe('unresolved');
    expect(evaluateRelation(relation('A ≤ B', ['c1']), claims).status).toBe('unresolved');
    const noValue = [...claims, { ...claims[0]!, id: 'c9', value: null }];
    expect(evaluateRelation(relation('{c9} ≤ {c1}', []), noValue).status).toBe('unresolved');
    expect(evaluateRelation(relation('A ≤', ['c1']), claims).status).toBe('invalid');
  });

  it('reports a broken relation as an alarm on its claims, in both languages', () => {
    const rel = relation('A + B ≥ C', ['c1', 'c2', 'c3']);
    const en = runChecks(text, claims, { relations: [rel] }).findings.find((f) => f.kind === 'relation')!;
    expect(en.ok).toBe(false);
    expect(en.relationId).toBe('r1');
    expect(en.claims.map((c) => c.text)).toEqual(['155亿元', '112亿元', '305.7亿元']);
    expect(en.explanation).toBe('155亿元 + 112亿元 = 267亿元; 305.7亿元 = 305.7亿元 — does not hold');
    const zh = runChecks(text, claims, { relations: [rel], language: 'zh-CN' }).findings.find((f) => f.kind === 'relation')!;
    expect(zh.explanation).toBe('155亿元 + 112亿元 = 267亿元；305.7亿元 = 305.7亿元——不成立');
  });
});
