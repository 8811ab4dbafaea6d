import { describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n/index.js';
import suggestions from '../../../shared/i18n/suggestions.js';
import view from '../../../shared/i18n/view.js';

// Some keys hold dots themselves ('claim.status'), so paths are joined with a character no key has.
const sep = '\u0000';

/** Every leaf key of a catalog, as its path. */
function keys(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix];
  return Object.entries(node).flatMap(([k, v]) => keys(v, prefix ? `${prefix}${sep}${k}` : k));
}

describe('translations', () => {
  it('zh-CN and en have the same keys', () => {
    const en = keys(resources.en.translation).sort();
    const zh = keys(resources['zh-CN'].translation).sort();
    expect(zh.filter((k) => !en.includes(k))).toEqual([]);
    expect(en.filter((k) => !zh.includes(k))).toEqual([]);
  });

  it('no zh-CN string is left empty or in English where the English one has words', () => {
    const en = resources.en.translation;
    const get = (root: unknown, k: string) => k.split(sep).reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], root);
    const untranslated = keys(en).filter((k) => {
      const zh = get(resources['zh-CN'].translation, k) as string;
      const e = get(en, k) as string;
      // Names and bare placeholders ("{{status}} {{count}}", "FactDesk") read the same in both.
      const words = e.replace(/\{\{[^}]*\}\}/g, '').match(/[A-Za-z]{4,}/g)?.filter((w) => !['FactDesk', 'DOCX', 'JSON', 'ClaimReview'].includes(w));
      return zh.trim() === '' || (zh === e && !!words?.length);
    });
    expect(untranslated.map((k) => k.split(sep).join(' › '))).toEqual([]);
  });

  it('the suggestions and the pictures write zh-CN with full-width punctuation, and name the statuses as the UI does', () => {
    // A comma, colon, semicolon or bracket next to a Chinese character is the full-width one there.
    const halfWidth = /[\u3400-\u9fff）][,:;(]|[,:;(][\u3400-\u9fff]|[\u3400-\u9fff][)]/;
    const strings = (node: unknown): string[] => (typeof node === 'string' ? [node] : Object.values(node as object).flatMap(strings));
    const zh = [...strings(suggestions['zh-CN']), ...strings(view['zh-CN'])];
    expect(zh.filter((s) => halfWidth.test(s))).toEqual([]);
    const status = (resources['zh-CN'].translation.review as { status: Record<string, string> }).status;
    expect(suggestions['zh-CN'].suggestions.none).toContain(`“${status.false}”“${status.disputed}”`);
  });
});
