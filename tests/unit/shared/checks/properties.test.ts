// Property tests: correctly rounded figures never raise an alarm, figures off by
// more than their printed precision always do. Claims are built by hand here (the
// figures and their values are the test's own), so these exercise the checks alone.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { officialRate, runChecks, type CheckClaim } from '../../../../shared/checks/index.js';

type Figure = { text: string; kind: CheckClaim['kind']; value: number; unit: string };

/** Lays out a sentence from literal pieces and figures, returning the text and claims with their offsets. */
function article(pieces: Array<string | Figure>): { text: string; claims: CheckClaim[] } {
  let text = '';
  const claims: CheckClaim[] = [];
  for (const p of pieces) {
    if (typeof p === 'string') {
      text += p;
      continue;
    }
    claims.push({ text: p.text, start: text.length, end: text.length + p.text.length, kind: p.kind, value: p.value, unit: p.unit });
    text += p.text;
  }
  return { text, claims };
}

const yi = (v: number, decimals: number, unitText = '亿元', unit = 'CNY'): Figure => {
  const printed = v.toFixed(decimals);
  return { text: printed + unitText, kind: 'money', value: Number(printed) * 1e8, unit };
};
const pct = (v: number, decimals: number): Figure => ({ text: v.toFixed(decimals) + '%', kind: 'percent', value: Number(v.toFixed(decimals)), unit: '%' });

const alarms = (a: { text: string; claims: CheckClaim[] }, year?: number) => runChecks(a.text, a.claims, { year }).findings.filter((f) => !f.ok);

describe('stated base of a growth rate', () => {
  const statement = fc.record({
    level: fc.integer({ min: 100, max: 999_999 }),
    levelDecimals: fc.integer({ min: 0, max: 2 }),
    rateTenths: fc.integer({ min: 1, max: 3000 }),
    baseDecimals: fc.integer({ min: 0, max: 2 }),
    down: fc.boolean(),
  });

  const build = (s: { level: number; levelDecimals: number; rateTenths: number; down: boolean }, base: number, baseDecimals: number) => {
    const level = s.level / 10 ** s.levelDecimals;
    const rate = s.down ? Math.min(s.rateTenths, 900) / 10 : s.rateTenths / 10;
    return article(['全年营业收入', yi(level, s.levelDecimals), s.down ? ',比上年下降' : ',比上年增长', pct(rate, 1), ',上年为', yi(base, baseDecimals), '。']);
  };

  it('passes when the base is the correctly rounded one', () => {
    fc.assert(
      fc.property(statement, (s) => {
        const level = s.level / 10 ** s.levelDecimals;
        const rate = (s.down ? Math.min(s.rateTenths, 900) : s.rateTenths) / 1000;
        const base = level / (s.down ? 1 - rate : 1 + rate);
        const a = build(s, base, s.baseDecimals);
        expect(alarms(a)).toEqual([]);
        expect(runChecks(a.text, a.claims).findings.filter((f) => f.kind === 'growth')).toHaveLength(1);
      }),
    );
  });

  it('fails when the base is off by more than the printed precision allows', () => {
    fc.assert(
      fc.property(statement, fc.boolean(), (s, above) => {
        const level = s.level / 10 ** s.levelDecimals;
        const halfLevel = 0.5 / 10 ** s.levelDecimals;
        const tenths = s.down ? Math.min(s.rateTenths, 900) : s.rateTenths;
        const rLo = (tenths - 0.5) / 1000;
        const rHi = (tenths + 0.5) / 1000;
        const halfBase = 0.5 / 10 ** s.baseDecimals;
        // The widest range of bases consistent with the printed level and rate…
        const lo = s.down ? (level - halfLevel) / (1 - rLo) : (level - halfLevel) / (1 + rHi);
        const hi = s.down ? (level + halfLevel) / (1 - rHi) : (level + halfLevel) / (1 + rLo);
        // …and a printed base clearly outside it.
        const step = 1 / 10 ** s.baseDecimals;
        const bad = above ? Math.ceil(((hi + 2 * halfBase) * 1.01) / step) * step : Math.floor(((lo - 2 * halfBase) * 0.99) / step) * step;
        fc.pre(bad > 0);
        const found = alarms(build(s, bad, s.baseDecimals));
        expect(found.map((f) => f.kind)).toEqual(['growth']);
      }),
    );
  });
});

describe('currency conversion', () => {
  const names: Record<string, string> = { USD: '美元', EUR: '欧元', JPY: '日元', HKD: '港元', GBP: '英镑' };
  const conversion = fc.record({
    currency: fc.constantFrom('USD', 'EUR', 'JPY', 'HKD', 'GBP'),
    year: fc.integer({ min: 2000, max: 2024 }),
    amount: fc.integer({ min: 100, max: 99_999 }),
    decimals: fc.integer({ min: 0, max: 2 }),
  });

  const build = (c: { currency: string; amount: number; decimals: number }, cny: number) => {
    const foreign = c.amount / 10 ** c.decimals;
    // Print the yuan figure with at least four significant digits, as statistics bureaus do.
    const cnyDecimals = Math.max(0, 3 - Math.floor(Math.log10(cny)));
    return article(['全年出口', yi(foreign, c.decimals, `亿${names[c.currency]}`, c.currency), ',折合人民币', yi(cny, cnyDecimals), '。']);
  };

  it('passes at the official annual average, whatever the rounding', () => {
    fc.assert(
      fc.property(conversion, (c) => {
        const rate = officialRate(c.currency, c.year)!.cnyPerUnit;
        expect(alarms(build(c, (c.amount / 10 ** c.decimals) * rate), c.year)).toEqual([]);
      }),
    );
  });

  it('fails at a rate 5 % away from it', () => {
    fc.assert(
      fc.property(conversion, fc.constantFrom(0.95, 1.05), (c, factor) => {
        const rate = officialRate(c.currency, c.year)!.cnyPerUnit * factor;
        expect(alarms(build(c, (c.amount / 10 ** c.decimals) * rate), c.year).map((f) => f.kind)).toEqual(['conversion']);
      }),
    );
  });
});

describe('parts of a whole', () => {
  const parts = fc.array(fc.integer({ min: 50, max: 99_999 }), { minLength: 2, maxLength: 5 });
  const build = (tenths: number[], whole: number) =>
    article(['全年完成投资', yi(whole, 1), ',其中', ...tenths.flatMap((t, i) => [`${i ? ',' : ''}${'甲乙丙丁戊'[i]}类项目`, yi(t / 10, 1)]), '。']);

  it('passes when the whole is the rounded sum of its parts', () => {
    fc.assert(
      fc.property(parts, (t) => {
        expect(alarms(build(t, t.reduce((a, b) => a + b, 0) / 10))).toEqual([]);
      }),
    );
  });

  it('fails when the parts add up to 10 % more than the whole', () => {
    fc.assert(
      fc.property(parts, (t) => {
        expect(alarms(build(t, (t.reduce((a, b) => a + b, 0) / 10) * 0.9)).map((f) => f.kind)).toEqual(['part-whole']);
      }),
    );
  });
});
