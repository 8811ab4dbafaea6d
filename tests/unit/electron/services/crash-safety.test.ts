/**
 * Crash safety of the annotation store, with real processes and real files:
 * a writer process making status changes is killed with SIGKILL at random
 * moments, over and over; afterwards the sidecar (and its backup) must parse
 * and hold exactly the state before or after the change in flight. A full
 * disk (a small tmpfs) and a directory the writer may not write (a writer
 * running as `nobody`) must give translated errors and leave the old data.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ArticleAnnotations } from '../../../../shared/annotations.js';
import { createDispatcher } from '../../../../electron/services/dispatcher.js';
import { createHandlers } from '../../../../electron/services/handlers.js';
import { Session } from '../../../../electron/services/session.js';
import { textHash } from '../../../../shared/revisions/index.js';
import { bulkStep, savedText, stateAfter } from '../../../helpers/crash-steps.js';
import { errorCode } from '../../../helpers/error-code.js';
import { makeWorkspace, projectRoot, removeDir, tempDir } from '../../../helpers/temp-workspace.js';

/**
 * The writer, bundled once with its dependencies so each trial starts as plain
 * node (tsx would take a second a start) and so it runs from a folder any user
 * can read: the permission test starts it as `nobody`, who may not be able to
 * enter the checkout (CI clones into a private temporary folder).
 */
const writerDir = tempDir('factdesk-writer-');
const writerJs = join(writerDir, 'store-writer.mjs');

beforeAll(async () => {
  await fs.chmod(writerDir, 0o755);
  await build({
    entryPoints: [join(projectRoot, 'tests', 'helpers', 'store-writer.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: writerJs,
    logLevel: 'error',
    // CommonJS dependencies (proper-lockfile) call require() for Node built-ins.
    banner: { js: "import { createRequire as __factdeskRequire } from 'node:module'; const require = __factdeskRequire(import.meta.url);" },
  });
  await fs.chmod(writerJs, 0o644);
});
afterAll(async () => {
  await fs.rm(writerDir, { recursive: true, force: true });
});

/** An article with many figures, so a sidecar write takes a while and kills land inside it. */
function articleWithFigures(lines: number): string {
  return Array.from({ length: lines }, (_, i) => `第${i + 1}项工程完成投资${(i * 7.3 + 10).toFixed(1)}亿元,同比增长${(i % 40) + 0.5}%。`).join('\n') + '\n';
}

async function prepare(root: string, file: string): Promise<{ id: string; ids: string[] }> {
  const s = await Session.open(root, { author: 'setup' });
  try {
    const id = s.workspace.resolveArticle(file);
    await s.annotations.addDetected(id);
    const ids = (await s.annotations.list(id)).claims.map((c) => c.id).sort();
    return { id, ids };
  } finally {
    await s.close();
  }
}

interface Trial {
  acked: number[];
  /** What the writer said after each acknowledged step, past its number (`bulk`: the batch id). */
  said: string[];
  stderr: string;
}

/**
 * Runs the writer (`steps`: status changes; `saves`: saves of the text; `bulk`: bulk changes) from
 * step k0, kills it `delayMs` after it is ready (or after it acknowledged `afterAcks` steps).
 */
function killedWriter(root: string, id: string, k0: number, delayMs: number, mode: 'steps' | 'saves' | 'bulk' = 'steps', afterAcks = 0): Promise<Trial> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writerJs, mode, root, id, String(k0)], { cwd: projectRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let stderr = '';
    let armed = false;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      out += d;
      if (!armed && out.startsWith('ready\n') && out.split('\n').length - 2 >= afterAcks) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), delayMs);
      }
    });
    child.stderr.on('data', (d) => (stderr += String(d)));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended by itself (code ${code}): ${stderr}`));
      // Whole lines only: a line cut by the kill was not said.
      const lines = out.split('\n').slice(1, -1).filter((l) => /^\d+( |$)/.test(l));
      resolve({ acked: lines.map((l) => Number(l.split(' ')[0])), said: lines.map((l) => l.split(' ')[1] ?? ''), stderr });
    });
  });
}

function readState(file: string): ArticleAnnotations {
  const text = readFileSync(file, 'utf8');
  expect(text.length).toBeGreaterThan(0);
  return JSON.parse(text) as ArticleAnnotations;
}

function matches(data: ArticleAnnotations, m: number, ids: readonly string[]): boolean {
  const want = stateAfter(m, ids);
  return ids.every((cid) => data.claims[cid]?.status === want.get(cid)!.status && data.claims[cid]!.verdictNote === want.get(cid)!.note);
}

describe('crash safety: a writer killed at random moments', () => {
  it('leaves every sidecar whole, in the state before or after the change in flight (200 kills)', async () => {
    const trials = Number(process.env.CRASH_TRIALS ?? 200);
    // Two workspaces killed in turn, one writer per core.
    const lanes = await Promise.all(
      [0, 1].map(async () => {
        const root = await makeWorkspace({ 'figures.txt': articleWithFigures(150) });
        return { root, ...(await prepare(root, 'figures.txt')), steps: 0 };
      }),
    );
    expect(lanes[0]!.ids.length).toBeGreaterThanOrEqual(250);
    let midWrite = 0;
    let insideWrite = 0;
    let rng = 12345;
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    try {
      for (let t = 0; t < trials; t += lanes.length) {
        await Promise.all(
          lanes.map(async (lane) => {
            const file = join(lane.root, '.factdesk', 'articles', `${lane.id}.json`);
            // The lock of a killed writer would go stale after 30 s; the harness clears it instead of waiting.
            await fs.rm(join(lane.root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
            const { acked, stderr } = await killedWriter(lane.root, lane.id, lane.steps, Math.floor(random() * 60));
            expect(stderr).toBe('');
            const done = acked.length ? acked.at(-1)! + 1 : lane.steps;
            if (readdirSync(join(lane.root, '.factdesk', 'articles')).some((n) => n.endsWith('.tmp'))) insideWrite++;
            const data = readState(file);
            // The last good copy, once there, is always whole too.
            if (existsSync(`${file}.bak`)) expect(Object.keys(readState(`${file}.bak`).claims)).toHaveLength(lane.ids.length);
            else expect(lane.steps).toBe(0);
            if (matches(data, done, lane.ids)) lane.steps = done;
            else if (matches(data, done + 1, lane.ids)) {
              lane.steps = done + 1;
              midWrite++;
            } else throw new Error(`sidecar after ${done} acknowledged steps is neither the old nor the new state`);
          }),
        );
      }
      // Kills must have landed inside writes (a temp file left behind), not only between them.
      expect(insideWrite).toBeGreaterThan(0);
      console.log(`crash safety: ${trials} kills, ${insideWrite} inside a write, ${midWrite} after the rename but before it was reported`);
      expect(lanes.every((l) => l.steps > 0)).toBe(true);
      // A new session sweeps up what killed writers left behind and keeps going.
      const lane = lanes[0]!;
      await fs.rm(join(lane.root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
      const s = await Session.open(lane.root, { author: 'after' });
      try {
        expect(readdirSync(join(lane.root, '.factdesk', 'articles')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        const list = await s.annotations.list(lane.id);
        const want = stateAfter(lane.steps, lane.ids);
        expect(list.claims.every((c) => c.status === want.get(c.id)!.status)).toBe(true);
      } finally {
        await s.close();
      }
    } finally {
      await Promise.all(lanes.map((l) => removeDir(l.root)));
    }
  }, 300_000);
});

describe('crash safety: a writer killed at random moments while saving the text', () => {
  it('never loses an acknowledged save from the file or the history, never leaves a torn file (200 kills)', async () => {
    const trials = Number(process.env.CRASH_TRIALS ?? 200);
    const lanes = await Promise.all(
      [0, 1].map(async () => {
        const root = await makeWorkspace({ 'article.txt': savedText(0) });
        const { id } = await prepare(root, 'article.txt');
        return { root, id, next: 1, acked: [] as number[] };
      }),
    );
    let rng = 4242;
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    let inFlightLanded = 0;
    try {
      for (let t = 0; t < trials; t += lanes.length) {
        await Promise.all(
          lanes.map(async (lane) => {
            await fs.rm(join(lane.root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
            const { acked, stderr } = await killedWriter(lane.root, lane.id, lane.next, Math.floor(random() * 80), 'saves');
            expect(stderr).toBe('');
            lane.acked.push(...acked);
            const last = acked.length ? acked.at(-1)! : lane.next - 1;
            // The file is whole: the last acknowledged text, or the one in flight when the writer died.
            const file = readFileSync(join(lane.root, 'article.txt'), 'utf8');
            if (file === savedText(last + 1)) inFlightLanded++;
            else expect(file).toBe(savedText(last));
            lane.next = file === savedText(last + 1) ? last + 2 : last + 1;
          }),
        );
      }
      // A fresh session finds every acknowledged save in the history.
      for (const lane of lanes) {
        await fs.rm(join(lane.root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
        const s = await Session.open(lane.root, { author: 'after' });
        try {
          const hashes = new Set((await s.revisions.list(lane.id)).map((r) => r.hash));
          const lost = lane.acked.filter((k) => !hashes.has(textHash(savedText(k))));
          expect(lost).toEqual([]);
          expect(lane.acked.length).toBeGreaterThan(10);
          // The claims still parse and sit on the text in the file.
          const list = await s.annotations.list(lane.id);
          expect(list.claims.length + list.detached.length).toBeGreaterThan(100);
        } finally {
          await s.close();
        }
      }
      console.log(`crash safety (saves): ${trials} kills, ${lanes.reduce((n, l) => n + l.acked.length, 0)} acknowledged saves, ${inFlightLanded} in-flight saves reached the file`);
    } finally {
      await Promise.all(lanes.map((l) => removeDir(l.root)));
    }
  }, 300_000);
});

describe('crash safety: a writer killed at random moments during bulk changes', () => {
  it('leaves every claim old or new, never a change without its undo record, and undoes what was acknowledged (100 kills)', async () => {
    const trials = Math.ceil(Number(process.env.CRASH_TRIALS ?? 200) / 2);
    // Four articles: a bulk change is four sidecar writes, and kills land between them too.
    const files = Object.fromEntries([1, 2, 3, 4].map((n) => [`figures-${n}.txt`, articleWithFigures(150 + n)]));
    const root = await makeWorkspace(files);
    type State = { status: string; note: string };
    const claims: Array<{ articleId: string; claimId: string }> = [];
    const sidecar = (id: string) => join(root, '.factdesk', 'articles', `${id}.json`);
    const read = () => {
      const now = new Map<string, State>();
      for (const id of new Set(claims.map((c) => c.articleId))) {
        const data = readState(sidecar(id));
        for (const [cid, c] of Object.entries(data.claims)) now.set(cid, { status: c.status, note: c.verdictNote });
      }
      return now;
    };
    /** The batches the journal holds, newest first, as a fresh session reads them. */
    const journal = async () => {
      await fs.rm(join(root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
      const s = await Session.open(root, { author: 'check', readOnly: true });
      try {
        const recent = await s.bulk.recent();
        return await Promise.all(recent.map(async (b) => ({ id: b.id, summary: b.summary, claims: new Set((await s.bulk.targets(b.id)).map((t) => t.claimId)) })));
      } finally {
        await s.close();
      }
    };
    let rng = 777;
    const random = () => ((rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    try {
      {
        const s = await Session.open(root, { author: 'setup' });
        for (const id of s.workspace.ids()) {
          await s.annotations.addDetected(id);
          for (const c of (await s.annotations.list(id)).claims) claims.push({ articleId: id, claimId: c.id });
        }
        await s.close();
      }
      expect(claims.length).toBeGreaterThan(1000);
      let state = read();
      let next = 0;
      let lastAcked: { k: number; batch: string; before: Map<string, State> } | null = null;
      let partly = 0;
      let inFlightWhole = 0;
      let acknowledged = 0;
      for (let t = 0; t < trials; t++) {
        await fs.rm(join(root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
        // The last run is killed after two acknowledged changes, during the third: what the undo is tried on.
        const last = t === trials - 1;
        const { acked, said, stderr } = await killedWriter(root, '-', next, Math.floor(random() * (last ? 60 : 400)), 'bulk', last ? 2 : 0);
        expect(stderr).toBe('');
        acknowledged += acked.length;
        if (acked.length) {
          // Every claim had the state of the step before the last acknowledged one (or what was read before this run).
          const k = acked.at(-1)!;
          const before = acked.length > 1 ? new Map(claims.map((c) => [c.claimId, { status: bulkStep(k - 1).status, note: bulkStep(k - 1).note }])) : state;
          lastAcked = { k, batch: said.at(-1)!, before };
          state = new Map(claims.map((c) => [c.claimId, { status: bulkStep(k).status, note: bulkStep(k).note }]));
        }
        const inFlightStep = acked.length ? acked.at(-1)! + 1 : next;
        const inFlight = bulkStep(inFlightStep);
        const now = read();
        const changed: string[] = [];
        for (const { claimId } of claims) {
          const got = now.get(claimId)!;
          const old = state.get(claimId)!;
          if (got.status === old.status && got.note === old.note) continue;
          // Not the old state: then exactly the change in flight.
          expect(got).toEqual({ status: inFlight.status, note: inFlight.note });
          changed.push(claimId);
        }
        if (changed.length) {
          // A change in flight that reached the disk has its undo record: the newest batch of the journal names every claim it changed.
          const [newest] = await journal();
          expect(newest?.summary).toBe(`crash ${inFlightStep}`);
          expect(changed.filter((c) => !newest!.claims.has(c))).toEqual([]);
          if (changed.length < claims.length) partly++;
          else inFlightWhole++;
        }
        if (lastAcked && acked.length) expect((await journal()).some((b) => b.id === lastAcked!.batch)).toBe(true);
        state = now;
        // The next run goes on from the change in flight, or past it where it reached the disk: every
        // bulk change then changes every claim (no two steps in a row give the same status).
        next = changed.length ? inFlightStep + 1 : inFlightStep;
      }
      console.log(`crash safety (bulk): ${trials} kills, ${acknowledged} bulk changes acknowledged, ${partly} in-flight changes cut short between articles, ${inFlightWhole} written whole but not acknowledged`);
      expect(lastAcked).not.toBeNull();
      expect(partly).toBeGreaterThan(0);

      // A fresh session undoes the change cut short (if its batch is the newest) and then the last acknowledged one.
      await fs.rm(join(root, '.factdesk', 'writer.lock'), { recursive: true, force: true });
      const s = await Session.open(root, { author: 'after' });
      try {
        // The change cut short after it, if it reached the journal.
        const [newest] = await s.bulk.recent();
        if (newest!.id !== lastAcked!.batch) await s.bulk.undo(newest!.id);
        const atLast = read();
        for (const { claimId } of claims) expect(atLast.get(claimId)).toEqual({ status: bulkStep(lastAcked!.k).status, note: bulkStep(lastAcked!.k).note });
        const r = await s.bulk.undo(lastAcked!.batch);
        expect(r.changed).toBeGreaterThan(0);
        const back = read();
        for (const { claimId } of claims) expect(back.get(claimId)).toEqual(lastAcked!.before.get(claimId));
      } finally {
        await s.close();
      }
    } finally {
      await removeDir(root);
    }
  }, 300_000);
});

/** Mounts a tmpfs of `size` at a fresh folder; null where this machine does not allow it. */
function smallDisk(size: string): string | null {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return null;
  const dir = tempDir('factdesk-tmpfs-');
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  if (r.status !== 0) {
    removeDir(dir).catch(() => {});
    return null;
  }
  return dir;
}

const canMount = (() => {
  const d = smallDisk('64k');
  if (!d) return false;
  spawnSync('umount', [d]);
  removeDir(d).catch(() => {});
  return true;
})();

describe('a full disk and a folder FactDesk may not write', () => {
  it.skipIf(!canMount)('a status change on a full disk says so and leaves the old data', async () => {
    const disk = smallDisk('2m')!;
    try {
      const root = join(disk, 'ws');
      mkdirSync(root);
      await fs.writeFile(join(root, 'a.txt'), articleWithFigures(40));
      const s = await Session.open(root, { author: 'alice' });
      try {
        const id = s.workspace.resolveArticle('a.txt');
        await s.annotations.addDetected(id);
        const claim = (await s.annotations.list(id)).claims[0]!;
        const file = join(root, '.factdesk', 'articles', `${id}.json`);
        const before = readFileSync(file);
        // Fill the disk to the last byte.
        const filler = await fs.open(join(disk, 'filler'), 'w');
        try {
          for (;;) await filler.write(Buffer.alloc(64 * 1024, 1));
        } catch (e) {
          expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
        }
        for (;;) {
          try {
            await filler.write(Buffer.alloc(1, 1));
          } catch {
            break;
          }
        }
        await filler.close();
        await expect(s.annotations.setStatus(id, claim.id, 'verified', '核实')).rejects.toMatchObject({ code: 'disk-full' });
        expect(readFileSync(file).equals(before)).toBe(true);
        expect(readdirSync(join(root, '.factdesk', 'articles')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
        // What the app shows is what is on disk.
        expect((await s.annotations.claim(id, claim.id)).status).toBe('unchecked');
        // A revision cannot be recorded either, and the revision file is left whole.
        const doc = await s.workspace.readCurrent(id);
        const longer = doc.text + '新增一段,投资8.8亿元。'.repeat(800) + '\n';
        expect(await errorCode(s.annotations.takeIn({ id, doc: { ...doc, text: longer }, source: 'save' }))).toBe('disk-full');
        expect((await s.revisions.list(id)).map((r) => r.n)).toEqual([1]);
        const revisionLines = readFileSync(join(root, '.factdesk', 'revisions', `${id}.jsonl`), 'utf8').split('\n');
        expect(revisionLines.at(-1)).toBe('');
        expect(revisionLines.slice(0, -1).map((l) => JSON.parse(l).n)).toEqual([1]);
        await fs.rm(join(disk, 'filler'));
        expect((await s.annotations.setStatus(id, claim.id, 'verified', '核实')).status).toBe('verified');
        expect(readState(file).claims[claim.id]!.status).toBe('verified');
      } finally {
        await s.close();
      }
    } finally {
      spawnSync('umount', [disk]);
      await removeDir(disk);
    }
  }, 60_000);

  it.skipIf(!canMount)('unsaved edits that cannot be kept on a full disk are named by their article, not the draft file', async () => {
    const disk = smallDisk('1m')!;
    const root = join(disk, 'ws');
    mkdirSync(root);
    await fs.writeFile(join(root, '郴州招商.txt'), '正文\n');
    const s = await Session.open(root, { author: 'alice' });
    try {
      const dispatch = createDispatcher(createHandlers({ host: 'browser', session: () => s }));
      const id = s.workspace.resolveArticle('郴州招商.txt');
      const doc = await s.workspace.readCurrent(id);
      const filler = await fs.open(join(disk, 'filler'), 'w');
      await filler.write(Buffer.alloc(2 * 1024 * 1024, 1)).catch(() => {});
      await filler.close();
      const put = dispatch('drafts.put', { articleId: id, text: '未保存的修改'.repeat(20_000), baseHash: doc.disk.hash });
      await expect(put).rejects.toMatchObject({ code: 'disk-full', params: { name: '郴州招商.txt' } });
    } finally {
      await s.close();
      spawnSync('umount', [disk]);
      await removeDir(disk);
    }
  }, 60_000);

  const runsAsRoot = process.platform === 'linux' && process.getuid?.() === 0;
  it.skipIf(!runsAsRoot)('a writer not allowed to write the sidecar folder gets permission-denied, old data intact', async () => {
    const root = await makeWorkspace({ 'a.txt': articleWithFigures(20) });
    try {
      const { id, ids } = await prepare(root, 'a.txt');
      const articles = join(root, '.factdesk', 'articles');
      const file = join(articles, `${id}.json`);
      const before = readFileSync(file);
      // The writer runs as `nobody`: the workspace is its own except the sidecar folder.
      const nobody = 65534;
      const chownTree = (p: string): void => {
        chownSync(p, nobody, nobody);
        if (existsSync(p) && readdirSync(p, { withFileTypes: true }).length) {
          for (const e of readdirSync(p, { withFileTypes: true })) {
            if (e.isDirectory()) chownTree(join(p, e.name));
            else chownSync(join(p, e.name), nobody, nobody);
          }
        }
      };
      chownTree(root);
      chownSync(articles, 0, 0);
      await fs.chmod(articles, 0o755);
      for (const n of readdirSync(articles)) chownSync(join(articles, n), 0, 0);
      const r = spawnSync(process.execPath, [writerJs, 'set-status', root, id, ids[0]!, 'verified'], { cwd: writerDir, uid: nobody, gid: nobody, encoding: 'utf8' });
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toMatchObject({ error: 'permission-denied', params: { name: `${id}.json` } });
      expect(readFileSync(file).equals(before)).toBe(true);
    } finally {
      await removeDir(root);
    }
  }, 60_000);
});
