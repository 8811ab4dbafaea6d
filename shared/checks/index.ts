/**
 * Arithmetic cross-checks: the relations among an article's figures —
 * currency conversions, growth rates and their bases, parts and wholes,
 * shares, repeated figures, missing units, and relations a fact-checker
 * states — checked within the precision the figures are printed with.
 */
import { detectClaims } from '../claims/index.js';
import { byPosition } from './article.js';
import { findConversions } from './conversions.js';
import type { RawFinding } from './finding.js';
import { formatSteps } from './format.js';
import { findGrowth } from './growth.js';
import { findPartsAndShares } from './parts.js';
import { evaluateRelation } from './relation.js';
import { findRepeats } from './repeats.js';
import { articleYear } from './article.js';
import type { CheckClaim, CheckFinding, CheckOptions, CheckReport } from './types.js';

export type { CheckClaim, CheckFinding, CheckKind, CheckMessage, CheckOptions, CheckReport, CheckerRelation, ClaimSpan } from './types.js';
export { checkKinds } from './types.js';
export { parseRelation, evaluateRelation, defaultApproxTolerance, type ParsedRelation, type RelationNode, type RelationResult, type Comparison } from './relation.js';
export { officialRate, fxCurrencies, fxFirstYear, fxLastYear, type FxCurrency, type OfficialRate } from './fx-rates.js';
export { claimInterval, printedStep, type Interval } from './tolerance.js';
export { formatSteps } from './format.js';

function render(f: RawFinding, opts: CheckOptions): CheckFinding {
  const out: CheckFinding = {
    kind: f.kind,
    ok: f.ok,
    claims: byPosition(f.claims).map((c) => ({ start: c.start, end: c.end, text: c.text })),
    explanation: formatSteps(f.steps, opts.language ?? 'en'),
    steps: f.steps,
  };
  if (f.derivedValue !== undefined && f.derivedText !== undefined) out.derived = { value: f.derivedValue, text: f.derivedText };
  if (f.relationId) out.relationId = f.relationId;
  if (f.assumedYear !== undefined) out.assumedYear = f.assumedYear;
  return out;
}

/**
 * Runs every cross-check on an article. `claims` are the figures of `text`:
 * the stored claims with their ids (needed for `options.relations`), or,
 * when omitted, what `detectClaims` finds. Findings come in text order, each
 * with the claim spans it concerns, its arithmetic as steps and as an
 * explanation in `options.language`. `ok: false` findings are the alarms.
 */
export function runChecks(text: string, claims: readonly CheckClaim[] = detectClaims(text), options: CheckOptions = {}): CheckReport {
  const sorted = byPosition(claims.filter((c) => c.end <= text.length && text.slice(c.start, c.end) === c.text));
  const raw: RawFinding[] = [
    ...findConversions(text, sorted, { year: options.year, tolerancePercent: options.fxTolerancePercent ?? 2 }),
    ...findGrowth(text, sorted, { year: options.year }),
    ...findPartsAndShares(text, sorted),
    ...findRepeats(text, sorted, options.year ?? articleYear(sorted, text)),
  ];
  for (const relation of options.relations ?? []) {
    const r = evaluateRelation(relation, sorted);
    raw.push({ kind: 'relation', ok: r.status !== 'broken', claims: r.claims, steps: r.steps, relationId: relation.id });
  }
  const findings = raw.map((f) => render(f, options));
  findings.sort((a, b) => (a.claims[0]?.start ?? Infinity) - (b.claims[0]?.start ?? Infinity));
  return { year: options.year ?? articleYear(sorted, text), findings };
}
