import { describe, expect, it } from 'vitest';
import { fxFirstYear, fxLastYear, officialRate } from '../../../../shared/checks/index.js';
import { derivedRateForTest, nbsPublishedRows } from '../../../../shared/checks/fx-rates.js';

describe('annual average exchange rates', () => {
  it('has the NBS annual averages of the central parity for USD', () => {
    expect(officialRate('USD', 2022)!.cnyPerUnit).toBeCloseTo(6.7261, 6);
    expect(officialRate('USD', 2023)!.cnyPerUnit).toBeCloseTo(7.0467, 6);
    expect(officialRate('USD', 2019)!.cnyPerUnit).toBeCloseTo(6.8985, 6);
    expect(officialRate('USD', 2022)!.source).toBe('nbs');
  });

  it('covers every year of the table for every currency, with plausible values', () => {
    const ranges: Record<string, [number, number]> = { USD: [6, 8.4], EUR: [6.8, 11], GBP: [8, 17], HKD: [0.78, 1.07], JPY: [0.04, 0.09] };
    for (let y = fxFirstYear; y <= fxLastYear; y++) {
      for (const [c, [lo, hi]] of Object.entries(ranges)) {
        const r = officialRate(c, y)!;
        expect(r.cnyPerUnit, `${c} ${y}`).toBeGreaterThan(lo);
        expect(r.cnyPerUnit, `${c} ${y}`).toBeLessThan(hi);
        expect(r.cnyPer100).toBeCloseTo(r.cnyPerUnit * 100, 9);
      }
    }
  });

  it('derives cross rates that agree with the rows the NBS publishes within 0.5 %', () => {
    const rows = nbsPublishedRows();
    expect(rows.length).toBeGreaterThan(20);
    for (const [c, y] of rows) {
      const published = officialRate(c, y)!.cnyPerUnit;
      expect(Math.abs(derivedRateForTest(c, y) / published - 1), `${c} ${y}`).toBeLessThan(0.005);
    }
  });

  it('knows no rate outside the table or for other currencies', () => {
    expect(officialRate('USD', fxLastYear + 1)).toBeNull();
    expect(officialRate('USD', 1999)).toBeNull();
    expect(officialRate('AUD', 2020)).toBeNull();
  });
});
