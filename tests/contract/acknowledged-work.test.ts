/**
 * Never lose acknowledged work: each way an outside probe of browser mode
 * lost saves or reached outside the workspace, replayed against the real
 * HTTP host with real files. Once a save is acknowledged its text is in the
 * file and in the history; bytes FactDesk could not read are kept before
 * they are replaced; links never lead a read or a write outside; damage to
 * FactDesk's own files is repaired without losing the last change, and said.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, promises as fs, readFileSync, readdirSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Claim, ClaimList, RevisionInfo } from '../../shared/annotations.js';
import type { FactDeskError } from '../../shared/errors.js';
import type { ArticleDocument, ArticleSummary, SaveResult, TrashEntry, WorkspaceNotice } from '../../shared/model.js';
import { httpHost, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, teamShared, tempDir } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');
const sha256 = (b: Uint8Array | string) => createHash('sha256').update(b).digest('hex');

let host: (HostUnderTest & { host: { origin: string; token: string } }) | null = null;
const roots: string[] = [];

async function open(files: Record<string, string | Uint8Array>): Promise<{ root: string; h: NonNullable<typeof host> }> {
  const root = await makeWorkspace(files);
  roots.push(root);
  host = await httpHost(root);
  return { root, h: host };
}

afterEach(async () => {
  await host?.close();
  host = null;
  await Promise.all(roots.splice(0).map(removeDir));
});

async function errorOf(p: Promise<unknown>): Promise<FactDeskError | null> {
  try {
    await p;
    return null;
  } catch (e) {
    return e as FactDeskError;
  }
}

const list = async (h: HostUnderTest) => (await h.call('articles.list')) as ArticleSummary[];
const idOf = async (h: HostUnderTest, path: string) => (await list(h)).find((a) => a.path === path)!.id;
const read = async (h: HostUnderTest, id: string) => (await h.call('articles.read', { id })) as ArticleDocument;
const revisionTexts = async (h: HostUnderTest, id: string): Promise<string[]> => {
  const revs = (await h.call('revisions.list', { articleId: id })) as RevisionInfo[];
  return Promise.all(revs.map(async (r) => ((await h.call('revisions.text', { articleId: id, revision: r.n })) as { text: string }).text));
};
const notices = async (h: HostUnderTest) => (await h.call('workspace.notices')) as WorkspaceNotice[];

describe('1. saves from the same base', () => {
  it('of two saves from one base exactly one wins, the other is told the file changed (30 trials)', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    for (let t = 0; t < 30; t++) {
      const base = await read(h, id);
      const texts = [`${base.text}\n甲${t}`, `${base.text}\n乙${t}`];
      const results = await Promise.allSettled(texts.map((text) => h.call('articles.write', { id, text, baseHash: base.disk.hash })));
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((lost.reason as FactDeskError).code).toBe('changed-on-disk');
      expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe(texts[won[0]!]);
      expect((await revisionTexts(h, id)).at(-1)).toBe(texts[won[0]!]);
    }
  }, 60_000);

  it('four clients saving in turn never lose an acknowledged save from the file or the history', async () => {
    const { root, h } = await open({ 'a.txt': '起始\n' });
    const id = await idOf(h, 'a.txt');
    const acknowledged: string[] = [];
    const deadline = Date.now() + 4000;
    const client = async (name: string) => {
      for (let k = 0; Date.now() < deadline && k < 400; k++) {
        const doc = await read(h, id);
        const text = `${doc.text}${name}${k}\n`;
        try {
          const saved = (await h.call('articles.write', { id, text, baseHash: doc.disk.hash })) as SaveResult;
          expect(saved.text).toBe(text);
          acknowledged.push(text);
        } catch (e) {
          expect((e as FactDeskError).code).toBe('changed-on-disk');
        }
      }
    };
    await Promise.all(['甲', '乙', '丙', '丁'].map(client));
    expect(acknowledged.length).toBeGreaterThan(20);
    const history = new Set(await revisionTexts(h, id));
    const missing = acknowledged.filter((t) => !history.has(t));
    expect(missing).toEqual([]);
    // Each save built on the one before: the file holds every acknowledged line.
    const file = readFileSync(join(root, 'a.txt'), 'utf8');
    for (const t of acknowledged) expect(file.startsWith(t)).toBe(true);
  }, 60_000);

  it('saving the very text already on disk again (a retry) is not a conflict', async () => {
    const { h } = await open({ 'a.txt': '一\n' });
    const id = await idOf(h, 'a.txt');
    const base = await read(h, id);
    await h.call('articles.write', { id, text: '二\n', baseHash: base.disk.hash });
    const again = (await h.call('articles.write', { id, text: '二\n', baseHash: base.disk.hash })) as SaveResult;
    expect(again.text).toBe('二\n');
  });
});

describe('2. bytes FactDesk could not read', () => {
  const binary = readFileSync(join(teamShared, 'fixtures', 'encodings', 'binary.bin'));
  const invalidUtf8 = readFileSync(join(teamShared, 'fixtures', 'encodings', 'invalid-utf8.txt'));
  // UTF-16 without a BOM: NUL bytes, so FactDesk refuses to read it.
  const utf16NoBom = Buffer.from('出口增长5.2%\n', 'utf16le');

  it('"keep mine" over an unreadable outside edit keeps those bytes in the trash first and says so', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const base = await read(h, id);
    await fs.writeFile(join(root, 'a.txt'), utf16NoBom);
    expect((await errorOf(h.call('articles.write', { id, text: '我的版本\n', baseHash: base.disk.hash })))?.code).toBe('changed-on-disk');
    const saved = (await h.call('articles.write', { id, text: '我的版本\n', baseHash: base.disk.hash, overwrite: true })) as SaveResult;
    expect(saved.kept?.reason).toBe('replaced');
    const trash = (await h.call('trash.list')) as TrashEntry[];
    const entry = trash.find((t) => t.trashId === saved.kept!.trashId)!;
    expect(entry).toMatchObject({ path: 'a.txt', reason: 'replaced' });
    const keptFile = readdirSync(join(root, '.factdesk', 'trash', entry.trashId));
    expect(readFileSync(join(root, '.factdesk', 'trash', entry.trashId, keptFile[0]!)).equals(utf16NoBom)).toBe(true);
    expect((await notices(h)).map((n) => n.code)).toContain('bytes-kept');
    // Restored, the bytes come back beside the article under a free name; the article keeps the new text.
    await h.call('trash.restore', { trashId: entry.trashId });
    expect(readFileSync(join(root, 'a (kept).txt')).equals(utf16NoBom)).toBe(true);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('我的版本\n');
  });

  for (const [name, bytes] of [
    ['binary', binary],
    ['invalid UTF-8', invalidUtf8],
    ['Latin-1', Buffer.from('Caf\xe9 cr\xe8me, r\xe9sum\xe9 \xa9 2024 \xbd\n', 'latin1')],
    ['NUL bytes', Buffer.from('正文\u0000正文\n', 'utf8')],
  ] as const) {
    it(`a save carrying the correct hash of a refused ${name} file keeps its bytes before replacing them`, async () => {
      const { root, h } = await open({ 'a.txt': '可读\n' });
      const id = await idOf(h, 'a.txt');
      await read(h, id);
      await fs.writeFile(join(root, 'a.txt'), bytes);
      expect(['binary-file', 'invalid-encoding']).toContain((await errorOf(read(h, id)))?.code);
      const saved = (await h.call('articles.write', { id, text: '新正文\n', baseHash: sha256(bytes) })) as SaveResult;
      expect(saved.kept).toBeDefined();
      const dir = join(root, '.factdesk', 'trash', saved.kept!.trashId);
      expect(readFileSync(join(dir, readdirSync(dir)[0]!)).equals(bytes)).toBe(true);
    });
  }

  it('"overwrite" over a refused binary file keeps it in the trash too', async () => {
    const { root, h } = await open({ 'a.txt': '可读\n' });
    const id = await idOf(h, 'a.txt');
    const base = await read(h, id);
    await fs.writeFile(join(root, 'a.txt'), binary);
    const saved = (await h.call('articles.write', { id, text: '新\n', baseHash: base.disk.hash, overwrite: true })) as SaveResult;
    const dir = join(root, '.factdesk', 'trash', saved.kept!.trashId);
    expect(readFileSync(join(dir, readdirSync(dir)[0]!)).equals(binary)).toBe(true);
  });

  it('a save over the size limit writes nothing and the article still opens', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const base = await read(h, id);
    // 7 million Chinese characters: 21 MB in UTF-8, over the 20 MiB limit, under the request cap.
    const huge = '增'.repeat(7_000_000);
    expect((await errorOf(h.call('articles.write', { id, text: huge, baseHash: base.disk.hash })))?.code).toBe('file-too-large');
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe(seedText);
    expect((await read(h, id)).text).toBe(seedText);
  }, 60_000);

  it('a lone surrogate is refused with a clear error instead of being saved as U+FFFD', async () => {
    const { root, h } = await open({ 'a.txt': '一\n' });
    const id = await idOf(h, 'a.txt');
    const base = await read(h, id);
    const e = await errorOf(h.call('articles.write', { id, text: '坏\ud800字\n', baseHash: base.disk.hash }));
    expect(e?.code).toBe('invalid-text');
    expect(e?.params.at).toBe(2);
    expect(readFileSync(join(root, 'a.txt'), 'utf8')).toBe('一\n');
  });
});

describe('3. links', () => {
  it('an article swapped between a file and a link to an outside file never reads the outside file', async () => {
    const outside = tempDir('factdesk-outside-');
    roots.push(outside);
    await fs.writeFile(join(outside, 'secret.txt'), '机密:外部文件\n');
    const { root, h } = await open({ 'a.txt': '正文\n' });
    const id = await idOf(h, 'a.txt');
    // Another process swaps the name between the real file and a link to the outside file, as fast as it can.
    const swapper = spawn(
      process.execPath,
      [
        '-e',
        `const fs=require('fs');const p=${JSON.stringify(join(root, 'a.txt'))};const o=${JSON.stringify(join(outside, 'secret.txt'))};
         const d=${JSON.stringify(root)};const end=Date.now()+6000;
         while(Date.now()<end){try{fs.symlinkSync(o,d+'/.l');fs.renameSync(d+'/.l',p);fs.writeFileSync(d+'/.r','正文\\n');fs.renameSync(d+'/.r',p);}catch{}}
         fs.writeFileSync(d+'/.r','正文\\n');fs.renameSync(d+'/.r',p);`,
      ],
      { stdio: 'ignore' },
    );
    const done = new Promise((r) => swapper.on('exit', r));
    const texts = new Set<string>();
    let reads = 0;
    while (swapper.exitCode === null && reads < 700) {
      const doc = await read(h, id).catch(() => null);
      reads++;
      if (doc) texts.add(doc.text);
    }
    await done;
    expect(reads).toBeGreaterThan(50);
    expect([...texts].every((t) => !t.includes('机密'))).toBe(true);
    expect((await revisionTexts(h, id)).every((t) => !t.includes('机密'))).toBe(true);
  }, 60_000);

  it('links planted in .factdesk/ are moved aside and never written through, and said', async () => {
    const outside = tempDir('factdesk-outside-');
    roots.push(outside);
    const root = await makeWorkspace({ 'a.txt': '正文\n', 'b.txt': '另一篇\n' });
    roots.push(root);
    // First a normal session, so the articles have ids and revision files.
    let first = await httpHost(root);
    const id = await idOf(first, 'a.txt');
    await first.close();
    await fs.writeFile(join(outside, 'victim.jsonl'), 'outside\n');
    await fs.rm(join(root, '.factdesk', 'revisions', `${id}.jsonl`));
    symlinkSync(join(outside, 'victim.jsonl'), join(root, '.factdesk', 'revisions', `${id}.jsonl`));
    await fs.rm(join(root, '.factdesk', 'trash'), { recursive: true, force: true });
    symlinkSync(outside, join(root, '.factdesk', 'trash'));
    first = await httpHost(root);
    host = first;
    const h = first;
    const doc = await read(h, id);
    await h.call('articles.write', { id, text: '改过的正文\n', baseHash: doc.disk.hash });
    await h.call('articles.delete', { id: await idOf(h, 'b.txt') });
    expect(readFileSync(join(outside, 'victim.jsonl'), 'utf8')).toBe('outside\n');
    expect(readdirSync(outside).sort()).toEqual(['victim.jsonl']);
    expect(lstatSync(join(root, '.factdesk', 'trash')).isDirectory()).toBe(true);
    expect(readdirSync(join(root, '.factdesk', 'trash'))).toHaveLength(1);
    const codes = (await notices(h)).filter((n) => n.code === 'link-refused').map((n) => n.params.name);
    expect(codes.sort()).toEqual([`.factdesk/revisions/${id}.jsonl`, '.factdesk/trash']);
  }, 30_000);

  it('a link planted in .factdesk/ while the workspace is open is refused, not followed', async () => {
    const outside = tempDir('factdesk-outside-');
    roots.push(outside);
    const { root, h } = await open({ 'a.txt': '正文\n', 'b.txt': '另一篇\n' });
    const id = await idOf(h, 'a.txt');
    await fs.writeFile(join(outside, 'victim.jsonl'), 'outside\n');
    // A link to outside in place of the revision file, and of the trash.
    const revs = join(root, '.factdesk', 'revisions', `${id}.jsonl`);
    const history = readFileSync(revs);
    await fs.rm(revs);
    symlinkSync(join(outside, 'victim.jsonl'), revs);
    await fs.mkdir(join(root, '.factdesk', 'trash'), { recursive: true });
    await fs.rm(join(root, '.factdesk', 'trash'), { recursive: true });
    symlinkSync(outside, join(root, '.factdesk', 'trash'));
    host!.session.revisions.forget();
    const doc = await read(h, id).catch(() => null);
    const e = await errorOf(h.call('articles.write', { id, text: '改\n', baseHash: doc?.disk.hash ?? sha256('正文\n') }));
    expect(e?.code).toBe('store-link');
    expect((await errorOf(h.call('articles.delete', { id: await idOf(h, 'b.txt') })))?.code).toBe('store-link');
    expect(readFileSync(join(outside, 'victim.jsonl'), 'utf8')).toBe('outside\n');
    expect(readdirSync(outside)).toEqual(['victim.jsonl']);
    expect(existsSync(join(root, 'b.txt'))).toBe(true);
    expect(history.length).toBeGreaterThan(0);
  });

  it('saving an article that is a link to another article writes through to it and keeps the link', async () => {
    const { root, h } = await open({ 'real.txt': '原文\n' });
    symlinkSync('real.txt', join(root, 'alias.txt'));
    const id = await idOf(h, 'alias.txt');
    const doc = await read(h, id);
    await h.call('articles.write', { id, text: '经由链接保存\n', baseHash: doc.disk.hash });
    expect(lstatSync(join(root, 'alias.txt')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(root, 'alias.txt'))).toBe('real.txt');
    expect(readFileSync(join(root, 'real.txt'), 'utf8')).toBe('经由链接保存\n');
  });
});

describe('4. damage to FactDesk’s own files', () => {
  const addClaimAndVerify = async (h: HostUnderTest, id: string): Promise<Claim> => {
    const doc = await read(h, id);
    const start = doc.text.indexOf('305.7亿元');
    const c = (await h.call('claims.add', { articleId: id, start, end: start + '305.7亿元'.length })) as Claim;
    return (await h.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'verified', verdictNote: '已核' })) as Claim;
  };

  it('a truncated sidecar comes back with the last acknowledged change, and the user is told', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const c = await addClaimAndVerify(h, id);
    await h.close();
    host = null;
    const file = join(root, '.factdesk', 'articles', `${id}.json`);
    await fs.truncate(file, 40);
    host = await httpHost(root);
    const claims = (await host.call('claims.list', { articleId: id })) as ClaimList;
    expect(claims.claims.find((x) => x.id === c.id)).toMatchObject({ status: 'verified', verdictNote: '已核' });
    expect((await notices(host)).map((n) => n.code)).toContain('store-recovered');
  });

  it('a truncated workspace.json is recovered out loud', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    await h.close();
    host = null;
    await fs.truncate(join(root, '.factdesk', 'workspace.json'), 10);
    host = await httpHost(root);
    expect(await idOf(host, 'a.txt')).toBe(id);
    expect((await notices(host)).find((n) => n.code === 'store-recovered')?.params.file).toBe('workspace.json');
  });

  it('with workspace.json and its copy both damaged, the index is rebuilt from the sidecars: same ids, every claim kept', async () => {
    const { root, h } = await open({ 'a.txt': seedText, 'sub/b.md': '# 标题\n投资12亿元。\n' });
    const a = await idOf(h, 'a.txt');
    const b = await idOf(h, 'sub/b.md');
    const c = await addClaimAndVerify(h, a);
    await h.call('articles.setWorkflow', { id: a, workflow: 'in-review' });
    await h.close();
    host = null;
    await fs.writeFile(join(root, '.factdesk', 'workspace.json'), '{"version":1,"artic');
    await fs.writeFile(join(root, '.factdesk', 'workspace.json.bak'), 'garbage');
    host = await httpHost(root);
    const articles = await list(host);
    expect(articles.find((x) => x.path === 'a.txt')).toMatchObject({ id: a, workflow: 'in-review', claimCount: 1 });
    expect(articles.find((x) => x.path === 'sub/b.md')?.id).toBe(b);
    const claims = (await host.call('claims.list', { articleId: a })) as ClaimList;
    expect(claims.claims.map((x) => [x.id, x.status])).toEqual([[c.id, 'verified']]);
    expect((await host.call('revisions.list', { articleId: a })) as RevisionInfo[]).not.toHaveLength(0);
    expect((await notices(host)).map((n) => n.code)).toEqual(expect.arrayContaining(['store-recovered-empty', 'index-rebuilt']));
  });

  it('a .factdesk/ deleted while running is re-created from memory, with a notice; nothing answers 500', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const c = await addClaimAndVerify(h, id);
    await fs.rm(join(root, '.factdesk'), { recursive: true, force: true });
    const changed = (await h.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'disputed', verdictNote: '存疑' })) as Claim;
    expect(changed.status).toBe('disputed');
    expect(((await h.call('claims.list', { articleId: id })) as ClaimList).claims).toHaveLength(1);
    const doc = await read(h, id);
    await h.call('articles.write', { id, text: doc.text + '\n补充一句。', baseHash: doc.disk.hash });
    expect((await notices(h)).map((n) => n.code)).toContain('meta-recreated');
    expect(existsSync(join(root, '.factdesk', 'workspace.json'))).toBe(true);
    // What was re-created is on disk: a fresh session sees the claim, its status and the history.
    await h.close();
    host = await httpHost(root);
    expect(((await host.call('claims.list', { articleId: id })) as ClaimList).claims[0]).toMatchObject({ id: c.id, status: 'disputed' });
    expect((await revisionTexts(host, id)).at(-1)).toBe(doc.text + '\n补充一句。');
  });

  it('sidecar and revision folders deleted while running are written back from memory on the next change', async () => {
    const { root, h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const c = await addClaimAndVerify(h, id);
    const before = await revisionTexts(h, id);
    await fs.rm(join(root, '.factdesk', 'articles'), { recursive: true });
    await fs.rm(join(root, '.factdesk', 'revisions'), { recursive: true });
    await h.call('claims.setStatus', { articleId: id, claimId: c.id, status: 'false' });
    const doc = await read(h, id);
    await h.call('articles.write', { id, text: doc.text + '\n又一句。', baseHash: doc.disk.hash });
    await h.close();
    host = await httpHost(root);
    expect(((await host.call('claims.list', { articleId: id })) as ClaimList).claims[0]?.status).toBe('false');
    expect(await revisionTexts(host, id)).toEqual([...before, doc.text + '\n又一句。']);
  });
});

describe('5. names and small errors', () => {
  it('a 78-character Chinese name (238 bytes) can be created and saved', async () => {
    const { root, h } = await open({});
    const name = '郴'.repeat(78) + '.txt';
    expect(Buffer.byteLength(name)).toBeGreaterThan(225);
    const a = (await h.call('articles.create', { name, text: '初稿\n' })) as ArticleSummary;
    const doc = await read(h, a.id);
    await h.call('articles.write', { id: a.id, text: '定稿\n', baseHash: doc.disk.hash });
    expect(readFileSync(join(root, name), 'utf8')).toBe('定稿\n');
  });

  it('a name over 255 bytes is refused as a bad name (400), without an absolute path', async () => {
    const { root, h } = await open({});
    const res = await fetch(`${h.host.origin}/rpc/articles.create`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.host.token}` },
      body: JSON.stringify({ name: '长'.repeat(90) + '.txt' }),
    });
    expect(res.status).toBe(400);
    const body = await res.text();
    expect(JSON.parse(body).error.code).toBe('invalid-name');
    expect(body).not.toContain(root);
  });

  it('GET /% is a 400, not a 500', async () => {
    const { h } = await open({});
    const res = await fetch(`${h.host.origin}/%`);
    expect(res.status).toBe(400);
  });

  it('relations.add with an expression that cannot be read is a 400 invalid-relation', async () => {
    const { h } = await open({ 'a.txt': seedText });
    const id = await idOf(h, 'a.txt');
    const res = await fetch(`${h.host.origin}/rpc/relations.add`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.host.token}` },
      body: JSON.stringify({ articleId: id, expression: 'A + + ≤', claimIds: [] }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('invalid-relation');
  });

  it('a file whose name is not UTF-8, and a 25 MB file, are left out of the list with a notice each', async () => {
    const { root, h } = await open({ 'a.txt': '一\n' });
    await fs.writeFile(Buffer.concat([Buffer.from(root + '/'), Buffer.from([0xb9, 0xfa, 0x2e, 0x74, 0x78, 0x74])]), '国\n');
    const big = await fs.open(join(root, 'big.txt'), 'w');
    await big.truncate(25 * 1024 * 1024);
    await big.close();
    const paths = (await list(h)).map((a) => a.path);
    expect(paths).toEqual(['a.txt']);
    const ns = await notices(h);
    expect(ns.filter((n) => n.code === 'file-skipped-name')).toHaveLength(1);
    expect(ns.find((n) => n.code === 'file-skipped-size')?.params).toMatchObject({ name: 'big.txt', size: 25 * 1024 * 1024 });
    // Said once, however often the list is refreshed.
    await list(h);
    expect((await notices(h)).length).toBe(ns.length);
  });

  it('a second window is told when the article it shows was saved elsewhere', async () => {
    const { h } = await open({ 'a.txt': '一\n' });
    const id = await idOf(h, 'a.txt');
    const seen: unknown[] = [];
    h.bus.on((event, payload) => {
      if (event === 'article.saved') seen.push(payload);
    });
    const doc = await read(h, id);
    await h.call('articles.write', { id, text: '二\n', baseHash: doc.disk.hash });
    expect(seen).toEqual([{ id, textHash: expect.any(String), revision: 2 }]);
  });
});
