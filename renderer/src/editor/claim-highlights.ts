/**
 * CodeMirror extensions that show claims in the article text: every figure
 * the claim engine finds (re-detected incrementally on each edit, so the
 * marks always match the text on screen), and a focus highlight for the
 * figures a selected claim or cross-check concerns.
 */
import { RangeSetBuilder, StateEffect, StateField, type Extension } from '@codemirror/state';
import { Decoration, EditorView, hoverTooltip, type DecorationSet } from '@codemirror/view';
import { createClaimDetector, type DetectedClaim } from '../../../shared/claims/index.js';

export interface ClaimHighlightOptions {
  /** Called after each (re-)detection with the claims of the current text. */
  onClaims: (claims: DetectedClaim[], text: string) => void;
  /** Tooltip text for a hovered claim. */
  describe: (claim: DetectedClaim) => string;
  dollarCurrency?: string;
}

interface DetectedState {
  claims: DetectedClaim[];
  deco: DecorationSet;
}

const markOf = (c: DetectedClaim) =>
  Decoration.mark({ class: `cm-claim cm-claim-${c.kind}`, attributes: { 'data-claim-kind': c.kind } });

function decorate(claims: DetectedClaim[]): DecorationSet {
  const b = new RangeSetBuilder<Decoration>();
  for (const c of claims) if (c.end > c.start) b.add(c.start, c.end, markOf(c));
  return b.finish();
}

/** Spans to emphasize (a selected claim or finding); empty clears. */
export const setFocusSpans = StateEffect.define<Array<{ start: number; end: number; tone: 'ok' | 'alarm' | 'claim' }>>();

const focusField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(deco, tr) {
    deco = deco.map(tr.changes);
    for (const e of tr.effects) {
      if (!e.is(setFocusSpans)) continue;
      const len = tr.state.doc.length;
      const spans = e.value.filter((s) => s.start >= 0 && s.end <= len && s.end > s.start).sort((a, b) => a.start - b.start);
      deco = Decoration.set(spans.map((s) => Decoration.mark({ class: `cm-focus cm-focus-${s.tone}` }).range(s.start, s.end)));
    }
    return deco;
  },
  provide: (f) => EditorView.decorations.from(f),
});

export function claimHighlighting(opts: ClaimHighlightOptions): Extension {
  const detector = createClaimDetector(opts.dollarCurrency ? { dollarCurrency: opts.dollarCurrency } : {});
  const detect = (text: string): DetectedState => {
    const claims = detector.detect(text);
    return { claims, deco: decorate(claims) };
  };
  const field = StateField.define<DetectedState>({
    create: (state) => detect(state.doc.toString()),
    update(value, tr) {
      return tr.docChanged ? detect(tr.state.doc.toString()) : value;
    },
    provide: (f) => EditorView.decorations.from(f, (v) => v.deco),
  });
  let lastReported: DetectedClaim[] | null = null;
  const report = EditorView.updateListener.of((u) => {
    const { claims } = u.state.field(field);
    if (claims !== lastReported) {
      lastReported = claims;
      opts.onClaims(claims, u.state.doc.toString());
    }
  });
  const tooltip = hoverTooltip((view, pos) => {
    const c = view.state.field(field).claims.find((x) => x.start <= pos && pos < x.end);
    if (!c) return null;
    return {
      pos: c.start,
      end: c.end,
      above: true,
      create: () => {
        const dom = document.createElement('div');
        dom.className = 'cm-claim-tooltip';
        dom.textContent = opts.describe(c);
        return { dom };
      },
    };
  });
  return [field, focusField, report, tooltip];
}
