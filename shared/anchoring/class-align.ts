// Maps a position strictly inside a replaced stretch of text to the matching
// place in its replacement by lining up character classes (Han characters,
// digit runs, Latin words, punctuation): in `增长13.1` → `下降2.4` the
// position before `13.1` lands before `2.4`, not before `下`.
import { diffArrays } from 'diff';

interface ClassToken {
  start: number;
  end: number;
  cls: string;
}

const isDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || (c >= 0xff10 && c <= 0xff19);
const isLatin = (c: number): boolean => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
const isSpace = (c: number): boolean => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d || c === 0x3000;
const isHan = (cp: number): boolean => (cp >= 0x3400 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff);

function classTokens(text: string): ClassToken[] {
  const tokens: ClassToken[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const c = text.charCodeAt(i);
    let cls: string;
    if (isDigit(c)) {
      i++;
      for (;;) {
        if (i < text.length && isDigit(text.charCodeAt(i))) i++;
        else if (i + 1 < text.length && '.,．'.includes(text[i]!) && isDigit(text.charCodeAt(i + 1))) i += 2;
        else break;
      }
      cls = 'digits';
    } else if (isLatin(c)) {
      while (i < text.length && isLatin(text.charCodeAt(i))) i++;
      cls = 'latin';
    } else if (isSpace(c)) {
      while (i < text.length && isSpace(text.charCodeAt(i))) i++;
      cls = 'space';
    } else {
      const cp = text.codePointAt(i)!;
      i += cp > 0xffff ? 2 : 1;
      cls = isHan(cp) ? 'han' : `char:${text.slice(start, i)}`;
    }
    tokens.push({ start, end: i, cls });
  }
  return tokens;
}

/**
 * Offset in `inserted` matching offset `pos` of `deleted` (0 < pos < length).
 * A span edge that falls on unmatched tokens takes in what replaced them; a
 * position inside a token snaps outward to the token's edge.
 */
export function classAlign(deleted: string, inserted: string, pos: number, isStart: boolean): number {
  const d = classTokens(deleted);
  const ins = classTokens(inserted);
  const dAt = (k: number): number => (k < d.length ? d[k]!.start : deleted.length);
  const iAt = (k: number): number => (k < ins.length ? ins[k]!.start : inserted.length);
  // Units: matched token pairs, and hunks of unmatched tokens between them.
  const units: Array<{ dStart: number; dEnd: number; iStart: number; iEnd: number }> = [];
  let di = 0;
  let ii = 0;
  let hunk: { dStart: number; iStart: number } | null = null;
  const closeHunk = (): void => {
    if (hunk) units.push({ ...hunk, dEnd: dAt(di), iEnd: iAt(ii) });
    hunk = null;
  };
  // A huge rewrite is not worth aligning: the edge then takes the whole replacement.
  const steps = diffArrays(
    d.map((t) => t.cls),
    ins.map((t) => t.cls),
    { maxEditLength: 1000 },
  );
  if (!steps) return isStart ? 0 : inserted.length;
  for (const step of steps) {
    if (step.added || step.removed) {
      hunk ??= { dStart: dAt(di), iStart: iAt(ii) };
      if (step.added) ii += step.count;
      else di += step.count;
      continue;
    }
    closeHunk();
    for (let n = 0; n < step.count; n++, di++, ii++) {
      units.push({ dStart: d[di]!.start, dEnd: d[di]!.end, iStart: ins[ii]!.start, iEnd: ins[ii]!.end });
    }
  }
  closeHunk();
  for (const u of units) {
    if (isStart && u.dStart <= pos && pos < u.dEnd) return u.iStart;
    if (!isStart && u.dStart < pos && pos <= u.dEnd) return u.iEnd;
  }
  return isStart ? 0 : inserted.length;
}
