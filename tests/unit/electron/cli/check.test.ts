import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkCommand } from '../../../../electron/cli/commands/check.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const shared = join(repo, '../shared/fixtures/');
let dir = '';

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await checkCommand.run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factdesk-check-'));
  await copyFile(join(shared, 'claims/seed-chenzhou.txt'), join(dir, 'seed.txt'));
  await copyFile(join(shared, 'encodings/seed-gbk.txt'), join(dir, 'seed-gbk.txt'));
  await copyFile(join(shared, 'encodings/seed-utf8-crlf.txt'), join(dir, 'seed-crlf.txt'));
  await copyFile(join(shared, 'encodings/binary.bin'), join(dir, 'binary.bin'));
  await copyFile(join(repo, 'tests/fixtures/checks/zh-trade-errors.txt'), join(dir, 'errors.txt'));
  await writeFile(join(dir, 'fine.txt'), '2022年,全市外贸进出口19.5亿美元,折合人民币130.6亿元。\n');
  await writeFile(join(dir, 'undated.txt'), '全市外贸进出口19.5亿美元,折合人民币130.6亿元。\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('factdesk check', () => {
  it('prints exactly {"findings":[…]} with --json, each finding with its claim spans and explanation', async () => {
    const r = await run(join(dir, 'seed.txt'), '--json', '--lang', 'en');
    const parsed = JSON.parse(r.out) as { findings: Array<Record<string, unknown>> };
    expect(Object.keys(parsed)).toEqual(['findings']);
    for (const f of parsed.findings) expect(Object.keys(f)).toEqual(['kind', 'ok', 'claims', 'explanation']);
    const conversion = parsed.findings.find((f) => f.kind === 'conversion')!;
    expect(conversion).toEqual({
      kind: 'conversion',
      ok: true,
      claims: [
        { start: 100, end: 107, text: '19.5亿美元' },
        { start: 113, end: 120, text: '130.6亿元' },
      ],
      explanation: '130.6亿元 ÷ 19.5亿美元 = 6.697 CNY/USD; 2022 average 6.7261; deviation −0.4% — consistent',
    });
    // The seed's 20亿 has no unit: one alarm, so the exit status says a figure needs a look.
    expect(r.code).toBe(1);
    expect(parsed.findings.filter((f) => !f.ok).map((f) => f.kind)).toEqual(['unit-missing']);
  });

  it('exits 0 when every figure adds up, and lists findings readably without --json', async () => {
    const r = await run(join(dir, 'fine.txt'), '--lang', 'zh-CN');
    expect(r.code).toBe(0);
    expect(r.out).toContain('130.6亿元 ÷ 19.5亿美元 = 6.697 元/美元；2022年平均汇率 6.7261；偏差 −0.4%——一致');
    expect(r.out).toContain('货币换算');
  });

  it('reports every planted error of a test article', async () => {
    const r = await run(join(dir, 'errors.txt'), '--json');
    const alarms = (JSON.parse(r.out) as { findings: Array<{ ok: boolean; kind: string }> }).findings.filter((f) => !f.ok);
    expect(alarms).toHaveLength(9);
    expect(r.code).toBe(1);
  });

  it('reads GB18030 and CRLF files, with offsets into the file’s own text', async () => {
    const utf8 = JSON.parse((await run(join(dir, 'seed.txt'), '--json')).out);
    const gbk = JSON.parse((await run(join(dir, 'seed-gbk.txt'), '--json')).out);
    expect(gbk).toEqual(utf8);
    const crlf = JSON.parse((await run(join(dir, 'seed-crlf.txt'), '--json')).out) as { findings: Array<{ claims: Array<{ start: number; end: number; text: string }> }> };
    const text = (await readFile(join(dir, 'seed-crlf.txt'), 'utf8')).replace(/^\uFEFF/, '');
    expect(crlf.findings.length).toBe(utf8.findings.length);
    for (const f of crlf.findings) for (const c of f.claims) expect(text.slice(c.start, c.end)).toBe(c.text);
  });

  it('takes the year from --year where the text names none, and says which year it assumed without one', async () => {
    const undated = JSON.parse((await run(join(dir, 'undated.txt'), '--json', '--lang', 'en')).out).findings[0];
    expect(undated.ok).toBe(true);
    expect(undated.assumedYear).toBe(2024);
    expect(undated.explanation).toContain('assumed 2024');
    expect(undated.explanation).toContain('give the year the figures are of');
    const r = await run(join(dir, 'undated.txt'), '--json', '--year', '2015', '--lang', 'en');
    const f = JSON.parse(r.out).findings[0];
    expect(f.ok).toBe(false);
    expect(f.explanation).toContain('2015 average 6.2284');
    // A year named in the sentence itself wins over the option.
    expect(JSON.parse((await run(join(dir, 'fine.txt'), '--json', '--year', '2015')).out).findings[0].ok).toBe(true);
  });

  it('refuses binary, missing and unreadable input and bad options with exit status 2', async () => {
    for (const argv of [[join(dir, 'binary.bin')], [join(dir, 'missing.txt')], [dir], [], ['a', 'b'], [join(dir, 'fine.txt'), '--year', 'last'], [join(dir, 'fine.txt'), '--lang', 'fr'], [join(dir, 'fine.txt'), '--bogus']]) {
      const r = await run(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
      expect(r.err).toMatch(/^factdesk: /);
    }
  });

  it('prints nothing but the JSON on stdout when run as `npm run --silent factdesk -- check FILE --json`', async () => {
    const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'factdesk', '--', 'check', join(dir, 'fine.txt'), '--json'], { cwd: repo });
    expect(JSON.parse(stdout)).toEqual({ findings: [expect.objectContaining({ kind: 'conversion', ok: true })] });
    expect(stdout.trim().startsWith('{"findings":')).toBe(true);
  });
});
