/**
 * Repeated quantities: the same measure named twice with values that cannot
 * both be right, and figures printed without the unit their neighbours carry
 * (`总投资20亿` among `亿元` figures, `2.5 billion` among `$… billion`).
 */
import { byPosition, changeDirection, claimsInSentence, clauseContext, isAmount, isAverageLike, paragraphOf, sentenceDates, sentenceOf } from './article.js';
import { partLists, siblingGroups } from './parts.js';
import { claimInterval, overlaps, printedForm } from './tolerance.js';
import type { CheckClaim } from './types.js';
import type { RawFinding } from './finding.js';

// Context words too general to identify a measure on their own.
const generic = /^(全年|今年|其中|共|合计|累计|总计|达|为|约|the|a|an|total|and|of|in)?$/i;

const functionWords = /\b(from|to|by|of|the|a|an|and|or|was|were|is|are|be|been|at|in|on|for|with|up|down|rose|fell|rise|fall|increased|decreased|reached|about|around|some|its|their|this|that|year|earlier|last|previous)\b/gi;

/**
 * What identifies a figure's quantity: its whole clause up to the figure,
 * other figures replaced by `#` (`新能源新材料项目#、总投资` is not
 * `…项目#,总投资`). Null when that says too little to identify anything
 * (`总投资` alone, `from`).
 */
function identity(text: string, claims: readonly CheckClaim[], c: CheckClaim): string | null {
  const s = sentenceOf(text, c);
  let from = s.start;
  for (let i = c.start - 1; i >= s.start; i--) {
    if (/[,，;；:：]/.test(text[i]!)) {
      from = i + 1;
      break;
    }
  }
  let clause = '';
  let pos = from;
  for (const o of claimsInSentence(text, claims, s)) {
    if (o.start < from || o.end > c.start) continue;
    clause += text.slice(pos, o.start) + '#';
    pos = o.end;
  }
  clause += text.slice(pos, c.start);
  const id = clause.replace(/[\s“”"'‘’]/g, ' ').trim().toLowerCase();
  const han = (id.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const content = id.replace(functionWords, ' ').replace(/[^a-z]+/g, ' ').trim();
  if (han < 4 && content.length < 4) return null;
  return id.replace(/\s+/g, '');
}

/** Whether two paragraphs are next to each other (blank lines between do not count). */
function adjacentParagraphs(text: string, a: CheckClaim, b: CheckClaim): boolean {
  const pa = paragraphOf(text, a.start);
  const pb = paragraphOf(text, b.start);
  if (pa.start === pb.start) return false;
  const [first, second] = pa.start < pb.start ? [pa, pb] : [pb, pa];
  return text.slice(first.end, second.start).trim() === '';
}

function otherDates(text: string, claims: readonly CheckClaim[], c: CheckClaim, year: number | null): string {
  return sentenceDates(text, claims, c)
    .filter((d) => year === null || !new RegExp(`^${year}年?$`).test(d.trim()))
    .join('|');
}

export function findRepeats(text: string, claims: readonly CheckClaim[], year: number | null): RawFinding[] {
  const sorted = byPosition(claims);
  const siblings = new Set<CheckClaim>();
  for (const g of siblingGroups(text, sorted)) for (const m of g.members) siblings.add(m);
  const byKey = new Map<string, CheckClaim[]>();
  for (const c of sorted) {
    if (!isAmount(c) || changeDirection(text, sorted, c)) continue;
    const ctx = identity(text, sorted, c);
    if (!ctx || generic.test(ctx) || isAverageLike(ctx)) continue;
    const key = `${c.kind}|${c.unit}|${ctx}`;
    byKey.set(key, [...(byKey.get(key) ?? []), c]);
  }
  const out: RawFinding[] = [];
  for (const list of byKey.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (siblings.has(a) && siblings.has(b)) continue;
        const sa = sentenceOf(text, a);
        if (b.start < sa.end) continue;
        if (adjacentParagraphs(text, a, b)) continue;
        // Figures for different dates are different quantities; naming the article's own year changes nothing.
        if (otherDates(text, sorted, a, year) !== otherDates(text, sorted, b, year)) continue;
        if (overlaps(claimInterval(a)!, claimInterval(b)!)) continue;
        out.push({
          kind: 'repeat',
          ok: false,
          claims: [a, b],
          steps: [
            { key: 'repeat.different', params: { label: clauseContext(text, sorted, a), first: a.text, second: b.text } },
            { key: 'verdict.repeatDiffers', params: {} },
          ],
        });
      }
    }
  }
  out.push(...findMissingUnits(text, sorted));
  return out;
}

const scaleOnly = /^\s*(万亿|亿|万|千|百万|千万|百亿|千亿|million|billion|trillion|bn|mn)\s*$/i;

/**
 * A figure printed with a scale word but no unit (`20亿`, `2.5 billion`)
 * in a sentence (or, failing that, a paragraph) where other figures of its
 * kind carry one with the same scale word (`305.7亿元`, `$3.1 billion`).
 */
function findMissingUnits(text: string, sorted: readonly CheckClaim[]): RawFinding[] {
  const out: RawFinding[] = [];
  const wholeOf = new Map<CheckClaim, CheckClaim>();
  for (const l of partLists(text, sorted)) for (const p of [...l.parts, ...l.loose]) wholeOf.set(p, l.whole);
  let moneyFigures: CheckClaim[] | undefined;
  for (const c of sorted) {
    // `of which 1.1 million` after `2.4 million containers` leaves out the noun, as English does; only money needs its unit.
    const whole = wholeOf.get(c);
    if (whole && whole.kind !== 'money') continue;
    if (c.value === null || (c.kind !== 'money' && c.unit !== null)) continue;
    const form = printedForm(c.text);
    if (!form || form.prefix.trim() || !scaleOnly.test(form.suffix)) continue;
    const after = text.slice(c.end, c.end + 1);
    if (/[\u4e00-\u9fffA-Za-z$€£¥]/.test(after) && !/^[的和与及或,，;；。]/.test(after)) continue;
    const scale = form.suffix.trim().toLowerCase();
    const withUnit = (o: CheckClaim): boolean => {
      if (o === c || o.value === null || o.kind !== 'money') return false;
      const f = printedForm(o.text);
      if (!f) return false;
      const suffix = f.suffix.trim().toLowerCase();
      return (suffix.startsWith(scale) && suffix.length > scale.length) || (suffix === scale && f.prefix.trim() !== '');
    };
    const s = sentenceOf(text, c);
    let neighbours = claimsInSentence(text, sorted, s).filter(withUnit);
    if (!neighbours.length) {
      const p = paragraphOf(text, c.start);
      neighbours = sorted.filter((o) => o.start >= p.start && o.end <= p.end && withUnit(o));
    }
    if (!neighbours.length) neighbours = (moneyFigures ??= sorted.filter((o) => o.kind === 'money')).filter(withUnit);
    if (!neighbours.length) continue;
    const unitWord = (o: CheckClaim) => {
      const f = printedForm(o.text)!;
      return f.prefix.trim() ? `${f.prefix.trim()}…${f.suffix}` : f.suffix.trim();
    };
    const near = neighbours.reduce((best, o) => (Math.abs(o.start - c.start) < Math.abs(best.start - c.start) ? o : best));
    out.push({
      kind: 'unit-missing',
      ok: false,
      claims: byPosition([c, near]),
      steps: [
        { key: 'unit.missing', params: { figure: c.text, neighbour: near.text, unit: unitWord(near) } },
        { key: 'verdict.unitMissing', params: {} },
      ],
    });
  }
  return out;
}
