import { describe, expect, it } from 'vitest';
import { detectClaims, inferDollarCurrency, type ClaimDetectOptions } from '../../../../shared/claims/index.js';

type Row = [string, string | null, number | null, string | null];

function figures(text: string, options: ClaimDetectOptions = {}): Row[] {
  return detectClaims(text, options).map((c) => [c.text, c.kind, c.value, c.unit]);
}

describe('English amounts', () => {
  it.each<[string, string, Row[]]>([
    ['$ with m and b', 'Credits rose to $41,293m and the balance increased $44.7b.', [['$41,293m', 'money', 41293000000, 'USD'], ['$44.7b', 'money', 44700000000, 'USD']]],
    ['million and billion', 'Profit was $412.6 million on revenue of $2.18 billion.', [['$412.6 million', 'money', 412600000, 'USD'], ['$2.18 billion', 'money', 2180000000, 'USD']]],
    ['US$ and A$', 'It raised US$750 million and A$1.5bn.', [['US$750 million', 'money', 750000000, 'USD'], ['A$1.5bn', 'money', 1500000000, 'AUD']]],
    ['€ and £', 'Sales of €5.2 million and £3bn.', [['€5.2 million', 'money', 5200000, 'EUR'], ['£3bn', 'money', 3000000000, 'GBP']]],
    ['ISO codes and currency words', 'A loan of USD 20m and 3.5 billion yuan, or 40 million euros.', [
      ['USD 20m', 'money', 20000000, 'USD'], ['3.5 billion yuan', 'money', 3500000000, 'CNY'], ['40 million euros', 'money', 40000000, 'EUR'],
    ]],
    ['cents', 'Earnings were 23 cents a share.', [['23 cents', 'money', 0.23, 'USD']]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });
});

describe('what a bare $ means', () => {
  it('follows options.dollarCurrency', () => {
    expect(figures('Exports were $5m.', { dollarCurrency: 'NZD' })).toEqual([['$5m', 'money', 5000000, 'NZD']]);
  });

  it('is inferred from the country the article names', () => {
    const text = 'International Trade in Goods and Services, Australia\n\nGoods credits rose 1% to $41,293m.';
    expect(inferDollarCurrency(text)).toBe('AUD');
    expect(figures(text)).toContainEqual(['$41,293m', 'money', 41293000000, 'AUD']);
    expect(inferDollarCurrency('Statistics Canada said exports rose.')).toBe('CAD');
    expect(inferDollarCurrency('New Zealand’s exports rose.')).toBe('NZD');
  });

  it('is the publisher’s, not a trading partner’s', () => {
    const nz = 'Overseas merchandise trade: September 2024\n\nThe goods trade deficit was $2.1 billion, Stats NZ said.\n\nExports to the United States rose $87 million and exports to Australia rose $58 million. Imports from the United States fell.';
    expect(inferDollarCurrency(nz)).toBe('NZD');
    expect(inferDollarCurrency('The Census and Statistics Department released retail sales of $28.6 billion. Visitors from the US and America spent less.')).toBe('HKD');
    expect(inferDollarCurrency('WELLINGTON, Oct 3 - Dairy prices rose; exports to the US and to America rose $5m.')).toBe('NZD');
  });

  it('falls back to USD', () => {
    expect(inferDollarCurrency('Exports rose to $5m.')).toBe('USD');
  });
});

describe('English percentages, counts, quantities and dates', () => {
  it.each<[string, string, Row[]]>([
    ['percent forms', 'Up 1%, 18 per cent and 6 percent.', [['1%', 'percent', 1, '%'], ['18 per cent', 'percent', 18, '%'], ['6 percent', 'percent', 6, '%']]],
    ['percentage points and basis points', 'It rose 2.1 percentage points; rates fell 50 basis points.', [['2.1 percentage points', 'percent', 2.1, 'pp'], ['50 basis points', 'percent', 0.5, 'pp']]],
    ['counts with their noun', 'It cut 1,200 jobs and opened 27 depots for 5,840 people.', [
      ['1,200 jobs', 'count', 1200, 'jobs'], ['27 depots', 'count', 27, 'depots'], ['5,840 people', 'count', 5840, 'people'],
    ]],
    ['scaled counts and quantities', 'It moved 1.46 million containers and 38.2 million tonnes.', [
      ['1.46 million containers', 'count', 1460000, 'containers'], ['38.2 million tonnes', 'quantity', 38200000, 't'],
    ]],
    ['durations', 'Over the next 18 months and three years.', [['18 months', 'quantity', 18, 'month'], ['three years', 'quantity', 3, 'year']]],
    ['months', 'In December 2019, on 3 December 2019 and on Feb 20.', [['December 2019', 'date', null, null], ['3 December 2019', 'date', null, null], ['Feb 20', 'date', null, null]]],
    ['quarters', 'In the March 2017 quarter and in Q3 2019.', [['March 2017 quarter', 'date', null, null], ['Q3 2019', 'date', null, null]]],
    ['years', 'The surplus in 2018 was lower than for 2019.\n\n2019 situation', [['2018', 'date', 2018, 'year'], ['2019', 'date', 2019, 'year'], ['2019', 'date', 2019, 'year']]],
    ['financial years', 'Guidance for 2019-20 stands.', [['2019-20', 'date', null, null]]],
    ['fractions', 'Nearly a quarter of revenue and half of profit.', [['a quarter', 'percent', 25, '%'], ['half', 'percent', 50, '%']]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it.each<[string, string, Row[]]>([
    ['pence, pc and index points', 'Shares rose 5.2pc to 1,245p; another fell to 2,118 pence as the FTSE 100 lost 56.3 points.', [
      ['5.2pc', 'percent', 5.2, '%'], ['1,245p', 'money', 12.45, 'GBP'], ['2,118 pence', 'money', 21.18, 'GBP'], ['56.3 points', 'other', 56.3, 'points'],
    ]],
    ['compact periods', 'Sales in 3Q24, 1H24, 24Q3 and 2024H1; Q1-Q3 revenue.', [
      ['3Q24', 'date', null, null], ['1H24', 'date', null, null], ['24Q3', 'date', null, null], ['2024H1', 'date', null, null], ['Q1-Q3', 'date', null, null],
    ]],
    ['fractions after by and of', 'Output fell by a third, a rise of a fifth.', [['a third', 'percent', 100 / 3, '%'], ['a fifth', 'percent', 20, '%']]],
    ['a count with a modifier noun', 'It missed the average of 14 analyst estimates and holds 12 mega events.', [
      ['14 analyst estimates', 'count', 14, 'estimates'], ['12 mega events', 'count', 12, 'events'],
    ]],
    ['durations with consecutive or straight', 'It fell for 18 consecutive months, three straight quarters and 10 working days.', [
      ['18 consecutive months', 'quantity', 18, 'month'], ['three straight quarters', 'quantity', 3, 'quarter'], ['10 working days', 'quantity', 10, 'day'],
    ]],
    ['a range sharing a scaled unit', 'It will ship between 318 million and 326 million tonnes.', [
      ['318 million', 'quantity', 318000000, 't'], ['326 million tonnes', 'quantity', 326000000, 't'],
    ]],
    ['a decimal that ends the sentence', 'The dollar index was little changed at 104.1.', [['104.1', 'other', 104.1, null]]],
    ['a year before a modified noun', 'It cut its 2025 steel targets.', [['2025', 'date', 2025, 'year']]],
    ['a title-case headline still counts', 'Ridgeback Resources Cuts 350 Jobs After Profit Slides', [['350 Jobs', 'count', 350, 'jobs']]],
    ['parts of a count after of whom take its noun', 'It had 8,450 employees, of whom 5,120 were in manufacturing, 2,310 in research and 1,460 in sales.', [
      ['8,450 employees', 'count', 8450, 'employees'], ['5,120', 'count', 5120, 'employees'], ['2,310', 'count', 2310, 'employees'], ['1,460', 'count', 1460, 'employees'],
    ]],
    ['a year after including stays a year', 'It cut 2,000 jobs in 2019, including 300 in 2020.', [
      ['2,000 jobs', 'count', 2000, 'jobs'], ['2019', 'date', 2019, 'year'], ['300', 'count', 300, 'jobs'], ['2020', 'date', 2020, 'year'],
    ]],
    ['part of a year and an abbreviated quarter', 'Unemployment will peak in mid-2025; Sep 2024 qtr figures.', [['mid-2025', 'date', null, null], ['Sep 2024 qtr', 'date', null, null]]],
    ['fewer is a comparison, not part of the count', 'There were 16,000 fewer people in work.', [['16,000', 'count', 16000, null]]],
    ['a number with thousands separators is a count, never a year', 'Unemployment decreased by 2,000 to 612,400.', [['2,000', 'count', 2000, null], ['612,400', 'count', 612400, null]]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['ordinals and vague words', 'The first of several quarters, the third-largest group.'],
    ['names glued to digits', 'G20 leaders, COVID-19 and 5G networks.'],
    ['bare integers', 'Figure 2 shows the ASX 200 and the S&P 500.'],
    ['numbers inside names', 'Under Section 232 tariffs, Boeing 737 deliveries and S&P 500 companies fell.'],
    ['the first half is a period', 'It will finish by the end of the first half of the year.'],
    ['a fraction that is not a share', 'A third party and half the board.'],
    ['bare small integers in prose', 'Exports were 300, imports 200.'],
  ])('not claims: %s', (_name, text) => {
    expect(figures(text)).toEqual([]);
  });
});
