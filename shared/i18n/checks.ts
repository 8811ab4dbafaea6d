// Strings of the arithmetic cross-checks (shared/checks): explanation steps and verdicts.
const en = {
  checks: {
    kind: {
      conversion: 'Currency conversion',
      growth: 'Growth',
      'part-whole': 'Parts and whole',
      share: 'Share',
      repeat: 'Repeated figure',
      'unit-missing': 'Missing unit',
      relation: 'Checker relation',
    },
    conversion: {
      rate: '{{cny}} ÷ {{foreign}} = {{rate}} CNY/{{currency}}',
      rate100: '{{cny}} ÷ {{foreign}} × 100 = {{rate}} CNY per 100 {{currency}}',
      official: '{{year}} average {{official}}',
      deviation: 'deviation {{deviation}}',
      noYear: 'the article’s year is unknown, so there is no official rate to compare (give the year)',
      noRate: 'no official annual average for {{currency}} in {{year}} in the table',
    },
    currencyName: { USD: 'US dollars', EUR: 'euros', JPY: 'yen', HKD: 'Hong Kong dollars', GBP: 'pounds', CNY: 'yuan' },
    growth: {
      implied: '{{level}} ÷ (1 {{sign}} {{rate}}) = {{base}}: the implied base',
      impliedYear: '{{level}} ÷ (1 {{sign}} {{rate}}) = {{base}}: the implied {{year}} base',
      fromBaseUp: '{{level}} ÷ {{base}} − 1 = {{growth}}',
      fromBaseDown: '1 − {{level}} ÷ {{base}} = {{growth}}',
      baseFromChangeUp: '{{level}} − {{change}} = {{base}} before the change',
      baseFromChangeDown: '{{level}} + {{change}} = {{base}} before the change',
      fromChange: '{{change}} ÷ {{base}} = {{growth}}',
      printed: 'printed {{rate}}',
    },
    parts: {
      partWithin: '{{part}} ≤ {{whole}}',
      partExceeds: 'the part {{part}} is larger than its whole {{whole}}',
      sumWithin: '{{parts}} = {{sum}} ≤ {{whole}}',
      sumExceeds: '{{parts}} = {{sum}} > {{whole}}',
    },
    share: {
      computed: '{{part}} ÷ {{whole}} = {{share}}',
      printed: 'printed {{rate}}',
      impliedWhole: '{{part}} ÷ {{rate}} = {{whole}}: the implied total',
    },
    repeat: {
      different: '“{{label}}” is given as {{first}} and as {{second}}',
    },
    unit: {
      missing: '{{figure}} is printed without a unit, beside {{neighbour}} (in {{unit}})',
    },
    relation: {
      refs: '{{refs}}',
      sides: '{{left}} = {{leftValue}}; {{right}} = {{rightValue}}',
      tolerance: 'allowed difference {{tolerance}}',
      unresolved: '{{ref}} has no value',
      invalid: 'the relation cannot be read: {{reason}}',
    },
    verdict: {
      consistent: 'consistent',
      withinRounding: 'consistent within rounding',
      rateOff: 'more than {{limit}} off the official rate',
      growthOff: 'does not match the printed rate, even allowing for rounding',
      partExceeds: 'a part cannot be larger than its whole',
      sumExceeds: 'the parts add up to more than the whole',
      shareOff: 'does not match the printed share, even allowing for rounding',
      repeatDiffers: 'the same quantity has two values that cannot both be right',
      unitMissing: 'add the unit',
      holds: 'holds',
      broken: 'does not hold',
      unresolved: 'cannot be evaluated',
    },
  },
};

const zhCN: typeof en = {
  checks: {
    kind: {
      conversion: '货币换算',
      growth: '增长',
      'part-whole': '部分与整体',
      share: '占比',
      repeat: '重复数字',
      'unit-missing': '缺少单位',
      relation: '核查员设定的关系',
    },
    conversion: {
      rate: '{{cny}} ÷ {{foreign}} = {{rate}} 元/$t(checks.currencyName.{{currency}})',
      rate100: '{{cny}} ÷ {{foreign}} × 100 = {{rate}} 元/100$t(checks.currencyName.{{currency}})',
      official: '{{year}}年平均汇率 {{official}}',
      deviation: '偏差 {{deviation}}',
      noYear: '无法确定文章所属年份,无法与官方汇率比较(请指定年份)',
      noRate: '汇率表中没有 {{year}} 年$t(checks.currencyName.{{currency}})的官方年平均汇率',
    },
    currencyName: { USD: '美元', EUR: '欧元', JPY: '日元', HKD: '港元', GBP: '英镑', CNY: '人民币' },
    growth: {
      implied: '{{level}} ÷ (1 {{sign}} {{rate}}) = {{base}}:推算的基数',
      impliedYear: '{{level}} ÷ (1 {{sign}} {{rate}}) = {{base}}:推算的{{year}}年基数',
      fromBaseUp: '{{level}} ÷ {{base}} − 1 = {{growth}}',
      fromBaseDown: '1 − {{level}} ÷ {{base}} = {{growth}}',
      baseFromChangeUp: '{{level}} − {{change}} = {{base}}(变化前)',
      baseFromChangeDown: '{{level}} + {{change}} = {{base}}(变化前)',
      fromChange: '{{change}} ÷ {{base}} = {{growth}}',
      printed: '文中为 {{rate}}',
    },
    parts: {
      partWithin: '{{part}} ≤ {{whole}}',
      partExceeds: '部分 {{part}} 大于整体 {{whole}}',
      sumWithin: '{{parts}} = {{sum}} ≤ {{whole}}',
      sumExceeds: '{{parts}} = {{sum}} > {{whole}}',
    },
    share: {
      computed: '{{part}} ÷ {{whole}} = {{share}}',
      printed: '文中为 {{rate}}',
      impliedWhole: '{{part}} ÷ {{rate}} = {{whole}}:推算的总量',
    },
    repeat: {
      different: '“{{label}}”先写作 {{first}},后写作 {{second}}',
    },
    unit: {
      missing: '{{figure}} 缺少单位,相邻数字 {{neighbour}} 的单位为 {{unit}}',
    },
    relation: {
      refs: '{{refs}}',
      sides: '{{left}} = {{leftValue}}；{{right}} = {{rightValue}}',
      tolerance: '允许差异 {{tolerance}}',
      unresolved: '{{ref}} 没有数值',
      invalid: '无法解析该关系:{{reason}}',
    },
    verdict: {
      consistent: '一致',
      withinRounding: '在四舍五入范围内一致',
      rateOff: '与官方汇率偏差超过 {{limit}}',
      growthOff: '即使考虑四舍五入,也与文中增速不符',
      partExceeds: '部分不能大于整体',
      sumExceeds: '各部分之和大于整体',
      shareOff: '即使考虑四舍五入,也与文中占比不符',
      repeatDiffers: '同一数量出现两个不可能同时成立的数值',
      unitMissing: '请补上单位',
      holds: '成立',
      broken: '不成立',
      unresolved: '无法计算',
    },
  },
};

export default { en, 'zh-CN': zhCN };
