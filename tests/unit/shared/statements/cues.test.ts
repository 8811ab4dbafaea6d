// The one-pass trigger filter must never hide a clause a rule would mark:
// every Chinese clause of every annotated article (and of the claims
// articles) that the rules classify holds a trigger.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clauseRanges, sentenceRanges, splitLines } from '../../../../shared/claims/index.js';
import { chineseTriggers, classifyChinese } from '../../../../shared/statements/cues.js';

const dirs = [
  new URL('../../../../../shared/fixtures/statements/', import.meta.url),
  new URL('../../../../../shared/fixtures/claims/', import.meta.url),
  new URL('../../../fixtures/statements-blind/', import.meta.url),
  new URL('../../../fixtures/statements-blind/round2/', import.meta.url),
  new URL('../../../fixtures/statements-blind/round3/', import.meta.url),
  new URL('../../../fixtures/claims-blind/', import.meta.url),
];

describe('chineseTriggers', () => {
  it('lies inside every clause the Chinese rules classify', () => {
    let classified = 0;
    for (const dir of dirs) {
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt'))) {
        const text = readFileSync(new URL(name, dir), 'utf8');
        for (const l of splitLines(text)) {
          const line = text.slice(l.start, l.end);
          for (const sentence of sentenceRanges(line)) {
            for (const c of clauseRanges(line, sentence, false)) {
              const clause = line.slice(c.start, c.end);
              if (classifyChinese(clause, undefined, 'award') === null) continue;
              classified++;
              expect(chineseTriggers(clause).length, clause).toBeGreaterThan(0);
            }
          }
        }
      }
    }
    expect(classified).toBeGreaterThan(50);
  });
});
