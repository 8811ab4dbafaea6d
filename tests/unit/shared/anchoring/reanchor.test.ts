import { describe, expect, it } from 'vitest';
import { createAnchor, reanchor, reattach } from '../../../../shared/anchoring/index.js';
import type { AnchorOutcome, TextAnchor, TextChange } from '../../../../shared/anchoring/index.js';
import { FactDeskError } from '../../../../shared/errors.js';

const article = [
  '1-11月份新签约引进项目45个,项目总投资305.7亿元,同比增长190.6%。',
  '完成外贸进出口19.5亿美元,同比增长13.7%;净增企业1524户。',
  '全县地区生产总值244394万元,比上年增长13.1%。其中第一产业增加值62857万元,同比增长6.3%。',
  '',
].join('\n');

function anchorOn(text: string, quote: string, occurrence = 0): TextAnchor {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(quote, at + 1);
    if (at < 0) throw new Error(`no ${quote} #${occurrence}`);
  }
  return createAnchor(text, at, at + quote.length);
}

function one(anchor: TextAnchor, oldText: string, newText: string, changes?: TextChange[]): AnchorOutcome {
  return reanchor([anchor], oldText, newText, changes ? { changes } : {})[0]!;
}

describe('reanchor: the span keeps to its words', () => {
  it('text inserted before the span moves it, with fresh context', () => {
    const a = anchorOn(article, '190.6%');
    const newText = '【本报讯】' + article;
    const out = one(a, article, newText);
    expect(out.status).toBe('moved');
    expect(out.anchor).toEqual(createAnchor(newText, a.start + 5, a.end + 5));
  });

  it('text inserted after the span leaves it unchanged', () => {
    const a = anchorOn(article, '190.6%');
    const out = one(a, article, article + '编辑:何雨杏\n');
    expect(out).toEqual({ status: 'unchanged', anchor: a });
  });

  it('text inserted right before a figure that does not continue it is still a move', () => {
    const a = anchorOn(article, '305.7亿元');
    const newText = article.replace('总投资305.7亿元', '总投资约305.7亿元');
    expect(one(a, article, newText).status).toBe('moved');
  });

  it('an edit inside the span is a figure change, even when it only adds', () => {
    const a = anchorOn(article, '305.7亿元');
    const out = one(a, article, article.replace('305.7亿元', '305.7万亿元'));
    expect(out).toMatchObject({ status: 'figure-changed', oldQuote: '305.7亿元', newQuote: '305.7万亿元' });
  });
});

describe('reanchor: numbers are compared exactly', () => {
  it.each([
    ['190.6%', '19.6%'],
    ['305.7亿元', '306.1亿元'],
    ['13.7%', '13.8%'],
    ['1524户', '1542户'],
  ])('%s → %s is figure-changed, keeping its place', (before, after) => {
    const a = anchorOn(article, before);
    const newText = article.replace(before, after);
    const out = one(a, article, newText);
    expect(out).toMatchObject({ status: 'figure-changed', oldQuote: before, newQuote: after });
    expect(out.anchor.start).toBe(a.start);
    expect(newText.slice(out.anchor.start, out.anchor.end)).toBe(after);
  });

  it('a rewritten growth clause keeps the claim on the new figure', () => {
    const a = anchorOn(article, '13.1%');
    const newText = article.replace('比上年增长13.1%', '比上年下降2.4%');
    expect(one(a, article, newText)).toMatchObject({ status: 'figure-changed', oldQuote: '13.1%', newQuote: '2.4%' });
  });

  it.each([
    ['a digit typed before the figure', '增长213.7%', '213.7%'],
    ['a minus sign typed before the figure', '增长-13.7%', '-13.7%'],
  ])('%s changes the figure without touching the quote', (_name, replacement, newQuote) => {
    const a = anchorOn(article, '13.7%');
    const newText = article.replace('增长13.7%', replacement);
    expect(one(a, article, newText)).toMatchObject({ status: 'figure-changed', oldQuote: '13.7%', newQuote });
  });

  it('a magnitude typed after a bare number changes the figure', () => {
    const text = '分别拉动2.16和1.66个百分点。';
    const a = anchorOn(text, '2.16');
    expect(one(a, text, text.replace('2.16和', '2.16万和'))).toMatchObject({ status: 'figure-changed', newQuote: '2.16万' });
  });

  it('a figure replaced as a whole (select and type) is a figure change', () => {
    const text = '分别拉动2.16和1.66个百分点。';
    const a = anchorOn(text, '2.16');
    const changes = [{ from: a.start, to: a.end, insert: '3' }];
    expect(one(a, text, text.replace('2.16', '3'), changes)).toMatchObject({ status: 'figure-changed', oldQuote: '2.16', newQuote: '3' });
  });
});

describe('reanchor: deleted, moved and duplicated text', () => {
  it('a deleted sentence leaves an orphan that remembers where it was', () => {
    const a = anchorOn(article, '13.1%');
    const newText = article.replace('全县地区生产总值244394万元,比上年增长13.1%。', '');
    const out = one(a, article, newText);
    expect(out.status).toBe('orphan');
    expect(out.anchor).toEqual(a);
    expect(out.status === 'orphan' && out.at).toBe(article.indexOf('全县地区'));
  });

  it('a sentence rewritten from scratch orphans its claims instead of drifting onto other figures', () => {
    const a = anchorOn(article, '13.7%');
    const newText = article.replace('完成外贸进出口19.5亿美元,同比增长13.7%;', '外贸形势严峻,企业订单减少了二成左右;');
    expect(one(a, article, newText).status).toBe('orphan');
  });

  it('a deleted figure is not re-attached to the same figure elsewhere', () => {
    const text = '甲县增长6.3%。\n乙县粮食产量稳定,增长6.3%。\n';
    const a = anchorOn(text, '6.3%', 1);
    const out = one(a, text, '甲县增长6.3%。\n');
    expect(out.status).toBe('orphan');
  });

  it('a moved paragraph carries its claims, found again by quote and context', () => {
    const lines = article.split('\n');
    const newText = [lines[2], lines[0], lines[1], ''].join('\n');
    for (const quote of ['13.1%', '6.3%', '190.6%', '13.7%']) {
      const a = anchorOn(article, quote);
      const out = one(a, article, newText);
      expect(out.status, quote).toBe('moved');
      expect(newText.slice(out.anchor.start, out.anchor.end)).toBe(quote);
      expect(out.anchor.start).toBe(newText.indexOf(quote));
    }
  });

  it('a duplicated quote is resolved by its context', () => {
    const text = '甲县粮食增长6.3%。乙县工业增长6.3%。\n';
    const stale = { ...anchorOn(text, '6.3%', 1), start: 0, end: 4 }; // offsets no longer fit the old text
    const out = one(stale, text, '前言。\n' + text);
    expect(out.status).toBe('moved');
    expect(out.anchor.start).toBe(('前言。\n' + text).indexOf('乙县工业增长6.3%') + 6);
  });

  it('a duplicated quote with identical context is reported ambiguous, never guessed', () => {
    const sentence = '全年粮食播种面积稳定,产量增长6.3%。';
    const oldText = sentence + '\n';
    const a = { ...anchorOn(oldText, '6.3%'), start: 100, end: 104 };
    const newText = sentence + '\n' + sentence + '\n';
    const out = one(a, oldText, newText);
    expect(out.status).toBe('ambiguous');
    if (out.status !== 'ambiguous') return;
    expect(out.anchor).toEqual(a);
    expect(out.candidates.map((c) => c.start).sort((x, y) => x - y)).toEqual([sentence.indexOf('6.3%'), sentence.length + 1 + sentence.indexOf('6.3%')]);
    expect(out.candidates.every((c) => c.exact && c.quote === '6.3%')).toBe(true);
  });
});

describe('reanchor: long text', () => {
  it('keeps claims right in a single-line article of many sentences', () => {
    const sentences = Array.from({ length: 400 }, (_, i) => `第${i + 1}项工程完成投资${i + 10}.5亿元,同比增长${i % 50}.1%。`);
    const oldText = sentences.join('');
    const edited = [...sentences];
    edited[0] = '据统计,' + edited[0];
    edited[200] = edited[200]!.replace('210.5亿元', '210.8亿元');
    edited.splice(300, 1);
    const newText = edited.join('');
    const [moved, changed, orphan, later] = reanchor(
      [anchorOn(oldText, '110.5亿元'), anchorOn(oldText, '210.5亿元'), anchorOn(oldText, '310.5亿元'), anchorOn(oldText, '405.5亿元')],
      oldText,
      newText,
    );
    expect(moved).toMatchObject({ status: 'moved', anchor: { start: newText.indexOf('110.5亿元'), quote: '110.5亿元' } });
    expect(changed).toMatchObject({ status: 'figure-changed', newQuote: '210.8亿元', anchor: { start: newText.indexOf('210.8亿元') } });
    expect(orphan!.status).toBe('orphan');
    expect(later).toMatchObject({ status: 'moved', anchor: { start: newText.indexOf('405.5亿元') } });
  });
});

describe('reanchor: text units', () => {
  it('counts emoji and CJK Extension B as two code units and never splits them', () => {
    const text = '𠀀𠀁 增长13.1% 😀 收入305.7亿元\n';
    const a = anchorOn(text, '305.7亿元');
    const newText = '😀😀' + text.replace('增长13.1%', '增长𠀂13.1%');
    const out = one(a, text, newText);
    expect(out.status).toBe('moved');
    expect(out.anchor.start).toBe(a.start + 6);
    expect(newText.slice(out.anchor.start, out.anchor.end)).toBe('305.7亿元');
  });

  it('an edited emoji inside the span is a change of the whole character', () => {
    const text = '评级:😀😀😀。\n';
    const a = anchorOn(text, '😀😀😀');
    const out = one(a, text, text.replace('😀😀😀', '😀😁😀'));
    expect(out).toMatchObject({ status: 'figure-changed', newQuote: '😀😁😀' });
  });

  it('follows claims through CRLF text and through a CRLF → LF conversion', () => {
    const crlf = article.replace(/\n/g, '\r\n');
    const a = anchorOn(crlf, '62857万元');
    const inserted = '导语。\r\n' + crlf;
    expect(one(a, crlf, inserted)).toMatchObject({ status: 'moved', anchor: { start: a.start + 5, quote: '62857万元' } });
    const lf = one(a, crlf, article);
    expect(lf.status).toBe('moved');
    expect(lf.anchor.start).toBe(article.indexOf('62857万元'));
  });
});

describe('reanchor: known change sets (the editor)', () => {
  it('maps through CodeMirror-style changes in old coordinates', () => {
    const a = anchorOn(article, '13.7%');
    const b = anchorOn(article, '190.6%');
    const changes: TextChange[] = [
      { from: 0, to: 0, insert: '导语。\n' },
      { from: b.start + 2, to: b.start + 3, insert: '' }, // 190.6% → 19.6%
    ];
    const newText = '导语。\n' + article.replace('190.6%', '19.6%');
    const [ma, mb] = reanchor([a, b], article, newText, { changes });
    expect(ma).toMatchObject({ status: 'moved', anchor: { start: a.start + 4 - 1, quote: '13.7%' } });
    expect(mb).toMatchObject({ status: 'figure-changed', oldQuote: '190.6%', newQuote: '19.6%' });
  });

  it('a pasted paragraph that differs in one digit behaves like that digit typed', () => {
    const line = article.split('\n')[1]!;
    const from = article.indexOf(line);
    const pasted = line.replace('1524户', '1542户');
    const changes = [{ from, to: from + line.length, insert: pasted }];
    const newText = article.replace(line, pasted);
    const [kept, edited] = reanchor([anchorOn(article, '19.5亿美元'), anchorOn(article, '1524户')], article, newText, { changes });
    expect(kept!.status).toBe('unchanged');
    expect(edited).toMatchObject({ status: 'figure-changed', newQuote: '1542户' });
  });

  it('refuses a change set that does not produce the new text', () => {
    const a = anchorOn(article, '13.7%');
    expect(() => one(a, article, article, [{ from: 0, to: 1, insert: 'x' }])).toThrow(FactDeskError);
    expect(() => one(a, article, article, [{ from: 5, to: 2, insert: '' }])).toThrow(FactDeskError);
  });
});

describe('reattach', () => {
  it('lists exact matches best context first, then places where only the context fits', () => {
    const text = '甲县粮食增长6.3%。乙县工业增长6.3%,好于预期。\n';
    const a = anchorOn(text, '6.3%', 1);
    const edited = '甲县粮食增长6.3%。乙县工业增长6.5%,好于预期。\n';
    const candidates = reattach(a, edited);
    expect(candidates[0]).toMatchObject({ exact: true, quote: '6.3%', start: 6 });
    const contextOnly = candidates.find((c) => !c.exact);
    expect(contextOnly).toMatchObject({ quote: '6.5%', start: edited.indexOf('6.5%') });
  });

  it('prefers the candidate nearer to a position when context ties', () => {
    const sentence = '产量增长6.3%。';
    const text = sentence.repeat(3);
    const a = anchorOn(sentence, '6.3%');
    const near = 2 * sentence.length + 4;
    expect(reattach({ ...a, prefix: '', suffix: '' }, text, { near })[0]!.start).toBe(near);
  });
});
