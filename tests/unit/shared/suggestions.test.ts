import { describe, expect, it } from 'vitest';
import { createAnchor } from '../../../shared/anchoring/index.js';
import { applySuggestions } from '../../../shared/suggestions.js';

const text = '项目总投资305.7亿元,同比增长190.6%。全年引进项目52个。';
const on = (id: string, quote: string, replacement: string) => {
  const at = text.indexOf(quote);
  return { id, anchor: createAnchor(text, at, at + quote.length), replacement };
};

describe('applySuggestions', () => {
  it('applies suggestions given in any order and says where each new wording sits', () => {
    const { text: out, spans } = applySuggestions(text, [on('b', '52个', '53个'), on('a', '305.7亿元', '306.1亿元'), on('c', ',同比增长190.6%', '')]);
    expect(out).toBe('项目总投资306.1亿元。全年引进项目53个。');
    expect(out.slice(spans.get('a')!.start, spans.get('a')!.end)).toBe('306.1亿元');
    expect(out.slice(spans.get('b')!.start, spans.get('b')!.end)).toBe('53个');
    expect(spans.get('c')).toEqual({ start: out.indexOf('。'), end: out.indexOf('。') });
  });

  it('refuses overlapping suggestions rather than guessing', () => {
    expect(() => applySuggestions(text, [on('a', '305.7亿元', '306.1亿元'), on('b', '亿元,同比', '亿元,比上年')])).toThrow(RangeError);
  });
});
