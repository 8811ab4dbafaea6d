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

/** A calendar day as sources store it: `YYYY-MM-DD`. */
const isoDay = /^(\d{4})-(\d{2})-(\d{2})$/;

const dayFormats = new Map<string, Intl.DateTimeFormat>();
function dayFormat(lang: string): Intl.DateTimeFormat {
  let f = dayFormats.get(lang);
  if (!f) {
    // English as 5 Dec 2026 (day before month, never the ambiguous 12/05/2026); Chinese as 2026年12月5日.
    f = lang.startsWith('zh') ? new Intl.DateTimeFormat('zh-CN', { dateStyle: 'long', timeZone: 'UTC' }) : new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    dayFormats.set(lang, f);
  }
  return f;
}

/** A stored day (`2026-12-05`) as the UI language writes it: `2026年12月5日`, `5 Dec 2026`; anything else as it is. */
export function formatDay(stored: string, lang: string): string {
  return isoDay.test(stored) && parseDay(stored) ? dayFormat(lang).format(new Date(`${stored}T00:00:00Z`)) : stored;
}

/** A stored day as a date field shows it for typing: `2026-12-05` in Chinese, `5 Dec 2026` in English. */
export function dayFieldText(stored: string, lang: string): string {
  return lang.startsWith('zh') ? stored : formatDay(stored, lang);
}

const monthNames = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
/** 1–12 for an English month name or its abbreviation (`Dec`, `Sept`), 0 for anything else. */
const monthOf = (name: string) => (name.length < 3 ? 0 : monthNames.findIndex((full) => full.startsWith(name.toLowerCase())) + 1);

/** Today in the reader's calendar, as stored (`YYYY-MM-DD`). */
export function today(): string {
  const d = new Date();
  return isoOf(d.getFullYear(), d.getMonth() + 1, d.getDate())!;
}

function isoOf(y: number, m: number, d: number): string | null {
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCFullYear() !== y || t.getUTCMonth() !== m - 1 || t.getUTCDate() !== d) return null;
  return t.toISOString().slice(0, 10);
}

/**
 * The day a checker typed, as stored (`YYYY-MM-DD`), or null when it is not
 * one. Either language's way is read whatever the UI language: `2026-12-05`,
 * `2026/12/5`, `2026年12月5日`, `5 Dec 2026`, `5 December 2026`, `Dec 5, 2026`.
 * Day/month order in all-digit forms other than year-first is ambiguous and refused.
 */
export function parseDay(text: string): string | null {
  const s = text.trim();
  let m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(s);
  if (m && monthOf(m[2]!)) return isoOf(Number(m[3]), monthOf(m[2]!), Number(m[1]));
  m = /^([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m && monthOf(m[1]!)) return isoOf(Number(m[3]), monthOf(m[1]!), Number(m[2]));
  return null;
}
