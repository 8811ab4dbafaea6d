// One rule at a time, on short passages in the newsroom's phrasing: what each
// relation check reads, and the correct figures it must leave alone. Through
// the claim engine, as the app runs them.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../../shared/checks/index.js';

const alarms = (text: string, year?: number) =>
  runChecks(text, undefined, { year })
    .findings.filter((f) => !f.ok)
    .map((f) => `${f.kind}: ${f.claims.map((c) => c.text).join(' | ')}`);
const findings = (text: string, kind: string) => runChecks(text).findings.filter((f) => f.kind === kind);

describe('totals stated after their parts', () => {
  it('checks 分别为…合计 both ways: a total above or below the sum is an error', () => {
    const list = (total: string) => `2023年,三个园区总投资分别为318.6亿元、276.5亿元和205.3亿元,三个园区合计${total}。`;
    expect(alarms(list('800.4亿元'))).toEqual([]);
    expect(findings(list('800.4亿元'), 'part-whole').map((f) => f.explanation)).toEqual(['318.6亿元 + 276.5亿元 + 205.3亿元 = 800.4亿元; stated total 800.4亿元 — consistent within rounding']);
    expect(alarms(list('740.4亿元'))).toEqual(['part-whole: 318.6亿元 | 276.5亿元 | 205.3亿元 | 740.4亿元']);
    expect(alarms(list('860.4亿元'))).toEqual(['part-whole: 318.6亿元 | 276.5亿元 | 205.3亿元 | 860.4亿元']);
  });

  it('reads a 共计 that follows a list of counts', () => {
    expect(alarms('2023年,全市三个重点片区分别签约项目12个、9个和7个,共计签约项目31个。')).toEqual(['part-whole: 12个 | 9个 | 7个 | 31个']);
  });

  it('goes on with a 其中 list past a ; with the parts named alike (产业项目…;基础设施项目…)', () => {
    const text = (last: string) => `2024年,此次集中开工项目86个,总投资1036.8亿元。其中,产业项目52个,总投资648.3亿元;基础设施项目21个,总投资256.4亿元;社会民生项目13个,总投资${last}。`;
    expect(alarms(text('132.1亿元'))).toEqual([]);
    expect(alarms(text('232.1亿元'))).toEqual(['part-whole: 1036.8亿元 | 648.3亿元 | 256.4亿元 | 232.1亿元']);
  });

  it('goes on with a 其中 list past a ; only with figures named like its parts', () => {
    const trade = (imports: string) => `2023年全区货物进出口总额138.5亿元,比上年增长7.9%。其中,出口96.2亿元,增长11.3%;进口${imports},增长0.8%。`;
    expect(alarms(trade('42.3亿元'))).toEqual([]);
    expect(alarms(trade('52.3亿元'))).toEqual(['part-whole: 138.5亿元 | 96.2亿元 | 52.3亿元']);
    expect(alarms('2023年末固定互联网宽带接入用户58.2万户,其中千兆宽带用户21.6万户;移动电话用户136.7万户。')).toEqual([]);
  });

  it('does not count a subtotal after 其中 parts as one more part', () => {
    expect(alarms('2023年,全市GDP为5126.8亿元,其中二产2086.5亿元、三产2727.9亿元,二三产合计4814.4亿元。')).toEqual([]);
    expect(alarms('2023年,全市GDP为5126.8亿元,其中二产2086.5亿元、三产2727.9亿元,二三产合计4914.4亿元。')).toEqual(['part-whole: 2086.5亿元 | 2727.9亿元 | 4914.4亿元']);
  });

  it('leaves a 共计 that only states one figure alone', () => {
    expect(alarms('2023年,全市出口812.6亿元,进口455.8亿元;跨境电商进出口共计96.4亿元。')).toEqual([]);
  });
});

describe('what is not an amount', () => {
  it('treats 超千亿元 as a floor, not a whole the parts may not exceed', () => {
    const text = '2024年重大项目总投资超千亿元。\n\n此次集中开工项目86个,总投资1036.8亿元。\n\n其中产业项目36个,总投资486.2亿元,占比46.9%。';
    expect(alarms(text)).toEqual([]);
  });

  it('treats 500万元以上 and 超亿元 as size classes of projects and firms', () => {
    expect(alarms('2024年全年计划实施500万元以上工业项目420个,其中10亿元以上重大项目35个。年末年营业收入超亿元企业74家。')).toEqual([]);
  });

  it('does not take a year named only as a comparison for the article’s year', () => {
    const text = '前11个月,全省进口整体通关时间分别比2017年压缩了71.3%。实际使用外资52.6亿美元,折合人民币374.8亿元。';
    expect(runChecks(text).year).toBeNull();
    expect(alarms(text)).toEqual([]);
  });
});

describe('repeated quantities', () => {
  it('compares mentions of one quantity for one period, however the clause begins', () => {
    const text = '2023年上半年,公司实现营业收入48.36亿元。\n\n订单充足。\n\n董事长表示,上半年公司实现营业收入46.38亿元。';
    expect(alarms(text)).toEqual(['repeat: 48.36亿元 | 46.38亿元']);
  });

  it('keeps a quarter apart from the year, and a plan apart from a result', () => {
    expect(alarms('2023年,公司实现营业收入86.53亿元。\n\n订单充足。\n\n第四季度,公司实现营业收入25.36亿元。')).toEqual([]);
    expect(alarms('2023年城镇新增就业11.2万人。\n\n订单充足。\n\n2024年预期目标是城镇新增就业10.5万人。')).toEqual([]);
  });

  it('takes the period from a section heading (四季度经营情况, Fourth-quarter highlights)', () => {
    expect(alarms('2023年经营情况\n\n公司实现营业收入86.53亿元。\n\n公司实现净利润7.12亿元。\n\n四季度经营情况\n\n公司实现营业收入25.36亿元。')).toEqual([]);
    expect(alarms('Full-year 2023 highlights\n\nRevenue was $4.8 billion, up 5 per cent.\n\nNet income was $0.9 billion.\n\nFourth-quarter highlights\n\nRevenue was $1.3 billion.')).toEqual([]);
    expect(alarms('2023年经营情况\n\n公司实现营业收入86.53亿元。\n\n公司实现净利润7.12亿元。\n\n公司实现营业收入88.53亿元。')).toEqual(['repeat: 86.53亿元 | 88.53亿元']);
  });

  it('names an English quantity by its noun phrase, on its basis', () => {
    const text = 'The group said its revenue for 2019 rose 9.6 per cent to 18.42 billion yuan.\n\nCosts rose.\n\nIn a letter, the chairman said the group’s revenue reached 18.24 billion yuan in 2019.';
    expect(alarms(text)).toEqual(['repeat: 18.42 billion yuan | 18.24 billion yuan']);
    const bases = 'In trend terms, the balance on goods and services was a surplus of $4,799m in 2019.\n\nCosts rose.\n\nIn original terms, the balance on goods and services was a surplus of $67.6b in 2019.';
    expect(alarms(bases)).toEqual([]);
  });
});

describe('shares', () => {
  it('finds the part past its own growth rate and the whole by name', () => {
    const text = '2023年,公司实现营业收入86.53亿元。智能装备业务收入52.17亿元,同比增长15.8%,占营业收入的比重为';
    expect(alarms(text + '60.3%。')).toEqual([]);
    expect(alarms(text + '63.0%。')).toEqual(['share: 86.53亿元 | 52.17亿元 | 63.0%']);
  });

  it('reads an English share of a named total', () => {
    const text = 'Revenue for 2019 rose 9.6 per cent to 18.42 billion yuan. Freight forwarding contributed 7.35 billion yuan, accounting for ';
    expect(alarms(text + '39.9 per cent of total revenue.')).toEqual([]);
    expect(alarms(text + '36.2 per cent of total revenue.')).toEqual(['share: 18.42 billion yuan | 7.35 billion yuan | 36.2 per cent']);
  });

  it('never reads a share of the province as a share of the city’s own figure', () => {
    expect(alarms('2023年,全市进出口总额100.0亿元,其中出口60.0亿元,占全省出口的15.0%。全市居民收入增长。全市就业稳定。')).toEqual([]);
  });
});

describe('growth and conversions', () => {
  it('checks a base printed between the level and its rate, and a rate named 增幅', () => {
    expect(alarms('2021年全县财政总收入26.48亿元,比上年的24.15亿元增长12.6%。')).toEqual(['growth: 26.48亿元 | 24.15亿元 | 12.6%']);
    expect(alarms('2024年前三季度,全市跨境电商进出口共计96.4亿元,增幅达24.5%,去年同期为77.4亿元。')).toEqual([]);
    expect(alarms('2024年前三季度,全市跨境电商进出口共计96.4亿元,增幅达28.5%,去年同期为77.4亿元。')).toEqual(['growth: 96.4亿元 | 28.5% | 77.4亿元']);
  });

  it('reads a base stated in a clause of its own between the level and the rate', () => {
    const text = (rate: string) => `2023年1-9月,新签约引进项目38个,项目总投资246.8亿元,上年同期为174.4亿元,同比增长${rate};项目到位资金83.2亿元。`;
    expect(findings(text('41.5%'), 'growth').map((f) => f.explanation)).toEqual(['246.8亿元 ÷ 174.4亿元 − 1 = 41.51%; printed 41.5% — consistent within rounding']);
    expect(alarms(text('45.1%'))).toEqual(['growth: 246.8亿元 | 174.4亿元 | 45.1%']);
  });

  it('reads a base stated in the next sentence, or after `from a year-earlier`', () => {
    expect(alarms('2021年全县财政总收入26.48亿元,比上年增长9.6%。上年为24.15亿元。')).toEqual([]);
    expect(alarms('2021年全县财政总收入26.48亿元,比上年增长12.6%。上年为24.15亿元。')).toEqual(['growth: 26.48亿元 | 12.6% | 24.15亿元']);
    expect(alarms('In 2022, revenue rose 12.6 per cent to $26.48 billion, from a year-earlier $24.15 billion.')).toEqual(['growth: 12.6 per cent | $26.48 billion | $24.15 billion']);
  });

  it('pairs an amount with its equivalent across a date or a printed rate', () => {
    expect(alarms('Revenue rose 6.3 per cent to £2.84 billion in 2023, equivalent to about 25.9 billion yuan.')).toEqual(['conversion: £2.84 billion | 25.9 billion yuan']);
    const text = (cny: string) => `2023年,公司境外收入3.98亿美元(按2023年平均汇率7.0467折算,约合人民币${cny})。`;
    expect(alarms(text('28.05亿元'))).toEqual([]);
    expect(alarms(text('26.05亿元'))).toEqual(['conversion: 3.98亿美元 | 26.05亿元']);
  });

  it('does not let `or about` stretch a conversion 5% beyond its printed digits', () => {
    expect(alarms('In 2021, sales to China were $1.25 billion, or about 8.1 billion yuan.')).toEqual([]);
    expect(alarms('In 2021, sales to China were $1.25 billion, or about 8.6 billion yuan.')).toEqual(['conversion: $1.25 billion | 8.6 billion yuan']);
  });
});

describe('missing units', () => {
  it('flags a bare billion where the words say money, not a count of visitors', () => {
    const text = 'Online sales were $2,473 million in 2024.\n\nRetail sales were $24.7 billion in 2024.\n\nVisitor arrivals reached about 3.4 million in the month.\n\nImports fell 2.1 per cent to 11.6 billion.';
    expect(alarms(text)).toEqual(['unit-missing: $24.7 billion | 11.6 billion']);
  });
});
