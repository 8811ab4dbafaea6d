// The detector against the hand-annotated articles: the team's development set
// (../shared/fixtures/statements/) and the blind articles written for it
// (tests/fixtures/statements-blind/, three rounds). Scored like
// ../shared/scripts/eval-statements.mjs: a match is overlap/union >= 0.5,
// one-to-one, best first; held to the targets, not to an exact list.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detectStatements, type DetectedStatement } from '../../../../shared/statements/index.js';

const sets = {
  dev: new URL('../../../../../shared/fixtures/statements/', import.meta.url),
  blind: new URL('../../../fixtures/statements-blind/', import.meta.url),
  'blind round 2': new URL('../../../fixtures/statements-blind/round2/', import.meta.url),
  'blind round 3': new URL('../../../fixtures/statements-blind/round3/', import.meta.url),
};

function score(dir: URL) {
  let gold = 0;
  let predicted = 0;
  let matched = 0;
  let sameCategory = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.gold.json'))) {
    const text = readFileSync(new URL(name.replace('.gold.json', '.txt'), dir), 'utf8');
    const g = (JSON.parse(readFileSync(new URL(name, dir), 'utf8')) as { statements: DetectedStatement[] }).statements;
    const p = detectStatements(text);
    const pairs: Array<[number, number, number]> = [];
    g.forEach((a, gi) =>
      p.forEach((b, pi) => {
        const overlap = Math.min(a.end, b.end) - Math.max(a.start, b.start);
        const iou = overlap / (Math.max(a.end, b.end) - Math.min(a.start, b.start));
        if (overlap > 0 && iou >= 0.5) pairs.push([iou, gi, pi]);
      }),
    );
    pairs.sort((x, y) => y[0] - x[0]);
    const usedG = new Set<number>();
    const usedP = new Set<number>();
    for (const [, gi, pi] of pairs) {
      if (usedG.has(gi) || usedP.has(pi)) continue;
      usedG.add(gi);
      usedP.add(pi);
      matched++;
      if (g[gi]!.category === p[pi]!.category) sameCategory++;
    }
    gold += g.length;
    predicted += p.length;
  }
  return { precision: matched / predicted, recall: matched / gold, categoryAccuracy: sameCategory / matched };
}

describe('hand-annotated articles', () => {
  it.each(Object.entries(sets))('%s: precision, recall and category accuracy at least 0.90', (_, dir) => {
    const s = score(dir);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
    expect(s.categoryAccuracy).toBeGreaterThanOrEqual(0.9);
  });
});
