import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffForDisplay } from '../../../../shared/revisions/index.js';
import type { DisplayDiff, ParagraphDiff } from '../../../../shared/revisions/index.js';

const lead = '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%,其中三类500强项目3个。';
const trade = '完成外贸进出口19.5亿美元,折合人民币130.6亿元,同比增长13.7%;';
const firms = '净增企业1524户,企业涉税率80.3%;';
const park = '布局5平方公里的大健康产业园,已入驻企业28家。';

const changed = (d: DisplayDiff): ParagraphDiff[] => d.paragraphs.filter((p) => p.kind === 'changed');

/** The parts spell both sides of every paragraph, and the paragraphs cover both texts in order. */
function expectConsistent(d: DisplayDiff, oldText: string, newText: string): void {
  for (const p of d.paragraphs) {
    expect(p.parts.filter((x) => x.kind !== 'added').map((x) => x.text).join('')).toBe(p.oldText);
    expect(p.parts.filter((x) => x.kind !== 'removed').map((x) => x.text).join('')).toBe(p.newText);
  }
  const olds = d.paragraphs.filter((p) => p.oldIndex !== null);
  const news = d.paragraphs.filter((p) => p.newIndex !== null);
  expect(olds.map((p) => p.oldIndex)).toEqual(olds.map((_, i) => i));
  expect(news.map((p) => p.newIndex)).toEqual(news.map((_, i) => i));
  expect(olds.map((p) => p.oldText).join('\n')).toBe(oldText);
  expect(news.map((p) => p.newText).join('\n')).toBe(newText);
}

describe('diffForDisplay: words and figures', () => {
  it('shows a corrected figure as one replaced token, not as digit edits', () => {
    const edited = lead.replace('305.7亿元', '306.1亿元').replace('190.6%', '19.6%');
    const d = diffForDisplay(lead, edited);
    expect(d.granularity).toBe('word');
    expect(d.fellBack).toBe(false);
    expect(changed(d)[0]!.parts).toEqual([
      { kind: 'same', text: '1-11月份新签约引进项目45个,项目总投资' },
      { kind: 'removed', text: '305.7亿元', figure: true },
      { kind: 'added', text: '306.1亿元', figure: true },
      { kind: 'same', text: ',同比增长' },
      { kind: 'removed', text: '190.6%', figure: true },
      { kind: 'added', text: '19.6%', figure: true },
      { kind: 'same', text: ',其中三类500强项目3个。' },
    ]);
    expect(d.stats).toMatchObject({ changedParagraphs: 1, removedFigures: 2, addedFigures: 2 });
  });

  it('diffs Chinese by words', () => {
    const d = diffForDisplay(trade, trade.replace('同比增长', '同比下降'));
    expect(changed(d)[0]!.parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: '增长' },
      { kind: 'added', text: '下降' },
    ]);
  });

  it('aligns sentences first inside a very long paragraph', () => {
    const long = Array.from({ length: 60 }, (_, i) => `第${i + 1}项工程完成投资${i + 10}.5亿元。`).join('');
    const edited = long.replace('第30项工程完成投资39.5亿元', '第30项工程完成投资39.8亿元');
    const d = diffForDisplay(long, edited);
    const parts = changed(d)[0]!.parts;
    expect(parts.filter((p) => p.kind !== 'same')).toEqual([
      { kind: 'removed', text: '39.5亿元', figure: true },
      { kind: 'added', text: '39.8亿元', figure: true },
    ]);
    expectConsistent(d, long, edited);
  });
});

describe('diffForDisplay: paragraphs', () => {
  it('shows inserted and deleted paragraphs as such, the rest as same', () => {
    const oldText = [lead, trade, firms].join('\n');
    const newText = [lead, park, firms].join('\n');
    const d = diffForDisplay(oldText, newText);
    expect(d.paragraphs.map((p) => [p.kind, p.oldIndex, p.newIndex])).toEqual([
      ['same', 0, 0],
      ['removed', 1, null],
      ['added', null, 1],
      ['same', 2, 2],
    ]);
    expectConsistent(d, oldText, newText);
  });

  it('links a moved paragraph to where it went, without a changed pair', () => {
    const oldText = [lead, trade, firms, park].join('\n');
    const newText = [park, lead, trade, firms].join('\n');
    const d = diffForDisplay(oldText, newText);
    const added = d.paragraphs.find((p) => p.kind === 'added')!;
    const removed = d.paragraphs.find((p) => p.kind === 'removed')!;
    expect(added).toMatchObject({ newIndex: 0, movedFrom: 3, newText: park });
    expect(removed).toMatchObject({ oldIndex: 3, movedTo: 0, oldText: park });
    expect(changed(d)).toEqual([]);
    expect(d.stats.movedParagraphs).toBe(1);
  });

  it('pairs an edited paragraph with its old self even next to an inserted one', () => {
    const oldText = [lead, firms].join('\n');
    const newText = [park, lead.replace('45个', '46个'), firms].join('\n');
    const d = diffForDisplay(oldText, newText);
    expect(d.paragraphs.map((p) => [p.kind, p.oldIndex, p.newIndex])).toEqual([
      ['added', null, 0],
      ['changed', 0, 1],
      ['same', 1, 2],
    ]);
  });

  it('keeps parts and indexes consistent for random paragraph edits', () => {
    const paragraph = fc.constantFrom(lead, trade, firms, park, '', '𠀀😀 增长6.3%', lead.replace('305.7', '3.1'), trade.replace('13.7%', '1.2%'));
    fc.assert(
      fc.property(fc.array(paragraph, { maxLength: 8 }), fc.array(paragraph, { maxLength: 8 }), (a, b) => {
        const oldText = a.join('\n');
        const newText = b.join('\n');
        expectConsistent(diffForDisplay(oldText, newText), oldText, newText);
      }),
      { numRuns: 150 },
    );
  });
});

describe('diffForDisplay: time budget', () => {
  it('falls back to whole paragraphs past the budget, with the same paragraph alignment', () => {
    const oldText = [lead, trade, firms, park].join('\n');
    const newText = [lead.replace('45个', '46个'), trade, park, firms.replace('1524户', '1525户')].join('\n');
    const full = diffForDisplay(oldText, newText);
    const quick = diffForDisplay(oldText, newText, { budgetMs: 0 });
    expect(full.fellBack).toBe(false);
    expect(quick).toMatchObject({ fellBack: true, granularity: 'paragraph' });
    expect(quick.paragraphs.map((p) => [p.kind, p.oldIndex, p.newIndex])).toEqual(full.paragraphs.map((p) => [p.kind, p.oldIndex, p.newIndex]));
    for (const p of changed(quick)) {
      expect(p.parts).toEqual([
        { kind: 'removed', text: p.oldText },
        { kind: 'added', text: p.newText },
      ]);
    }
    expectConsistent(quick, oldText, newText);
  });
});
