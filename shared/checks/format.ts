/**
 * Numbers in explanations are printed the way the article prints them
 * (`105.2亿元` beside `305.7亿元`, `$40,884m` beside `$41,293m`), and the
 * explanation steps are rendered in the reader's language.
 */
import { translatorFor, type Language } from '../i18n/index.js';
import { cachedByText } from './cache.js';
import { printedForm, printedStep } from './tolerance.js';
import type { CheckClaim, CheckMessage } from './types.js';

function group(intPart: string): string {
  return intPart.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** Formats `value` (base units) with the prefix, scale word and unit of `like`, e.g. 1.052e10 like `305.7亿元` → `105.2亿元`. */
export function formatLike(value: number, like: Pick<CheckClaim, 'text' | 'value'>, extraDecimals = 0): string {
  const form = printedForm(like.text);
  if (!form || !like.value) return formatNumber(value, 2);
  const scale = printedStep(like) * Math.pow(10, form.decimals);
  const decimals = Math.min(6, form.decimals + extraDecimals);
  let s = (value / scale).toFixed(decimals);
  if (/,/.test(like.text)) {
    const [i, f] = s.split('.');
    s = group(i!) + (f ? '.' + f : '');
  }
  return form.prefix + s.replace(/^-/, '−') + form.suffix;
}

/** A plain number with up to `decimals` decimals, trailing zeros dropped. */
export function formatNumber(value: number, decimals: number): string {
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  const s = value.toFixed(decimals).replace(/(\.\d*?)0+$/, '$1').replace(/\.$/, '');
  return s.replace(/^-/, '−');
}

/** A signed percentage, `−0.4%`, `+3.1%`. */
export function formatSignedPercent(fraction: number, decimals = 1): string {
  const v = fraction * 100;
  const s = Math.abs(v).toFixed(decimals);
  if (Number(s) === 0) return `${(0).toFixed(decimals)}%`;
  return `${v < 0 ? '−' : '+'}${s}%`;
}

// The checks re-run after every edit and mostly find what they found before: a translated step is looked up, not rendered again.
const rendered = cachedByText((key) => {
  const [lang, stepKey, params] = key.split('\u0000') as [Language, string, string];
  return translatorFor(lang).t(`checks.${stepKey}`, JSON.parse(params) as Record<string, string | number>);
});

function render(lang: Language, step: CheckMessage): string {
  return rendered(`${lang}\u0000${step.key}\u0000${JSON.stringify(step.params)}`);
}

/** Renders explanation steps as one line: steps joined by `; ` (`；` in Chinese), the verdict after a dash. */
export function formatSteps(steps: readonly CheckMessage[], lang: Language = 'en'): string {
  const texts = steps.map((s) => render(lang, s));
  const verdictAt = steps.findIndex((s) => s.key.startsWith('verdict.'));
  const body = verdictAt < 0 ? texts : texts.slice(0, verdictAt);
  const verdict = verdictAt < 0 ? [] : texts.slice(verdictAt);
  const sep = lang === 'zh-CN' ? '；' : '; ';
  const dash = lang === 'zh-CN' ? '——' : ' — ';
  return body.join(sep) + (verdict.length ? dash + verdict.join(sep) : '');
}
