// Strings of statements: what the editor's marks and the claims panel call each kind of checkable statement.
const en = {
  statements: {
    mark: 'Statement to check: {{category}}',
    category: {
      quote: 'quotation',
      award: 'award or title',
      ranking: 'ranking',
      first: 'first or record',
      endorsement: 'endorsement',
      event: 'official event',
      comparison: 'comparison',
      causal: 'cause',
      attribution: 'attribution',
    },
    section_one: '{{count}} statement to check (awards, rankings, firsts, quotes…)',
    section_other: '{{count}} statements to check (awards, rankings, firsts, quotes…)',
    addAll_one: 'Add {{count}} statement as a claim',
    addAll_other: 'Add {{count}} statements as claims',
    add: 'Add',
  },
};

const zhCN: typeof en = {
  statements: {
    mark: '待核表述:{{category}}',
    category: {
      quote: '引语',
      award: '获奖或称号',
      ranking: '排名',
      first: '首次或纪录',
      endorsement: '肯定或推介',
      event: '官方事项',
      comparison: '比较',
      causal: '因果',
      attribution: '信息来源',
    },
    section_one: '{{count}} 条待核表述(获评、排名、首次、引语……)',
    section_other: '{{count}} 条待核表述(获评、排名、首次、引语……)',
    addAll_one: '将 {{count}} 条表述添加为断言',
    addAll_other: '将 {{count}} 条表述添加为断言',
    add: '添加',
  },
};

export default { en, 'zh-CN': zhCN };
