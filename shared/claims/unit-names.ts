/** How a normalized unit reads to an editor in each language (`CNY` → 元, `pp` → 个百分点). */
const unitNames: Record<string, Record<string, string>> = {
  'zh-CN': { CNY: '元', USD: '美元', EUR: '欧元', HKD: '港元', JPY: '日元', GBP: '英镑', AUD: '澳元', '%': '%', pp: '个百分点', km2: '平方公里', m2: '平方米', ha: '公顷', t: '吨', tce: '吨标准煤', m3: '立方米', kWh: '千瓦时', year: '年', day: '天', rank: '名次', ratio: '比例' },
  en: { pp: 'pp', km2: 'km²', m2: 'm²', tce: 'tce', day: 'days', rank: 'rank', ratio: 'ratio' },
};

/** The name of `unit` in `language` (zh-CN or en); the unit itself where it has none. */
export function unitName(unit: string, language: string): string {
  return unitNames[language]?.[unit] ?? unit;
}
