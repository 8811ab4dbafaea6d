import { describe, expect, it } from 'vitest';
import { claimInterval, printedStep } from '../../../../shared/checks/index.js';

const claim = (text: string, value: number | null, approx?: string) => ({ text, value, approx });

describe('printed precision', () => {
  it('reads the step of the last printed digit in base units', () => {
    expect(printedStep(claim('305.7亿元', 30_570_000_000))).toBeCloseTo(1e7);
    expect(printedStep(claim('45个', 45))).toBe(1);
    expect(printedStep(claim('190.6%', 190.6))).toBeCloseTo(0.1);
    expect(printedStep(claim('$41,293m', 41_293_000_000))).toBeCloseTo(1e6);
    expect(printedStep(claim('１９.５亿美元', 1_950_000_000))).toBeCloseTo(1e7);
    expect(printedStep(claim('6.3 %', 6.3))).toBeCloseTo(0.1);
  });

  it('treats a figure printed as 305.7亿 as anything in [305.65亿, 305.75亿]', () => {
    const i = claimInterval(claim('305.7亿元', 30_570_000_000))!;
    expect(i.lo).toBeCloseTo(30_565_000_000, -1);
    expect(i.hi).toBeCloseTo(30_575_000_000, -1);
  });

  it('gives figures written without digits an exact integer value', () => {
    expect(claimInterval(claim('两大', 2))).toEqual({ lo: 1.5, hi: 2.5 });
  });

  it('widens approximate figures (约, 余, about) to ±5 %', () => {
    const yu = claimInterval(claim('1200余件', 1200))!;
    expect(yu).toEqual({ lo: 1140, hi: 1260 });
    // A coarser printed step wins over the 5 %: 3万 already stands for 2.5万–3.5万.
    const wan = claimInterval(claim('3万余平方米', 30_000))!;
    expect(wan.hi - wan.lo).toBeCloseTo(10_000);
    const about = claimInterval(claim('12.5亿元', 1_250_000_000, '约'))!;
    expect(about.hi).toBeCloseTo(1_312_500_000);
    expect(claimInterval(claim('12.5亿元', 1_250_000_000))!.hi).toBeCloseTo(1_255_000_000);
  });

  it('has no interval for figures without a value', () => {
    expect(claimInterval(claim('11月3日', null))).toBeNull();
  });
});
