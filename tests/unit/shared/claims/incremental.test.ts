import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClaimDetector, detectClaims } from '../../../../shared/claims/index.js';

const devSet = new URL('../../../../../shared/fixtures/claims/', import.meta.url);
const seed = readFileSync(new URL('seed-chenzhou.txt', devSet), 'utf8');
const table = '单位:亿元\n指标\t2023年\t增长(%)\n一般公共预算收入\t21.36\t5.6\n税收收入\t15.08\t4.2\n\n';
const article = `${table}${seed}`;

/** An edit as the editor sends it: replace [from, to) with `insert`. */
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom('', '3', '增长', '亿元', '\n', '\n\n', '12.5%', '单位:万元\n', '\t', '年'),
});

describe('createClaimDetector', () => {
  it('gives the same claims as detectClaims after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
        const detector = createClaimDetector();
        let text = article;
        detector.detect(text);
        for (const e of edits) {
          const from = e.at % (text.length + 1);
          text = text.slice(0, from) + e.insert + text.slice(Math.min(text.length, from + e.remove));
          expect(detector.detect(text)).toEqual(detectClaims(text));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shifts the claims after an edit and leaves those before it alone', () => {
    const detector = createClaimDetector();
    const before = detector.detect(article);
    const at = article.indexOf('逆势上扬');
    const edited = `${article.slice(0, at)}新增一句。\n${article.slice(at)}`;
    const after = detector.detect(edited);
    expect(after).toHaveLength(before.length);
    for (const [i, c] of after.entries()) {
      const old = before[i]!;
      const shift = old.start >= at ? 6 : 0;
      expect([c.text, c.start, c.end]).toEqual([old.text, old.start + shift, old.end + shift]);
      expect(edited.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('re-reads unchanged table rows when the caption above them changes', () => {
    const detector = createClaimDetector();
    const money = (text: string) => detector.detect(text).filter((c) => c.kind === 'money').map((c) => c.value);
    expect(money(table)).toEqual([2136000000, 1508000000]);
    expect(money(table.replace('单位:亿元', '单位:万元'))).toEqual([213600, 150800]);
  });

  it('re-detects when the $ currency option differs between detectors', () => {
    const text = 'Exports rose to $5m.';
    expect(createClaimDetector({ dollarCurrency: 'AUD' }).detect(text)[0]!.unit).toBe('AUD');
    expect(createClaimDetector().detect(text)[0]!.unit).toBe('USD');
  });
});
