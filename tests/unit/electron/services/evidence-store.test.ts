/**
 * The evidence store against a real web site on loopback and real files:
 * a page is fetched once and opens again after the site is gone; hostile
 * sites (huge, slow, looping, lying about their type) are refused with a
 * typed error and leave nothing behind; a copy changed on disk is reported,
 * never served.
 */
import { promises as fs, readdirSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EvidenceStore } from '../../../../electron/services/evidence-store.js';
import { Session } from '../../../../electron/services/session.js';
import { errorCode } from '../../../helpers/error-code.js';
import { startSourceSite, statsPage, tinyPdf, type SourceSite } from '../../../helpers/source-site.js';
import { makeWorkspace, removeDir } from '../../../helpers/temp-workspace.js';

describe('evidence store', () => {
  let root: string;
  let session: Session;
  let site: SourceSite;
  let store: EvidenceStore;
  /** Every file under .factdesk/evidence, temp files included. */
  const kept = () => {
    try {
      return readdirSync(join(root, '.factdesk', 'evidence')).sort();
    } catch {
      return [];
    }
  };

  beforeEach(async () => {
    root = await makeWorkspace({ 'a.txt': '增长5.2%\n' });
    session = await Session.open(root, { author: 'alice' });
    site = await startSourceSite();
    // Small limits so the hostile cases are quick; the defaults are 20 MiB, 30 s, 5 redirects.
    store = new EvidenceStore(session.workspace, { maxBytes: 256 * 1024, timeoutMs: 1500, maxRedirects: 3 });
  });
  afterEach(async () => {
    await site.close();
    await session.close();
    await removeDir(root);
  });

  it('fetches a page once and opens the kept copy after the site has gone', async () => {
    const { ref, title } = await store.keepUrl(`${site.origin}/moved`);
    expect(title).toBe('郴州经开区2022年工作总结');
    expect(ref).toMatchObject({ origin: 'url', name: `${site.origin}/moved`, finalUrl: `${site.origin}/stats.html`, mediaType: 'text/html; charset=utf-8', size: Buffer.byteLength(statsPage) });
    expect(ref.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(Date.now() - Date.parse(ref.accessedAt)).toBeLessThan(60_000);
    expect(kept()).toEqual([`${ref.hash}.html`]);
    await site.close();
    const copy = await store.read(ref.hash);
    expect(copy.bytes.toString('utf8')).toBe(statsPage);
    expect(copy.kind.mediaType).toBe('text/html');
    expect(await store.info(ref.hash)).toEqual({ hash: ref.hash, size: ref.size, mediaType: 'text/html', intact: true });
  });

  it('reads a GBK page’s title and keeps the charset it was served with', async () => {
    const { ref, title } = await store.keepUrl(`${site.origin}/gbk.html`);
    expect(title).toBe('统计公报');
    expect(ref.mediaType).toBe('text/html; charset=gbk');
    expect(iconv.decode((await store.read(ref.hash)).bytes, 'gbk')).toContain('增长190.6%');
  });

  it('keeps the same bytes once, however often they are attached', async () => {
    const a = await store.keepFile('报告.pdf', tinyPdf);
    const b = await store.keepFile('copy of 报告.pdf', tinyPdf);
    const c = await store.keepUrl(`${site.origin}/report.pdf`);
    expect(new Set([a.hash, b.hash, c.ref.hash]).size).toBe(1);
    expect(kept()).toEqual([`${a.hash}.pdf`]);
    expect(a).toMatchObject({ origin: 'file', name: '报告.pdf', mediaType: 'application/pdf', size: tinyPdf.length });
  });

  it('refuses hostile sites with a typed error and keeps nothing', async () => {
    const cases: Array<[string, string]> = [
      ['/huge-declared', 'evidence-too-large'],
      ['/huge-streamed', 'evidence-too-large'],
      ['/loop', 'evidence-redirects'],
      ['/program.exe', 'evidence-unsupported-type'],
      ['/liar.pdf', 'evidence-unsupported-type'],
      ['/gone', 'evidence-fetch-failed'],
    ];
    for (const [path, code] of cases) expect([path, await errorCode(store.keepUrl(site.origin + path))]).toEqual([path, code]);
    expect(site.hits.get('/loop')).toBe(4); // the first request and three redirects, then it stops
    const started = Date.now();
    expect(await errorCode(store.keepUrl(`${site.origin}/slow`))).toBe('evidence-timeout');
    expect(Date.now() - started).toBeLessThan(5000);
    // A closed port: nothing listens there any more.
    const closed = site.origin;
    await site.close();
    expect(await errorCode(store.keepUrl(`${closed}/stats.html`))).toBe('evidence-fetch-failed');
    expect(kept()).toEqual([]);
  });

  it('refuses a local file that is too large, of a kind it does not keep, or not what its name says', async () => {
    expect(await errorCode(store.keepFile('big.pdf', Buffer.concat([tinyPdf, Buffer.alloc(256 * 1024)])))).toBe('evidence-too-large');
    expect(await errorCode(store.keepFile('setup.exe', Buffer.from('MZ')))).toBe('evidence-unsupported-type');
    expect(await errorCode(store.keepFile('table.xlsx', Buffer.from('not a zip')))).toBe('evidence-unsupported-type');
    expect(await errorCode(store.keepFile('photo.png', tinyPdf))).toBe('evidence-unsupported-type');
    expect(kept()).toEqual([]);
    // The limit FactDesk itself uses, said in the error: 20 MiB.
    const real = new EvidenceStore(session.workspace);
    const e = await real.keepFile('scan.pdf', Buffer.concat([tinyPdf, Buffer.alloc(20 * 1024 * 1024)])).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'evidence-too-large', params: { name: 'scan.pdf', max: 20 * 1024 * 1024 } });
  });

  it('reports a copy changed on disk instead of serving it, and attaching again repairs it', async () => {
    const ref = await store.keepFile('table.csv', Buffer.from('地区,投资额\n郴州,305.7亿元\n'));
    const path = join(root, '.factdesk', 'evidence', `${ref.hash}.csv`);
    await fs.writeFile(path, '地区,投资额\n郴州,999亿元\n');
    expect(await errorCode(store.read(ref.hash))).toBe('evidence-damaged');
    expect(await store.info(ref.hash)).toMatchObject({ intact: false });
    await store.keepFile('table.csv', Buffer.from('地区,投资额\n郴州,305.7亿元\n'));
    expect((await store.read(ref.hash)).bytes.toString()).toContain('305.7亿元');
    expect(await errorCode(store.read('0'.repeat(64)))).toBe('evidence-missing');
  });

  it('follows no link planted in .factdesk/evidence', async () => {
    const outside = await makeWorkspace({ 'secret.csv': 'a,b\n' });
    try {
      await fs.mkdir(join(root, '.factdesk'), { recursive: true });
      await fs.symlink(outside, join(root, '.factdesk', 'evidence'));
      expect(await errorCode(store.keepFile('t.csv', Buffer.from('x,y\n')))).toBe('store-link');
      expect(readdirSync(outside)).toEqual(['secret.csv']);
    } finally {
      await removeDir(outside);
    }
  });
});
