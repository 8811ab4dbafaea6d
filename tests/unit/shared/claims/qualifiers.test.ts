import { describe, expect, it } from 'vitest';
import { detectClaims } from '../../../../shared/claims/index.js';

/** The approximation, direction and base period a fact-checker sees next to each figure. */
function notes(text: string): Array<[string, string | undefined, string | undefined, string | undefined]> {
  return detectClaims(text).map((c) => [c.text, c.approx, c.direction, c.basePeriod]);
}

describe('approximation, direction and base period', () => {
  it.each<[string, string, Array<[string, string | undefined, string | undefined, string | undefined]>]>([
    ['同比增长', '项目总投资305.7亿元,同比增长190.6%', [['305.7亿元', undefined, undefined, undefined], ['190.6%', undefined, '增长', '同比']]],
    ['比上年同期下降', '油料种植面积1139公顷,比上年同期下降0.35%', [['1139公顷', undefined, undefined, undefined], ['0.35%', undefined, '下降', '比上年同期']]],
    ['a base period in its own clause', '与上年比,第一产业比重上升3.82个百分点', [['3.82个百分点', undefined, '上升', '与上年比']]],
    ['a direction shared across a list', '第二、第三产业比重分别回落2.16和1.66个百分点', [['2.16', undefined, '回落', undefined], ['1.66个百分点', undefined, '回落', undefined]]],
    ['leading approximators', '拨付资金近2亿元,约45万台,超过40个', [['2亿元', '近', undefined, undefined], ['45万台', '约', undefined, undefined], ['40个', '超过', undefined, undefined]]],
    ['trailing approximators', '完成项目10个以上,失业率控制在3.5%以内,5年内完成', [['10个', '以上', undefined, undefined], ['3.5%', '以内', undefined, undefined], ['5年', '内', undefined, undefined]]],
    ['余 inside the span', '解决用工2000余人', [['2000余人', '余', undefined, undefined]]],
    ['faster growth and comparisons', '增速比去年同期加快2.3个百分点,比全国高1.2个百分点,最高3%', [['2.3个百分点', undefined, '加快', '比去年同期'], ['1.2个百分点', undefined, '高', undefined], ['3%', '最高', undefined, undefined]]],
    ['新增 is not a direction', '新增企业1524户', [['1524户', undefined, undefined, undefined]]],
    ['a level after 增至 is not a change', '营业收入增至86亿元', [['86亿元', undefined, undefined, undefined]]],
    ['dates and durations have no direction', '制造业倍增三年行动', [['三年', undefined, undefined, undefined]]],
    ['English rose/fell', 'Credits rose $557m (1%) to $41,293m. Services fell $62m.', [
      ['$557m', undefined, 'rose', undefined], ['1%', undefined, 'rose', undefined], ['$41,293m', undefined, undefined, undefined], ['$62m', undefined, 'fell', undefined],
    ]],
    ['English nouns of change', 'a decrease of $364m and a $54.7b (12%) increase', [['$364m', undefined, 'decrease', undefined], ['$54.7b', undefined, 'increase', undefined], ['12%', undefined, 'increase', undefined]]],
    ['English verb, object, by', 'The bank lifted the cash rate by 25 basis points to 4.35%.', [['25 basis points', undefined, 'lifted', undefined], ['4.35%', undefined, undefined, undefined]]],
    ['English year on year and approximators', 'Revenue climbed 9.4% year on year; costs grew by about 6 percent.', [['9.4%', undefined, 'climbed', 'year on year'], ['6 percent', 'about', 'grew', undefined]]],
  ])('%s', (_name, text, expected) => {
    expect(notes(text)).toEqual(expected);
  });
});

describe('sentence ranges', () => {
  it('gives each claim the sentence that holds it', () => {
    const text = '第一句有3个项目。第二句投资5亿元!\nRevenue rose 9.4%. Costs were $2.1m.';
    const claims = detectClaims(text);
    expect(claims.map((c) => text.slice(c.sentence.start, c.sentence.end))).toEqual([
      '第一句有3个项目。',
      '第二句投资5亿元!',
      'Revenue rose 9.4%.',
      'Costs were $2.1m.',
    ]);
  });

  it('keeps offsets in UTF-16 code units, also after characters outside the BMP', () => {
    const text = '𠀀𠀁企业3家';
    const [c] = detectClaims(text);
    expect(c).toMatchObject({ text: '3家', start: 6, end: 8 });
    expect(text.slice(c!.start, c!.end)).toBe('3家');
  });
});
