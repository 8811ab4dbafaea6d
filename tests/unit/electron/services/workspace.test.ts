import { existsSync, promises as fs, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FactDeskError } from '../../../../shared/errors.js';
import { Session } from '../../../../electron/services/session.js';
import { Workspace } from '../../../../electron/services/workspace.js';
import { makeWorkspace, removeDir, teamShared, tempDir } from '../../../helpers/temp-workspace.js';

const opened: Workspace[] = [];
const dirs: string[] = [];
async function open(files: Record<string, string | Uint8Array>, opts = {}) {
  const root = await makeWorkspace(files);
  dirs.push(root);
  const ws = await Workspace.open(root, opts);
  opened.push(ws);
  await ws.scan();
  return { root, ws };
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((w) => w.close()));
  await Promise.all(dirs.splice(0).map(removeDir));
});

const idOf = (ws: Workspace, path: string) => ws.summaries().find((s) => s.path === path)!.id;
const code = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    return (e as FactDeskError).code;
  }
  return 'resolved';
};

describe('Workspace listing', () => {
  it('lists .md/.txt/.html recursively, skipping dotfiles, .factdesk and other types', async () => {
    const { ws } = await open({
      'a.md': '# 标题甲\n正文',
      'sub/b.txt': '第一行是标题\n正文',
      'sub/deeper/c.html': '<html><head><title>网页 &amp; 标题</title></head><body>x</body></html>',
      '.hidden.md': 'x',
      '.git/d.md': 'x',
      'notes.docx': 'x',
      'image.png': 'x',
    });
    const list = ws.summaries();
    expect(list.map((a) => a.path).sort()).toEqual(['a.md', 'sub/b.txt', 'sub/deeper/c.html']);
    expect(list.find((a) => a.path === 'a.md')!.title).toBe('标题甲');
    expect(list.find((a) => a.path === 'sub/b.txt')!.title).toBe('第一行是标题');
    expect(list.find((a) => a.path === 'sub/deeper/c.html')!.title).toBe('网页 & 标题');
    expect(list.every((a) => /^[0-9a-f]{16}$/.test(a.id) && a.workflow === 'draft' && !a.missing)).toBe(true);
  });

  it('keeps ids stable across reopen and stores the index in .factdesk/workspace.json', async () => {
    const { root, ws } = await open({ 'a.md': '# A' });
    const id = idOf(ws, 'a.md');
    await ws.close();
    const again = await Workspace.open(root);
    opened.push(again);
    await again.scan();
    expect(idOf(again, 'a.md')).toBe(id);
    const index = JSON.parse(readFileSync(join(root, '.factdesk', 'workspace.json'), 'utf8'));
    expect(index.articles[id].path).toBe('a.md');
  });

  it('marks a file deleted outside as missing, and relinks it by content hash when it reappears renamed', async () => {
    const { root, ws } = await open({ 'a.md': '# 原文\n305.7亿元' });
    const id = idOf(ws, 'a.md');
    await fs.rename(join(root, 'a.md'), join(root, 'renamed.md'));
    const r = await ws.scan();
    expect(r.relinked).toEqual([id]);
    expect(ws.summaries()).toMatchObject([{ id, path: 'renamed.md', missing: false }]);
    await fs.rm(join(root, 'renamed.md'));
    const r2 = await ws.scan();
    expect(r2.missing).toEqual([id]);
    expect(ws.summaries()).toMatchObject([{ id, missing: true }]);
  });

  it('reports files changed on disk since they were last seen', async () => {
    const { root, ws } = await open({ 'a.md': 'old 1524户' });
    const id = idOf(ws, 'a.md');
    await fs.writeFile(join(root, 'a.md'), 'new 1525户');
    expect((await ws.scan()).changed).toEqual([id]);
    await ws.acknowledgeDisk(id);
    expect((await ws.scan()).changed).toEqual([]);
  });
});

describe('Workspace read and write', () => {
  it('round-trips every encoding fixture byte-exactly through read + write', async () => {
    const dir = join(teamShared, 'fixtures', 'encodings');
    const files: Record<string, Uint8Array> = {};
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt') && f !== 'invalid-utf8.txt')) files[f] = readFileSync(join(dir, f));
    const { root, ws } = await open(files);
    for (const name of Object.keys(files)) {
      const doc = await ws.readCurrent(idOf(ws, name));
      expect(doc.text).toContain(name.startsWith('rare') ? '郴州𠀀𪚥' : '郴州经开区');
      expect(doc.text.includes('\r')).toBe(false);
      await ws.write(doc.id, doc.text, doc.disk.hash);
      expect(Buffer.compare(readFileSync(join(root, name)), Buffer.from(files[name]!))).toBe(0);
    }
  });

  it('keeps a GBK file GBK and a CRLF file CRLF when an edit is saved', async () => {
    const dir = join(teamShared, 'fixtures', 'encodings');
    const { root, ws } = await open({ 'gbk.txt': readFileSync(join(dir, 'seed-gbk.txt')), 'crlf.txt': readFileSync(join(dir, 'seed-utf8-crlf.txt')) });
    const gbk = await ws.readCurrent(idOf(ws, 'gbk.txt'));
    await ws.write(gbk.id, gbk.text.replace('305.7亿元', '306.1亿元'), gbk.disk.hash);
    const back = new TextDecoder('gb18030').decode(readFileSync(join(root, 'gbk.txt')));
    expect(back).toContain('306.1亿元');
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(readFileSync(join(root, 'gbk.txt')))).toThrow();
    const crlf = await ws.readCurrent(idOf(ws, 'crlf.txt'));
    await ws.write(crlf.id, crlf.text + '\n新增一段。\n', crlf.disk.hash);
    const raw = readFileSync(join(root, 'crlf.txt'), 'utf8');
    expect(raw.endsWith('\r\n新增一段。\r\n')).toBe(true);
    expect(/[^\r]\n/.test(raw)).toBe(false);
  });

  it('refuses binary and invalid UTF-8 files with a clear error and leaves them untouched', async () => {
    const dir = join(teamShared, 'fixtures', 'encodings');
    const bin = readFileSync(join(dir, 'binary.bin'));
    const bad = readFileSync(join(dir, 'invalid-utf8.txt'));
    const { root, ws } = await open({ 'bin.txt': bin, 'bad.txt': bad });
    expect(await code(ws.readCurrent(idOf(ws, 'bin.txt')))).toBe('binary-file');
    expect(await code(ws.readCurrent(idOf(ws, 'bad.txt')))).toBe('invalid-encoding');
    expect(Buffer.compare(readFileSync(join(root, 'bin.txt')), bin)).toBe(0);
    expect(Buffer.compare(readFileSync(join(root, 'bad.txt')), bad)).toBe(0);
  });

  it('never overwrites a file changed on disk unless the user keeps their version', async () => {
    const { root, ws } = await open({ 'a.md': '同比增长190.6%' });
    const doc = await ws.readCurrent(idOf(ws, 'a.md'));
    await fs.writeFile(join(root, 'a.md'), '同比增长19.6%(外部修改)');
    expect(await code(ws.write(doc.id, '我的修改', doc.disk.hash))).toBe('changed-on-disk');
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('同比增长19.6%(外部修改)');
    await ws.write(doc.id, '我的修改', doc.disk.hash, true);
    expect(readFileSync(join(root, 'a.md'), 'utf8')).toBe('我的修改');
  });
});

describe('a save and a program writing the file at the same moment', () => {
  it('the save records the text it wrote; the other program\'s text comes in as a change made outside FactDesk', async () => {
    const root = await makeWorkspace({ 'a.txt': '第一稿:投资1亿元。\n' });
    dirs.push(root);
    const session = await Session.open(root);
    try {
      const id = session.workspace.ids()[0]!;
      const base = await session.workspace.readCurrent(id);
      // Another program writes the file right after FactDesk put its bytes in place, before the save returns.
      const ws = session.workspace as unknown as { persist: () => Promise<void> };
      const persist = ws.persist.bind(ws);
      let wrote = false;
      ws.persist = async () => {
        await persist();
        if (wrote) return;
        wrote = true;
        await fs.writeFile(join(root, 'a.txt'), '别处改的:投资3亿元。\n');
      };
      const saved = await session.save(id, { text: '第二稿:投资2亿元。\n', baseHash: base.disk.hash });
      expect(wrote).toBe(true);
      expect(saved.text).toBe('第二稿:投资2亿元。\n');
      const history = await session.revisions.list(id);
      expect(await session.revisions.text(id, history.at(-1)!.n)).toBe('第二稿:投资2亿元。\n');
      expect(history.at(-1)!.source).toBe('save');
      // The next look at the disk takes the other program's text in, as its own revision.
      await session.syncFromDisk();
      const after = await session.revisions.list(id);
      expect(after.at(-1)!.source).toBe('external');
      expect(await session.revisions.text(id, after.at(-1)!.n)).toBe('别处改的:投资3亿元。\n');
      expect(after.map((r) => r.source)).toEqual([...history.map((r) => r.source), 'external']);
    } finally {
      await session.close();
    }
  });
});

describe('Workspace create, rename, delete, restore', () => {
  it('creates, renames and moves to trash, then restores under the same id', async () => {
    const { root, ws } = await open({});
    const id = await ws.create('新闻/新稿.md', '# 新稿\n');
    expect(readFileSync(join(root, '新闻/新稿.md'), 'utf8')).toBe('# 新稿\n');
    await ws.rename(id, '新闻/定稿.md');
    expect(existsSync(join(root, '新闻/新稿.md'))).toBe(false);
    expect(ws.summary(id).path).toBe('新闻/定稿.md');
    const trash = await ws.delete(id);
    expect(existsSync(join(root, '新闻/定稿.md'))).toBe(false);
    expect(ws.trash()).toMatchObject([{ trashId: trash.trashId, path: '新闻/定稿.md', articleId: id }]);
    expect(await ws.restore(trash.trashId)).toBe(id);
    expect(readFileSync(join(root, '新闻/定稿.md'), 'utf8')).toBe('# 新稿\n');
    expect(ws.trash()).toEqual([]);
  });

  it('a scan running while articles are created, renamed, deleted and restored lists each file once, under the id the operation gave it', async () => {
    // The article list is refreshed (a scan) whenever the app asks, while a team member's article may be
    // arriving (create) or being renamed: a scan that met the file before its record gave it a second id.
    const { ws } = await open({});
    const busy = async (n: number) => {
      for (let i = 0; i < n; i++) await ws.scan();
    };
    for (let i = 0; i < 12; i++) {
      const [id] = await Promise.all([ws.create(`稿${i}.md`, `# 稿${i}\n`), busy(4)]);
      await Promise.all([ws.rename(id, `定稿${i}.md`), busy(4)]);
      const [t] = await Promise.all([ws.delete(id), busy(4)]);
      await Promise.all([ws.restore(t.trashId), busy(4)]);
      const mine = ws.summaries().filter((s) => s.path.endsWith(`稿${i}.md`));
      expect(mine.map((s) => [s.id, s.path, s.missing])).toEqual([[id, `定稿${i}.md`, false]]);
    }
    expect(ws.summaries()).toHaveLength(12);
  });

  it('refuses to create over an existing article', async () => {
    const { ws } = await open({ 'a.md': 'keep' });
    expect(await code(ws.create('a.md', 'x'))).toBe('already-exists');
  });
});

describe('Workspace path safety', () => {
  const hostile = ['../escape.md', '../../etc/passwd.md', '/etc/evil.md', 'C:/evil.md', 'a/../../evil.md', 'a\\..\\evil.md', 'nul\0.md', 'x'.repeat(10_000) + '.md', '.factdesk/workspace.json.md', 'sub/.hidden.md'];

  it.each(hostile)('refuses %s for create and rename, touching nothing', async (name) => {
    const outside = tempDir('factdesk-outside-');
    dirs.push(outside);
    const { root, ws } = await open({ 'a.md': 'keep' });
    const before = JSON.stringify(readdirSync(root, { recursive: true }).sort());
    expect(['path-outside-workspace', 'invalid-name']).toContain(await code(ws.create(name.replace('etc', outside), 'x')));
    expect(['path-outside-workspace', 'invalid-name']).toContain(await code(ws.rename(idOf(ws, 'a.md'), name)));
    expect(JSON.stringify(readdirSync(root, { recursive: true }).sort())).toBe(before);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('does not follow a symlink that points out of the workspace', async () => {
    const outside = tempDir('factdesk-outside-');
    dirs.push(outside);
    await fs.writeFile(join(outside, 'secret.md'), 'secret');
    const root = await makeWorkspace({ 'a.md': 'x' });
    dirs.push(root);
    await fs.symlink(join(outside, 'secret.md'), join(root, 'link.md'));
    await fs.symlink(outside, join(root, 'linkdir'));
    const ws = await Workspace.open(root);
    opened.push(ws);
    await ws.scan();
    expect(ws.summaries().map((a) => a.path)).toEqual(['a.md']);
    // Writing through a symlinked folder is refused too.
    expect(await code(ws.create('linkdir/new.md', 'x'))).toBe('path-outside-workspace');
    expect(readdirSync(outside)).toEqual(['secret.md']);
  });

  it('refuses unknown ids without touching the disk', async () => {
    const { ws } = await open({ 'a.md': 'x' });
    expect(await code(ws.readCurrent('0123456789abcdef'))).toBe('article-not-found');
    expect(await code(ws.readCurrent('__proto__'))).toBe('article-not-found');
  });
});

describe('Workspace writer lock', () => {
  it('opens a second instance read-only and says so plainly', async () => {
    const { root } = await open({ 'a.md': 'x' });
    const second = await Workspace.open(root);
    opened.push(second);
    expect(second.info().readOnly).toBe(true);
    expect(second.info().readOnlyReason).toMatch(/another FactDesk process/);
    await second.scan();
    expect(await code(second.create('b.md', 'x'))).toBe('workspace-read-only');
  });

  it('takes over at once the fresh lock of a writer whose process is gone', async () => {
    const root = await makeWorkspace({ 'a.md': 'x' });
    dirs.push(root);
    // A real process that has ended: its pid is free.
    const { spawnSync } = await import('node:child_process');
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    await fs.mkdir(join(root, '.factdesk', 'writer.lock'), { recursive: true });
    const os = await import('node:os');
    await fs.writeFile(join(root, '.factdesk', 'writer.json'), JSON.stringify({ pid: Number(dead.stdout), host: os.hostname(), since: new Date().toISOString() }));
    const ws = await Workspace.open(root);
    opened.push(ws);
    expect(ws.info().readOnly).toBe(false);
    expect(JSON.parse(readFileSync(join(root, '.factdesk', 'writer.json'), 'utf8')).pid).toBe(process.pid);
  });

  it('leaves a fresh lock alone while its process lives', async () => {
    const root = await makeWorkspace({ 'a.md': 'x' });
    dirs.push(root);
    const { spawn } = await import('node:child_process');
    const alive = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)']);
    try {
      await fs.mkdir(join(root, '.factdesk', 'writer.lock'), { recursive: true });
      const os = await import('node:os');
      await fs.writeFile(join(root, '.factdesk', 'writer.json'), JSON.stringify({ pid: alive.pid, host: os.hostname(), since: new Date().toISOString() }));
      const ws = await Workspace.open(root);
      opened.push(ws);
      expect(ws.info()).toMatchObject({ readOnly: true, lockedBy: { pid: alive.pid } });
    } finally {
      alive.kill();
    }
  });

  it('takes over a stale lock left by a crashed process', async () => {
    const root = await makeWorkspace({ 'a.md': 'x' });
    dirs.push(root);
    await fs.mkdir(join(root, '.factdesk', 'writer.lock'), { recursive: true });
    const old = new Date(Date.now() - 10 * 60_000);
    await fs.utimes(join(root, '.factdesk', 'writer.lock'), old, old);
    const ws = await Workspace.open(root);
    opened.push(ws);
    expect(ws.info().readOnly).toBe(false);
  });
});

describe('Workspace import', () => {
  it('imports a GBK file as it is, or converted to UTF-8 when the user agrees', async () => {
    const src = join(teamShared, 'fixtures', 'encodings', 'seed-gbk.txt');
    const { root, ws } = await open({ 'a.md': '# A' });
    const kept = await ws.importFile(src);
    const converted = await ws.importFile(src, { toUtf8: true });
    expect(ws.summary(kept).path).toBe('seed-gbk.txt');
    expect(ws.summary(converted).path).toBe('seed-gbk (2).txt');
    expect(Buffer.compare(readFileSync(join(root, 'seed-gbk.txt')), readFileSync(src))).toBe(0);
    const utf8 = readFileSync(join(root, 'seed-gbk (2).txt'));
    expect(new TextDecoder('utf-8', { fatal: true }).decode(utf8)).toContain('19.5亿美元,折合人民币130.6亿元');
    expect((await ws.readCurrent(kept)).encoding).toBe('gb18030');
    expect((await ws.readCurrent(converted)).encoding).toBe('utf-8');
  });

  it('refuses a binary file and a file that is not an article', async () => {
    const { root, ws } = await open({});
    expect(await code(ws.importFile(join(teamShared, 'fixtures', 'encodings', 'binary.bin')))).toBe('unsupported-file-type');
    const disguised = join(tempDir('factdesk-src-'), 'disguised.txt');
    dirs.push(join(disguised, '..'));
    await fs.writeFile(disguised, readFileSync(join(teamShared, 'fixtures', 'encodings', 'binary.bin')));
    expect(await code(ws.importFile(disguised))).toBe('binary-file');
    expect(readdirSync(root).filter((f) => !f.startsWith('.'))).toEqual([]);
  });
});
