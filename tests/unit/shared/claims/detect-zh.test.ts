import { describe, expect, it } from 'vitest';
import { detectClaims, type DetectedClaim } from '../../../../shared/claims/index.js';

type Row = [string, string | null, number | null, string | null];

/** What a fact-checker sees in the list: span text, kind, value and unit of every claim, in order. */
function figures(text: string): Row[] {
  return detectClaims(text).map((c: DetectedClaim) => [c.text, c.kind, c.value, c.unit]);
}

describe('Chinese numbers', () => {
  it.each<[string, string, Row[]]>([
    ['half-width digits', '项目45个', [['45个', 'count', 45, '个']]],
    ['full-width digits', '项目４５个，投资３０５．７亿元', [['４５个', 'count', 45, '个'], ['３０５．７亿元', 'money', 30570000000, 'CNY']]],
    ['thousands separators', '营业收入1,234,567元', [['1,234,567元', 'money', 1234567, 'CNY']]],
    ['decimals', '增长0.35%', [['0.35%', 'percent', 0.35, '%']]],
    ['Chinese numerals', '新建十二所学校', [['十二所', 'count', 12, '所']]],
    ['Chinese numerals with 万', '新增就业十二万三千人', [['十二万三千人', 'count', 123000, '人']]],
    ['mixed 3.5万', '种植3.5万亩', [['3.5万亩', 'quantity', 35000, '亩']]],
    ['mixed 1.2亿', '吸引游客1.2亿人次', [['1.2亿人次', 'count', 120000000, '人次']]],
    ['余 inside the span', '清理厂房3万余平方米', [['3万余平方米', 'quantity', 30000, 'm2']]],
    ['多 inside the span', '销往60多个国家', [['60多个', 'count', 60, '个']]],
    ['round figures with 余', '全县百余家企业、千余名职工', [['百余家', 'count', 100, '家'], ['千余名', 'count', 1000, '名']]],
    ['a space before the unit', '总额9.14 亿元,增长6.3 %', [['9.14 亿元', 'money', 914000000, 'CNY'], ['6.3 %', 'percent', 6.3, '%']]],
    ['a printed minus sign', '人口自然增长率为-1.11‰', [['-1.11‰', 'percent', -0.111, '%']]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });
});

describe('Chinese units', () => {
  it.each<[string, string, Row[]]>([
    ['万元 and 亿元', '总投资1560万元,其中305.7亿元', [['1560万元', 'money', 15600000, 'CNY'], ['305.7亿元', 'money', 30570000000, 'CNY']]],
    ['万亿元', '进出口总值34.32万亿元', [['34.32万亿元', 'money', 34320000000000, 'CNY']]],
    ['亿美元', '外贸进出口19.5亿美元', [['19.5亿美元', 'money', 1950000000, 'USD']]],
    ['other currencies', '欧元区投资3亿欧元,港资12亿港元,日资500亿日元,英资2亿英镑', [
      ['3亿欧元', 'money', 300000000, 'EUR'], ['12亿港元', 'money', 1200000000, 'HKD'], ['500亿日元', 'money', 50000000000, 'JPY'], ['2亿英镑', 'money', 200000000, 'GBP'],
    ]],
    ['per-capita amounts are money', '人均可支配收入19967元', [['19967元', 'money', 19967, 'CNY']]],
    ['a bare 亿 in a money clause', '总投资20亿;', [['20亿', 'money', 2000000000, 'CNY']]],
    ['万人 is a count of people', '常住人口11.6985万人', [['11.6985万人', 'count', 116985, '人']]],
    ['measure words', '引进企业1524户、项目13个、人才84名、企业113家、事项136项、办件8445件', [
      ['1524户', 'count', 1524, '户'], ['13个', 'count', 13, '个'], ['84名', 'count', 84, '名'], ['113家', 'count', 113, '家'], ['136项', 'count', 136, '项'], ['8445件', 'count', 8445, '件'],
    ]],
    ['more measure words', '新增设备20台、学校3所、桥梁2座、航线5条、企业4批、机器6套、检查12次', [
      ['20台', 'count', 20, '台'], ['3所', 'count', 3, '所'], ['2座', 'count', 2, '座'], ['5条', 'count', 5, '条'], ['4批', 'count', 4, '批'], ['6套', 'count', 6, '套'], ['12次', 'count', 12, '次'],
    ]],
    ['areas', '布局2平方公里的产业园,新建厂房2万余平方米,用地400余亩,造林1139公顷', [
      ['2平方公里', 'quantity', 2, 'km2'], ['2万余平方米', 'quantity', 20000, 'm2'], ['400余亩', 'quantity', 400, '亩'], ['1139公顷', 'quantity', 1139, 'ha'],
    ]],
    ['mass, volume and energy', '产量46695吨,木材1868立方米,能耗62.85万吨标准煤,用电701.18万千瓦时,装机12万千瓦', [
      ['46695吨', 'quantity', 46695, 't'], ['1868立方米', 'quantity', 1868, 'm3'], ['62.85万吨标准煤', 'quantity', 628500, 'tce'], ['701.18万千瓦时', 'quantity', 7011800, 'kWh'], ['12万千瓦', 'quantity', 120000, 'kW'],
    ]],
    ['percent and percentage points', '增长190.6%,提高3.82个百分点', [['190.6%', 'percent', 190.6, '%'], ['3.82个百分点', 'percent', 3.82, 'pp']]],
    ['百分之 and fractions', '占比百分之十五,约三分之一,七成以上', [['百分之十五', 'percent', 15, '%'], ['三分之一', 'percent', 100 / 3, '%'], ['七成', 'percent', 70, '%']]],
    ['half', '半数以上行业实现增长', [['半数', 'percent', 50, '%']]],
    ['倍', '旅游收入增长1.5倍,产值翻了两倍', [['1.5倍', 'other', 1.5, '倍'], ['两倍', 'other', 2, '倍']]],
    ['a unit shared across a list', '分别回落2.16和1.66个百分点', [['2.16', 'percent', 2.16, 'pp'], ['1.66个百分点', 'percent', 1.66, 'pp']]],
    ['a shared scaled unit', '分别为3、5和8亿元', [['3', 'money', 300000000, 'CNY'], ['5', 'money', 500000000, 'CNY'], ['8亿元', 'money', 800000000, 'CNY']]],
    ['thresholds keep only the figure', '计划总投资5000万元以上的项目', [['5000万元', 'money', 50000000, 'CNY']]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });
});

describe('Chinese dates, durations, ranks, ratios, lists', () => {
  it.each<[string, string, Row[]]>([
    ['a bare year has a value', '郴州经开区2022年招商引资纪实', [['2022年', 'date', 2022, 'year']]],
    ['a year written in Chinese numerals', '二〇二二年', [['二〇二二年', 'date', 2022, 'year']]],
    ['months and days', '6月受到肯定;11月3日举办峰会', [['6月', 'date', null, null], ['11月3日', 'date', null, null]]],
    ['month ranges with 份', '1-11月份新签约项目', [['1-11月份', 'date', null, null]]],
    ['month ranges with 至', '1至8月,9月末', [['1至8月', 'date', null, null], ['9月末', 'date', null, null]]],
    ['year and month together', '2023年9月投产', [['2023年9月', 'date', null, null]]],
    ['quarters with digits', '第3季度和2季度', [['第3季度', 'date', null, null], ['2季度', 'date', null, null]]],
    ['the first months of the year', '前10个月进出口', [['前10个月', 'date', null, null]]],
    ['durations', '5年内完成,审批压缩至8天,计划3年实现上市,历时18个月', [
      ['5年', 'quantity', 5, 'year'], ['8天', 'quantity', 8, 'day'], ['3年', 'quantity', 3, 'year'], ['18个月', 'quantity', 18, 'month'],
    ]],
    ['durations in Chinese numerals', '为实现三年创建国家级经开区', [['三年', 'quantity', 3, 'year']]],
    ['ranks', '增速居全市第2位,全国第一大贸易伙伴', [['第2', 'other', 2, 'rank'], ['第一', 'other', 1, 'rank']]],
    ['structure ratios', '三次产业结构比为25.72:26.84:47.44', [['25.72:26.84:47.44', 'other', null, 'ratio']]],
    ['list membership', '三类500强项目3个,全国百强县', [['500强', 'other', 500, '强'], ['3个', 'count', 3, '个'], ['百强', 'other', 100, '强']]],
    ['anniversaries', '建校70周年', [['70周年', 'other', 70, '周年']]],
    ['a count of 两大', '打造两大产业集群', [['两大', 'count', 2, '大']]],
    ['an exchange rate', '人民币对美元汇率中间价为7.1250', [['7.1250', 'other', 7.125, 'CNY/USD']]],
    ['a ratio value', '城乡居民收入比由2.11缩小到2.01', [['2.11', 'other', 2.11, 'ratio'], ['2.01', 'other', 2.01, 'ratio']]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });
});

describe('Chinese rules found on unseen articles (blind set)', () => {
  it.each<[string, string, Row[]]>([
    ['measure words for trains, chips, books and doses', '中欧班列开行1824列,集成电路96.3亿块,藏书5640万册,接种3.2亿剂次', [
      ['1824列', 'count', 1824, '列'], ['96.3亿块', 'count', 9630000000, '块'], ['5640万册', 'count', 56400000, '册'], ['3.2亿剂次', 'count', 320000000, '剂次'],
    ]],
    ['a price keeps its per-unit', '收报16.38元/股,猪肉22.6元/公斤,房价10326元/平方米,油价72.3美元/桶,月薪5000元/月', [
      ['16.38元/股', 'money', 16.38, 'CNY'], ['22.6元/公斤', 'money', 22.6, 'CNY'], ['10326元/平方米', 'money', 10326, 'CNY'], ['72.3美元/桶', 'money', 72.3, 'USD'], ['5000元/月', 'money', 5000, 'CNY'],
    ]],
    ['basis points of an interest rate are hundredths of a point', '1年期LPR下调10个基点', [['1年', 'quantity', 1, 'year'], ['10个基点', 'percent', 0.1, 'pp']]],
    ['basis points of an exchange rate are pips of the rate', '人民币对美元汇率中间价为7.1018,较前一交易日调升56个基点', [['7.1018', 'other', 7.1018, 'CNY/USD'], ['56个基点', 'other', 56, '基点']]],
    ['index points', '沪指报3012.45点,恒指上涨120点', [['3012.45点', 'other', 3012.45, 'points'], ['120点', 'other', 120, 'points']]],
    ['a count before a graded cluster', '两个千亿级产业集群,3个百亿级园区', [['两个', 'count', 2, '个'], ['3个', 'count', 3, '个']]],
    ['a round amount as an amount, not as a grade', '新增2家百亿元企业,营收突破百亿元', [['2家', 'count', 2, '家'], ['百亿元', 'money', 10000000000, 'CNY']]],
    ['the change of a ratio', '城乡居民收入比为2.14,比上年缩小0.07', [['2.14', 'other', 2.14, 'ratio'], ['0.07', 'other', 0.07, 'ratio']]],
    ['the change of a coefficient', '基尼系数为0.465,比上年下降0.002', [['0.465', 'other', 0.465, null], ['0.002', 'other', 0.002, null]]],
    ['the change of an exchange rate', '人民币对美元汇率中间价为7.1018,较上日下降0.0056', [['7.1018', 'other', 7.1018, 'CNY/USD'], ['0.0056', 'other', 0.0056, 'CNY/USD']]],
    ['an exchange rate after 触及 and 跌破', '在岸人民币对美元汇率最高触及7.1230,一度跌破7.3', [['7.1230', 'other', 7.123, 'CNY/USD'], ['7.3', 'other', 7.3, 'CNY/USD']]],
    ['an exchange-rate index is not a rate', '人民币汇率指数为98.2', [['98.2', 'other', 98.2, null]]],
    ['ranks a few words after 居/位居', '连续3年居中部第一,位居同类城市第一', [['3年', 'quantity', 3, 'year'], ['第一', 'other', 1, 'rank'], ['第一', 'other', 1, 'rank']]],
    ['the length of a streak', '成交额连续第18个交易日突破1万亿元', [['第18', 'other', 18, 'rank'], ['1万亿元', 'money', 1000000000000, 'CNY']]],
    ['basis points of a currency pair without the word 汇率', '在岸人民币对美元收盘报7.1562,较上一交易日上涨218个基点', [['7.1562', 'other', 7.1562, 'CNY/USD'], ['218个基点', 'other', 218, '基点']]],
    ['lots of a futures trade', '期货成交量为1876万手', [['1876万手', 'count', 18760000, '手']]],
    ['a date written in Chinese numerals', '二〇二四年四月十日发布', [['二〇二四年四月十日', 'date', null, null]]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it.each<[string, string]>([
    ['a time of day before 点', '会议下午3点开始'],
    ['an ordinal before 个千亿级', '培育第三个千亿级产业集群'],
    ['a rank word that is a tier', '位列全省第一方阵'],
    ['index names before 股指', '沪深300股指期货和中证1000股指期货'],
    ['slogans with 两手', '坚持两手抓、两手都要硬'],
  ])('not claims: %s', (_name, text) => {
    expect(figures(text)).toEqual([]);
  });
});

describe('Chinese numerals that are not claims', () => {
  it.each<[string, string]>([
    ['list markers', '一、综合\n(一)农业\n1.工业\n2、建筑业\n(3)服务业'],
    ['names', '党的二十大精神,十九届四中全会,十三五期间,华润三九、阿秒光学'],
    ['event ordinals', '第五届中国国际进口博览会'],
    ['a year inside an event name', '举办2022生物医药产业精准招商峰会'],
    ['titles', '《2023年政府工作报告》'],
    ['slogans and formulas', '一主一特产业集群,守住两条底线,五大发展理念,“0成本”,三线三变,四个意识,八项规定,两个一百年'],
    ['idioms', '世界百年未有之大变局,千方百计,三番五次,五花八门'],
    ['category labels', '争创五好园区、千亿园区,三类企业'],
    ['Chinese-numeral period words', '前三季度,一季度,三季度末,上半年'],
    ['lexicalized words', '第一产业、第二、第三产业,三次产业结构,一般,之一,一系列,一次性'],
    ['place names', '七台河市和三门峡市'],
    ['vague amounts', '几十万人,数百家企业,十几个项目'],
    ['a bare 亿元以上', '亿元以上项目'],
    ['codes glued to letters', '5G基站,PM2.5浓度,G20峰会,COVID-19'],
  ])('%s', (_name, text) => {
    expect(figures(text)).toEqual([]);
  });
});

describe('tables', () => {
  it('takes units from the header row (tab-separated)', () => {
    const text = '指标\t总额(亿元)\t增长(%)\n地区生产总值\t617.50\t7.5\n';
    expect(figures(text)).toEqual([
      ['617.50', 'money', 61750000000, 'CNY'],
      ['7.5', 'percent', 7.5, '%'],
    ]);
  });

  it('takes units from a 单位 column and a caption (Markdown table)', () => {
    const text = ['单位:万元', '', '| 指标 | 单位 | 2023年 |', '| --- | --- | --- |', '| 税收收入 | 亿元 | 15.08 |', '| 从业人员 | 万人 | 2.5 |', '| 其他 | | 120 |', ''].join('\n');
    expect(figures(text)).toEqual([
      ['2023年', 'date', 2023, 'year'],
      ['15.08', 'money', 1508000000, 'CNY'],
      ['2.5', 'count', 25000, '人'],
      ['120', 'money', 1200000, 'CNY'],
    ]);
  });

  it('reads a 表N caption line with aligned spaces as a caption, not as the header', () => {
    const text = ['表1  2023年主要工业产品产量', '产品名称\t单位\t产量\t比上年增长(%)', '原煤\t万吨\t8635.2\t-2.3', '发电量\t亿千瓦时\t3865.1\t6.2', ''].join('\n');
    expect(figures(text)).toEqual([
      ['2023年', 'date', 2023, 'year'],
      ['8635.2', 'quantity', 86352000, 't'],
      ['-2.3', 'percent', -2.3, '%'],
      ['3865.1', 'quantity', 386510000000, 'kWh'],
      ['6.2', 'percent', 6.2, '%'],
    ]);
  });

  it.each<[string, string, Row[]]>([
    ['a header below a caption read as the header replaces it', '2023年各地区生产总值  2023年\n地区\t地区生产总值(亿元)\t增速(%)\n长沙市\t14331.98\t4.8\n', [
      ['2023年', 'date', 2023, 'year'], ['2023年', 'date', 2023, 'year'], ['14331.98', 'money', 1433198000000, 'CNY'], ['4.8', 'percent', 4.8, '%'],
    ]],
    ['a growth column without % is a percentage', '单位:亿元\n项目\t金额\t比上年增长\n税收收入\t2587.9\t9.6\n', [
      ['2587.9', 'money', 258790000000, 'CNY'], ['9.6', 'percent', 9.6, '%'],
    ]],
    ['a unit at the end of the row label', '指标\t2023年\t增速(%)\n粮食产量(万吨)\t3147.6\t1.9\n', [
      ['2023年', 'date', 2023, 'year'], ['3147.6', 'quantity', 31476000, 't'], ['1.9', 'percent', 1.9, '%'],
    ]],
  ])('%s', (_name, text, expected) => {
    expect(figures(text)).toEqual(expected);
  });

  it('forgets the header when the table ends', () => {
    const text = '指标\t总额(亿元)\n产值\t10.5\n\n其后一段文字,数值为12.3。\n';
    expect(figures(text)).toEqual([
      ['10.5', 'money', 1050000000, 'CNY'],
      ['12.3', 'other', 12.3, null],
    ]);
  });
});
