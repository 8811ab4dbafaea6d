import { describe, expect, it } from 'vitest';
import { clauseRanges, sentenceRanges } from '../../../../shared/claims/index.js';

const clauses = (line: string, english = false) => sentenceRanges(line).flatMap((s) => clauseRanges(line, s, english).map((c) => line.slice(c.start, c.end)));

describe('clauseRanges', () => {
  it('ends Chinese clauses at their marks and ——, never inside quotations, titles or brackets, nor inside a number', () => {
    expect(clauses('引进项目45个,总投资1,234.5亿元；交出答卷——刷新纪录！')).toEqual(['引进项目45个', '总投资1,234.5亿元', '交出答卷', '刷新纪录']);
    expect(clauses('他说：“第一，要快；第二，要好。”出台《关于A，B的意见》（试行，2023）')).toEqual(['他说', '“第一，要快；第二，要好。”', '出台《关于A，B的意见》（试行，2023）']);
  });

  it('keeps English commas inside a clause except before a reporting clause or around an according-to source', () => {
    expect(clauses('In trend terms, the balance was a surplus, a decrease of $364m.', true)).toEqual(['In trend terms, the balance was a surplus, a decrease of $364m']);
    expect(clauses('Prices rose, Stats NZ said today.', true)).toEqual(['Prices rose', 'Stats NZ said today']);
    expect(clauses('Visits rose, according to the annual report.', true)).toEqual(['Visits rose', 'according to the annual report']);
  });
});
