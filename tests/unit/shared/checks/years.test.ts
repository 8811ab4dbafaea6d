// Which year a currency conversion is checked against, and what the reader is told about it.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../shared/checks/index.js';

const conversion = (text: string, language: 'en' | 'zh-CN' = 'en', year?: number) => {
  const found = runChecks(text, undefined, { language, year }).findings.filter((f) => f.kind === 'conversion');
  expect(found).toHaveLength(1);
  return found[0]!;
};

// 19.5亿美元 × 6.7261 (the 2022 average) = 131.2亿元; × 7.0467 (2023) = 137.4亿元.
const zh2022 = '外贸进出口19.5亿美元,折合人民币131.2亿元。';

describe('conversion year', () => {
  it('checks plainly against a year the article states for its figures', () => {
    const f = conversion(`2022年全区经济运行良好。\n\n${zh2022}`);
    expect(f.ok).toBe(true);
    expect(f.assumedYear).toBeUndefined();
    expect(f.explanation).toMatch(/2022 average/);
    expect(f.explanation).not.toMatch(/assumed/);
  });

  it('says which year it assumed when only the dateline names one, in both languages', () => {
    const text = `园区外贸稳中有进\n\n——2022年12月30日在区经济工作会议上\n\n${zh2022}`;
    const en = conversion(text);
    expect(en.ok).toBe(true);
    expect(en.assumedYear).toBe(2022);
    expect(en.explanation).toMatch(/assumed 2022, the year of its dateline/);
    expect(en.explanation).toMatch(/if the figures are of 2022/);
    expect(conversion(text, 'zh-CN').explanation).toMatch(/按电头日期所在的 2022 年核对/);
  });

  it('assumes the rate table’s latest year, and says so, when the article names none, raising no alarm on a guess', () => {
    const f = conversion(zh2022);
    expect(f.assumedYear).toBe(2024);
    expect(f.explanation).toMatch(/assumed 2024, the latest year with an official rate/);
    expect(f.ok).toBe(true);
    expect(f.explanation).toMatch(/off the 2024 rate: give the year/);
    expect(f.explanation).not.toMatch(/consistent/);
  });

  it('raises the alarm against a dateline year, naming it', () => {
    const f = conversion(`——2023年12月30日在区经济工作会议上

${zh2022}`);
    expect(f.ok).toBe(false);
    expect(f.explanation).toMatch(/assumed 2023, the year of its dateline/);
  });

  it('takes the year the caller gives as stated', () => {
    const f = conversion(zh2022, 'en', 2023);
    expect(f.assumedYear).toBeUndefined();
    expect(f.ok).toBe(false);
  });

  it('reads a release dated one year about the quarters of the year before as about that year', () => {
    const text = [
      'Exports to China rise',
      '',
      'WELLINGTON, 20 February 2024 — Exports to China were $4.2 billion in the December 2023 quarter, up 3 percent compared with the December 2022 quarter.',
      '',
      'Imports from China were $3.1 billion, down 2 percent on the December 2022 quarter.',
      '',
      'Dairy exports to China were US$2.10 billion, equivalent to 14.8 billion yuan.',
    ].join('\n');
    const f = conversion(text);
    expect(f.assumedYear).toBeUndefined();
    expect(f.explanation).toMatch(/2023 average/);
    expect(runChecks(text).year).toBe(2023);
  });
});
