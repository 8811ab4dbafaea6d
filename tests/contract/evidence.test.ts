/**
 * Evidence kept with a claim, through the contract on every host: a page
 * fetched from a loopback site the test starts (and then stops), a local
 * file attached to claims in two articles and stored once, the audit log and
 * the board's search naming it, typed errors that keep nothing; and, over
 * browser mode's HTTP host, the kept copy served with its guards.
 */
import { promises as fs, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry, Claim } from '../../shared/annotations.js';
import type { BoardPage } from '../../shared/board.js';
import type { EvidenceInfo } from '../../shared/evidence.js';
import type { ArticleSummary } from '../../shared/model.js';
import { errorCode } from '../helpers/error-code.js';
import { allHosts, httpHost, type HostUnderTest } from '../helpers/hosts.js';
import { startSourceSite, statsPage, tinyPdf, type SourceSite } from '../helpers/source-site.js';
import { makeWorkspace, removeDir } from '../helpers/temp-workspace.js';

const text = '全年新签约引进项目45个,项目总投资305.7亿元。\n';

async function setUp(call: (m: string, i?: unknown) => Promise<unknown>) {
  const articles = (await call('articles.list')) as ArticleSummary[];
  const claimOn = async (path: string, quote: string) => {
    const id = articles.find((a) => a.path === path)!.id;
    const start = text.indexOf(quote);
    const claim = (await call('claims.add', { articleId: id, start, end: start + quote.length })) as Claim;
    return { articleId: id, claimId: claim.id };
  };
  return { a: await claimOn('a.txt', '305.7亿元'), b: await claimOn('b.txt', '45个') };
}

const evidenceFiles = (root: string) => {
  try {
    return readdirSync(join(root, '.factdesk', 'evidence')).sort();
  } catch {
    return [];
  }
};

for (const makeHost of allHosts) {
  describe(`evidence over ${makeHost.name.replace('Host', '')}`, () => {
    let root: string;
    let host: HostUnderTest;
    let site: SourceSite;
    const call = <T,>(method: string, input: unknown = {}) => host.call(method, input) as Promise<T>;

    beforeEach(async () => {
      process.env.FACTDESK_AUTHOR = 'checker';
      root = await makeWorkspace({ 'a.txt': text, 'b.txt': text });
      host = await makeHost(root);
      site = await startSourceSite();
    });
    afterEach(async () => {
      delete process.env.FACTDESK_AUTHOR;
      await site.close();
      await host.close();
      await removeDir(root);
    });

    it('keeps a fetched page with the claim: passage, locator, audit entry, board search; it stays after the site is gone', async () => {
      const { a } = await setUp(host.call);
      const url = `${site.origin}/stats.html`;
      const claim = await call<Claim>('evidence.attachUrl', { ...a, url, quote: '项目总投资305.7亿元', locator: '第2段' });
      const source = claim.sources.at(-1)!;
      expect(source).toMatchObject({ title: '郴州经开区2022年工作总结', url, quote: '项目总投资305.7亿元', locator: '第2段', addedBy: 'checker' });
      expect(source.evidence).toMatchObject({ origin: 'url', name: url, size: Buffer.byteLength(statsPage), mediaType: 'text/html; charset=utf-8' });
      expect(source.accessed).toBe(source.evidence!.accessedAt.slice(0, 10));
      expect(site.hits.get('/stats.html')).toBe(1);

      const audit = await call<AuditEntry[]>('articles.audit', { id: a.articleId });
      expect(audit.at(-1)).toMatchObject({ action: 'source.added', claimId: a.claimId, by: 'checker', after: url });
      for (const words of ['第2段', '127.0.0.1', '工作总结']) {
        const page = await call<BoardPage>('board.query', { text: words });
        expect([words, page.rows.map((r) => r.claimId)]).toEqual([words, [a.claimId]]);
      }

      await site.close();
      expect(await call<EvidenceInfo>('evidence.info', { hash: source.evidence!.hash })).toEqual({
        hash: source.evidence!.hash,
        size: source.evidence!.size,
        mediaType: 'text/html',
        intact: true,
      });
      // Listed again from the sidecar, the source still names its copy.
      const again = await call<{ claims: Claim[] }>('claims.list', { articleId: a.articleId });
      expect(again.claims[0]!.sources[0]!.evidence!.hash).toBe(source.evidence!.hash);
    });

    it('stores a file cited by claims in two articles once', async () => {
      const { a, b } = await setUp(host.call);
      const data = tinyPdf.toString('base64');
      const one = await call<Claim>('evidence.attachFile', { ...a, name: '郴州统计公报2022.pdf', data, locator: 'p. 3' });
      const two = await call<Claim>('evidence.attachFile', { ...b, name: 'bulletin.pdf', data });
      const [e1, e2] = [one.sources[0]!.evidence!, two.sources[0]!.evidence!];
      expect(e1.hash).toBe(e2.hash);
      expect(e1).toMatchObject({ origin: 'file', name: '郴州统计公报2022.pdf', mediaType: 'application/pdf', size: tinyPdf.length });
      expect(one.sources[0]).toMatchObject({ title: '郴州统计公报2022.pdf', url: '', locator: 'p. 3' });
      expect(evidenceFiles(root)).toEqual([`${e1.hash}.pdf`]);
      expect((await call<AuditEntry[]>('articles.audit', { id: b.articleId })).at(-1)).toMatchObject({ action: 'source.added', after: 'bulletin.pdf' });
      // The checker can still correct the passage and the page later; the kept copy stays as it was.
      const edited = await call<Claim>('claims.updateSource', { ...a, sourceId: one.sources[0]!.id, source: { locator: 'p. 4' } });
      expect(edited.sources[0]).toMatchObject({ locator: 'p. 4', evidence: e1 });
    });

    it('says what went wrong, translated, and keeps nothing', async () => {
      const { a } = await setUp(host.call);
      expect(await errorCode(call('evidence.attachUrl', { ...a, url: `${site.origin}/loop` }))).toBe('evidence-redirects');
      expect(await errorCode(call('evidence.attachUrl', { ...a, url: `${site.origin}/program.exe` }))).toBe('evidence-unsupported-type');
      expect(await errorCode(call('evidence.attachUrl', { ...a, url: `${site.origin}/huge-declared` }))).toBe('evidence-too-large');
      expect(await errorCode(call('evidence.attachUrl', { ...a, url: `${site.origin}/gone` }))).toBe('evidence-fetch-failed');
      expect(await errorCode(call('evidence.attachUrl', { ...a, url: 'file:///etc/passwd' }))).toBe('invalid-input');
      expect(await errorCode(call('evidence.attachFile', { ...a, name: 'x.exe', data: Buffer.from('MZ').toString('base64') }))).toBe('evidence-unsupported-type');
      expect(await errorCode(call('evidence.attachUrl', { articleId: a.articleId, claimId: 'c000000000000', url: `${site.origin}/stats.html` }))).toBe('claim-not-found');
      expect(site.hits.get('/stats.html')).toBeUndefined();
      expect(evidenceFiles(root)).toEqual([]);
      expect((await call<{ claims: Claim[] }>('claims.list', { articleId: a.articleId })).claims[0]!.sources).toEqual([]);
    });
  });
}

describe('kept copies served by browser mode', () => {
  let root: string;
  let host: Awaited<ReturnType<typeof httpHost>>;
  let site: SourceSite;

  beforeEach(async () => {
    root = await makeWorkspace({ 'a.txt': text, 'b.txt': text });
    host = await httpHost(root);
    site = await startSourceSite();
  });
  afterEach(async () => {
    await site.close();
    await host.close();
    await removeDir(root);
  });

  it('serves the copy by hash with the token, no script and no sniffing; refuses strangers and a tampered copy', async () => {
    const { a } = await setUp(host.call);
    const claim = (await host.call('evidence.attachUrl', { ...a, url: `${site.origin}/stats.html` })) as Claim;
    const { hash } = claim.sources[0]!.evidence!;
    await site.close();
    const at = `${host.host.origin}/evidence/${hash}`;

    const res = await fetch(`${at}?token=${host.host.token}&charset=utf-8`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(statsPage);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toMatch(/^sandbox;.*default-src 'none'/);
    expect(res.headers.get('content-security-policy')).not.toMatch(/script-src|allow-scripts/);
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');

    expect((await fetch(at)).status).toBe(401);
    expect((await fetch(`${at}?token=wrong`)).status).toBe(401);
    expect((await fetch(`${at}?token=${host.host.token}`, { headers: { 'Sec-Fetch-Site': 'cross-site' } })).status).toBe(403);
    expect((await fetch(`${host.host.origin}/evidence/${'0'.repeat(64)}?token=${host.host.token}`)).status).toBe(404);

    const pdf = (await host.call('evidence.attachFile', { ...a, name: 'r.pdf', data: tinyPdf.toString('base64') })) as Claim;
    const pdfRes = await fetch(`${host.host.origin}/evidence/${pdf.sources[1]!.evidence!.hash}?token=${host.host.token}`);
    expect(pdfRes.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await pdfRes.arrayBuffer())).toEqual(tinyPdf);

    await fs.writeFile(join(root, '.factdesk', 'evidence', `${hash}.html`), statsPage.replace('305.7亿元', '999亿元'));
    const tampered = await fetch(`${at}?token=${host.host.token}`);
    expect(tampered.status).toBe(409);
    const body = await tampered.text();
    expect(body).not.toContain('999亿元');
    expect(JSON.parse(body)).toMatchObject({ ok: false, error: { code: 'evidence-damaged' } });
    expect(await host.call('evidence.info', { hash })).toMatchObject({ intact: false });
  });

  it('refuses a local file over 20 MiB sent through the 32 MiB request cap with the evidence limit, not a validation error', async () => {
    const { a } = await setUp(host.call);
    const big = Buffer.concat([tinyPdf, Buffer.alloc(20 * 1024 * 1024 + 1 - tinyPdf.length)]);
    const e = await host.call('evidence.attachFile', { ...a, name: 'scan.pdf', data: big.toString('base64') }).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'evidence-too-large', params: { name: 'scan.pdf', size: big.length, max: 20 * 1024 * 1024 } });
    expect(evidenceFiles(root)).toEqual([]);
  });
});
