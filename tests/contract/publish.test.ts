/**
 * Publishing through the contract, with real files, the real store and real
 * Chromium for the PDF: the gate (and its override) on every publication
 * copy and on a manual move to published, the publication record, the
 * correction note after a change, the workspace report, and a Web
 * Annotation round trip into a fresh copy of the workspace.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Claim, ClaimList } from '../../shared/annotations.js';
import type { FactDeskError } from '../../shared/errors.js';
import type { PublicationRecord, PublicationState } from '../../shared/export/index.js';
import type { ArticleDocument, ArticleSummary, ExportedFile } from '../../shared/model.js';
import { dispatcherHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, projectRoot, removeDir, teamShared, tempDir } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

let root: string;
let h: HostUnderTest;
let id: string;
const dirs: string[] = [];

beforeEach(async () => {
  root = await makeWorkspace({ '郴州.txt': seedText });
  h = await dispatcherHost(root);
  id = ((await h.call('articles.list')) as ArticleSummary[])[0]!.id;
  await h.call('claims.addDetected', { articleId: id });
});
afterEach(async () => {
  await h.close();
  await removeDir(root);
  await Promise.all(dirs.splice(0).map(removeDir));
});

const claims = async () => ((await h.call('claims.list', { articleId: id })) as ClaimList).claims;
const exportAs = (format: string, extra: Record<string, unknown> = {}) =>
  h.call('export.article', { articleId: id, format, language: 'zh-CN', ...extra }) as Promise<{ file: ExportedFile; record?: PublicationRecord }>;
const state = () => h.call('export.state', { articleId: id }) as Promise<PublicationState>;
const bytes = (f: ExportedFile) => (f.encoding === 'base64' ? Buffer.from(f.data, 'base64') : Buffer.from(f.data, 'utf8'));
async function errorOf(p: Promise<unknown>): Promise<FactDeskError | null> {
  return p.then(
    () => null,
    (e: FactDeskError) => e,
  );
}
async function verifyAll(): Promise<void> {
  const targets = (await claims()).map((c) => ({ articleId: id, claimId: c.id }));
  await h.call('claims.bulk', { targets, status: 'verified' });
}

describe('the publication gate', () => {
  it('refuses a publication copy while claims are unchecked, and records nothing', async () => {
    const e = await errorOf(exportAs('md'));
    expect(e?.code).toBe('publication-blocked');
    expect(Number(e?.params.count)).toBe((await claims()).length);
    const s = await state();
    expect(s.gate.decision).toBe('blocked');
    expect(s.gate.blocking[0]).toMatchObject({ status: 'unchecked', quote: expect.any(String), start: expect.any(Number) });
    expect(s.publications).toEqual([]);
    // Reports and review copies are not publication: no gate.
    expect((await exportAs('report-html')).record).toBeUndefined();
    expect((await exportAs('docx-review')).file.filename).toBe('郴州.review.docx');
  });

  it('lets an editor through with a written reason, which goes into the audit log and the report', async () => {
    expect((await errorOf(exportAs('txt', { overrideReason: '   ' })))?.code).toBe('override-reason-required');
    const { file, record } = await exportAs('txt', { overrideReason: '突发新闻,核查随后补齐' });
    expect(bytes(file).toString('utf8')).toBe(seedText);
    expect(record).toMatchObject({ format: 'txt', fileHash: createHash('sha256').update(bytes(file)).digest('hex'), override: { reason: '突发新闻,核查随后补齐' } });
    expect(record!.override!.claimIds.length).toBe((await claims()).length);
    const audit = (await h.call('articles.audit', { id })) as AuditEntry[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['gate.override', 'publication', 'workflow']));
    const report = JSON.parse((await exportAs('json')).file.data) as { articles: Array<{ overrides: Array<{ reason: string }>; publications: unknown[] }> };
    expect(report.articles[0]!.overrides[0]!.reason).toBe('突发新闻,核查随后补齐');
    expect(report.articles[0]!.publications).toHaveLength(1);
  });

  it('holds a manual move to published the same way', async () => {
    expect((await errorOf(h.call('articles.setWorkflow', { id, workflow: 'published' })))?.code).toBe('publication-blocked');
    expect(((await h.call('articles.list')) as ArticleSummary[])[0]!.workflow).toBe('draft');
    const moved = (await h.call('articles.setWorkflow', { id, workflow: 'published', overrideReason: '总编批准' })) as ArticleSummary;
    expect(moved.workflow).toBe('published');
    await h.call('articles.setWorkflow', { id, workflow: 'in-review' });
    await verifyAll();
    expect(((await h.call('articles.setWorkflow', { id, workflow: 'published' })) as ArticleSummary).workflow).toBe('published');
  });
});

describe('publication record and corrections', () => {
  it('records what was published, and asks for a correction once the published article changes', async () => {
    await verifyAll();
    const first = await exportAs('html', { withCitations: true });
    expect(first.record).toMatchObject({ revision: 1, format: 'html', by: h.session.author });
    expect(first.file.data).toContain('<p>');
    expect(first.file.data).not.toContain('<script');
    expect(((await h.call('articles.list')) as ArticleSummary[])[0]!.workflow).toBe('published');

    // An edit changes a verified figure after publication.
    const doc = (await h.call('articles.read', { id })) as ArticleDocument;
    await h.call('articles.write', { id, text: doc.text.replace('305.7亿元', '306.1亿元'), baseHash: doc.disk.hash });
    const s = await state();
    expect(s.changedSincePublication).toBe(true);
    expect(s.diff).not.toBeNull();
    expect(s.changedClaims).toEqual([expect.objectContaining({ oldQuote: '305.7亿元', newQuote: '306.1亿元', status: 'needs-recheck' })]);
    // What the banner asks: the same answer without the diff and the list of blocking claims.
    const brief = (await h.call('export.state', { articleId: id, brief: true })) as PublicationState;
    expect(brief).toMatchObject({ changedSincePublication: true, diff: null, changedClaims: s.changedClaims, gate: { decision: s.gate.decision, blocking: [] } });
    expect(s.gate.blocking.length).toBeGreaterThan(0);

    await verifyAll();
    expect((await errorOf(exportAs('md')))?.code).toBe('correction-required');
    const second = await exportAs('md', { correction: '原文305.7亿元有误,应为306.1亿元。' });
    expect(second.file.data).toContain('306.1亿元');
    expect(second.file.data).toMatch(/更正（\d{4}-\d{2}-\d{2}）：原文305\.7亿元有误/);
    expect(second.record).toMatchObject({ revision: 2, correction: { text: '原文305.7亿元有误,应为306.1亿元。' } });
    const after = await state();
    expect(after.publications.map((p) => p.revision)).toEqual([1, 2]);
    expect(after.changedSincePublication).toBe(false);
    const report = (await exportAs('report-html')).file.data;
    expect(report).toContain('原文305.7亿元有误');
  });
});

describe('formats', () => {
  it('writes DOCX whose text reads back as the article, and a PDF report through Chromium', async () => {
    await verifyAll();
    const docx = await exportAs('docx');
    const text = (await mammoth.extractRawText({ buffer: bytes(docx.file) })).value;
    const squash = (s: string) => s.replace(/\s+/g, '');
    expect(squash(text)).toBe(squash(seedText));
    const pdf = await exportAs('report-pdf');
    expect(bytes(pdf.file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  }, 60_000);

  it('a workspace report covers every article, with progress', async () => {
    await h.call('articles.create', { name: 'en/trade.md', text: '# Trade\nExports rose 5.2 per cent to $1.2 billion.\n' });
    const progress: number[] = [];
    h.bus.on((event, p) => {
      if (event === 'export.progress') progress.push((p as { done: number }).done);
    });
    const csv = (await h.call('export.workspaceReport', { format: 'csv', language: 'en', jobId: 'job1' })) as ExportedFile;
    expect(csv.data.startsWith('\ufeff')).toBe(true);
    expect(csv.data).toContain('305.7亿元');
    expect(progress).toEqual([1, 2]);
  });
});

describe('Web Annotation round trip', () => {
  it('restores every claim, status, source and comment on the same words in a fresh copy of the workspace', async () => {
    const [a, b] = await claims();
    await h.call('claims.setStatus', { articleId: id, claimId: a!.id, status: 'verified', verdictNote: '与公报一致' });
    await h.call('claims.addSource', { articleId: id, claimId: a!.id, source: { title: '郴州市统计公报', url: 'https://tjj.czs.gov.cn/' } });
    await h.call('claims.addComment', { articleId: id, claimId: b!.id, text: '请再核对一次' });
    const before = await claims();
    const jsonld = (await exportAs('web-annotation')).file.data;

    const fresh = await makeWorkspace({ '郴州.txt': seedText });
    dirs.push(fresh);
    const other = await dispatcherHost(fresh);
    try {
      const otherId = ((await other.call('articles.list')) as ArticleSummary[])[0]!.id;
      const r = (await other.call('export.import', { articleId: otherId, json: jsonld })) as { attached: number; detached: number };
      expect(r).toEqual({ attached: before.length, detached: 0, skipped: 0 });
      const after = ((await other.call('claims.list', { articleId: otherId })) as ClaimList).claims;
      const pick = (c: Claim) => ({ quote: c.anchor.quote, start: c.anchor.start, status: c.status, verdict: c.verdictNote, sources: c.sources.map((s) => s.title), comments: c.comments.map((m) => m.text) });
      expect(after.map(pick)).toEqual(before.map(pick));
    } finally {
      await other.close();
    }
  });

  it('what cannot be placed arrives detached, never dropped', async () => {
    const jsonld = (await exportAs('web-annotation')).file.data;
    const n = (await claims()).length;
    const fresh = await makeWorkspace({ '郴州.txt': '全新的一段文字,没有任何原来的数字。\n' });
    dirs.push(fresh);
    const other = await dispatcherHost(fresh);
    try {
      const otherId = ((await other.call('articles.list')) as ArticleSummary[])[0]!.id;
      const r = (await other.call('export.import', { articleId: otherId, json: jsonld })) as { attached: number; detached: number };
      expect(r.detached).toBe(n);
      expect(((await other.call('claims.list', { articleId: otherId })) as ClaimList).detached).toHaveLength(n);
    } finally {
      await other.close();
    }
  });
});

describe('the CLI', () => {
  const cli = join(projectRoot, 'dist', 'electron', 'cli.mjs');
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8' } });

  it('exits 3 with the blocking claims on stderr, and exports once they are verified', async () => {
    await h.close();
    const out = tempDir('factdesk-out-');
    dirs.push(out);
    const refused = run('export', root, '郴州.txt', '--format', 'md', '--out', join(out, 'a.md'));
    expect(refused.status).toBe(3);
    expect(refused.stderr).toContain('305.7亿元');
    expect(existsSync(join(out, 'a.md'))).toBe(false);
    h = await dispatcherHost(root);
    await verifyAll();
    await h.close();
    const ok = run('export', root, '郴州.txt', '--format', 'md', '--out', join(out, 'a.md'));
    expect(ok.stderr).toContain('published revision 1');
    expect(ok.status).toBe(0);
    expect(readFileSync(join(out, 'a.md'), 'utf8')).toBe(seedText);
    const all = run('export', root, '--all', '--format', 'web-annotation', '--out', join(out, 'all'));
    expect(all.status).toBe(0);
    expect(all.stderr).toContain('[1/1] 郴州.txt');
    expect(readdirSync(join(out, 'all')).sort()).toEqual(['郴州.annotations.jsonld', `${root.split('/').at(-1)}.report.html`].sort());
    const fresh = await makeWorkspace({ 'copy.txt': seedText });
    dirs.push(fresh);
    const imported = run('import', fresh, 'copy.txt', join(out, 'all', '郴州.annotations.jsonld'));
    expect(imported.stdout).toMatch(/Imported \d+ claims: \d+ on their words, 0 detached/);
    h = await dispatcherHost(root);
    await fs.access(join(out, 'a.md'));
  }, 60_000);
});
