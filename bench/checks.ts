/**
 * `npm run bench checks`: speed of the arithmetic cross-checks (docs/cross-checks.md).
 *
 * A ~50 KB article built from the sample workspace and our test articles (so it
 * holds conversions, growth statements, 其中 lists, shares and parallel
 * paragraphs), checked as the editor does after an edit: `runChecks` on claims
 * the engine already found, and one checker relation re-evaluated alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluateRelation, runChecks, type CheckClaim } from '../shared/checks/index.js';
import { detectClaims } from '../shared/claims/index.js';
import { medianMs, type BenchSuite } from './suite.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const ARTICLE_CHARS = 50_000;
const targets = { runChecksMs: 250, relationMs: 1 };

function article(): string {
  const dirs = ['electron/services/sample-workspace', 'tests/fixtures/checks'].map((d) => path.join(root, d));
  const texts = dirs.flatMap((d) => fs.readdirSync(d).filter((f) => /\.(md|txt)$/.test(f)).map((f) => fs.readFileSync(path.join(d, f), 'utf8')));
  let out = '';
  for (let i = 0; out.length < ARTICLE_CHARS; i++) out += texts[i % texts.length] + '\n';
  return out;
}

export const checksSuite: BenchSuite = {
  name: 'checks',
  async run() {
    const text = article();
    const detected = detectClaims(text);
    // A fresh array each run, as after an edit: nothing cached from the previous run.
    const fresh = () => detected.map((c, i) => ({ ...c, id: `c${i}` }) as CheckClaim);
    const findings = runChecks(text, fresh()).findings.length;
    const runChecksMs = await medianMs(() => runChecks(text, fresh()), 7, 2);
    const claims = fresh();
    const money = claims.filter((c) => c.kind === 'money').slice(0, 3).map((c) => c.id!);
    const relation = { id: 'r', expression: 'A + B ≤ C × 10', claimIds: money, createdBy: 'bench', createdAt: new Date(0).toISOString() };
    const relationMs = await medianMs(() => evaluateRelation(relation, claims), 21, 3);
    return {
      article: { chars: text.length, claims: detected.length, findings },
      runChecksMs,
      relationMs,
      targets,
      met: { runChecks: runChecksMs <= targets.runChecksMs, relation: relationMs <= targets.relationMs },
    };
  },
};
