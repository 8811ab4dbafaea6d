/**
 * The relation language fact-checkers use to state how figures must hang
 * together: `A + B ≤ C`, `A = B × C`, `A ≈ B ± 1%`, `{c12} / {c7} ≥ 6.5`.
 * Parsed into a tree (never evaluated as code) and evaluated on the claims'
 * printed-precision intervals, so a relation between correctly rounded
 * figures holds.
 */
import { FactDeskError } from '../errors.js';
import { formatLike, formatNumber } from './format.js';
import { add, claimInterval, div, exact, mul, neg, possiblyEq, possiblyLe, possiblyLt, sub, widen, type Interval } from './tolerance.js';
import type { CheckClaim, CheckMessage, CheckerRelation } from './types.js';

export type RelationNode =
  | { type: 'number'; value: number; text: string }
  | { type: 'ref'; name: string }
  | { type: 'neg'; arg: RelationNode }
  | { type: 'binary'; op: '+' | '-' | '*' | '/'; left: RelationNode; right: RelationNode };

export type Comparison = '<=' | '<' | '>=' | '>' | '=' | '≈';

export interface ParsedRelation {
  left: RelationNode;
  comparison: Comparison;
  right: RelationNode;
  /** `± 1%` (relative) or `± 5` (absolute, in the claims' base units); `≈` without one allows 1 %. */
  tolerance?: { value: number; relative: boolean };
  /** Every reference used: letters (`A`) and `{id}` names. */
  refs: string[];
}

/** `≈` without an explicit `±` allows this relative difference. */
export const defaultApproxTolerance = 0.01;

type Token = { kind: 'num'; value: number; text: string; pos: number } | { kind: 'ref'; name: string; pos: number } | { kind: 'op'; op: string; pos: number };

const opAliases: Record<string, string> = {
  '×': '*', '·': '*', '÷': '/', '−': '-', '–': '-',
  '≤': '<=', '≦': '<=', '≥': '>=', '≧': '>=', '==': '=', '≈': '≈', '~=': '≈', '~': '≈', '≃': '≈',
  '±': '±', '+-': '±', '+/-': '±',
};

function fail(expression: string, at: number, reason: string): never {
  throw new FactDeskError('invalid-relation', `Cannot read relation "${expression}" at ${at + 1}: ${reason}`, { expression, at: at + 1, reason });
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const num = /^(\d+(?:\.\d+)?|\.\d+)(%?)/.exec(src.slice(i));
    if (num) {
      const v = Number(num[1]);
      out.push({ kind: 'num', value: num[2] ? v / 100 : v, text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    if (ch === '{') {
      const close = src.indexOf('}', i);
      if (close < 0) fail(src, i, 'unclosed {');
      const name = src.slice(i + 1, close).trim();
      if (!/^[\w.:-]{1,100}$/.test(name)) fail(src, i, 'a claim id may hold letters, digits and _ . : - only');
      out.push({ kind: 'ref', name: `{${name}}`, pos: i });
      i = close + 1;
      continue;
    }
    if (/[A-Z]/.test(ch) && !/[A-Za-z]/.test(src[i + 1] ?? '')) {
      out.push({ kind: 'ref', name: ch, pos: i });
      i++;
      continue;
    }
    const three = src.slice(i, i + 3);
    const two = src.slice(i, i + 2);
    if (three === '+/-') {
      out.push({ kind: 'op', op: '±', pos: i });
      i += 3;
      continue;
    }
    if (['<=', '>=', '==', '~=', '+-'].includes(two)) {
      out.push({ kind: 'op', op: opAliases[two] ?? two, pos: i });
      i += 2;
      continue;
    }
    if ('+-*/()<>='.includes(ch)) {
      out.push({ kind: 'op', op: ch, pos: i });
      i++;
      continue;
    }
    if (opAliases[ch]) {
      out.push({ kind: 'op', op: opAliases[ch]!, pos: i });
      i++;
      continue;
    }
    fail(src, i, `unexpected "${ch}"`);
  }
  return out;
}

/** Parses a relation. Throws `invalid-relation` (translated for the user) with the position of the problem. */
export function parseRelation(expression: string): ParsedRelation {
  if (expression.length > 500) fail(expression, 500, 'longer than 500 characters');
  const tokens = tokenize(expression);
  let k = 0;
  const refs = new Set<string>();
  const peek = () => tokens[k];
  const isOp = (op: string) => {
    const t = peek();
    return t?.kind === 'op' && t.op === op;
  };
  const posOf = () => peek()?.pos ?? expression.length;
  let depth = 0;

  function primary(): RelationNode {
    const t = peek();
    if (!t) fail(expression, expression.length, 'a figure, a claim or a number is missing at the end');
    if (t.kind === 'num') {
      k++;
      return { type: 'number', value: t.value, text: t.text };
    }
    if (t.kind === 'ref') {
      k++;
      refs.add(t.name);
      return { type: 'ref', name: t.name };
    }
    if (t.op === '(') {
      if (++depth > 50) fail(expression, t.pos, 'brackets nested too deep');
      k++;
      const e = sum();
      if (!isOp(')')) fail(expression, posOf(), 'missing )');
      k++;
      depth--;
      return e;
    }
    if (t.op === '-') {
      k++;
      return { type: 'neg', arg: primary() };
    }
    fail(expression, t.pos, `unexpected "${t.op}"`);
  }
  function product(): RelationNode {
    let left = primary();
    while (isOp('*') || isOp('/')) {
      const op = (peek() as { op: '*' | '/' }).op;
      k++;
      left = { type: 'binary', op, left, right: primary() };
    }
    return left;
  }
  function sum(): RelationNode {
    let left = product();
    while (isOp('+') || isOp('-')) {
      const op = (peek() as { op: '+' | '-' }).op;
      k++;
      left = { type: 'binary', op, left, right: product() };
    }
    return left;
  }

  const left = sum();
  const cmp = peek();
  const comparisons: Record<string, Comparison> = { '<=': '<=', '<': '<', '>=': '>=', '>': '>', '=': '=', '≈': '≈' };
  if (!cmp || cmp.kind !== 'op' || !comparisons[cmp.op]) fail(expression, posOf(), 'expected a comparison (≤ < ≥ > = ≈)');
  k++;
  const right = sum();
  let tolerance: ParsedRelation['tolerance'];
  if (isOp('±')) {
    const at = posOf();
    k++;
    const t = peek();
    if (!t || t.kind !== 'num') fail(expression, t?.pos ?? expression.length, 'expected a number after ±');
    k++;
    tolerance = { value: t.value, relative: t.text.endsWith('%') };
    if (cmp.op !== '=' && cmp.op !== '≈') fail(expression, at, '± goes with = or ≈');
  }
  if (k < tokens.length) fail(expression, posOf(), 'unexpected text after the relation');
  return { left, comparison: comparisons[cmp.op]!, right, tolerance, refs: [...refs] };
}

/** Outcome of one relation on the current claims. */
export interface RelationResult {
  relationId: string;
  status: 'holds' | 'broken' | 'unresolved' | 'invalid';
  /** The claims the relation names (to flag when it breaks). */
  claims: CheckClaim[];
  left?: Interval;
  right?: Interval;
  steps: CheckMessage[];
}

function evaluate(node: RelationNode, lookup: (name: string) => Interval): Interval {
  switch (node.type) {
    case 'number':
      return exact(node.value);
    case 'ref':
      return lookup(node.name);
    case 'neg':
      return neg(evaluate(node.arg, lookup));
    case 'binary': {
      const l = evaluate(node.left, lookup);
      const r = evaluate(node.right, lookup);
      return node.op === '+' ? add(l, r) : node.op === '-' ? sub(l, r) : node.op === '*' ? mul(l, r) : div(l, r);
    }
  }
}

function show(node: RelationNode, names: (ref: string) => string, parent = 0): string {
  const prec = node.type === 'binary' ? (node.op === '+' || node.op === '-' ? 1 : 2) : 3;
  let s: string;
  switch (node.type) {
    case 'number':
      s = node.text;
      break;
    case 'ref':
      s = names(node.name);
      break;
    case 'neg':
      s = `−${show(node.arg, names, 3)}`;
      break;
    case 'binary':
      s = `${show(node.left, names, prec)} ${{ '+': '+', '-': '−', '*': '×', '/': '÷' }[node.op]} ${show(node.right, names, prec + (node.op === '-' || node.op === '/' ? 1 : 0))}`;
  }
  return prec < parent ? `(${s})` : s;
}

/** The first claim of a side made only of sums and differences of claims, whose printed form the side's value can borrow. */
function additiveRef(node: RelationNode): string | null {
  switch (node.type) {
    case 'ref':
      return node.name;
    case 'neg':
      return additiveRef(node.arg);
    case 'binary': {
      if (node.op === '*' || node.op === '/') return null;
      const l = additiveRef(node.left);
      const r = additiveRef(node.right);
      return l && r ? l : null;
    }
    default:
      return null;
  }
}

function showValue(i: Interval, node: RelationNode, claimOf: (ref: string) => CheckClaim): string {
  const v = (i.lo + i.hi) / 2;
  const ref = additiveRef(node);
  if (ref) return formatLike(v, claimOf(ref), 1).replace(/(\.\d*?)0+(?=\D*$)/, '$1').replace(/\.(?=\D*$)/, '');
  const digits = Math.abs(v) >= 1000 ? 0 : Math.abs(v) >= 1 ? 4 : 6;
  return formatNumber(v, digits);
}

const idCache = new WeakMap<readonly CheckClaim[], Map<string, CheckClaim>>();

// The store re-evaluates every relation after each edit with the same claims array: index it once.
function claimsById(claims: readonly CheckClaim[]): Map<string, CheckClaim> {
  let m = idCache.get(claims);
  if (!m) {
    m = new Map(claims.filter((c) => c.id).map((c) => [c.id!, c]));
    idCache.set(claims, m);
  }
  return m;
}

/**
 * Evaluates a checker's relation against the claims it names (looked up by
 * id in `claims`). Never throws: a relation that cannot be read is `invalid`,
 * one naming a claim that is gone or has no value is `unresolved`.
 */
export function evaluateRelation(relation: CheckerRelation, claims: ReadonlyMap<string, CheckClaim> | readonly CheckClaim[]): RelationResult {
  const byId = claims instanceof Map ? claims : claimsById(claims as readonly CheckClaim[]);
  let parsed: ParsedRelation;
  try {
    parsed = parseRelation(relation.expression);
  } catch (e) {
    const reason = e instanceof FactDeskError ? String(e.params.reason ?? e.message) : String(e);
    return { relationId: relation.id, status: 'invalid', claims: [], steps: [{ key: 'relation.invalid', params: { reason } }, { key: 'verdict.unresolved', params: {} }] };
  }
  const idOf = (ref: string): string | undefined => (ref.startsWith('{') ? ref.slice(1, -1) : relation.claimIds[ref.charCodeAt(0) - 65]);
  const named: CheckClaim[] = [];
  for (const ref of parsed.refs) {
    const id = idOf(ref);
    const claim = id !== undefined ? byId.get(id) : undefined;
    if (!claim || claim.value === null || !Number.isFinite(claim.value)) {
      return {
        relationId: relation.id,
        status: 'unresolved',
        claims: named,
        steps: [{ key: 'relation.unresolved', params: { ref: claim ? `${ref} (${claim.text})` : ref } }, { key: 'verdict.unresolved', params: {} }],
      };
    }
    if (!named.includes(claim)) named.push(claim);
  }
  const claimOf = (ref: string) => byId.get(idOf(ref)!)!;
  const lookup = (ref: string) => claimInterval(claimOf(ref))!;
  const left = evaluate(parsed.left, lookup);
  let right = evaluate(parsed.right, lookup);
  const tol = parsed.tolerance ?? (parsed.comparison === '≈' ? { value: defaultApproxTolerance, relative: true } : undefined);
  if (tol) right = tol.relative ? widen(right, tol.value) : { lo: right.lo - tol.value, hi: right.hi + tol.value };
  const holds =
    parsed.comparison === '<=' ? possiblyLe(left, right)
    : parsed.comparison === '<' ? possiblyLt(left, right)
    : parsed.comparison === '>=' ? possiblyLe(right, left)
    : parsed.comparison === '>' ? possiblyLt(right, left)
    : possiblyEq(left, right);
  const names = (ref: string) => claimOf(ref).text;
  const steps: CheckMessage[] = [
    {
      key: 'relation.sides',
      params: {
        left: show(parsed.left, names),
        leftValue: showValue(left, parsed.left, claimOf),
        right: show(parsed.right, names),
        rightValue: showValue(evaluate(parsed.right, lookup), parsed.right, claimOf),
      },
    },
  ];
  if (tol) steps.push({ key: 'relation.tolerance', params: { tolerance: tol.relative ? `±${formatNumber(tol.value * 100, 4)}%` : `±${formatNumber(tol.value, 6)}` } });
  steps.push({ key: holds ? 'verdict.holds' : 'verdict.broken', params: {} });
  return { relationId: relation.id, status: holds ? 'holds' : 'broken', claims: named, left, right, steps };
}
