/**
 * The workspace commands of the CLI (`claims list`, `claims add-detected`,
 * `claim set-status`, `revisions`, `diff`) over the same services the app
 * uses, run in-process with captured output; and one real run through
 * `npm run factdesk` to check stdout carries nothing but the JSON.
 */
import { execFile } from 'node:child_process';
import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Session } from '../../../../electron/services/session.js';
import { factdeskInProcess } from '../../../helpers/cli.js';
import { makeWorkspace, projectRoot, removeDir, teamShared } from '../../../helpers/temp-workspace.js';

const seed = readFileSync(join(teamShared, 'fixtures', 'claims', 'seed-chenzhou.txt'), 'utf8');

/** Runs `factdesk <argv>` as main.ts does, capturing stdout and stderr. */
const factdesk = factdeskInProcess;

let root: string;
beforeEach(async () => {
  process.env.FACTDESK_AUTHOR = 'cli-tester';
  root = await makeWorkspace({ 'news/seed.txt': seed, 'short.md': '# 快讯\n全年增长5.2%,总额305.7亿元。\n' });
});
afterEach(async () => {
  delete process.env.FACTDESK_AUTHOR;
  await removeDir(root);
});

describe('factdesk claims list / add-detected, claim set-status', () => {
  it('adds detected figures, lists them, sets a status, and takes in an outside edit on the next run', async () => {
    const added = await factdesk('claims', 'add-detected', root, 'news/seed.txt', '--json');
    expect(added.code).toBe(0);
    const { added: rows, skipped } = JSON.parse(added.out) as { added: Array<Record<string, unknown>>; skipped: number };
    expect(rows.length).toBeGreaterThan(40);
    expect(skipped).toBe(0);
    expect((await factdesk('claims', 'add-detected', root, 'news/seed.txt')).out).toMatch(/^Added 0 claims; \d+ figures were already annotated\./);

    const list = await factdesk('claims', 'list', root, 'news/seed.txt', '--json');
    const parsed = JSON.parse(list.out) as { article: { id: string; path: string }; revision: number; claims: Array<Record<string, unknown>> };
    expect(parsed.article.path).toBe('news/seed.txt');
    const big = parsed.claims.find((c) => c.quote === '305.7亿元')!;
    expect(big).toMatchObject({ kind: 'money', value: 30570000000, unit: 'CNY', status: 'unchecked', state: 'attached', start: seed.indexOf('305.7亿元'), end: seed.indexOf('305.7亿元') + 7 });
    for (const key of ['id', 'quote', 'start', 'end', 'kind', 'value', 'unit', 'status']) expect(big).toHaveProperty(key);
    // The article may be named by its id as well.
    expect(JSON.parse((await factdesk('claims', 'list', root, parsed.article.id, '--json')).out).claims).toHaveLength(parsed.claims.length);

    const set = await factdesk('claim', 'set-status', root, String(big.id), 'verified', '--note', '与统计公报一致', '--json');
    expect(set.code).toBe(0);
    expect(JSON.parse(set.out)).toMatchObject({ articleId: parsed.article.id, claim: { id: big.id, status: 'verified', verdictNote: '与统计公报一致' } });

    await fs.writeFile(join(root, 'news/seed.txt'), seed.replace('305.7亿元', '350.7亿元'));
    const after = JSON.parse((await factdesk('claims', 'list', root, 'news/seed.txt', '--json')).out) as typeof parsed;
    expect(after.revision).toBe(2);
    expect(after.claims.find((c) => c.id === big.id)).toMatchObject({ quote: '350.7亿元', status: 'needs-recheck', recheck: { oldQuote: '305.7亿元', newQuote: '350.7亿元' } });

    const table = await factdesk('claims', 'list', root, 'news/seed.txt');
    expect(table.out).toMatch(new RegExp(`${big.id}\\s+needs-recheck\\s+attached\\s+money\\s+35070000000\\s+CNY\\s+\\d+-\\d+\\s+350\\.7亿元  \\(was 305\\.7亿元\\)`));
  });

  it('says clearly what is wrong: unknown status, claim, article', async () => {
    const bad = await factdesk('claim', 'set-status', root, 'c123456789abc', 'verifed');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('needs-recheck');
    expect((await factdesk('claim', 'set-status', root, 'c123456789abc', 'verified')).err).toMatch(/c123456789abc/);
    expect((await factdesk('claims', 'list', root, 'nope.md')).code).toBe(2);
    expect((await factdesk('claims', 'list', root)).code).toBe(2);
  });

  it('refuses to change a workspace the app is editing, and still reads it', async () => {
    const app = await Session.open(root, { author: 'app-user' });
    try {
      const refused = await factdesk('claims', 'add-detected', root, 'short.md');
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/Another FactDesk process \(process \d+\) is editing this workspace, so nothing was changed/);
      const read = await factdesk('claims', 'list', root, 'short.md', '--json');
      expect(read.code).toBe(0);
      expect(JSON.parse(read.out).claims).toEqual([]);
      expect(read.err).toMatch(/read-only/);
    } finally {
      await app.close();
    }
    expect((await factdesk('claims', 'add-detected', root, 'short.md')).code).toBe(0);
  });
});

describe('factdesk revisions / diff', () => {
  it('lists revisions and shows a figure replaced as one word', async () => {
    await factdesk('claims', 'list', root, 'short.md');
    await fs.writeFile(join(root, 'short.md'), '# 快讯\n全年增长5.2%,总额306.1亿元。\n');
    const revs = await factdesk('revisions', root, 'short.md', '--json');
    const parsed = JSON.parse(revs.out) as { revisions: Array<{ n: number; source: string; author: string | null }> };
    expect(parsed.revisions.map((r) => [r.n, r.source, r.author])).toEqual([
      [1, 'first-seen', null],
      [2, 'external', null],
    ]);
    expect((await factdesk('revisions', root, 'short.md')).out).toMatch(/^short\.md \(\w+\)\nrev\s+at\s+author\s+source\s+length\s+label\n1\s+/);
    const diff = await factdesk('diff', root, 'short.md', '1', '2');
    expect(diff.out).toContain('全年增长5.2%,总额[-305.7亿元-]{+306.1亿元+}。');
    expect(diff.out).toContain('1 figure(s) removed, 1 added');
    const json = JSON.parse((await factdesk('diff', root, 'short.md', '1', '2', '--json')).out) as { paragraphs: Array<{ kind: string; parts: Array<{ kind: string; text: string; figure?: boolean }> }> };
    expect(json.paragraphs.find((p) => p.kind === 'changed')!.parts).toContainEqual({ kind: 'added', text: '306.1亿元', figure: true });
    expect((await factdesk('diff', root, 'short.md', '1', '7')).err).toMatch(/No revision 7/);
  });

  it('prints only JSON on stdout through npm run factdesk', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'factdesk', '--', 'revisions', root, 'short.md', '--json'], {
      cwd: projectRoot,
      env: { ...process.env, FACTDESK_AUTHOR: 'npm' },
    });
    expect(JSON.parse(stdout)).toMatchObject({ article: { path: 'short.md' }, revisions: [{ n: 1, source: 'first-seen' }] });
  }, 60_000);
});
