import { describe, expect, it } from 'vitest';
import { detectStatements, statementCategories, type StatementCategory } from '../../../../shared/statements/index.js';

const found = (text: string) => detectStatements(text).map((s) => [s.category, s.text] as [StatementCategory, string]);

describe('detectStatements: Chinese', () => {
  it('marks the clause holding the cue, with its time phrase inside and its own-clause time phrase outside', () => {
    expect(found('8月获评“湖南省先进园区”。')).toEqual([['award', '8月获评“湖南省先进园区”']]);
    expect(found('今年7月，该县出台《关于促进消费的若干措施》。')).toEqual([['event', '该县出台《关于促进消费的若干措施》']]);
  });

  it('gives a clause fitting several categories the first in the guideline order', () => {
    expect(found('园区设立了全国首家公平贸易工作站。')).toEqual([['first', '园区设立了全国首家公平贸易工作站']]);
    expect(statementCategories.indexOf('first')).toBeLessThan(statementCategories.indexOf('event'));
  });

  it('leaves plans, slogans, unnamed sources and figure-only clauses alone', () => {
    expect(found('下一步将举办第三届产业峰会，力争引进项目20个。')).toEqual([]);
    expect(found('梧桐茂兮，凤凰来栖。据介绍，全年新增企业1524户。')).toEqual([]);
    expect(found('峰会完成签约15个项目，签约额达129.2亿元。')).toEqual([]);
  });

  it('keeps a comparison only while it is qualitative', () => {
    expect(found('增速高于全省平均水平。')).toEqual([['comparison', '增速高于全省平均水平']]);
    expect(found('增速高于全省平均水平1.2个百分点。')).toEqual([]);
  });

  it('marks a quotation with a named speaker as one span, and not its speaker clause or its words again', () => {
    const text = '公司董事长王建国表示：“公司首次实现盈利，位列行业第一。”';
    expect(found(text)).toEqual([['quote', '“公司首次实现盈利，位列行业第一。”']]);
    expect(found('曾有人这样比喻：“获得全国文明城市的称号，就如同获得了全能冠军”！')).toEqual([]);
  });

  it('needs a named source for an attribution', () => {
    expect(found('据省统计局统计，全省粮食产量增长2%。')).toEqual([['attribution', '据省统计局统计']]);
    expect(found('园区负责人表示，全年引进项目45个。')).toEqual([]);
  });

  it('reads the cause, not the event named inside it', () => {
    expect(found('工业投资增长14.6%，主要得益于新能源项目集中投产。')).toEqual([['causal', '主要得益于新能源项目集中投产']]);
  });

  it('keeps datelines, list markers and by-lines outside', () => {
    expect(found('新华社北京5月1日电　第十届全国运动会在北京闭幕。')).toEqual([['event', '第十届全国运动会在北京闭幕']]);
    expect(found('一是县人民医院新院区建成投入使用；')).toEqual([['event', '县人民医院新院区建成投入使用']]);
    expect(found('编辑：获评先进')).toEqual([]);
  });
});

describe('detectStatements: English', () => {
  it('splits a trailing reporting clause and a leading according-to source from the statement', () => {
    expect(found('Collection rates were higher than the national average, the finance director, Mark Owen, said.')).toEqual([
      ['comparison', 'Collection rates were higher than the national average'],
      ['attribution', 'the finance director, Mark Owen, said'],
    ]);
    expect(found('According to Stats NZ, visits rose to their highest level since 2015.')).toEqual([
      ['attribution', 'According to Stats NZ'],
      ['first', 'visits rose to their highest level since 2015'],
    ]);
  });

  it('marks quotations with their speaker, continuing into the next paragraph, and not scare quotes', () => {
    const text = '"We have faced difficult conditions this year," said chief executive Peter Chrisp.\n\n"It is a class act and a credit to the team."\n\nThe so-called "good design" approach.';
    expect(found(text)).toEqual([
      ['quote', '"We have faced difficult conditions this year,"'],
      ['quote', '"It is a class act and a credit to the team."'],
    ]);
  });

  it('does not take period words, titles, forecasts or numeric gaps for statements', () => {
    expect(found('Profit in the first half rose 5%. The first minister attended.')).toEqual([]);
    expect(found('The council will open the library in 2026.')).toEqual([]);
    expect(found('Arrivals were 28% more than a year earlier.')).toEqual([]);
  });

  it('reads awards, rankings, records, endorsements, events and causes', () => {
    expect(found('Steve Wilson was named Emerging Business Leader.')).toEqual([['award', 'Steve Wilson was named Emerging Business Leader']]);
    expect(found('The council is ranked third for recycling.')).toEqual([['ranking', 'The council is ranked third for recycling']]);
    expect(found('Northwind reports record first-half profit')).toEqual([['first', 'Northwind reports record first-half profit']]);
    expect(found('The council was praised by the Ombudsman for its work.')).toEqual([['endorsement', 'The council was praised by the Ombudsman for its work']]);
    expect(found('The council signed a funding agreement with Arts Council England.')).toEqual([['event', 'The council signed a funding agreement with Arts Council England']]);
    expect(found('The fall was due to the closure of the centre.')).toEqual([['causal', 'The fall was due to the closure of the centre']]);
  });
});

describe('detectStatements: spans', () => {
  it('gives UTF-16 offsets into the whole text, across lines and CRLF', () => {
    const text = '标题\r\n\r\n今年7月，𠮷城荣获“全国文明城市”称号。\r\nBut Pumpkin Patch was named Exporter of the Year.';
    const statements = detectStatements(text);
    expect(statements.map((s) => s.category)).toEqual(['award', 'award']);
    for (const s of statements) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});
