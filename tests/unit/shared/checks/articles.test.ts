// Whole articles through the claim engine and the checks, as the app runs them:
// our own test articles with planted errors (tests/fixtures/checks/) and the
// team's development set (../shared/fixtures/claims/).
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { detectClaims } from '../../../../shared/claims/index.js';
import { runChecks } from '../../../../shared/checks/index.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/checks/', import.meta.url));
const devSet = fileURLToPath(new URL('../../../../../shared/fixtures/claims/', import.meta.url));
const expected = JSON.parse(readFileSync(fixtures + 'expected.json', 'utf8')) as Record<string, Array<{ kind: string; claims: string[] }>>;

function alarms(path: string) {
  const text = readFileSync(path, 'utf8');
  return runChecks(text, detectClaims(text)).findings.filter((f) => !f.ok);
}

const key = (a: { kind: string; claims: string[] }) => `${a.kind}: ${[...a.claims].sort().join(' | ')}`;

describe('test articles', () => {
  for (const [file, want] of Object.entries(expected)) {
    if (file.startsWith('_')) continue;
    it(`${file}: ${want.length ? `raises exactly the ${want.length} planted alarms` : 'raises no alarm'}`, () => {
      const got = alarms(fixtures + file).map((f) => key({ kind: f.kind, claims: f.claims.map((c) => c.text) }));
      expect(got.sort()).toEqual(want.map(key).sort());
    });
  }

  it('covers every kind of automatic check with a planted error', () => {
    const kinds = new Set(Object.entries(expected).filter(([f]) => !f.startsWith('_')).flatMap(([, a]) => a.map((x) => x.kind)));
    expect([...kinds].sort()).toEqual(['conversion', 'growth', 'part-whole', 'repeat', 'share', 'unit-missing']);
  });
});

describe('articles the checks were not written on', () => {
  // The claim engine's extra hand-annotated articles (company results, a county
  // bulletin with a table, customs figures with a surplus, English results): correct
  // articles, so every alarm would be a false one.
  const extra = fileURLToPath(new URL('../../../fixtures/claims-extra/', import.meta.url));
  const files = readdirSync(extra).filter((f) => f.endsWith('.txt'));

  it('raises no alarm on any of them', () => {
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(alarms(extra + f), f).toEqual([]);
  });

  it('finds the deliberate conversion error of the sample workspace and nothing else there', () => {
    const sample = fileURLToPath(new URL('../../../../electron/services/sample-workspace/', import.meta.url));
    const found = readdirSync(sample)
      .filter((f) => /\.(md|txt)$/.test(f))
      .flatMap((f) => alarms(sample + f).map((a) => `${a.kind}: ${a.claims.map((c) => c.text).join(' | ')}`));
    expect(found).toEqual(['conversion: 1.86亿美元 | 11.7亿元']);
  });

  it('runs the claim engine itself when given no claims', () => {
    const text = readFileSync(extra + 'zh-company-huake-q3.txt', 'utf8');
    expect(runChecks(text).findings).toEqual(runChecks(text, detectClaims(text)).findings);
  });
});

describe('development set articles', () => {
  it('raises no alarm on the county bulletin and the English trade release', () => {
    expect(alarms(devSet + 'zh-county-tjgb-2015.txt')).toEqual([]);
    expect(alarms(devSet + 'en-abs-trade-dec2019.txt')).toEqual([]);
  });

  it('checks the county bulletin’s 其中 lists, nested and opening a sentence', () => {
    const text = readFileSync(devSet + 'zh-county-tjgb-2015.txt', 'utf8');
    const parts = runChecks(text, detectClaims(text)).findings.filter((f) => f.kind === 'part-whole');
    const shown = parts.map((f) => f.explanation);
    expect(shown).toContain('62857万元 + 65585万元 = 128442万元 ≤ 244394万元 — consistent');
    expect(shown).toContain('40653万元 ≤ 65585万元 — consistent');
    expect(shown).toContain('7327吨 + 39368吨 = 46695吨 ≤ 46695吨 — consistent');
  });

  it('checks a change printed with its rate in brackets against the level it reached', () => {
    const text = readFileSync(devSet + 'en-abs-trade-dec2019.txt', 'utf8');
    const growth = runChecks(text, detectClaims(text)).findings.filter((f) => f.kind === 'growth' && f.claims.some((c) => c.text === '$557m'));
    expect(growth.map((f) => f.explanation)).toEqual(['$41,293m − $557m = $40,736m before the change; $557m ÷ $40,736m = 1.37%; printed 1% — consistent within rounding']);
  });
});
