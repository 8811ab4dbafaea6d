import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, scaleDecimal } from '../../../../shared/claims/index.js';

const DIGITS = '零一二三四五六七八九';

/** Writes 0 ≤ n < 10^16 the way a Chinese newspaper prints it (一千零五万零三十, 十二万三千). */
function toChinese(n: number): string {
  if (n === 0) return '零';
  const group = (g: number): string => {
    let out = '';
    let zero = false;
    for (const [unit, size] of [['千', 1000], ['百', 100], ['十', 10], ['', 1]] as const) {
      const d = Math.floor(g / size) % 10;
      if (d === 0) {
        zero = out !== '';
        continue;
      }
      if (zero) out += '零';
      zero = false;
      out += DIGITS[d] + unit;
    }
    return out;
  };
  const groups: number[] = [];
  for (let x = n; x > 0; x = Math.floor(x / 1e4)) groups.push(x % 1e4);
  const units = ['', '万', '亿', '万亿'];
  let out = '';
  for (let i = groups.length - 1; i >= 0; i--) {
    const g = groups[i]!;
    if (g === 0) continue;
    // A gap (a zero group, or a group under 1000 after a higher one) is read as 零.
    const gapBefore = out !== '' && (g < 1000 || groups[i + 1] === 0);
    out += (gapBefore ? '零' : '') + group(g) + units[i];
  }
  // 一十二 is printed 十二.
  return out.replace(/^一十/, '十');
}

describe('parseNumber: table', () => {
  it.each([
    ['305.7', 305.7],
    ['1,234,567.89', 1234567.89],
    ['１２３．４５', 123.45],
    ['-3.2', -3.2],
    ['+7', 7],
    ['3.5万', 35000],
    ['1.2亿', 120000000],
    ['305.7亿', 30570000000],
    ['2万亿', 2e12],
    ['3.5万亿', 3.5e12],
    ['3万余', 30000],
    ['400余', 400],
    ['1200多', 1200],
    ['十余万', 100000],
    ['十二万三千', 123000],
    ['12万3千', 123000],
    ['两千零五', 2005],
    ['三万五', 35000],
    ['一千二', 1200],
    ['十', 10],
    ['二〇二二', 2022],
    ['一亿零三百万', 103000000],
    ['壹佰贰拾', 120],
    ['三点五', 3.5],
    ['十五点二五万', 152500],
    ['负3', -3],
  ])('%s → %d', (printed, value) => {
    expect(parseNumber(printed)).toBe(value);
  });

  it.each(['', 'abc', '1.2.3', '1,23', '三五一x', '约3'])('%j is not one numeral', (printed) => {
    expect(parseNumber(printed)).toBeNull();
  });

  it('scales printed decimals exactly (305.7 × 10^8 has no float residue)', () => {
    expect(scaleDecimal('305.7', 8)).toBe(30570000000);
    expect(scaleDecimal('0.35', 2)).toBe(35);
    expect(scaleDecimal('7.28', -1)).toBe(0.728);
  });
});

describe('parseNumber: properties', () => {
  it('reads back any integer written in Chinese numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9_999_999_999_999 }), (n) => {
        expect(parseNumber(toChinese(n))).toBe(n);
      }),
      { numRuns: 2000 },
    );
  });

  it('reads back grouped and full-width Arabic numerals', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 99 }), (n, cents) => {
        const grouped = `${n.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`;
        const expected = Number(`${n}.${String(cents).padStart(2, '0')}`);
        expect(parseNumber(grouped)).toBe(expected);
        const fullWidth = String(n).replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
        expect(parseNumber(fullWidth)).toBe(n);
      }),
    );
  });

  it('reads back 万/亿/万亿 forms with decimals exactly', () => {
    const scales = [['万', 4], ['亿', 8], ['万亿', 12]] as const;
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 999_999 }), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...scales), (mantissa, decimals, [word, exp]) => {
        const digits = String(mantissa).padStart(decimals + 1, '0');
        const printed = decimals ? `${digits.slice(0, -decimals)}.${digits.slice(-decimals)}` : digits;
        expect(parseNumber(`${printed}${word}`)).toBe(mantissa * 10 ** (exp - decimals));
      }),
      { numRuns: 2000 },
    );
  });
});
