import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { detectClaims } from '../../../../shared/claims/index.js';
import { claimHighlighting, detectedClaims } from '../../../../renderer/src/editor/claim-highlights.js';
import { longArticle } from '../../../helpers/long-article.js';

/** An editor state holding `text`, with the claim highlighting (its worker and marks need a view; the detection does not). */
const stateOf = (text: string) => EditorState.create({ doc: text, extensions: claimHighlighting({ describe: () => '' }) });

describe('claim highlighting in the editor', () => {
  it('follows typing key by key with the same claims detectClaims finds in the text', () => {
    const text = longArticle(20_000).text;
    let state = stateOf(text);
    expect(detectedClaims(state)).toEqual(detectClaims(text));
    const at = text.indexOf('城乡居民收入比为');
    const typed = at >= 0 ? at : text.indexOf('。') + 1;
    let pos = typed;
    for (const ch of '另新增投资8.57亿美元,同比增长12.93%,带动就业3271人。') {
      state = state.update({ changes: { from: pos, insert: ch } }).state;
      pos++;
      expect(detectedClaims(state)).toEqual(detectClaims(state.doc.toString()));
    }
    const figures = detectedClaims(state).map((c) => c.text);
    expect(figures).toEqual(expect.arrayContaining(['8.57亿美元', '12.93%', '3271人']));
  });
});
