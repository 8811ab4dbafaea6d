import { diffArrays } from 'diff';
import { alignLines, cleanupSemantic, pairSimilarLines, splitSentences } from '../anchoring/index.js';
import type { DiffOp } from '../anchoring/index.js';
import { defaultFigureFinder } from './figures.js';
import type { DiffPart, DisplayDiff, DisplayDiffOptions, DisplayDiffStats, FigureFinder, ParagraphDiff } from './types.js';

const defaultBudgetMs = 500;
// Paragraph pairs longer than this are aligned by sentence before words are
// compared, since segmenting one huge string is slower than linear.
const sentenceSplitLength = 2000;

/** Tokens of a text (or a run of them), each with whether it is a figure. */
interface Tokens {
  text: string[];
  figure: boolean[];
}

class BudgetExceeded extends Error {}

/**
 * A readable diff between any two texts: paragraphs (lines) aligned first,
 * then words inside changed paragraph pairs, each figure one token (so
 * `305.7亿元` → `306.1亿元` is one replaced token). Always returns; past
 * `budgetMs` it falls back to whole paragraphs and says so (`fellBack`).
 * Paragraphs are the text's `\n`-separated lines.
 */
export function diffForDisplay(oldText: string, newText: string, options: DisplayDiffOptions = {}): DisplayDiff {
  const started = Date.now();
  const budgetMs = options.budgetMs ?? defaultBudgetMs;
  const findFigures = options.findFigures ?? defaultFigureFinder;
  const oldParas = oldText.split('\n');
  const newParas = newText.split('\n');
  const paragraphs: ParagraphDiff[] = [];
  for (const step of alignLines(oldParas, newParas)) {
    if (step.kind === 'equal') {
      for (let k = 0; k < step.count; k++) {
        const text = oldParas[step.oldStart + k]!;
        paragraphs.push({ kind: 'same', oldIndex: step.oldStart + k, newIndex: step.newStart + k, oldText: text, newText: text, parts: part('same', text) });
      }
      continue;
    }
    const oldGap = oldParas.slice(step.oldStart, step.oldStart + step.oldCount);
    const newGap = newParas.slice(step.newStart, step.newStart + step.newCount);
    let i = 0;
    let j = 0;
    const flush = (toI: number, toJ: number): void => {
      for (; i < toI; i++) {
        const text = oldGap[i]!;
        paragraphs.push({ kind: 'removed', oldIndex: step.oldStart + i, newIndex: null, oldText: text, newText: '', parts: part('removed', text) });
      }
      for (; j < toJ; j++) {
        const text = newGap[j]!;
        paragraphs.push({ kind: 'added', oldIndex: null, newIndex: step.newStart + j, oldText: '', newText: text, parts: part('added', text) });
      }
    };
    for (const [pi, pj] of pairSimilarLines(oldGap, newGap)) {
      flush(pi, pj);
      const oldPara = oldGap[pi]!;
      const newPara = newGap[pj]!;
      paragraphs.push({
        kind: 'changed',
        oldIndex: step.oldStart + pi,
        newIndex: step.newStart + pj,
        oldText: oldPara,
        newText: newPara,
        parts: [...part('removed', oldPara), ...part('added', newPara)],
      });
      i = pi + 1;
      j = pj + 1;
    }
    flush(step.oldCount, step.newCount);
  }
  linkMoves(paragraphs);

  let fellBack = false;
  const wordParts: DiffPart[][] = [];
  const deadline = started + budgetMs;
  try {
    for (const p of paragraphs) {
      if (p.kind !== 'changed') continue;
      checkDeadline(deadline);
      wordParts.push(diffParagraph(p.oldText, p.newText, findFigures, deadline));
    }
  } catch (e) {
    if (!(e instanceof BudgetExceeded)) throw e;
    fellBack = true;
  }
  if (!fellBack) {
    let k = 0;
    for (const p of paragraphs) if (p.kind === 'changed') p.parts = wordParts[k++]!;
  }
  return { paragraphs, stats: statsOf(paragraphs, started), granularity: fellBack ? 'paragraph' : 'word', fellBack };
}

function checkDeadline(deadline: number): void {
  if (Date.now() >= deadline) throw new BudgetExceeded();
}

function part(kind: DiffPart['kind'], text: string): DiffPart[] {
  return text.length > 0 ? [{ kind, text }] : [];
}

/** A removed paragraph that reappears word for word elsewhere is a move, shown as such. */
function linkMoves(paragraphs: ParagraphDiff[]): void {
  const removed = new Map<string, ParagraphDiff[]>();
  for (const p of paragraphs) {
    if (p.kind !== 'removed' || p.oldText.trim() === '') continue;
    const list = removed.get(p.oldText) ?? [];
    list.push(p);
    removed.set(p.oldText, list);
  }
  if (removed.size === 0) return;
  for (const p of paragraphs) {
    if (p.kind !== 'added') continue;
    const source = removed.get(p.newText)?.shift();
    if (!source) continue;
    source.movedTo = p.newIndex!;
    p.movedFrom = source.oldIndex!;
  }
}

/** Word-level parts of one changed paragraph pair. */
function diffParagraph(oldText: string, newText: string, findFigures: FigureFinder, deadline: number): DiffPart[] {
  if (oldText.length + newText.length <= sentenceSplitLength) return diffWords(oldText, newText, findFigures, deadline);
  const parts: DiffPart[] = [];
  const oldSentences = splitSentences(oldText);
  const newSentences = splitSentences(newText);
  for (const step of alignLines(oldSentences, newSentences)) {
    checkDeadline(deadline);
    if (step.kind === 'equal') {
      push(parts, 'same', oldSentences.slice(step.oldStart, step.oldStart + step.count).join(''));
      continue;
    }
    const oldGap = oldSentences.slice(step.oldStart, step.oldStart + step.oldCount);
    const newGap = newSentences.slice(step.newStart, step.newStart + step.newCount);
    let i = 0;
    let j = 0;
    for (const [pi, pj] of pairSimilarLines(oldGap, newGap)) {
      push(parts, 'removed', oldGap.slice(i, pi).join(''));
      push(parts, 'added', newGap.slice(j, pj).join(''));
      for (const p of diffWords(oldGap[pi]!, newGap[pj]!, findFigures, deadline)) push(parts, p.kind, p.text, p.figure);
      i = pi + 1;
      j = pj + 1;
    }
    push(parts, 'removed', oldGap.slice(i).join(''));
    push(parts, 'added', newGap.slice(j).join(''));
  }
  return parts;
}

/** Appends a part, joining it to the previous one of the same kind unless either is a figure. */
function push(parts: DiffPart[], kind: DiffPart['kind'], text: string, figure?: true): void {
  if (text.length === 0) return;
  const last = parts[parts.length - 1];
  if (last && last.kind === kind && !last.figure && !figure) {
    last.text += text;
  } else {
    parts.push(figure ? { kind, text, figure } : { kind, text });
  }
}

function diffWords(oldText: string, newText: string, findFigures: FigureFinder, deadline: number): DiffPart[] {
  const a = tokenize(oldText, findFigures, deadline);
  const b = tokenize(newText, findFigures, deadline);
  const steps = diffArrays(a.text, b.text, { timeout: Math.max(1, deadline - Date.now()) });
  if (!steps) throw new BudgetExceeded();
  const ops: DiffOp<Tokens>[] = [];
  let i = 0;
  let j = 0;
  const run = (t: Tokens, from: number, count: number): Tokens => ({ text: t.text.slice(from, from + count), figure: t.figure.slice(from, from + count) });
  for (const step of steps) {
    const last = ops[ops.length - 1];
    if (!step.added && !step.removed) {
      ops.push({ kind: 'equal', value: run(a, i, step.count) });
      i += step.count;
      j += step.count;
      continue;
    }
    const change = last?.kind === 'change' ? last : { kind: 'change' as const, del: run(a, i, 0), ins: run(b, j, 0) };
    if (change !== last) ops.push(change);
    if (step.removed) {
      change.del = concatRuns(change.del, run(a, i, step.count));
      i += step.count;
    } else {
      change.ins = concatRuns(change.ins, run(b, j, step.count));
      j += step.count;
    }
  }
  const parts: DiffPart[] = [];
  const emit = (kind: DiffPart['kind'], r: Tokens): void => {
    r.text.forEach((text, k) => push(parts, kind, text, r.figure[k] && kind !== 'same' ? true : undefined));
  };
  for (const op of cleanupSemantic(ops, runLength, concatRuns, 2)) {
    if (op.kind === 'equal') {
      emit('same', op.value);
    } else {
      emit('removed', op.del);
      emit('added', op.ins);
    }
  }
  return parts;
}

function concatRuns(x: Tokens, y: Tokens): Tokens {
  return { text: [...x.text, ...y.text], figure: [...x.figure, ...y.figure] };
}

function runLength(r: Tokens): number {
  let n = 0;
  for (const t of r.text) n += t.length;
  return n;
}

let segmenter: Intl.Segmenter | undefined;

/** Words from Intl.Segmenter, with each figure found by `findFigures` kept whole. */
function tokenize(text: string, findFigures: FigureFinder, deadline: number): Tokens {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' });
  const tokens: Tokens = { text: [], figure: [] };
  const words = (from: number, to: number): void => {
    if (to <= from) return;
    for (const s of segmenter!.segment(text.slice(from, to))) {
      tokens.text.push(s.segment);
      tokens.figure.push(false);
      if ((tokens.text.length & 0x3ff) === 0) checkDeadline(deadline);
    }
  };
  let pos = 0;
  const spans = [...findFigures(text)].sort((x, y) => x.start - y.start);
  for (const span of spans) {
    if (span.start < pos || span.end <= span.start || span.end > text.length) continue;
    words(pos, span.start);
    tokens.text.push(text.slice(span.start, span.end));
    tokens.figure.push(true);
    pos = span.end;
  }
  words(pos, text.length);
  return tokens;
}

function statsOf(paragraphs: readonly ParagraphDiff[], started: number): DisplayDiffStats {
  const stats: DisplayDiffStats = {
    sameParagraphs: 0,
    changedParagraphs: 0,
    addedParagraphs: 0,
    removedParagraphs: 0,
    movedParagraphs: 0,
    addedChars: 0,
    removedChars: 0,
    removedFigures: 0,
    addedFigures: 0,
    elapsedMs: 0,
  };
  for (const p of paragraphs) {
    if (p.kind === 'same') stats.sameParagraphs++;
    else if (p.kind === 'changed') stats.changedParagraphs++;
    else if (p.kind === 'added') stats.addedParagraphs++;
    else stats.removedParagraphs++;
    if (p.movedTo !== undefined) stats.movedParagraphs++;
    for (const part of p.parts) {
      if (part.kind === 'added') {
        stats.addedChars += part.text.length;
        if (part.figure) stats.addedFigures++;
      } else if (part.kind === 'removed') {
        stats.removedChars += part.text.length;
        if (part.figure) stats.removedFigures++;
      }
    }
  }
  stats.elapsedMs = Date.now() - started;
  return stats;
}
