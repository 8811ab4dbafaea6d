import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FactDeskError } from '../../../../shared/errors.js';
import { applyPatch, makePatch, textHash, utf8Length } from '../../../../shared/revisions/index.js';
import type { RevisionPatch } from '../../../../shared/revisions/index.js';

const unit = fc.constantFrom('国', '内', '生', '产', '总', '值', '。', ',', '1', '9', '.', '%', '亿元', '😀', '𠀀', '\n', 'x');
const cjkText = fc.array(unit, { maxLength: 80 }).map((u) => u.join(''));

/** A text and an edited copy: random replacements of random stretches. */
const edited = fc
  .record({
    base: cjkText,
    edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 10 }), ins: cjkText }), { maxLength: 6 }),
  })
  .map(({ base, edits }) => {
    let text = base;
    for (const e of edits) {
      let at = e.at % (text.length + 1);
      if (/[\udc00-\udfff]/.test(text[at] ?? '')) at--;
      let end = Math.min(text.length, at + e.del);
      if (/[\udc00-\udfff]/.test(text[end] ?? '')) end++;
      text = text.slice(0, at) + e.ins + text.slice(end);
    }
    return { oldText: base, newText: text };
  });

describe('makePatch / applyPatch', () => {
  it('round-trips random edits of CJK text with surrogate pairs, through JSON', () => {
    fc.assert(
      fc.property(edited, ({ oldText, newText }) => {
        const patch = JSON.parse(JSON.stringify(makePatch(oldText, newText))) as RevisionPatch;
        expect(applyPatch(oldText, patch)).toBe(newText);
      }),
      { numRuns: 500 },
    );
  });

  it('round-trips arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'binary', maxLength: 60 }), (a, b) => {
        const patch = JSON.parse(JSON.stringify(makePatch(a, b))) as RevisionPatch;
        expect(applyPatch(a, patch)).toBe(b);
      }),
      { numRuns: 300 },
    );
  });

  it('stores a one-figure correction as one small entry in old coordinates', () => {
    const oldText = '项目总投资305.7亿元,同比增长190.6%。\n'.repeat(50);
    const at = oldText.lastIndexOf('190.6%');
    const newText = oldText.slice(0, at) + '19.6%' + oldText.slice(at + 6);
    expect(makePatch(oldText, newText)).toEqual([[at + 2, 1, '']]);
    expect(makePatch(oldText, oldText)).toEqual([]);
  });

  it('refuses a patch that does not fit the text', () => {
    expect(() => applyPatch('abc', [[2, 5, '']])).toThrow(FactDeskError);
    expect(() => applyPatch('abc', [[0, 1, 'x'], [0, 2, 'y']])).toThrow(FactDeskError);
    expect(() => applyPatch('abc', [['0', 1, 'x']] as unknown as RevisionPatch)).toThrow(FactDeskError);
    expect(() => applyPatch('abc', {} as unknown as RevisionPatch)).toThrow(FactDeskError);
  });
});

describe('textHash / utf8Length', () => {
  it('gives 16 hex digits that change when one character changes', () => {
    const text = '全县地区生产总值244394万元,比上年增长13.1%。';
    expect(textHash(text)).toMatch(/^[0-9a-f]{16}$/);
    expect(textHash(text)).toBe(textHash(text.slice()));
    expect(textHash(text)).not.toBe(textHash(text.replace('13.1', '13.2')));
    expect(textHash('')).not.toBe(textHash('\0'));
  });

  it('counts UTF-8 bytes the way Node does', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 50 }), (s) => {
        expect(utf8Length(s)).toBe(Buffer.byteLength(s, 'utf8'));
      }),
      { numRuns: 300 },
    );
  });
});
