/**
 * Parts and wholes: figures listed after `其中` / `of which` are parts of the
 * figure of the same measure before it; parallel paragraphs stating the same
 * measure (`…产业项目13个,引资额155亿元` / `…产业项目22个,引资额112亿元`)
 * are parts of the article's total for it; a stated share (`占…15%`) must
 * match part ÷ whole.
 */
import { byPosition, changeDirection, claimsInSentence, clauseContext, gapBefore, memoized, clauseMarks, isAmount, isAverageLike, isPercent, isThreshold, canonicalScope, label, measureName, ownScope, ownScopeVariants, paragraphOf, partsCue, previousClaim, scopeWords, sentenceDates, sentenceOf, type Span } from './article.js';
import { formatLike, formatNumber } from './format.js';
import { printedForm, claimInterval, add, div, exact, mul, overlaps, possiblyLe, type Interval } from './tolerance.js';
import type { CheckClaim, CheckMessage } from './types.js';
import type { RawFinding } from './finding.js';

/** Whether two figures measure the same thing in the same unit; a figure printed without its unit (`20亿`) matches one whose unit starts the same way (`305.7亿元`). */
export function sameMeasure(a: CheckClaim, b: CheckClaim): boolean {
  if (a.unit && b.unit) return a.kind === b.kind && a.unit === b.unit;
  // A figure with a scale word and no unit (`of which 1.1 million`) may be of any kind; its printed form decides.
  if (a.kind !== b.kind && !isBareAmount(a) && !isBareAmount(b)) return false;
  const fa = printedForm(a.text);
  const fb = printedForm(b.text);
  if (!fa || !fb) return false;
  return fa.suffix.startsWith(fb.suffix) || fb.suffix.startsWith(fa.suffix);
}

/** A figure the engine could not give a unit (`1.1 million`, `131.2亿`): an amount whose unit the context supplies. */
function isBareAmount(c: CheckClaim): boolean {
  return c.kind === 'other' && c.unit === null && c.value !== null && /^\s*(万亿|亿|万|千|百万|千万|million|billion|trillion|bn|mn|m|b)\s*$/i.test(printedForm(c.text)?.suffix ?? '');
}

function usable(text: string, claims: readonly CheckClaim[], c: CheckClaim): boolean {
  return memoized('usable', text, claims, c, () => isAmount(c) && !changeDirection(text, claims, c) && !isAverageLike(withoutConversion(clauseContext(text, claims, c))) && !isThreshold(text, c));
}

/** `按全年平均汇率折算约合人民币`: the words of a conversion say how the figure was converted, not what it measures. */
function withoutConversion(ctx: string): string {
  return ctx.replace(/(按[^,，;；]{0,12}汇率|以[^,，;；]{0,4}计)?(折算|计算)?(约合|折合|合|相当于)?(人民币|美元|欧元|港元|日元|英镑)?$/, '');
}

interface PartList {
  whole: CheckClaim;
  parts: CheckClaim[];
  /** Parts whose place in a nested list is unclear: checked against the whole, left out of sums. */
  loose: CheckClaim[];
}

const cueSearch = new RegExp(partsCue.source, 'gi');

function cuePositions(text: string, s: Span): number[] {
  const out: number[] = [];
  // Searched within the sentence: a search from its start through the rest of the article would make long articles quadratic.
  const sentence = text.slice(s.start, s.end);
  cueSearch.lastIndex = 0;
  for (let m = cueSearch.exec(sentence); m; m = cueSearch.exec(sentence)) out.push(s.start + m.index);
  return out;
}

// Differences (surplus, net figures) are not parts of the total they are computed from.
const difference = /顺差|逆差|差额|净|surplus|deficit|balance|net\b/i;

/**
 * The whole a listed part belongs to, among the figures before the list
 * (nearest first): the one of the same measure, or, when several are, the one
 * whose label ends like the part's (`营业收入86.42亿元` for `其中…营业收入32.15亿元`,
 * not `净利润9.17亿元`). No whole when that stays ambiguous.
 */
function pickWhole(text: string, claims: readonly CheckClaim[], pool: readonly CheckClaim[], part: CheckClaim): CheckClaim | null {
  const same = pool.filter((w) => sameMeasure(part, w));
  if (same.length <= 1) return same[0] ?? null;
  const ctx = clauseContext(text, claims, part);
  return same.find((w) => namesMeasure(commonSuffix(clauseContext(text, claims, w), ctx))) ?? null;
}

/** The `其中` lists of every sentence, with each part assigned to its whole. */
const listCache = new WeakMap<readonly CheckClaim[], { text: string; lists: PartList[] }>();

export function partLists(text: string, claims: readonly CheckClaim[]): PartList[] {
  const cached = listCache.get(claims);
  if (cached?.text === text) return cached.lists;
  const lists = readPartLists(text, claims);
  listCache.set(claims, { text, lists });
  return lists;
}

function readPartLists(text: string, claims: readonly CheckClaim[]): PartList[] {
  const sorted = byPosition(claims);
  const lists = new Map<CheckClaim, PartList>();
  const seen = new Set<string>();
  for (let k = 0; k < sorted.length; k++) {
    // Each sentence is read once, from its first figure.
    const anchor = sorted[k]!;
    const s = sentenceOf(text, anchor);
    const key = `${s.start}:${s.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const cues = cuePositions(text, s);
    if (!cues.length) continue;
    const inSentence = claimsInSentence(text, sorted, s).filter(
      (c) => (usable(text, sorted, c) || isBareAmount(c)) && !(c.start > cues[0]! && difference.test(clauseContext(text, sorted, c))),
    );
    let candidates = inSentence.filter((c) => c.end <= cues[0]!).reverse();
    // `…总产量46695吨,同比增长0.98%。其中,夏粮…`: a sentence that opens with 其中 lists parts of the sentence before.
    if (!candidates.length && /^[\s:：,，]*$/.test(text.slice(s.start, cues[0]!)) && s.start > 0) {
      const last = k > 0 ? sorted[k - 1] : undefined;
      if (last && last.end <= s.start && text.slice(last.end, s.start).indexOf('\n') < 0) {
        candidates = claimsInSentence(text, sorted, sentenceOf(text, last)).filter((c) => usable(text, sorted, c)).reverse();
      }
    }
    const outermost = [...candidates];
    let levelParts: CheckClaim[] = [];
    let nestedAt = -1;
    let loose = false;
    const listed: CheckClaim[] = [];
    const wholeOfListed = new Map<CheckClaim, CheckClaim>();
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
      // After a `;` the list goes on only with figures named like its parts (`夏粮产量…;秋粮产量…`), not with a new topic (`…;截至年末,累计拥有有效专利…`),
      // and a `;` before any part is listed ends a list whose parts were all of another measure (`其中对欧盟出口87.4亿欧元;对美国进出口874.5亿元`).
      const lastPart = listed[listed.length - 1];
      if (/[;；]/.test(text.slice(lastPart ? lastPart.end : cues[0]!, c.start))) {
        const ctx = clauseContext(text, sorted, c);
        if (!lastPart || startsTopic.test(ctx) || !continuesList(text, sorted, listed, wholeOfListed, ctx)) break;
      }
      // `其中二产2086.5亿元、三产2727.9亿元,二三产合计4814.4亿元`: a subtotal of the parts is no part of its own (the list-total check reads it).
      if (lastPart && sumWord.test(gapBefore(text, sorted, c))) continue;
      const pool = loose ? outermost : candidates;
      const whole = pickWhole(text, sorted, pool, c);
      if (!whole) continue;
      let list = lists.get(whole);
      if (!list) {
        list = { whole, parts: [], loose: [] };
        lists.set(whole, list);
      }
      (loose ? list.loose : list.parts).push(c);
      listed.push(c);
      wholeOfListed.set(c, whole);
      if (!loose) levelParts.push(c);
    }
  }
  return [...lists.values()];
}

/**
 * Whether a figure after a `;` goes on with a 其中 list: named like its parts
 * (a shared name of two characters: `夏粮产量…;秋粮产量…`, `产业项目…;基础设施项目…`)
 * and tied to the whole as closely as they are — `其中千兆宽带用户…` shares
 * 宽带 with `宽带接入用户`, `移动电话用户` does not — or named from the whole's own
 * characters as the parts are (`出口…;进口…` under 进出口总额).
 */
function continuesList(text: string, claims: readonly CheckClaim[], listed: readonly CheckClaim[], wholeOf: ReadonlyMap<CheckClaim, CheckClaim>, ctx: string): boolean {
  const label = ctx.replace(/^.*[、等的,，]/, '').replace(/^其中/, '');
  return listed.some((p) => {
    const w = wholeOf.get(p);
    const whole = w ? clauseContext(text, claims, w) : '';
    const partLabel = clauseContext(text, claims, p).replace(/^.*[、等的,，]/, '').replace(/^其中/, '');
    // Characters of a name, beyond the ending it shares with the whole, that the whole also has.
    const tie = (l: string) => new Set([...l.slice(0, l.length - commonSuffix(l, whole).length)].filter((ch) => /[\u4e00-\u9fff]/.test(ch) && whole.includes(ch))).size;
    if (namesMeasure(commonSuffix(partLabel, label)) && tie(label) >= tie(partLabel)) return true;
    const inWhole = (l: string) => l.length >= 2 && l.length <= 4 && [...l].every((ch) => whole.includes(ch));
    return inWhole(label) && inWhole(partLabel);
  });
}

// After a `;`, words that open a new topic rather than go on with a list (`…;全年全市…`, `…;累计…`).
const startsTopic = /全市|全县|全区|全省|全国|全州|全镇|全园|合计|共计|总计|累计|\b(total|overall|altogether|in all|combined)\b/i;

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

const totalMarker = /全市|全县|全区|全省|全国|全州|全镇|全园|总|合计|共计|累计|total|overall|altogether|in all|combined/i;

/** The longest common ending of two labels, cut to whole words in Latin text. */
function commonSuffix(a: string, b: string): string {
  let n = 0;
  while (n < a.length && n < b.length && a[a.length - 1 - n] === b[b.length - 1 - n]) n++;
  let s = a.slice(a.length - n);
  if (/[A-Za-z]/.test(s[0] ?? '') && /[A-Za-z]/.test(a[a.length - n - 1] ?? '')) s = s.replace(/^[A-Za-z]+/, '');
  return s.trim();
}

/** A shared ending long enough to name a measure: two Chinese characters, or a word of four letters. */
function namesMeasure(s: string): boolean {
  return /[\u4e00-\u9fff].*[\u4e00-\u9fff]/.test(s) || /[A-Za-z]{4}/.test(s);
}

/**
 * Parallel paragraphs: consecutive paragraphs that each state one figure of
 * the same unit under labels ending alike (`高新区…产业项目18个` /
 * `经开区…产业项目24个`; one paragraph per park, per district…).
 */
const groupCache = new WeakMap<readonly CheckClaim[], { text: string; groups: SiblingGroup[] }>();

export function siblingGroups(text: string, claims: readonly CheckClaim[]): SiblingGroup[] {
  const cached = groupCache.get(claims);
  if (cached?.text === text) return cached.groups;
  const groups = readSiblingGroups(text, claims);
  groupCache.set(claims, { text, groups });
  return groups;
}

function readSiblingGroups(text: string, claims: readonly CheckClaim[]): SiblingGroup[] {
  const sorted = byPosition(claims);
  const paragraphs: Array<{ start: number; end: number }> = [];
  let pos = 0;
  for (const line of text.split('\n')) {
    // Prose only: table rows (tab-separated, no clause punctuation) nest and repeat in ways parallel paragraphs do not.
    if (line.trim() && !line.includes('\t') && /[,，。;；.:：]/.test(line)) paragraphs.push({ start: pos, end: pos + line.length });
    pos += line.length + 1;
  }
  const perPara: Array<Array<{ claim: CheckClaim; ctx: string }>> = paragraphs.map(() => []);
  let p = 0;
  for (const c of sorted) {
    while (p < paragraphs.length && paragraphs[p]!.end < c.end) p++;
    if (p >= paragraphs.length) break;
    // One of a list (`分别进出口132.5亿元、118.6亿元…`) is not the one figure a parallel paragraph states.
    const listed = /[、和及与]\s*$/.test(text.slice(Math.max(0, c.start - 2), c.start)) || /^\s*[、和及与]/.test(text.slice(c.end, c.end + 2)) || clauseContext(text, sorted, c).includes('分别');
    if (c.start >= paragraphs[p]!.start && usable(text, sorted, c) && !listed) perPara[p]!.push({ claim: c, ctx: clauseContext(text, sorted, c) });
  }
  type Chain = { label: string; members: CheckClaim[]; lastPara: number };
  const open: Chain[] = [];
  const done: Chain[] = [];
  perPara.forEach((items, p) => {
    const used = new Set<CheckClaim>();
    for (const chain of open.filter((ch) => ch.lastPara === p - 1)) {
      const first = chain.members[0]!;
      const matches = items
        .filter((it) => !used.has(it.claim) && it.claim.kind === first.kind && it.claim.unit === first.unit)
        .map((it) => ({ it, label: commonSuffix(chain.label, it.ctx) }))
        // Two paragraphs set the group's label; later ones must carry all of it.
        .filter((m) => namesMeasure(m.label) && (chain.members.length < 2 || m.label === chain.label))
        // A paragraph that states the measure several times (a total and its breakdown) is no one member of a parallel series.
        .filter((m) => perPara[chain.lastPara]!.filter((o) => o.claim.kind === first.kind && o.claim.unit === first.unit && namesMeasure(commonSuffix(o.ctx, m.it.ctx))).length === 1);
      if (matches.length !== 1) continue;
      const m = matches[0]!;
      chain.members.push(m.it.claim);
      chain.label = m.label;
      chain.lastPara = p;
      used.add(m.it.claim);
    }
    for (let k = open.length - 1; k >= 0; k--) {
      if (open[k]!.lastPara < p) done.push(...open.splice(k, 1));
    }
    for (const it of items) if (!used.has(it.claim)) open.push({ label: it.ctx, members: [it.claim], lastPara: p });
  });
  done.push(...open);
  const groups: SiblingGroup[] = [];
  for (const chain of done) {
    // A lead paragraph that says it is a total (`全市…52个` before `高新区…18个`, `经开区…24个`) heads the group; it is not in it.
    const [head, ...rest] = chain.members;
    if (rest.length >= 2 && totalMarker.test(sentencePrefix(text, head!)) && !rest.some((m) => totalMarker.test(sentencePrefix(text, m)))) chain.members = rest;
    if (chain.members.length < 2) continue;
    // Figures for different dates are a time series, not parts of one whole.
    const dates = new Set(chain.members.map((m) => sentenceDates(text, sorted, m).join('|')));
    if (dates.size === 1) groups.push({ label: chain.label, members: chain.members });
  }
  return groups;
}

/** Text from the start of a figure's sentence to the figure, without spaces. */
function sentencePrefix(text: string, c: CheckClaim): string {
  return text.slice(sentenceOf(text, c).start, c.start).replace(/\s+/g, '');
}

/**
 * Whether a figure can be the total of a group: it names the same measure
 * more generally (`引进项目` over `…等产业项目`), belongs to the same family
 * (`项目总投资` over `引资额`), or says it is a total (`全市新引进产业项目`).
 */
function totalOf(text: string, claims: readonly CheckClaim[], c: CheckClaim, groupLabel: string): boolean {
  const ctx = clauseContext(text, claims, c);
  if (labelFamilies.some((f) => f.test(ctx) && f.test(groupLabel))) return true;
  const shared = commonSuffix(ctx, groupLabel);
  if (!namesMeasure(shared)) return false;
  // More general: the group's label adds a word before the shared name (`产业` in 产业项目 over 项目), not one character that makes
  // another word (`进` in 进出口, which 出口 is not the total of).
  if (shared.length < groupLabel.length) return /(?:[\u4e00-\u9fff]{2}|[^\u4e00-\u9fff]|[的等、])$/.test(groupLabel.slice(0, groupLabel.length - shared.length));
  // As specific as the group's own label: only a figure that says it is a total, under a label of some length.
  return groupLabel.replace(/^等/, '').length >= 3 && totalMarker.test(ctx);
}

/** Claims grouped by kind and unit, in text order. */
function claimsByMeasure(sorted: readonly CheckClaim[]): Map<string, CheckClaim[]> {
  const byMeasure = new Map<string, CheckClaim[]>();
  for (const c of sorted) {
    const key = `${c.kind}|${c.unit}`;
    const list = byMeasure.get(key);
    if (list) list.push(c);
    else byMeasure.set(key, [c]);
  }
  return byMeasure;
}

function checkSiblings(text: string, claims: readonly CheckClaim[], inLists: Set<CheckClaim>): RawFinding[] {
  const sorted = byPosition(claims);
  const out: RawFinding[] = [];
  const byMeasure = claimsByMeasure(sorted);
  // Each group looks for its whole among every earlier figure of its measure: what it asks of a
  // figure is worked out once per figure (and per group label), not once per group — a long
  // article has about a thousand groups over tens of thousands of figures.
  const asked = new Map<string, { usable: Int8Array; prefix: Array<string | undefined>; totals: Map<string, Int8Array> }>();
  const yes = 1;
  const no = 2;
  for (const g of siblingGroups(text, sorted)) {
    const first = g.members[0]!;
    const key = `${first.kind}|${first.unit}`;
    const same = byMeasure.get(key) ?? [];
    let a = asked.get(key);
    if (!a) asked.set(key, (a = { usable: new Int8Array(same.length), prefix: [], totals: new Map() }));
    let totals = a.totals.get(g.label);
    if (!totals) a.totals.set(g.label, (totals = new Int8Array(same.length)));
    const memberPrefixes = new Set(g.members.map((m) => sentencePrefix(text, m)));
    let whole: CheckClaim | null = null;
    for (let i = 0; i < same.length; i++) {
      const c = same[i]!;
      if (c.start >= first.start) break;
      if (!a.usable[i]) a.usable[i] = usable(text, sorted, c) ? yes : no;
      if (a.usable[i] !== yes) continue;
      // A figure introduced exactly like one of the group is that figure stated again, not their total.
      if (memberPrefixes.has((a.prefix[i] ??= sentencePrefix(text, c)))) continue;
      if (!totals[i]) totals[i] = totalOf(text, sorted, c, g.label) ? yes : no;
      if (totals[i] !== yes) continue;
      if (!whole || c.value! > whole.value!) whole = c;
    }
    if (!whole || g.members.some((m) => inLists.has(m))) continue;
    out.push(...checkParts(whole, g.members, []));
  }
  return out;
}

/**
 * Whether a label names `target` as a whole word: `公司实现营业收入` names 营业收入,
 * `进出口总值` does not name 出口总值 (the character before makes another word).
 */
function namedAs(ctx: string, target: string): boolean {
  if (!target || !ctx.endsWith(target)) return false;
  const before = ctx.slice(0, ctx.length - target.length);
  return before === '' || !/[\u4e00-\u9fff]$/.test(before) || /[现成为达是的共计有得获]$/.test(before) || !/[\u4e00-\u9fff]/.test(target);
}

const shareCue = /占(.{0,16}?)(的)?(比重|比例|份额)?(为|达|约)?\s*$|(accounting for|accounted for|account for|representing|making up)\s*$|\bor\s*$|[(（]\s*$/i;
/** A share with no cue word before it: no groups, nothing to strip from the gap. */
const BARE_SHARE = Object.assign([''], { index: 0 }) as unknown as RegExpMatchArray;
/** `of the total`, `of all employees`, `of total revenue` after an English share. */
const ENGLISH_WHOLE_AFTER = /^\s*of\s+(?:the\s+total\b|all\b|total\b)/i;
/** `, or 57.3 per cent`, `(45%)`, `accounting for`: an amount followed by its own share is a part, not a whole. */
const SHARE_FOLLOWS = /^[^.;。；]{0,6}?(?:,\s*or\s+|\(\s*|,\s*accounting for\s+|,\s*representing\s+)?[\d.]+\s*(?:%|per\s*cent)/i;

/**
 * The whole an English `of the total` / `of all …` refers to when no list
 * names one: the nearest amount of the part's measure before it, at least
 * as large, not followed by a share of its own, in the paragraph; else the
 * largest such amount earlier in the article (a total is its measure's
 * largest figure).
 */
function earlierWhole(text: string, claims: readonly CheckClaim[], sameMeasure: readonly CheckClaim[], part: CheckClaim): CheckClaim | null {
  const paragraphStart = paragraphOf(text, part.start).start;
  let fallback: CheckClaim | null = null;
  for (let i = sameMeasure.length - 1; i >= 0; i--) {
    const c = sameMeasure[i]!;
    if (c.end > part.start || c === part || c.value === null || c.value < part.value! || !usable(text, claims, c)) continue;
    if (SHARE_FOLLOWS.test(text.slice(c.end, c.end + 40)) || changeDirection(text, claims, c)) continue;
    if (c.start >= paragraphStart) return c;
    if (!fallback || c.value > fallback.value!) fallback = c;
  }
  return fallback;
}

const genericTarget = /^(全部|总|总量|总额|总数|总体|合计|比|比重|全体|the total|total)?$/;

/**
 * What an English share is a share of: `of the total` → `total`, `of total
 * revenue` / `of the group's revenue` → `revenue`; null without `of …`.
 */
function englishTarget(after: string): string | null {
  const m = after.match(/^\s*of\s+(?:the\s+)?(?:(?:company|group|firm|bank|city|country|state|port|region)'s\s+|its\s+|their\s+)?((?:total|overall)\s+)?([a-z][a-z' -]*?)(?=\s*(?:[,.;:)]|$)|\s+(?:in|for|during|at|last|this|that|a|an|and|while|from|compared|up|down|the|of|year|on)\b)/i);
  if (!m) return null;
  const noun = m[2]!.trim().toLowerCase();
  return /^(total|all|overall)$/.test(noun) ? 'total' : noun;
}

// Scope words: a share of 全省出口 is not a share of the city's 进出口总额.
const scopeWord = new RegExp(`^(?:${scopeWords.source})`);
const totalSuffix = /的?(总数|总额|总量|总值|总和|合计|总计)$/;

/** The words before a figure, carried over from the figure its clause goes on from (`产业项目52个,总投资648.3亿元` → 产业项目总投资). */
function extendedContext(text: string, claims: readonly CheckClaim[], c: CheckClaim): string {
  return memoized('extended', text, claims, c, () => {
    const ctx = clauseContext(text, claims, c);
    const prev = previousClaim(text, claims, c);
    if (!prev || !isAmount(prev) || !/^[,，]\s*[^,，;；:：。]*$/.test(text.slice(prev.end, c.start))) return ctx;
    return clauseContext(text, claims, prev) + ctx;
  });
}

/**
 * Whether a Chinese name and a share's target name one measure: the target's
 * scope is the article's own or the name's (a share of 全省出口 is no share of
 * the city's figure), and the target's core ends the name as a word.
 */
function zhNamed(text: string, name: string, target: string, loose: boolean): boolean {
  if (namedAs(name, target)) return true;
  const scope = target.match(scopeWord)?.[0] ?? '';
  const nameScope = name.match(scopeWords)?.[0];
  if (scope && (nameScope ? canonicalScope(nameScope) !== canonicalScope(scope) : canonicalScope(scope) !== ownScope(text))) return false;
  const core = target.slice(scope.length).replace(/^(当年|全年|同期|上年)/, '').replace(totalSuffix, '') || target;
  const nameCore = name.replace(totalSuffix, '') || name;
  if (namedAs(nameCore, core) || (core.length >= 3 && nameCore.endsWith(core))) return true;
  // The whole a 其中 list already gave only needs a name in common (`占员工总数的` for `在职员工5004人,其中…`).
  return loose && namesMeasure(commonSuffix(nameCore, core));
}

function englishNamed(text: string, claims: readonly CheckClaim[], c: CheckClaim, target: string): boolean {
  const name = measureName(text, claims, c)?.split(' | ')[0]?.split(' @ ')[0];
  return name !== undefined && name === target.replace(/\b(?:the|total|overall)\b/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Whether the English name of figure `c` opens with `noun` (`goods exports from the Otago region` for `goods exports`). */
function namesHead(text: string, claims: readonly CheckClaim[], c: CheckClaim, noun: string): boolean {
  const name = measureName(text, claims, c)?.split(' | ')[0]?.split(' @ ')[0];
  return name !== undefined && (name === noun || name.startsWith(`${noun} `));
}

/** Whether figure `c`, met before the share, is the whole its target names. */
function wholeNamed(text: string, claims: readonly CheckClaim[], c: CheckClaim, target: string, english: boolean): boolean {
  if (english) return englishNamed(text, claims, c, target);
  return zhNamed(text, clauseContext(text, claims, c), target, false) || zhNamed(text, extendedContext(text, claims, c), target, false);
}

/** Whether the whole of the part's 其中 list is what the share's target names. */
function listWholeNamed(text: string, claims: readonly CheckClaim[], whole: CheckClaim, target: string, english: boolean): boolean {
  const ctx = clauseContext(text, claims, whole);
  if (ctx.includes(target) || target.includes(label(text, claims, whole))) return true;
  return english ? englishNamed(text, claims, whole, target) : zhNamed(text, ctx, target, true);
}

function checkShares(text: string, claims: readonly CheckClaim[], lists: PartList[]): RawFinding[] {
  const sorted = byPosition(claims);
  const wholeOf = new Map<CheckClaim, CheckClaim>();
  for (const l of lists) for (const p of [...l.parts, ...l.loose]) wholeOf.set(p, l.whole);
  const out: RawFinding[] = [];
  const byMeasure = claimsByMeasure(sorted);
  const namedSo = new Map<string, Int8Array>();
  const usableSo = new Map<string, Int8Array>();
  for (let i = 0; i < sorted.length; i++) {
    const share = sorted[i]!;
    if (!isPercent(share)) continue;
    const s = sentenceOf(text, share);
    const gap = gapBefore(text, sorted, share);
    const after = text.slice(share.end, s.end);
    // `…1,890 worked at the port, 60.0 per cent of all employees`, `…, which was 7.3 per cent of all exports`: a share that says what of.
    const m = gap.match(shareCue) ?? (/(?:[,，]|\b(?:which|that)\s+(?:was|is|were|are|represents|represented|made up|makes up))\s*$/i.test(gap) && ENGLISH_WHOLE_AFTER.test(after) ? BARE_SHARE : null);
    if (!m) continue;
    let target = (m[1] ?? '').replace(/\s+/g, '');
    if (!m[1] && /[(（]\s*$/.test(gap)) {
      // `(45.2% of the total)`: a bracketed share reads like `or 45.2% of …`.
      const named = englishTarget(text.slice(share.end, s.end));
      if (named === null) continue;
      target = named;
    }
    const english = Boolean(m[5] || /\bor\s*$/i.test(gap) || (!m[1] && /[(（]\s*$/.test(gap)) || ENGLISH_WHOLE_AFTER.test(after));
    if (english && !/[(（]\s*$/.test(gap)) {
      const named = englishTarget(after);
      if (/\bor\s*$/i.test(gap) && named === null) continue;
      target = named ?? '';
    }
    // The part: the amount the clause names before 占 (`出口占…`), else the nearest amount before.
    const subject = (m[1] !== undefined ? gap.slice(0, gap.length - m[0].length) : '').split(/[,，;；:：]/).pop()!.trim();
    const before = claimsInSentence(text, sorted, s).filter((c) => c.end <= share.start && isAmount(c) && usable(text, sorted, c));
    let part: CheckClaim | null = null;
    if (subject) {
      part = [...before].reverse().find((c) => clauseContext(text, sorted, c).endsWith(subject)) ?? null;
    } else {
      const nearest = before[before.length - 1];
      const between = nearest ? sorted.slice(sorted.indexOf(nearest) + 1, i) : [];
      // A growth rate of the part may stand between (`52.17亿元,同比增长15.8%,占营业收入的比重为60.3%`); another share may not.
      if (nearest && !between.some((c) => c.kind === 'percent' && !changeDirection(text, sorted, c)) && clauseMarks(text.slice(nearest.end, share.start)) <= 2) part = nearest;
    }
    if (!part) continue;
    let whole: CheckClaim | null = wholeOf.get(part) ?? null;
    const ofAll = english && /^\s*of\s+all\b/i.test(after);
    let targetOk = whole !== null && (genericTarget.test(target) || ofAll || listWholeNamed(text, sorted, whole, target, english));
    if (!whole && english && (genericTarget.test(target) || ofAll)) {
      const sameUnit = byMeasure.get(`${part.kind}|${part.unit}`) ?? [];
      // `of all goods exports`: the figure named so, if one is; `of the total`: the whole named before, not itself a share's part.
      const noun = target.replace(/^all\s+/, '');
      const named = ofAll && noun !== target ? sameUnit.filter((c) => c.end <= part!.start && c !== part && c.value! >= part!.value! && usable(text, sorted, c) && namesHead(text, sorted, c, noun)) : [];
      whole = named.reduce<CheckClaim | null>((best, c) => (!best || c.value! > best.value! ? c : best), null) ?? earlierWhole(text, sorted, sameUnit, part);
      targetOk = whole !== null;
    }
    const scopeOnly = english ? null : target.match(/^(全市|全省|全区|全县|全国|全州|全镇|全园|我市|我省|本市|本省|我县|本县|我区|本区)的?(总量|总额|总数|总值)?$/);
    if (!targetOk && scopeOnly) {
      // `高新区进出口853.1亿元,占全市的67.3%`: the whole is the figure the scope states for the part's own measure.
      const partCtx = clauseContext(text, sorted, part);
      const sameUnit = byMeasure.get(`${part.kind}|${part.unit}`) ?? [];
      whole = null;
      for (const c of sameUnit) {
        if (c.end > part.start) break;
        if (c === part || c.value! < part.value! || !usable(text, sorted, c)) continue;
        const ctx = clauseContext(text, sorted, c);
        if (ownScopeVariants(scopeOnly[1]!).some((w) => ctx.includes(w)) && namesMeasure(commonSuffix(ctx, partCtx))) whole = c;
      }
      targetOk = whole !== null;
    } else if (!targetOk && !genericTarget.test(target) && !ofAll) {
      // `占营业收入的47.7%`, `of total revenue`: the whole is the figure named so earlier in the article.
      const measure = `${part.kind}|${part.unit}`;
      const sameUnit = byMeasure.get(measure) ?? [];
      // Whether each figure of the measure is named so, asked once per target (an article has thousands of shares).
      const namedKey = `${measure}\u0000${english}\u0000${target}`;
      let isNamed = namedSo.get(namedKey);
      if (!isNamed) namedSo.set(namedKey, (isNamed = new Int8Array(sameUnit.length)));
      const answers = isNamed;
      let usableAt = usableSo.get(measure);
      if (!usableAt) usableSo.set(measure, (usableAt = new Int8Array(sameUnit.length)));
      whole = null;
      // In text order, the largest first met.
      for (let k = 0; k < sameUnit.length; k++) {
        const c = sameUnit[k]!;
        if (c.start >= part.start) break;
        if (c.end > part.start || c === part || c.value! < part.value!) continue;
        if (!usableAt[k]) usableAt[k] = usable(text, sorted, c) ? 1 : 2;
        if (usableAt[k] !== 1) continue;
        if (!answers[k]) answers[k] = wholeNamed(text, sorted, c, target, english) ? 1 : 2;
        if (answers[k] === 1 && (!whole || c.value! > whole.value!)) whole = c;
      }
      targetOk = whole !== null;
    }
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

// Words that make a figure the sum of the figures before it.
const sumWord = /合计|共计|总计|一共|总共|合共|\b(?:in total|a total of|combined|altogether)\b/i;
// A figure that says it is a total or an overall level, which a list of parts never runs through.
const statesTotal = /全市|全县|全区|全省|全国|全州|全镇|全园|合计|共计|总计|累计|(总额|总值|总量|总数|总和)$|\b(total|overall|altogether|in all|combined)\b/i;
// `…分别为286.5亿元、241.3亿元和198.7亿元,合计726.5亿元`, `…, a combined $2.0 billion`: the words between a list and its stated
// total — nothing, or a collective subject (三个园区, 两项, 上述) — then the total word.
const listTotalZh = /^[\s,，、;；]*(?:(?:两|二|三|四|五|六|七|八|九|十|[0-9]+|上述|以上|这|此|各|两者|二者|三者)[^\s,，;；。]{0,6})?(?:合计|共计|总计|一共|总共|合共)[^\s,，;；。]{0,4}$/;
const listTotalEn = /^[\s,;]*(?:(?:for|with|making|bringing)\s+)?(?:(?:a|the)\s+)?(?:(?:two|three|four|five|six|both)\s+[a-z]+\s+)?(?:combined(?:\s+total)?|total(?:\s+of)?|in\s+total|altogether|together|in\s+all|totall?ing|totaled|totaling)(?:\s+(?:of|were|was|came to|reached|to))?\s*$/i;

/**
 * Totals stated after their parts (`分别为A、B和C,合计D`, `A and B, a
 * combined D`): the parts, listed right before in the same sentence, must add
 * up to the total within rounding — more or less is an error.
 */
function checkListTotals(text: string, claims: readonly CheckClaim[]): RawFinding[] {
  const sorted = byPosition(claims);
  const out: RawFinding[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const total = sorted[i]!;
    if (!usable(text, sorted, total)) continue;
    const s = sentenceOf(text, total);
    const parts: CheckClaim[] = [];
    for (let j = i - 1; j >= 0; j--) {
      const c = sorted[j]!;
      if (c.start < s.start) break;
      if (!sameMeasure(c, total) || c.kind !== total.kind) continue;
      // The list stops at a figure that is no part (a change, an average) or that is itself a total (全市…, 总额).
      if (!usable(text, sorted, c) || statesTotal.test(clauseContext(text, sorted, c))) break;
      if (!parts.length && !(listTotalZh.test(text.slice(c.end, total.start)) || listTotalEn.test(text.slice(c.end, total.start)))) break;
      parts.unshift(c);
    }
    if (parts.length < 2) continue;
    const sum = sumOf(parts);
    const ok = overlaps(sum.interval, claimInterval(total)!);
    const shown = formatLike(sum.value, mostPrecise(parts));
    out.push({
      kind: 'part-whole',
      ok,
      claims: byPosition([total, ...parts]),
      steps: [
        { key: 'parts.sumTotal', params: { parts: parts.map((p) => p.text).join(' + '), sum: shown, total: total.text } },
        ok ? { key: 'verdict.withinRounding', params: {} } : { key: 'verdict.sumNotTotal', params: {} },
      ],
      derivedValue: sum.value,
      derivedText: shown,
    });
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
  out.push(...checkListTotals(text, claims));
  out.push(...checkShares(text, claims, lists));
  return out;
}
