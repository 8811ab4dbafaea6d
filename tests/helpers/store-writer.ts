/**
 * A writer process for the crash-safety tests (run bundled, as plain node).
 *
 *   store-writer steps ROOT ARTICLE K0        status changes K0, K0+1, … forever;
 *                                             prints "ready", then each step number once it is durable
 *   store-writer saves ROOT ARTICLE K0        saves of the article's text K0, K0+1, … forever (each from the
 *                                             file as it is); prints "ready", then each step once acknowledged
 *   store-writer bulk ROOT - K0               bulk changes K0, K0+1, … of every claim of every article, forever;
 *                                             prints "ready", then "K BATCH" once each is acknowledged
 *   store-writer set-status ROOT ARTICLE CLAIM STATUS
 *                                             one status change; prints {"ok":true} or {"error":code}
 */
import type { ClaimStatus } from '../../shared/annotations.js';
import { isFactDeskError } from '../../shared/errors.js';
import { Session } from '../../electron/services/session.js';
import { bulkStep, crashStep, savedText } from './crash-steps.js';

async function main(argv: string[]): Promise<void> {
  const [mode, root, article, ...rest] = argv;
  const session = await Session.open(root!, { author: 'crash-writer' });
  const store = session.annotations;
  if (mode === 'steps') {
    const ids = (await store.list(article!)).claims.map((c) => c.id).sort();
    process.stdout.write('ready\n');
    for (let k = Number(rest[0]); ; k++) {
      const s = crashStep(k, ids);
      await store.setStatus(article!, s.claimId, s.status, s.note);
      process.stdout.write(`${k}\n`);
    }
  }
  if (mode === 'saves') {
    const first = await session.workspace.readCurrent(article!);
    process.stdout.write('ready\n');
    for (let k = Number(rest[0]); ; k++) {
      const doc = k === Number(rest[0]) ? first : await session.workspace.readCurrent(article!);
      await session.save(article!, { text: savedText(k), baseHash: doc.disk.hash });
      process.stdout.write(`${k}\n`);
    }
  }
  if (mode === 'bulk') {
    const targets: Array<{ articleId: string; claimId: string }> = [];
    for (const id of session.workspace.ids()) for (const c of (await store.list(id)).claims) targets.push({ articleId: id, claimId: c.id });
    process.stdout.write('ready\n');
    for (let k = Number(rest[0]); ; k++) {
      const s = bulkStep(k);
      const r = await session.bulk.apply(targets, { status: s.status, verdictNote: s.note }, `crash ${k}`);
      process.stdout.write(`${k} ${r.batchId}\n`);
    }
  }
  if (mode === 'set-status') {
    try {
      await store.setStatus(article!, rest[0]!, rest[1] as ClaimStatus, 'from the writer');
      process.stdout.write(JSON.stringify({ ok: true }) + '\n');
    } catch (e) {
      process.stdout.write(JSON.stringify({ error: isFactDeskError(e) ? e.code : String(e), params: isFactDeskError(e) ? e.params : {} }) + '\n');
    }
    await session.close();
  }
}

main(process.argv.slice(2)).catch((e) => {
  process.stderr.write(String(e?.stack ?? e) + '\n');
  process.exit(3);
});
