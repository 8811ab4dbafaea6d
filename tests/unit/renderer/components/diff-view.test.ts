import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n, type Language } from '../../../../shared/i18n/index.js';
import { diffForDisplay, type DisplayDiff } from '../../../../shared/revisions/index.js';
import { DiffView, type DiffMode } from '../../../../renderer/src/components/DiffView.js';

/** The diff as the page would get it, rendered to HTML (no DOM needed). */
function render(diff: DisplayDiff, opts: { mode?: DiffMode; lang?: Language } = {}): string {
  const view = createElement(DiffView, { diff, label: 'diff', oldLabel: 'Old', newLabel: 'New', defaultMode: opts.mode ?? 'inline' });
  return renderToStaticMarkup(createElement(I18nextProvider, { i18n: createI18n(opts.lang ?? 'en') }, view));
}

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('DiffView', () => {
  it('shows a changed figure as one replaced token, and counts it', () => {
    const html = render(diffForDisplay('项目总投资305.7亿元,同比增长190.6%。', '项目总投资306.1亿元,同比增长190.6%。'));
    expect(html).toContain('role="group" aria-label="Figure changed: 305.7亿元 → 306.1亿元"');
    expect(text(html)).toContain('1 paragraph changed · 1 figure changed');
    // The words around it are plain: only the figure is struck and inserted.
    expect(html.match(/<del[ >]/g)).toHaveLength(3); // token, figure chip, legend
    expect(text(html)).toContain('项目总投资305.7亿元→306.1亿元,同比增长190.6%。');
  });

  it('pairs figures inside a longer change, keeping the words around them struck and inserted', () => {
    const diff = diffForDisplay('全年引资额约155亿元,增长12.5%。', '全年引资额达到162亿元,增长15.1%。');
    const html = render(diff);
    expect(html).toContain('aria-label="Figure changed: 155亿元 → 162亿元"');
    expect(html).toContain('aria-label="Figure changed: 12.5% → 15.1%"');
    expect(html).toContain('<span>全年引资额</span><del>约</del><ins>达到</ins><span class="diff-fig-change"');
    expect(text(html)).toContain('2 figures changed');
  });

  it('pairs a changed figure by its unit when another figure was inserted beside it', () => {
    const html = render(diffForDisplay('净增企业1524户,企业涉税率80.3%。', '净增企业1542户,新增就业岗位3200个,企业涉税率80.3%。'));
    expect(html).toContain('aria-label="Figure changed: 1524户 → 1542户"');
    expect(html).toMatch(/<ins class="diff-fig" data-figure="1">3200个<\/ins>/);
    expect(text(html)).toContain('1 figure changed · 1 figure added');
  });

  it('says a figure was removed when nothing replaced it', () => {
    const html = render(diffForDisplay('总投资20亿,其中外资3亿元。', '总投资20亿。'));
    expect(text(html)).toContain('1 figure removed');
    expect(html).toMatch(/<del class="diff-fig" data-figure="0">3亿元<\/del>/);
    expect(html).not.toContain('role="group" aria-label="Figure changed');
  });

  it('puts old and new side by side under their headings, each figure on its own side', () => {
    const html = render(diffForDisplay('引资额155亿元。', '引资额162亿元。'), { mode: 'side' });
    expect(html).toContain('<th scope="col">Old</th><th scope="col">New</th>');
    const [oldCell, newCell] = [...html.matchAll(/<td class="diff-cell-(old|new)">(.*?)<\/td>/g)].map((m) => m[2]!);
    expect(oldCell).toContain('<del class="diff-fig" data-figure="0">155亿元</del>');
    expect(oldCell).not.toContain('162亿元');
    expect(newCell).toContain('<ins class="diff-fig" data-figure="0">162亿元</ins>');
    expect(newCell).not.toContain('155亿元');
  });

  it('folds runs of unchanged paragraphs, counting paragraphs as an editor does (empty lines skipped)', () => {
    const paras = ['标题', '第一段。', '第二段。', '第三段。', '第四段,增长5%。'];
    const diff = diffForDisplay(paras.join('\n\n'), [...paras.slice(0, 4), '第四段,增长6%。'].join('\n\n'));
    const html = render(diff);
    expect(text(html)).toContain('… 4 unchanged paragraphs …');
    expect(text(html)).not.toContain('第二段');
    // A lone unchanged paragraph between changes is shown, not folded.
    const one = render(diffForDisplay('甲1%。\n\n乙。\n\n丙2%。', '甲3%。\n\n乙。\n\n丙4%。'));
    expect(text(one)).toContain('乙。');
    expect(text(one)).not.toContain('unchanged paragraph');
  });

  it('names a moved paragraph by its paragraph number, and counts it once', () => {
    const diff = diffForDisplay('甲段。\n\n乙段。\n\n丙段。', '乙段。\n\n丙段。\n\n甲段。');
    const html = text(render(diff));
    expect(html).toContain('1 moved');
    expect(html).not.toMatch(/added|removed/);
    expect(html).toContain('moved to paragraph 3');
    expect(html).toContain('moved from paragraph 1');
  });

  it('says plainly when the diff fell back to whole paragraphs', () => {
    const diff = diffForDisplay('引资额155亿元。', '引资额162亿元。', { budgetMs: 0 });
    expect(diff.fellBack).toBe(true);
    const html = render(diff, { lang: 'zh-CN' });
    expect(html).toContain('role="note"');
    expect(text(html)).toContain('文字太长,无法及时逐词比较');
    expect(html).toContain('<del>引资额155亿元。</del>');
    expect(html).toContain('<ins>引资额162亿元。</ins>');
  });

  it('reports identical texts and empty-line-only changes as such', () => {
    expect(text(render(diffForDisplay('甲。\n乙。', '甲。\n乙。')))).toContain('No differences');
    expect(text(render(diffForDisplay('甲。\n乙。', '甲。\n\n乙。')))).toContain('Only empty lines were added or removed.');
  });

  it('writes the summary in Chinese', () => {
    const html = text(render(diffForDisplay('引资额155亿元。', '引资额162亿元。\n\n新增一段。'), { lang: 'zh-CN' }));
    expect(html).toContain('1 段有改动 · 新增 1 段 · 1 处数字改动');
  });
});
