// The seed article (郴州经开区2022年招商引资纪实), read at test time, through the
// claim engine and every check. Engine behaviour relied on: `20亿` is detected as
// money (CNY, value 2e9) although printed without 元, and `两大`/`1-11月份` are not
// amounts.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { detectClaims } from '../../../../shared/claims/index.js';
import { runChecks, type CheckFinding } from '../../../../shared/checks/index.js';

const seedPath = fileURLToPath(new URL('../../../../../shared/fixtures/claims/seed-chenzhou.txt', import.meta.url));
let text = '';
let en: CheckFinding[] = [];
let zh: CheckFinding[] = [];

const figures = (f: CheckFinding) => f.claims.map((c) => c.text);
const find = (list: CheckFinding[], kind: string, ...texts: string[]) =>
  list.filter((f) => f.kind === kind && texts.every((t) => figures(f).includes(t)));

beforeAll(() => {
  text = readFileSync(seedPath, 'utf8');
  const claims = detectClaims(text);
  en = runChecks(text, claims).findings;
  zh = runChecks(text, claims, { language: 'zh-CN' }).findings;
});

describe('seed article', () => {
  it('checks 19.5亿美元 against 130.6亿元 at the 2022 average rate', () => {
    const [f] = find(en, 'conversion', '19.5亿美元', '130.6亿元');
    expect(f).toBeDefined();
    expect(f!.ok).toBe(true);
    expect(f!.explanation).toBe('130.6亿元 ÷ 19.5亿美元 = 6.697 CNY/USD; 2022 average 6.7261; deviation −0.4% — consistent');
    expect(find(zh, 'conversion', '19.5亿美元')[0]!.explanation).toBe('130.6亿元 ÷ 19.5亿美元 = 6.697 元/美元；2022年平均汇率 6.7261；偏差 −0.4%——一致');
  });

  it('points every finding at the article’s own words', () => {
    for (const f of en) for (const c of f.claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('derives the 2021 base of 305.7亿元 up 190.6%: about 105.2亿元', () => {
    const [f] = find(en, 'growth', '305.7亿元', '190.6%');
    expect(f!.ok).toBe(true);
    expect(f!.derived!.text).toBe('105.2亿元');
    expect(f!.derived!.value).toBeCloseTo(305.7e8 / 2.906, -4);
    expect(f!.explanation).toBe('305.7亿元 ÷ (1 + 190.6%) = 105.2亿元: the implied 2021 base');
    expect(find(zh, 'growth', '305.7亿元')[0]!.explanation).toBe('305.7亿元 ÷ (1 + 190.6%) = 105.2亿元:推算的2021年基数');
  });

  it('checks the 3 top-500 projects and their 20亿 against the 45 projects and 305.7亿元', () => {
    expect(find(en, 'part-whole', '45个', '3个').map((f) => [f.ok, f.explanation])).toEqual([[true, '3个 ≤ 45个 — consistent']]);
    expect(find(en, 'part-whole', '305.7亿元', '20亿').map((f) => [f.ok, f.explanation])).toEqual([[true, '20亿 ≤ 305.7亿元 — consistent']]);
  });

  it('flags 20亿 for lacking the unit its neighbours carry', () => {
    const f = find(en, 'unit-missing', '20亿');
    expect(f).toHaveLength(1);
    expect(f[0]!.ok).toBe(false);
    expect(f[0]!.explanation).toContain('305.7亿元');
  });

  it('checks the two parks (13 + 22 projects, 155 + 112亿元) within the year’s 45 projects and 305.7亿元', () => {
    expect(find(en, 'part-whole', '13个', '22个', '45个').map((f) => [f.ok, f.explanation])).toEqual([[true, '13个 + 22个 = 35个 ≤ 45个 — consistent']]);
    expect(find(en, 'part-whole', '155亿元', '112亿元', '305.7亿元').map((f) => [f.ok, f.explanation])).toEqual([[true, '155亿元 + 112亿元 = 267亿元 ≤ 305.7亿元 — consistent']]);
  });

  it('raises no other alarm', () => {
    expect(en.filter((f) => !f.ok).map((f) => f.kind)).toEqual(['unit-missing']);
  });

  it('catches the conversion once the yuan figure is wrong', () => {
    const edited = text.replace('130.6亿元', '150.6亿元');
    const f = runChecks(edited, detectClaims(edited)).findings.find((x) => x.kind === 'conversion')!;
    expect(f.ok).toBe(false);
    expect(f.explanation).toBe('150.6亿元 ÷ 19.5亿美元 = 7.723 CNY/USD; 2022 average 6.7261; deviation +14.8% — more than 2% off the official rate');
  });
});
