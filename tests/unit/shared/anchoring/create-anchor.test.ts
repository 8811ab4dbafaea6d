import { describe, expect, it } from 'vitest';
import { anchorContextLength, createAnchor } from '../../../../shared/anchoring/index.js';
import { FactDeskError } from '../../../../shared/errors.js';

describe('createAnchor', () => {
  it('quotes the span with up to 32 code units of context on each side', () => {
    const text = '甲'.repeat(40) + '305.7亿元' + '乙'.repeat(40);
    const a = createAnchor(text, 40, 47);
    expect(a).toEqual({ start: 40, end: 47, quote: '305.7亿元', prefix: '甲'.repeat(anchorContextLength), suffix: '乙'.repeat(anchorContextLength) });
  });

  it('keeps shorter context at the edges of the text', () => {
    expect(createAnchor('增长13.1%', 2, 7)).toEqual({ start: 2, end: 7, quote: '13.1%', prefix: '增长', suffix: '' });
  });

  it('widens offsets that fall inside a surrogate pair to the whole character', () => {
    const text = '前😀12𠀀后';
    // 😀 is 1..3, 𠀀 (CJK Extension B) is 5..7
    const a = createAnchor(text, 2, 6);
    expect(a.start).toBe(1);
    expect(a.end).toBe(7);
    expect(a.quote).toBe('😀12𠀀');
  });

  it('never cuts a surrogate pair at the edge of the context', () => {
    const text = '😀' + 'a'.repeat(31) + 'X' + 'b'.repeat(31) + '😀';
    const a = createAnchor(text, 33, 34);
    expect(a.prefix).toBe('a'.repeat(31));
    expect(a.suffix).toBe('b'.repeat(31));
    const whole = createAnchor('😀😀😀' + 'a'.repeat(26) + 'X', 32, 33);
    expect(whole.prefix.startsWith('\udc00')).toBe(false);
  });

  it('refuses offsets outside the text', () => {
    expect(() => createAnchor('abc', 2, 5)).toThrow(FactDeskError);
    expect(() => createAnchor('abc', 2, 1)).toThrow(FactDeskError);
    expect(() => createAnchor('abc', -1, 1)).toThrow(FactDeskError);
    expect(() => createAnchor('abc', 0.5, 1)).toThrow(FactDeskError);
  });
});
