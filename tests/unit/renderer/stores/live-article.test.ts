import { EditorState } from '@codemirror/state';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { claimHighlighting } from '../../../../renderer/src/editor/claim-highlights.js';
import { setStoredClaims, storedClaims } from '../../../../renderer/src/editor/stored-claims.js';
import { LiveArticleStore } from '../../../../renderer/src/stores/live-article.js';
import { detectClaims, onChecklist } from '../../../../shared/claims/index.js';
import { longArticle } from '../../../helpers/long-article.js';

const text = longArticle(6_000).text;

/** The editor's state for `text` with every third detected figure stored as a claim. */
function editorState(): EditorState {
  const state = EditorState.create({ doc: text, extensions: [storedClaims({ onClick: () => {} }), claimHighlighting({ describe: () => '' })] });
  const marks = detectClaims(text)
    .filter((_, i) => i % 3 === 0)
    .map((c, i) => ({ id: `c${i}`, start: c.start, end: c.end, status: 'unchecked' as const }));
  return state.update({ effects: setStoredClaims.of({ marks, baseText: text }) }).state;
}

const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 30 }),
  insert: fc.constantFrom('', '3', '增长', '亿元', '\n', '\n\n', '12.5%', '投资8.57亿美元,', '年'),
});

describe('the open article snapshot', () => {
  it('counts the figures no claim covers edit by edit as a fresh count of the whole text would', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 10 }), (edits) => {
        const store = new LiveArticleStore();
        let state = editorState();
        store.publish(state);
        for (const e of edits) {
          const from = e.at % (state.doc.length + 1);
          const tr = state.update({ changes: { from, to: Math.min(state.doc.length, from + e.remove), insert: e.insert } });
          store.publish(tr.state, { state, changes: tr.changes, transactions: 1 });
          state = tr.state;
          const live = store.current()!;
          // Listed by index (what the list on screen asks), they are the detected figures on the
          // checklist that no stored claim overlaps, in text order.
          const stored = [...live.storedPositions().values()];
          const expected = live.detected().filter((d) => onChecklist(d) && !stored.some((s) => s.start < d.end && s.end > d.start));
          expect(live.unclaimed().map((d) => [d.start, d.end, d.text])).toEqual(expected.map((d) => [d.start, d.end, d.text]));
          expect(live.unclaimedAt(expected.length)).toBeNull();
          expect(live.unclaimedCount()).toBe(expected.length);
          const fresh = new LiveArticleStore();
          fresh.publish(state);
          expect(live.unclaimedCount()).toBe(fresh.current()!.unclaimedCount());
        }
      }),
      { numRuns: 60 },
    );
  });
});
