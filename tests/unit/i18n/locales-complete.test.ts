import { describe, expect, it } from 'vitest';
import { resources } from '../../../shared/i18n/index.js';

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
});
