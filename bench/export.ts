/**
 * `npm run bench export`: publishing speed on real files — one article's
 * fact-check report (target ≤ 200 ms), and a 500-article workspace exported
 * the way `factdesk export --all` does it: a Web Annotation file per article
 * plus the workspace report in HTML, with progress (target ≤ 30 s).
 * Articles are the fixture texts with their figures redrawn, every figure a
 * claim, a third of them verified with a source.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Publisher } from '../electron/services/publisher.js';
import { Session } from '../electron/services/session.js';
import { medianMs, seededRandom, type BenchSuite } from './suite.js';

const sharedDir = process.env.FACTDESK_SHARED ?? '/work/shared';
const fixtures = ['seed-chenzhou.txt', 'zh-county-tjgb-2015.txt', 'en-abs-trade-dec2019.txt'].map((n) => readFileSync(join(sharedDir, 'fixtures', 'claims', n), 'utf8'));

async function workspace(articles: number): Promise<{ root: string; session: Session }> {
  const root = await fs.mkdtemp(join(os.tmpdir(), 'factdesk-bench-export-'));
  const rnd = seededRandom(11);
  for (let i = 0; i < articles; i++) {
    const text = fixtures[i % fixtures.length]!.replace(/[0-9]/g, (d) => (rnd() < 0.2 ? String(Math.floor(rnd() * 10)) : d));
    await fs.writeFile(join(root, `article-${String(i).padStart(3, '0')}.txt`), text);
  }
  const session = await Session.open(root, { author: 'bench' });
  for (const id of session.workspace.ids()) {
    const { added } = await session.annotations.addDetected(id);
    const targets = added.filter((_, k) => k % 3 === 0).map((c) => ({ articleId: id, claimId: c.id }));
    if (targets.length) await session.bulk.apply(targets, { status: 'verified', addSource: { title: '统计公报', url: 'https://stats.example.gov/', publisher: '', accessed: '2024-01-02', quote: '', note: '' } }, 'bench');
  }
  return { root, session };
}

export const exportSuite: BenchSuite = {
  name: 'export',
  async run() {
    const { root, session } = await workspace(500);
    try {
      const publisher = new Publisher(session);
      const ids = session.workspace.ids();
      const claims = (await Promise.all(ids.map((id) => session.annotations.list(id)))).reduce((n, l) => n + l.claims.length, 0);
      const seedId = session.workspace.resolveArticle('article-000.txt');
      const singleReportMs = await medianMs(() => publisher.exportArticle(seedId, { format: 'report-html', language: 'zh-CN' }), 7, 2);

      let progressEvents = 0;
      const t0 = performance.now();
      for (const id of ids) {
        await publisher.exportArticle(id, { format: 'web-annotation', language: 'zh-CN' });
        progressEvents++;
      }
      const annotationsMs = performance.now() - t0;
      const report = await publisher.workspaceReport({ format: 'report-html', language: 'zh-CN' }, () => progressEvents++);
      const totalMs = performance.now() - t0;
      return {
        articles: ids.length,
        claims,
        singleArticleReport: { ms: singleReportMs, targetMs: 200, met: singleReportMs <= 200 },
        workspace500: {
          webAnnotationFilesMs: Math.round(annotationsMs),
          workspaceReportMs: Math.round(totalMs - annotationsMs),
          totalMs: Math.round(totalMs),
          reportBytes: Buffer.byteLength(report.data),
          progressEvents,
          targetMs: 30_000,
          met: totalMs <= 30_000,
        },
      };
    } finally {
      await session.close();
      await fs.rm(root, { recursive: true, force: true });
    }
  },
};
