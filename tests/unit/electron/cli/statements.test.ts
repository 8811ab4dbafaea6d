import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statementsCommand } from '../../../../electron/cli/commands/statements.js';
import { commands } from '../../../../electron/cli/commands/index.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
let dir = '';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await statementsCommand.run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factdesk-statements-'));
  await copyFile(join(repo, '../shared/fixtures/statements/seed-chenzhou.txt'), join(dir, 'seed.txt'));
  await copyFile(join(repo, '../shared/fixtures/encodings/seed-gb18030.txt'), join(dir, 'seed-gb18030.txt'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('factdesk statements', () => {
  it('is a command of the CLI', () => {
    expect(commands.map((c) => c.name)).toContain('statements');
  });

  it('prints {"statements":[{start,end,text,category}]} whose spans index the file text', async () => {
    const r = await run(join(dir, 'seed.txt'), '--json');
    expect(r.code).toBe(0);
    const { statements } = JSON.parse(r.out) as { statements: Array<{ start: number; end: number; text: string; category: string }> };
    expect(statements.length).toBeGreaterThan(0);
    expect(Object.keys(statements[0]!).sort()).toEqual(['category', 'end', 'start', 'text']);
    expect(statements.map((s) => s.category)).toContain('award');
  });

  it('reads a GB18030 file like a UTF-8 one', async () => {
    const utf8 = await run(join(dir, 'seed.txt'), '--json');
    const gb = await run(join(dir, 'seed-gb18030.txt'), '--json');
    expect(gb.code).toBe(0);
    expect(JSON.parse(gb.out).statements.map((s: { text: string }) => s.text)).toEqual(JSON.parse(utf8.out).statements.map((s: { text: string }) => s.text));
  });

  it('prints a table by default and a translated error for a missing file', async () => {
    const table = await run(join(dir, 'seed.txt'));
    expect(table.out).toMatch(/^span\s+category\s+text/);
    expect(table.out).toMatch(/\d+ statements$/);
    const missing = await run(join(dir, 'nope.txt'));
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('nope.txt');
  });

  it('refuses unknown options with its usage', async () => {
    const r = await run('--jsn', 'a.txt');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage: factdesk statements');
  });
});
