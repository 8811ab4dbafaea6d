/**
 * Repeated quantities: the same measure named twice with values that cannot
 * both be right, and figures printed without the unit their neighbours carry
 * (`总投资20亿` among `亿元` figures, `2.5 billion` among `$… billion`).
 */
import { byPosition, changeDirection, claimsInSentence, clauseContext, isAmount, isAverageLike, isThreshold, measureName, paragraphOf, periodOf, sentenceOf } from './article.js';
import { joinedAsConversion } from './conversions.js';
import { partLists, siblingGroups } from './parts.js';
import { claimInterval, overlaps, printedForm } from './tolerance.js';
import type { CheckClaim } from './types.js';
import type { RawFinding } from './finding.js';

/** Whether two paragraphs are next to each other (blank lines between do not count). */
function adjacentParagraphs(text: string, a: CheckClaim, b: CheckClaim): boolean {
  const pa = paragraphOf(text, a.start);
  const pb = paragraphOf(text, b.start);
  if (pa.start === pb.start) return false;
  const [first, second] = pa.start < pb.start ? [pa, pb] : [pb, pa];
  return text.slice(first.end, second.start).trim() === '';
}

// Names that say how a figure relates to another (its equivalent, one of a list), not what it measures.
const relationalName = /^(折合|约合|合|相当于|折)(人民币|美元|欧元|港元|日元|英镑)?|分别|respectively|^(equivalent|equal|or)\b/i;

export function findRepeats(text: string, claims: readonly CheckClaim[], year: number | null): RawFinding[] {
  const sorted = byPosition(claims);
  const siblings = new Set<CheckClaim>();
  for (const g of siblingGroups(text, sorted)) for (const m of g.members) siblings.add(m);
  const byKey = new Map<string, CheckClaim[]>();
  for (let i = 0; i < sorted.length; i++) {
    const c = sorted[i]!;
    if (!isAmount(c) || changeDirection(text, sorted, c) || isThreshold(text, c)) continue;
    // An equivalent in another currency is the same amount again, named by the conversion words.
    const prev = sorted[i - 1];
    if (prev && joinedAsConversion(text, prev, c)) continue;
    const name = measureName(text, sorted, c);
    if (!name || relationalName.test(name) || isAverageLike(name)) continue;
    const key = `${c.kind}|${c.unit}|${name}|${periodOf(text, sorted, c, year)}`;
    const list = byKey.get(key);
    if (list) list.push(c);
    else byKey.set(key, [c]);
  }
  const out: RawFinding[] = [];
  for (const list of byKey.values()) {
    // Each later mention is held against the first earlier one it conflicts with: one finding per
    // mention, not one per pair, so an article that repeats a measure k times costs k, not k².
    for (let j = 1; j < list.length; j++) {
      for (let i = 0; i < j; i++) {
        const a = list[i]!;
        const b = list[j]!;
        if (siblings.has(a) && siblings.has(b)) continue;
        const sa = sentenceOf(text, a);
        if (b.start < sa.end) continue;
        if (adjacentParagraphs(text, a, b)) continue;
        if (overlaps(claimInterval(a)!, claimInterval(b)!)) continue;
        out.push({
          kind: 'repeat',
          ok: false,
          claims: [a, b],
          steps: [
            { key: 'repeat.different', params: { label: clauseContext(text, sorted, a) || measureName(text, sorted, a)!.split(' | ')[0]!, first: a.text, second: b.text } },
            { key: 'verdict.repeatDiffers', params: {} },
          ],
        });
        break;
      }
    }
  }
  out.push(...findMissingUnits(text, sorted));
  return out;
}

const moneyWords =
  /收入|营收|利润|投资|引资|金额|总额|产值|增加值|生产总值|销售|出口|进口|进出口|贸易|外贸|税|资金|支出|成本|营业额|消费|零售|存款|贷款|融资|收益|签约|合同|预算|债|资产|revenue|sales|export|import|trade|profit|income|earning|cost|spend|investment|value|budget|debt|turnover|asset|loss|deficit|surplus|fund|price|capital|dividend|wage|salar|expenditure|gdp|output|receipt|credit|debit|payment|bill|fee|tax/i;

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
    // A bare `3.4 million` or `2.3亿` the engine could not type is money only if its words say so (`Imports … 11.6 billion`,
    // `签约金额131.2亿`), not `Visitor arrivals reached about 3.4 million` or `接待游客2.3亿`.
    if (c.kind !== 'money') {
      const ctx = clauseContext(text, sorted, c);
      if (!moneyWords.test(/[\u4e00-\u9fff]/.test(ctx) ? ctx : `${ctx} ${measureName(text, sorted, c) ?? ''}`)) continue;
    }
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
