/** How figures are shown to editors: compact, in their language, with the unit. */
import type { DetectedClaim } from '../../shared/claims/index.js';

const unitNames: Record<string, Record<string, string>> = {
  'zh-CN': { CNY: '元', USD: '美元', EUR: '欧元', HKD: '港元', JPY: '日元', GBP: '英镑', AUD: '澳元', '%': '%', pp: '个百分点', km2: '平方公里', m2: '平方米', ha: '公顷', t: '吨', tce: '吨标准煤', m3: '立方米', kWh: '千瓦时', year: '年', day: '天', rank: '名次', ratio: '比例' },
  en: { pp: 'pp', km2: 'km²', m2: 'm²', tce: 'tce', day: 'days', rank: 'rank', ratio: 'ratio' },
};

// Building an Intl.NumberFormat costs far more than formatting with one, and a long article
// formats thousands of values: one formatter per language and style, kept.
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(lang: string, style: 'compact' | 'plain' | 'date'): Intl.NumberFormat {
  const key = `${lang}|${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      lang,
      style === 'compact' ? { notation: 'compact', maximumFractionDigits: 4 } : { maximumFractionDigits: 6, useGrouping: style !== 'date' },
    );
    formatters.set(key, f);
  }
  return f;
}

/** A claim's normalized value, e.g. `305.7亿 元` (zh-CN) or `30.57B CNY` (en); `—` when the rules give none. */
export function formatClaimValue(c: Pick<DetectedClaim, 'value' | 'unit' | 'kind'>, lang: string): string {
  const unit = c.unit ? (unitNames[lang]?.[c.unit] ?? c.unit) : '';
  if (c.value === null) return unit || '—';
  const compact = Math.abs(c.value) >= 10_000 && c.kind !== 'date';
  const num = formatter(lang, compact ? 'compact' : c.kind === 'date' ? 'date' : 'plain').format(c.value);
  if (c.unit === '%') return `${num}%`;
  return unit ? `${num} ${unit}` : num;
}
