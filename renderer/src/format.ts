/** How figures are shown to editors: compact, in their language, with the unit. */
import type { DetectedClaim } from '../../shared/claims/index.js';
import { unitName } from '../../shared/claims/unit-names.js';

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
  const unit = c.unit ? unitName(c.unit, lang) : '';
  if (c.value === null) return unit || '—';
  const compact = Math.abs(c.value) >= 10_000 && c.kind !== 'date';
  const num = formatter(lang, compact ? 'compact' : c.kind === 'date' ? 'date' : 'plain').format(c.value);
  if (c.unit === '%') return `${num}%`;
  return unit ? `${num} ${unit}` : num;
}
