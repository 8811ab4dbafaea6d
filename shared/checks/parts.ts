/**
 * Parts and wholes: figures listed after `其中` / `of which` are parts of the
 * figure of the same measure before it; parallel paragraphs stating the same
 * measure (`…产业项目13个,引资额155亿元` / `…产业项目22个,引资额112亿元`)
 * are parts of the article's total for it; a stated share (`占…15%`) must
 * match part ÷ whole.
 */
import { byPosition, changeDirection, clauseContext, clauseMarks, isAmount, isAverageLike, isPercent, label, partsCue, sentenceDates, sentenceOf, type Span } from './article.js';
import { formatLike, formatNumber } from './format.js';
import { printedForm, claimInterval, add, div, exact, mul, overlaps, possiblyLe, type Interval } from './tolerance.js';
import type { CheckClaim, CheckMessage } from './types.js';
import type { RawFinding } from './finding.js';

/** Whether two figures measure the same thing in the same unit; a figure printed without its unit (`20亿`) matches one whose unit starts the same way (`305.7亿元`). */
export function sameMeasure(a: CheckClaim, b: CheckClaim): boolean {
  if (a.kind !== b.kind) return false;
  if (a.unit && b.unit) return a.unit === b.unit;
  const fa = printedForm(a.text);
  const fb = printedForm(b.text);
  if (!fa || !fb) return false;
  return fa.suffix.startsWith(fb.suffix) || fb.suffix.startsWith(fa.suffix);
}

function usable(text: string, claims: readonly CheckClaim[], c: CheckClaim): boolean {
  return isAmount(c) && !changeDirection(text, claims, c) && !isAverageLike(clauseContext(text, claims, c));
}

interface PartList {
  whole: CheckClaim;
  parts: CheckClaim[];
  /** Parts whose place in a nested list is unclear: checked against the whole, left out of sums. */
  loose: CheckClaim[];
}

function cuePositions(text: string, s: Span): number[] {
  const out: number[] = [];
  const re = new RegExp(partsCue.source, 'gi');
  re.lastIndex = s.start;
  for (let m = re.exec(text); m && m.index < s.end; m = re.exec(text)) out.push(m.index);
  return out;
}

/** The `其中` lists of every sentence, with each part assigned to its whole. */
export function partLists(text: string, claims: readonly CheckClaim[]): PartList[] {
  const sorted = byPosition(claims);
  const lists = new Map<CheckClaim, PartList>();
  const seen = new Set<string>();
  for (const anchor of sorted) {
    const s = sentenceOf(text, anchor);
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cues = cuePositions(text, s);
    if (!cues.length) continue;
    const inSentence = sorted.filter((c) => c.start >= s.start && c.end <= s.end && usable(text, sorted, c));
    let candidates = inSentence.filter((c) => c.end <= cues[0]!).reverse();
    // `…总产量46695吨,同比增长0.98%。其中,夏粮…`: a sentence that opens with 其中 lists parts of the sentence before.
    if (!candidates.length && /^[\s:：,，]*$/.test(text.slice(s.start, cues[0]!)) && s.start > 0) {
      const prev = sorted.filter((c) => c.end <= s.start && text.slice(c.end, s.start).indexOf('\n') < 0);
      const ps = prev.length ? sentenceOf(text, prev[prev.length - 1]!) : null;
      if (ps) candidates = prev.filter((c) => c.start >= ps.start && usable(text, sorted, c)).reverse();
    }
    const outermost = [...candidates];
    let levelParts: CheckClaim[] = [];
    let nestedAt = -1;
    let loose = false;
    for (const c of inSentence) {
      if (c.start < cues[0]!) continue;
      // Passing another `其中` opens a nested list under the parts named so far.
      const cueBefore = cues.filter((k) => k > cues[0]! && k < c.start && k > nestedAt);
      if (cueBefore.length) {
        nestedAt = cueBefore[cueBefore.length - 1]!;
        candidates = [...levelParts].reverse();
        levelParts = [];
      }
      if (nestedAt >= 0 && /[;；]/.test(text.slice(nestedAt, c.start))) loose = true;
      const pool = loose ? outermost : candidates;
      const whole = pool.find((w) => sameMeasure(c, w));
      if (!whole) continue;
      let list = lists.get(whole);
      if (!list) {
        list = { whole, parts: [], loose: [] };
        lists.set(whole, list);
      }
      (loose ? list.loose : list.parts).push(c);
      if (!loose) levelParts.push(c);
    }
  }
  return [...lists.values()];
}

function sumOf(parts: readonly CheckClaim[]): { interval: Interval; value: number } {
  let interval = exact(0);
  let value = 0;
  for (const p of parts) {
    interval = add(interval, claimInterval(p)!);
    value += p.value!;
  }
  return { interval, value };
}

// The part printed with the finest step, so that a sum is shown as precisely as its terms.
function mostPrecise(parts: readonly CheckClaim[]): CheckClaim {
  return parts.reduce((a, b) => ((printedForm(b.text)?.decimals ?? 0) > (printedForm(a.text)?.decimals ?? 0) ? b : a));
}

function checkParts(whole: CheckClaim, parts: readonly CheckClaim[], loose: readonly CheckClaim[]): RawFinding[] {
  const out: RawFinding[] = [];
  const wholeI = claimInterval(whole)!;
  for (const p of [...parts, ...loose]) {
    if (!possiblyLe(claimInterval(p)!, wholeI)) {
      out.push({ kind: 'part-whole', ok: false, claims: byPosition([whole, p]), steps: [{ key: 'parts.partExceeds', params: { part: p.text, whole: whole.text } }, { key: 'verdict.partExceeds', params: {} }] });
    }
  }
  if (out.length) return out;
  if (parts.length >= 2) {
    const sum = sumOf(parts);
    const ok = possiblyLe(sum.interval, wholeI);
    const steps: CheckMessage[] = [
      { key: ok ? 'parts.sumWithin' : 'parts.sumExceeds', params: { parts: parts.map((p) => p.text).join(' + '), sum: formatLike(sum.value, mostPrecise(parts)), whole: whole.text } },
      ok ? { key: 'verdict.consistent', params: {} } : { key: 'verdict.sumExceeds', params: {} },
    ];
    out.push({ kind: 'part-whole', ok, claims: byPosition([whole, ...parts]), steps, derivedValue: sum.value, derivedText: formatLike(sum.value, mostPrecise(parts)) });
  } else {
    const all = [...parts, ...loose];
    for (const p of all) {
      out.push({ kind: 'part-whole', ok: true, claims: byPosition([whole, p]), steps: [{ key: 'parts.partWithin', params: { part: p.text, whole: whole.text } }, { key: 'verdict.consistent', params: {} }] });
    }
  }
  return out;
}

const labelFamilies: RegExp[] = [/投资|引资|签约额|合同额|签约金额|合同金额|investment/i];

/** Whether two labels name the same measure: equal, same last two characters (`新签约引进项目` / `产业项目`), or one family (`项目总投资` / `引资额`). */
export function labelsMatch(a: string, b: string): boolean {
  if (!a || !b) return false;
  if (a === b) return true;
  if (a.length >= 2 && b.length >= 2 && a.slice(-2) === b.slice(-2) && /[\u4e00-\u9fff]{2}$/.test(a)) return true;
  return labelFamilies.some((f) => f.test(a) && f.test(b));
}

interface SiblingGroup {
  label: string;
  members: CheckClaim[];
}

/**
 * Parallel paragraphs: consecutive paragraphs that each state one figure
 * under the same label and unit (one paragraph per park, per district…).
 */
export function siblingGroups(text: string, claims: readonly CheckClaim[]): SiblingGroup[] {
  const sorted = byPosition(claims);
  const paraIndex = new Map<number, number>();
  let idx = -1;
  let pos = 0;
  for (const line of text.split('\n')) {
    if (line.trim()) idx++;
    paraIndex.set(pos, idx);
    pos += line.length + 1;
  }
  const paraStarts = [...paraIndex.keys()];
  const paraOf = (c: CheckClaim): number => {
    let best = 0;
    for (const s of paraStarts) if (s <= c.start) best = s;
    return paraIndex.get(best)!;
  };
  const byKey = new Map<string, Array<{ claim: CheckClaim; para: number }>>();
  for (const c of sorted) {
    if (!usable(text, sorted, c)) continue;
    const l = label(text, sorted, c);
    if (l.length < 2) continue;
    const key = `${c.kind}|${c.unit}|${l}`;
    const list = byKey.get(key) ?? [];
    list.push({ claim: c, para: paraOf(c) });
    byKey.set(key, list);
  }
  const groups: SiblingGroup[] = [];
  for (const [key, list] of byKey) {
    const perPara = new Map<number, CheckClaim[]>();
    for (const { claim, para } of list) perPara.set(para, [...(perPara.get(para) ?? []), claim]);
    const paras = [...perPara.keys()].sort((a, b) => a - b);
    let run: number[] = [];
    const flush = () => {
      if (run.length >= 2) {
        const members = run.map((p) => perPara.get(p)![0]!);
        const dates = new Set(members.map((m) => sentenceDates(text, sorted, m).join('|')));
        // Figures for different dates are a time series, not parts of one whole.
        if (dates.size === 1) groups.push({ label: key.split('|').slice(2).join('|'), members });
      }
      run = [];
    };
    for (const p of paras) {
      if (perPara.get(p)!.length !== 1) {
        flush();
        continue;
      }
      if (run.length && p !== run[run.length - 1]! + 1) flush();
      run.push(p);
    }
    flush();
  }
  return groups;
}

function checkSiblings(text: string, claims: readonly CheckClaim[], inLists: Set<CheckClaim>): RawFinding[] {
  const sorted = byPosition(claims);
  const out: RawFinding[] = [];
  for (const g of siblingGroups(text, sorted)) {
    const first = g.members[0]!;
    let whole: CheckClaim | null = null;
    for (const c of sorted) {
      if (c.start >= first.start) break;
      if (g.members.includes(c) || !usable(text, sorted, c) || !sameMeasure(c, first) || c.unit !== first.unit) continue;
      const l = label(text, sorted, c);
      // The same label is the same measure stated again (trend vs seasonally adjusted…), not a total of the group.
      if (l === g.label || (!labelsMatch(l, g.label) && !labelsMatch(clauseContext(text, sorted, c), g.label))) continue;
      if (!whole || c.value! > whole.value!) whole = c;
    }
    if (!whole || g.members.some((m) => inLists.has(m))) continue;
    out.push(...checkParts(whole, g.members, []));
  }
  return out;
}

const shareCue = /占(.{0,16}?)(的)?(比重|比例|份额)?(为|达|约)?\s*$|(accounting for|accounted for|account for|representing|making up)\s*$|\bor\s*$/i;
const genericTarget = /^(全部|总|总量|总额|总数|总体|合计|比|比重|全体|the total|total)?$/;

function checkShares(text: string, claims: readonly CheckClaim[], lists: PartList[]): RawFinding[] {
  const sorted = byPosition(claims);
  const wholeOf = new Map<CheckClaim, CheckClaim>();
  for (const l of lists) for (const p of [...l.parts, ...l.loose]) wholeOf.set(p, l.whole);
  const out: RawFinding[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const share = sorted[i]!;
    if (!isPercent(share)) continue;
    const s = sentenceOf(text, share);
    let from = s.start;
    for (const o of sorted) if (o.end <= share.start && o.end > from) from = o.end;
    const gap = text.slice(from, share.start);
    const m = gap.match(shareCue);
    if (!m) continue;
    let target = (m[1] ?? '').replace(/\s+/g, '');
    if (m[5] || /\bor\s*$/i.test(gap)) {
      const after = text.slice(share.end, s.end).match(/^\s*of\s+(the\s+)?(total|all)\b/i);
      if (/\bor\s*$/i.test(gap) && !after) continue;
      target = after ? 'total' : '';
    }
    // The part: the nearest amount before, in the same clause or the one before.
    let part: CheckClaim | null = null;
    for (let j = i - 1; j >= 0; j--) {
      const c = sorted[j]!;
      if (c.start < s.start || c.kind === 'percent') break;
      if (isAmount(c) && usable(text, sorted, c)) {
        if (clauseMarks(text.slice(c.end, share.start)) <= 2) part = c;
        break;
      }
    }
    if (!part) continue;
    let whole: CheckClaim | null = wholeOf.get(part) ?? null;
    if (!whole) {
      for (let j = sorted.indexOf(part) - 1; j >= 0; j--) {
        const c = sorted[j]!;
        if (c.start < s.start) break;
        if (usable(text, sorted, c) && sameMeasure(c, part)) {
          whole = c;
          break;
        }
      }
    }
    const targetOk = genericTarget.test(target) || (whole !== null && (clauseContext(text, sorted, whole).includes(target) || target.includes(label(text, sorted, whole))));
    const shareI = claimInterval(share)!;
    if (whole && targetOk) {
      const computed = mul(div(claimInterval(part)!, claimInterval(whole)!), exact(100));
      const point = (part.value! / whole.value!) * 100;
      const ok = overlaps(computed, shareI);
      out.push({
        kind: 'share',
        ok,
        claims: byPosition([whole, part, share]),
        steps: [
          { key: 'share.computed', params: { part: part.text, whole: whole.text, share: formatNumber(point, 2) + '%' } },
          { key: 'share.printed', params: { rate: share.text } },
          ok ? { key: 'verdict.withinRounding', params: {} } : { key: 'verdict.shareOff', params: {} },
        ],
      });
    } else if (share.value! > 0) {
      const implied = part.value! / (share.value! / 100);
      out.push({
        kind: 'share',
        ok: true,
        claims: byPosition([part, share]),
        steps: [{ key: 'share.impliedWhole', params: { part: part.text, rate: share.text, whole: formatLike(implied, part) } }],
        derivedValue: implied,
        derivedText: formatLike(implied, part),
      });
    }
  }
  return out;
}

export function findPartsAndShares(text: string, claims: readonly CheckClaim[]): RawFinding[] {
  const lists = partLists(text, claims);
  const out: RawFinding[] = [];
  const inLists = new Set<CheckClaim>();
  for (const l of lists) {
    out.push(...checkParts(l.whole, l.parts, l.loose));
    for (const p of [...l.parts, ...l.loose]) inLists.add(p);
  }
  out.push(...checkSiblings(text, claims, inLists));
  out.push(...checkShares(text, claims, lists));
  return out;
}
