import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createClaimDetector, detectClaims, detectLines, rescanLines, type ClaimLines, type DetectedClaim } from '../../../../shared/claims/index.js';

const devSet = new URL('../../../../../shared/fixtures/claims/', import.meta.url);
const seed = readFileSync(new URL('seed-chenzhou.txt', devSet), 'utf8');
const table = '单位:亿元\n指标\t2023年\t增长(%)\n一般公共预算收入\t21.36\t5.6\n税收收入\t15.08\t4.2\n\n';
const article = `${table}${seed}`;

/** An edit as the editor sends it: replace [from, to) with `insert`. */
const editArb = fc.record({
  at: fc.nat(),
  remove: fc.nat({ max: 12 }),
  insert: fc.constantFrom('', '3', '增长', '亿元', '\n', '\n\n', '12.5%', '单位:万元\n', '\t', '年'),
});

describe('createClaimDetector', () => {
  it('gives the same claims as detectClaims after any sequence of edits', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
        const detector = createClaimDetector();
        let text = article;
        detector.detect(text);
        for (const e of edits) {
          const from = e.at % (text.length + 1);
          text = text.slice(0, from) + e.insert + text.slice(Math.min(text.length, from + e.remove));
          expect(detector.detect(text)).toEqual(detectClaims(text));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('shifts the claims after an edit and leaves those before it alone', () => {
    const detector = createClaimDetector();
    const before = detector.detect(article);
    const at = article.indexOf('逆势上扬');
    const edited = `${article.slice(0, at)}新增一句。\n${article.slice(at)}`;
    const after = detector.detect(edited);
    expect(after).toHaveLength(before.length);
    for (const [i, c] of after.entries()) {
      const old = before[i]!;
      const shift = old.start >= at ? 6 : 0;
      expect([c.text, c.start, c.end]).toEqual([old.text, old.start + shift, old.end + shift]);
      expect(edited.slice(c.start, c.end)).toBe(c.text);
    }
  });

  it('re-reads unchanged table rows when the caption above them changes', () => {
    const detector = createClaimDetector();
    const money = (text: string) => detector.detect(text).filter((c) => c.kind === 'money').map((c) => c.value);
    expect(money(table)).toEqual([2136000000, 1508000000]);
    expect(money(table.replace('单位:亿元', '单位:万元'))).toEqual([213600, 150800]);
  });

  it('re-detects when the $ currency option differs between detectors', () => {
    const text = 'Exports rose to $5m.';
    expect(createClaimDetector({ dollarCurrency: 'AUD' }).detect(text)[0]!.unit).toBe('AUD');
    expect(createClaimDetector().detect(text)[0]!.unit).toBe('USD');
  });
});

/** The editor's view of a text: its lines, and each line's claims relative to the line start. */
class EditedText {
  lines: ClaimLines;
  perLine: DetectedClaim[][];
  constructor(public text: string) {
    const r = detectLines(text);
    this.lines = r.lines;
    const starts = lineStarts(text);
    this.perLine = starts.map(() => []);
    let line = 0;
    for (const c of r.claims) {
      while (line + 1 < starts.length && starts[line + 1]! <= c.start) line++;
      this.perLine[line]!.push(c);
    }
    this.perLine = this.perLine.map((cs, i) => cs.map((c) => relative(c, starts[i]!)));
  }

  /** Replaces [from, to) with `insert`, re-detecting the way the editor does. */
  edit(from: number, to: number, insert: string): void {
    const old = this.text;
    const text = old.slice(0, from) + insert + old.slice(to);
    const lineOf = (t: string, pos: number) => t.slice(0, pos).split('\n').length - 1;
    const edit = { fromLine: lineOf(old, from), oldTo: lineOf(old, to) + 1, newTo: lineOf(text, from + insert.length) + 1 };
    const rows = text.split('\n');
    const perLine = [...this.perLine.slice(0, edit.fromLine), ...rows.slice(edit.fromLine, edit.newTo).map(() => []), ...this.perLine.slice(edit.oldTo)];
    this.lines = rescanLines(this.lines, { lineCount: rows.length, lineText: (i) => rows[i]! }, [edit], (i, claims) => (perLine[i] = claims));
    this.perLine = perLine;
    this.text = text;
  }

  claims(): DetectedClaim[] {
    const starts = lineStarts(this.text);
    return this.perLine.flatMap((cs, i) => cs.map((c) => relative(c, -starts[i]!)));
  }
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function relative(c: DetectedClaim, offset: number): DetectedClaim {
  return { ...c, start: c.start - offset, end: c.end - offset, sentence: { start: c.sentence.start - offset, end: c.sentence.end - offset } };
}

describe('rescanLines', () => {
  it('gives the same claims as detectClaims after any sequence of edits, re-scanning only touched lines', () => {
    fc.assert(
      fc.property(fc.array(editArb, { minLength: 1, maxLength: 8 }), (edits) => {
        const doc = new EditedText(article);
        for (const e of edits) {
          const from = e.at % (doc.text.length + 1);
          doc.edit(from, Math.min(doc.text.length, from + e.remove), e.insert);
          expect(doc.claims()).toEqual(detectClaims(doc.text));
        }
      }),
      { numRuns: 200 },
    );
  });

  it('re-scans the rows below an edited table header, and stops where the context is the same again', () => {
    const doc = new EditedText(`${table}正文增长3.2%。\n`);
    const seen: number[] = [];
    const rows = doc.text.replace('单位:亿元', '单位:万元').split('\n');
    doc.lines = rescanLines(doc.lines, { lineCount: rows.length, lineText: (i) => rows[i]! }, [{ fromLine: 0, oldTo: 1, newTo: 1 }], (i) => seen.push(i));
    // The caption reaches the rows and, past the blank line, the prose; the prose hands on
    // what it handed on before, so the last line is not read again.
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(doc.text.split('\n')).toHaveLength(7);
  });
});
