/**
 * One contract suite, run against the dispatcher, the HTTP host and the IPC
 * binding: the renderer must see the same behaviour whichever host it runs in.
 */
import { existsSync, promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FactDeskError } from '../../shared/errors.js';
import type { ArticleDocument, ArticleSummary, TrashEntry } from '../../shared/model.js';
import { allHosts, type HostUnderTest } from '../helpers/hosts.js';
import { makeWorkspace, removeDir, teamShared, tempDir } from '../helpers/temp-workspace.js';

const seedText = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

async function errorCode(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return 'resolved';
  } catch (e) {
    return (e as FactDeskError).code ?? String(e);
  }
}

for (const makeHost of allHosts) {
  describe(`contract over ${makeHost.name.replace('Host', '')}`, () => {
    let root: string;
    let host: HostUnderTest;
    const list = async () => (await host.call('articles.list')) as ArticleSummary[];
    const idOf = async (path: string) => (await list()).find((a) => a.path === path)!.id;

    beforeEach(async () => {
      root = await makeWorkspace({
        '郴州经开区招商纪实.txt': seedText,
        'gbk.txt': readFileSync(join(teamShared, 'fixtures', 'encodings', 'seed-gbk.txt')),
        'en/trade.md': '# Trade\nExports rose 5.2 per cent to $1.2 billion.\n',
      });
      host = await makeHost(root);
    });
    afterEach(async () => {
      await host.close();
      await removeDir(root);
    });

    it('reports the app and the workspace', async () => {
      expect(await host.call('app.info')).toMatchObject({ version: expect.stringMatching(/^\d+\.\d+\.\d+/) });
      expect(await host.call('workspace.info')).toMatchObject({ root, readOnly: false });
    });

    it('lists articles with title, path and status', async () => {
      const articles = await list();
      expect(articles.map((a) => a.path)).toEqual(expect.arrayContaining(['郴州经开区招商纪实.txt', 'gbk.txt', 'en/trade.md']));
      expect(articles.find((a) => a.path === 'en/trade.md')).toMatchObject({ title: 'Trade', workflow: 'draft', missing: false, format: 'md' });
    });

    it('reads Chinese text from UTF-8 and GBK files alike', async () => {
      const utf8 = (await host.call('articles.read', { id: await idOf('郴州经开区招商纪实.txt') })) as ArticleDocument;
      expect(utf8.text).toBe(seedText);
      expect(utf8.encoding).toBe('utf-8');
      const gbk = (await host.call('articles.read', { id: await idOf('gbk.txt') })) as ArticleDocument;
      expect(gbk.encoding).toBe('gb18030');
      expect(gbk.text).toContain('19.5亿美元,折合人民币130.6亿元');
    });

    it('saves an edit and refuses to overwrite a file changed on disk', async () => {
      const id = await idOf('en/trade.md');
      const doc = (await host.call('articles.read', { id })) as ArticleDocument;
      const saved = (await host.call('articles.write', { id, text: doc.text.replace('5.2', '5.3'), baseHash: doc.disk.hash })) as ArticleDocument;
      expect(readFileSync(join(root, 'en/trade.md'), 'utf8')).toContain('5.3 per cent');
      expect(saved.disk.hash).not.toBe(doc.disk.hash);
      await fs.writeFile(join(root, 'en/trade.md'), '# Trade\nchanged elsewhere\n');
      expect(await errorCode(host.call('articles.write', { id, text: 'mine', baseHash: saved.disk.hash }))).toBe('changed-on-disk');
      expect(readFileSync(join(root, 'en/trade.md'), 'utf8')).toBe('# Trade\nchanged elsewhere\n');
    });

    it('finds articles by the words of their text, title or file name, and follows saves and outside edits', async () => {
      const search = (text: string) => host.call('articles.search', { text }) as Promise<string[]>;
      const en = await idOf('en/trade.md');
      const seedIds = (await list()).filter((a) => a.path !== 'en/trade.md').map((a) => a.id);
      // Only in the body, in any case; several words must all be there.
      expect(await search('EXPORTS')).toEqual([en]);
      expect(await search('exports  5.2')).toEqual([en]);
      expect(await search('trade.md')).toEqual([en]);
      // The GBK copy is searched as the text it holds, in the list's order.
      expect(await search('外贸进出口')).toEqual(seedIds);
      expect(await search('exports 外贸进出口')).toEqual([]);
      expect(await search('nowhere-to-be-found')).toEqual([]);
      // A save and a change on disk are searched as they are now.
      const doc = (await host.call('articles.read', { id: en })) as ArticleDocument;
      await host.call('articles.write', { id: en, text: `${doc.text}Tariffs fell.\n`, baseHash: doc.disk.hash });
      expect(await search('tariffs')).toEqual([en]);
      await fs.writeFile(join(root, 'en/trade.md'), '# Trade\nImports doubled.\n');
      expect(await search('tariffs')).toEqual([]);
      expect(await search('imports')).toEqual([en]);
      expect(await errorCode(search('  '))).toBe('invalid-input');
    });

    it('creates, renames, deletes to trash and restores', async () => {
      const created = (await host.call('articles.create', { name: '新稿.md', text: '# 新稿\n' })) as ArticleSummary;
      expect(created).toMatchObject({ path: '新稿.md', title: '新稿' });
      const renamed = (await host.call('articles.rename', { id: created.id, name: 'drafts/定稿.md' })) as ArticleSummary;
      expect(renamed).toMatchObject({ id: created.id, path: 'drafts/定稿.md' });
      const trash = (await host.call('articles.delete', { id: created.id })) as TrashEntry;
      expect(existsSync(join(root, 'drafts/定稿.md'))).toBe(false);
      expect((await list()).some((a) => a.id === created.id)).toBe(false);
      expect(await host.call('trash.list')).toMatchObject([{ trashId: trash.trashId, path: 'drafts/定稿.md' }]);
      expect(await host.call('trash.restore', { trashId: trash.trashId })).toMatchObject({ id: created.id, path: 'drafts/定稿.md' });
      expect(readFileSync(join(root, 'drafts/定稿.md'), 'utf8')).toBe('# 新稿\n');
    });

    describe('refuses hostile input and touches nothing', () => {
      const snapshot = () => JSON.stringify(readdirSync(root, { recursive: true }).filter((p) => !String(p).startsWith('.factdesk')).sort());

      it.each([
        ['../escape.md'],
        ['../../../tmp/escape.md'],
        ['/tmp/escape.md'],
        ['a/../../escape.md'],
        ['evil\0.md'],
        ['x'.repeat(10_000) + '.md'],
      ])('article name %#', async (name) => {
        const before = snapshot();
        const id = await idOf('en/trade.md');
        expect(['invalid-input', 'invalid-name', 'path-outside-workspace']).toContain(await errorCode(host.call('articles.create', { name, text: 'x' })));
        expect(['invalid-input', 'invalid-name', 'path-outside-workspace']).toContain(await errorCode(host.call('articles.rename', { id, name })));
        expect(snapshot()).toBe(before);
      });

      it.each([['../../etc/passwd'], ['/etc/passwd'], ['a\0b'], ['x'.repeat(10 * 1024)], ['__proto__'], [42]])('article id %#', async (id) => {
        const before = snapshot();
        expect(await errorCode(host.call('articles.read', { id }))).toBe('invalid-input');
        expect(await errorCode(host.call('articles.write', { id, text: 'x', baseHash: '0'.repeat(64) }))).toBe('invalid-input');
        expect(await errorCode(host.call('articles.delete', { id }))).toBe('invalid-input');
        expect(snapshot()).toBe(before);
      });

      it('a symlink pointing out of the workspace', async () => {
        const outside = tempDir('factdesk-outside-');
        await fs.writeFile(join(outside, 'secret.md'), 'secret');
        await fs.symlink(join(outside, 'secret.md'), join(root, 'link.md'));
        await fs.symlink(outside, join(root, 'linkdir'));
        expect((await list()).map((a) => a.path)).not.toContain('link.md');
        expect(await errorCode(host.call('articles.create', { name: 'linkdir/new.md', text: 'x' }))).toBe('path-outside-workspace');
        expect(readdirSync(outside)).toEqual(['secret.md']);
        await removeDir(outside);
      });

      it('unknown fields and wrong types', async () => {
        expect(await errorCode(host.call('articles.list', { extra: 1 }))).toBe('invalid-input');
        expect(await errorCode(host.call('articles.write', { id: await idOf('gbk.txt'), text: 5, baseHash: 'x' }))).toBe('invalid-input');
      });
    });

    it('keeps unsaved edits as a draft until the article is saved', async () => {
      const id = await idOf('en/trade.md');
      const doc = (await host.call('articles.read', { id })) as ArticleDocument;
      expect(await host.call('drafts.get', { articleId: id })).toBeNull();
      await host.call('drafts.put', { articleId: id, text: doc.text + 'Unsaved line.\n', baseHash: doc.disk.hash });
      expect(await host.call('drafts.get', { articleId: id })).toMatchObject({ text: doc.text + 'Unsaved line.\n', baseHash: doc.disk.hash });
      // The file itself is untouched until a save.
      expect(readFileSync(join(root, 'en/trade.md'), 'utf8')).toBe(doc.text);
      await host.call('articles.write', { id, text: doc.text + 'Saved line.\n', baseHash: doc.disk.hash });
      expect(await host.call('drafts.get', { articleId: id })).toBeNull();
      await host.call('drafts.put', { articleId: id, text: 'again', baseHash: doc.disk.hash });
      await host.call('drafts.discard', { articleId: id });
      expect(await host.call('drafts.get', { articleId: id })).toBeNull();
      expect(await errorCode(host.call('drafts.put', { articleId: '../../x', text: 'x', baseHash: doc.disk.hash }))).toBe('invalid-input');
    });

    it('takes in an edit made outside the app and says so', async () => {
      const id = await idOf('en/trade.md');
      const seen: unknown[] = [];
      const off = host.session.bus.on((event, payload) => seen.push({ event, payload }));
      await fs.writeFile(join(root, 'en/trade.md'), '# Trade\nExports rose 9.9 per cent.\n');
      await expect.poll(() => seen, { timeout: 5000 }).toContainEqual({ event: 'article.changedOnDisk', payload: { id, missing: false } });
      off();
      const doc = (await host.call('articles.read', { id })) as ArticleDocument;
      expect(doc.text).toContain('9.9 per cent');
    });
  });
}
