/**
 * `npm run bench store`: the annotation and revision stores on real files —
 * how long a durable status change takes on an article with 2,000 claims,
 * and how much disk 1,000 revisions of a 50 KB article take, each changing
 * one sentence. Articles are built at run time from the fixture texts
 * (../shared/fixtures/claims) with their figures varied.
 */
import { promises as fs, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { ClaimStatus } from '../shared/annotations.js';
import { utf8Length } from '../shared/revisions/index.js';
import { BulkReview } from '../electron/services/bulk-review.js';
import { RevisionStore } from '../electron/services/revision-store.js';
import { Session } from '../electron/services/session.js';
import { medianMs, type BenchSuite } from './suite.js';

const sharedDir = process.env.FACTDESK_SHARED ?? '/work/shared';

/** Deterministic PRNG (mulberry32): every run measures the same inputs. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Chinese sentences of the fixture articles. */
function fixtureSentences(): string[] {
  const dir = join(sharedDir, 'fixtures', 'claims');
  const out = new Set<string>();
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.txt') && n.startsWith('zh-') || n === 'seed-chenzhou.txt')) {
    for (const s of readFileSync(join(dir, name), 'utf8').match(/[^。;!?\n]+[。;!?]/g) ?? []) if (s.trim().length >= 8) out.add(s.trim());
  }
  return [...out];
}

const redrawDigits = (s: string, rnd: () => number) => s.replace(/[0-9]/g, () => String(Math.floor(rnd() * 10)));

async function durableStatusChange(): Promise<Record<string, unknown>> {
  const root = await fs.mkdtemp(join(os.tmpdir(), 'factdesk-bench-store-'));
  try {
    const lines = Array.from({ length: 1000 }, (_, i) => `第${i + 1}项:完成投资${(i * 3.7 + 12).toFixed(1)}亿元,同比增长${(i % 37) + 0.4}%。`);
    await fs.writeFile(join(root, 'figures.txt'), lines.join('\n') + '\n');
    const session = await Session.open(root, { author: 'bench' });
    try {
      const id = session.workspace.resolveArticle('figures.txt');
      await session.annotations.addDetected(id);
      const ids = (await session.annotations.list(id)).claims.map((c) => c.id);
      const statuses: ClaimStatus[] = ['in-progress', 'verified', 'disputed', 'unverifiable'];
      let k = 0;
      const change = () => session.annotations.setStatus(id, ids[k % ids.length]!, statuses[k++ % statuses.length]!, `核查记录 ${k}`);
      const median = await medianMs(change, 41, 5);
      const times: number[] = [];
      for (let i = 0; i < 41; i++) {
        const t0 = performance.now();
        await change();
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const p90 = +times[Math.floor(times.length * 0.9)]!.toFixed(3);
      const sidecarBytes = (await fs.stat(join(root, '.factdesk', 'articles', `${id}.json`))).size;
      // Re-anchoring every claim after a save that shifts them all (informational).
      const doc = await session.workspace.readCurrent(id);
      const t0 = performance.now();
      const { doc: saved } = await session.workspace.write(id, '导语:前三季度各项工程进展顺利。\n' + doc.text, doc.disk.hash);
      await session.notifyTextChange({ id, doc: saved, source: 'save' });
      const saveMs = +(performance.now() - t0).toFixed(1);
      const moved = (await session.annotations.list(id)).claims.every((c) => saved.text.slice(c.anchor.start, c.anchor.end) === c.anchor.quote);
      return {
        claims: ids.length,
        sidecarBytes,
        medianMs: median,
        p90Ms: p90,
        targetMs: 20,
        met: ids.length >= 2000 && median <= 20,
        saveShiftingAllClaimsMs: saveMs,
        allClaimsStillOnTheirWords: moved,
      };
    } finally {
      await session.close();
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

async function revisionStorage(): Promise<Record<string, unknown>> {
  const rnd = seeded(20240611);
  const pool = fixtureSentences();
  const paragraphs: string[][] = [];
  let bytes = 0;
  while (bytes < 50 * 1024) {
    const p = Array.from({ length: 3 + Math.floor(rnd() * 4) }, () => redrawDigits(pool[Math.floor(rnd() * pool.length)]!, rnd));
    paragraphs.push(p);
    bytes += utf8Length(p.join('')) + 1;
  }
  const text = () => paragraphs.map((p) => p.join('')).join('\n') + '\n';
  const dir = await fs.mkdtemp(join(os.tmpdir(), 'factdesk-bench-rev-'));
  try {
    const store = new RevisionStore(dir, false);
    const id = 'bench0000000001';
    const texts: string[] = [text()];
    await store.record(id, { text: texts[0]!, source: 'first-seen', author: null });
    const times: number[] = [];
    for (let n = 2; n <= 1000; n++) {
      const p = paragraphs[Math.floor(rnd() * paragraphs.length)]!;
      p[Math.floor(rnd() * p.length)] = redrawDigits(pool[Math.floor(rnd() * pool.length)]!, rnd);
      const t = text();
      texts.push(t);
      const t0 = performance.now();
      await store.record(id, { text: t, source: 'save', author: '编辑甲', diskHash: 'f'.repeat(64) });
      times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    const fileBytes = (await fs.stat(join(dir, `${id}.jsonl`))).size;
    const lines = readFileSync(join(dir, `${id}.jsonl`), 'utf8').trimEnd().split('\n');
    const snapshots = lines.filter((l) => l.includes('"kind":"snapshot"')).length;
    // Reading back from a fresh store (another session): the worst case rebuilds from a snapshot through the longest patch run.
    const reader = new RevisionStore(dir, true);
    const t0 = performance.now();
    await reader.list(id);
    const loadMs = +(performance.now() - t0).toFixed(1);
    let worst = 0;
    let exact = true;
    for (const n of [1, 99, 500, 999, 1000]) {
      const t1 = performance.now();
      exact &&= (await reader.text(id, n)) === texts[n - 1];
      worst = Math.max(worst, performance.now() - t1);
    }
    return {
      revisions: lines.length,
      articleBytes: utf8Length(texts[0]!),
      fileBytes,
      targetBytes: 2 * 1024 * 1024,
      met: lines.length === 1000 && fileBytes <= 2 * 1024 * 1024 && exact,
      snapshots,
      recordMedianMs: +times[Math.floor(times.length / 2)]!.toFixed(2),
      loadHistoryMs: loadMs,
      readRevisionWorstMs: +worst.toFixed(1),
      rebuiltExactly: exact,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Bulk review (issue 13): one status for 10,000 claims spread over five
 * articles, durable when acknowledged (one sidecar write per article, an audit
 * entry per claim, the batch journal), with progress; then its undo.
 */
async function bulkStatus(): Promise<Record<string, unknown>> {
  const root = await fs.mkdtemp(join(os.tmpdir(), 'factdesk-bench-bulk-'));
  try {
    for (let a = 0; a < 5; a++) {
      const lines = Array.from({ length: 1000 }, (_, i) => `第${a + 1}区第${i + 1}项:完成投资${(i * 3.7 + 12 + a).toFixed(1)}亿元,同比增长${(i % 37) + 0.4}%。`);
      await fs.writeFile(join(root, `area-${a}.txt`), lines.join('\n') + '\n');
    }
    const session = await Session.open(root, { author: 'bench' });
    try {
      const targets: Array<{ articleId: string; claimId: string }> = [];
      for (const id of session.workspace.ids()) {
        await session.annotations.addDetected(id);
        for (const c of (await session.annotations.list(id)).claims) targets.push({ articleId: id, claimId: c.id });
      }
      const batch = targets.slice(0, 10_000);
      let progress = 0;
      const bulk = new BulkReview(session.workspace, session.annotations, () => progress++);
      const t0 = performance.now();
      const r = await bulk.apply(batch, { status: 'verified' }, 'bench');
      const applyMs = +(performance.now() - t0).toFixed(1);
      const t1 = performance.now();
      const u = await bulk.undo(r.batchId);
      const undoMs = +(performance.now() - t1).toFixed(1);
      return { claims: batch.length, changed: r.changed, progressEvents: progress, applyMs, undoMs, undone: u.changed, targetMs: 2000, met: batch.length === 10_000 && r.changed === 10_000 && applyMs <= 2000 };
    } finally {
      await session.close();
    }
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

export const storeSuite: BenchSuite = {
  name: 'store',
  async run() {
    return {
      statusChangeWith2000Claims: await durableStatusChange(),
      revisionStorage1000x50KB: await revisionStorage(),
      bulkStatus10000: await bulkStatus(),
    };
  },
};
