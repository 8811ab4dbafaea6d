import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChanges, computeChanges, createAnchor, reanchor } from '../../../../shared/anchoring/index.js';
import type { AnchorOutcome, TextAnchor, TextChange } from '../../../../shared/anchoring/index.js';

// Units: Chinese, figures, emoji and CJK Extension B (two code units), line breaks.
const unit = fc.constantFrom('增', '长', '亿', '元', '年', '的', '。', ',', '0', '1', '3', '6', '.', '%', '😀', '𠀀', '\n', '\r\n', 'a', ' ');
const units = fc.array(unit, { maxLength: 60 });

interface Script {
  oldText: string;
  newText: string;
  changes: TextChange[];
  anchors: TextAnchor[];
}

function offsetsOf(parts: readonly string[]): number[] {
  const at = [0];
  for (const p of parts) at.push(at[at.length - 1]! + p.length);
  return at;
}

/** Random text, random claims on it, and a random edit script as a change set in old coordinates. */
const script = fc
  .record({
    parts: units,
    edits: fc.array(fc.record({ at: fc.nat(), del: fc.nat({ max: 6 }), ins: fc.array(unit, { maxLength: 6 }) }), { maxLength: 5 }),
    spans: fc.array(fc.record({ a: fc.nat(), len: fc.nat({ max: 8 }) }), { minLength: 1, maxLength: 6 }),
  })
  .map(({ parts, edits, spans }): Script => {
    const at = offsetsOf(parts);
    const oldText = parts.join('');
    const changes: TextChange[] = [];
    let free = 0;
    for (const e of [...edits].sort((x, y) => (x.at % (parts.length + 1)) - (y.at % (parts.length + 1)))) {
      const from = Math.max(free, e.at % (parts.length + 1));
      if (from > parts.length) break;
      const to = Math.min(parts.length, from + e.del);
      changes.push({ from: at[from]!, to: at[to]!, insert: e.ins.join('') });
      free = to + 1;
    }
    const anchors = spans.map(({ a, len }) => {
      const s = a % (parts.length + 1);
      const e = Math.min(parts.length, s + len);
      return createAnchor(oldText, at[s]!, at[e]!);
    });
    return { oldText, newText: applyChanges(oldText, changes), changes, anchors };
  });

const splitsPair = (text: string, pos: number): boolean =>
  pos > 0 && pos < text.length && /[\ud800-\udbff]/.test(text[pos - 1]!) && /[\udc00-\udfff]/.test(text[pos]!);

/** The promise every outcome keeps, whatever the edit. */
function checkOutcome(o: AnchorOutcome, before: TextAnchor, newText: string): void {
  switch (o.status) {
    case 'unchanged':
    case 'moved':
      expect(newText.slice(o.anchor.start, o.anchor.end)).toBe(before.quote);
      expect(o.anchor.quote).toBe(before.quote);
      if (o.status === 'unchanged') expect(o.anchor.start).toBe(before.start);
      break;
    case 'figure-changed':
      expect(o.oldQuote).toBe(before.quote);
      expect(o.newQuote).not.toBe(before.quote);
      expect(newText.slice(o.anchor.start, o.anchor.end)).toBe(o.newQuote);
      break;
    case 'orphan':
      expect(o.anchor).toEqual(before);
      expect(o.at).toBeGreaterThanOrEqual(0);
      expect(o.at).toBeLessThanOrEqual(newText.length);
      return;
    case 'ambiguous':
      expect(o.anchor).toEqual(before);
      expect(o.candidates.length).toBeGreaterThan(1);
      for (const c of o.candidates) expect(newText.slice(c.start, c.end)).toBe(before.quote);
      return;
  }
  expect(o.anchor).toEqual(createAnchor(newText, o.anchor.start, o.anchor.end));
  expect(splitsPair(newText, o.anchor.start) || splitsPair(newText, o.anchor.end)).toBe(false);
}

describe('reanchor properties', () => {
  it('never claims a span is unchanged or moved unless it quotes the very same text (computed changes)', () => {
    fc.assert(
      fc.property(script, ({ oldText, newText, anchors }) => {
        reanchor(anchors, oldText, newText).forEach((o, i) => checkOutcome(o, anchors[i]!, newText));
      }),
      { numRuns: 400 },
    );
  });

  it('never claims a span is unchanged or moved unless it quotes the very same text (known changes)', () => {
    fc.assert(
      fc.property(script, ({ oldText, newText, changes, anchors }) => {
        reanchor(anchors, oldText, newText, { changes }).forEach((o, i) => checkOutcome(o, anchors[i]!, newText));
      }),
      { numRuns: 400 },
    );
  });

  it('claims far from every change move by exactly the length the edits before them added', () => {
    fc.assert(
      fc.property(script, ({ oldText, newText, changes, anchors }) => {
        reanchor(anchors, oldText, newText, { changes }).forEach((o, i) => {
          const a = anchors[i]!;
          if (changes.some((c) => c.to >= a.start - 33 && c.from <= a.end + 33)) return;
          const shift = changes.filter((c) => c.to < a.start).reduce((sum, c) => sum + c.insert.length - (c.to - c.from), 0);
          expect(o.status).toBe(shift === 0 ? 'unchanged' : 'moved');
          expect(o.anchor.start).toBe(a.start + shift);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('any character replaced inside a span is a figure change, never a silent re-anchor', () => {
    const substitution = fc.record({ parts: fc.array(unit, { minLength: 1, maxLength: 40 }), pick: fc.nat(), len: fc.nat({ max: 6 }), offset: fc.nat(), by: unit });
    fc.assert(
      fc.property(substitution, ({ parts, pick, len, offset, by }) => {
        const s = pick % parts.length;
        const e = Math.min(parts.length, s + 1 + len);
        const k = s + (offset % (e - s));
        // `\n` → `\r\n` only inserts before the `\n`: the quoted text itself is intact.
        fc.pre(!by.startsWith(parts[k]!) && !by.endsWith(parts[k]!));
        const at = offsetsOf(parts);
        const oldText = parts.join('');
        const anchor = createAnchor(oldText, at[s]!, at[e]!);
        const changes = [{ from: at[k]!, to: at[k + 1]!, insert: by }];
        const newText = applyChanges(oldText, changes);
        for (const o of [reanchor([anchor], oldText, newText)[0]!, reanchor([anchor], oldText, newText, { changes })[0]!]) {
          expect(o.status).toBe('figure-changed');
          checkOutcome(o, anchor, newText);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('computeChanges properties', () => {
  const anyText = fc.oneof(units.map((u) => u.join('')), fc.string({ unit: 'binary', maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', '\ud83d', '\ude00', '增'), maxLength: 30 }));

  it('applying the computed change set to the old text gives the new text', () => {
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        const changes = computeChanges(a, b);
        expect(applyChanges(a, changes)).toBe(b);
        for (let k = 1; k < changes.length; k++) expect(changes[k]!.from).toBeGreaterThan(changes[k - 1]!.to);
      }),
      { numRuns: 500 },
    );
  });

  it('never cuts a surrogate pair of well-formed text', () => {
    fc.assert(
      fc.property(units, units, (x, y) => {
        const a = x.join('');
        const b = y.join('');
        for (const c of computeChanges(a, b)) {
          expect(splitsPair(a, c.from) || splitsPair(a, c.to)).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });
});
