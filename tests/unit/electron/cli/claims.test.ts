import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimsCommand } from '../../../../electron/cli/commands/claims.js';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));
const encodings = join(repo, '../shared/fixtures/encodings/');
const devSet = join(repo, '../shared/fixtures/claims/');
let dir = '';

interface JsonClaim {
  text: string;
  start: number;
  end: number;
  kind: string;
  value: number | null;
  unit: string | null;
  sentence: { start: number; end: number };
}

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await claimsCommand.run(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

/** The real CLI in its own process, as `npm run --silent factdesk -- claims …` runs it. */
async function runProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'electron/cli/main.ts'), 'claims', ...argv], { cwd: repo });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code: number; stdout: string; stderr: string };
    return { code: x.code, stdout: x.stdout, stderr: x.stderr };
  }
}

const claimsOf = (out: string) => (JSON.parse(out) as { claims: JsonClaim[] }).claims;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'factdesk-claims-'));
  await copyFile(join(devSet, 'seed-chenzhou.txt'), join(dir, 'seed.txt'));
  for (const name of ['seed-utf8-crlf.txt', 'seed-gb18030.txt', 'seed-utf8-bom.txt', 'seed-utf16le-bom.txt', 'binary.bin', 'invalid-utf8.txt']) {
    await copyFile(join(encodings, name), join(dir, name));
  }
  await copyFile(join(devSet, 'en-abs-trade-dec2019.txt'), join(dir, 'abs.txt'));
  await writeFile(join(dir, 'dollars.txt'), 'Exports rose 3% to $5.2m.\n');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('factdesk claims', () => {
  it('prints exactly {"claims":[…]} with --json, each claim with its span, kind, value, unit and sentence', async () => {
    const r = await run(join(dir, 'seed.txt'), '--json');
    expect(r.code).toBe(0);
    const parsed = JSON.parse(r.out) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['claims']);
    const claims = parsed.claims as JsonClaim[];
    expect(claims.length).toBeGreaterThan(40);
    for (const c of claims) {
      expect(Object.keys(c).slice(0, 6)).toEqual(['text', 'start', 'end', 'kind', 'value', 'unit']);
      expect(c.sentence.start).toBeLessThanOrEqual(c.start);
      expect(c.sentence.end).toBeGreaterThanOrEqual(c.end);
    }
    expect(claims.find((c) => c.text === '305.7亿元')).toMatchObject({ start: 52, end: 59, kind: 'money', value: 30570000000, unit: 'CNY' });
  });

  it('gives offsets into the file’s own text for CRLF, GB18030, BOM and UTF-16 files', async () => {
    const lf = claimsOf((await run(join(dir, 'seed.txt'), '--json')).out);
    const decoders: Array<[string, string, number]> = [
      ['seed-utf8-crlf.txt', 'utf-8', 0],
      ['seed-gb18030.txt', 'gb18030', 0],
      ['seed-utf8-bom.txt', 'utf-8', 3],
      ['seed-utf16le-bom.txt', 'utf-16le', 2],
    ];
    for (const [name, encoding, bom] of decoders) {
      const bytes = await readFile(join(dir, name));
      const text = new TextDecoder(encoding, { ignoreBOM: true }).decode(bytes.subarray(bom));
      const claims = claimsOf((await run(join(dir, name), '--json')).out);
      expect(claims.map((c) => c.text), name).toEqual(lf.map((c) => c.text));
      for (const c of claims) expect(text.slice(c.start, c.end), name).toBe(c.text);
      if (name.includes('crlf')) {
        expect(text).toContain('\r\n');
        expect(claims.at(-1)!.start).toBeGreaterThan(lf.at(-1)!.start);
      }
    }
  });

  it('lists claims as an aligned table without --json', async () => {
    const r = await run(join(dir, 'seed.txt'));
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toMatch(/^span\s+kind\s+value\s+unit\s+text\s+notes$/);
    const row = lines.find((l) => l.includes('305.7亿元'))!;
    expect(row).toMatch(/^52-59\s+money\s+30570000000\s+CNY\s+305\.7亿元\s*$/);
    // Columns line up: the kind column starts at the same place on every row.
    const kindAt = lines[0]!.indexOf('kind');
    for (const l of lines.slice(1, 10)) expect(l.slice(kindAt).split(/\s/)[0]).toMatch(/^(money|percent|count|quantity|date|other)$/);
    expect(lines.at(-1)).toMatch(/^\d+ claims$/);
  });

  it('reads a bare $ as --currency says, else from the article', async () => {
    expect(claimsOf((await run(join(dir, 'dollars.txt'), '--json', '--currency', 'aud')).out)[1]).toMatchObject({ text: '$5.2m', unit: 'AUD' });
    expect(claimsOf((await run(join(dir, 'dollars.txt'), '--json')).out)[1]).toMatchObject({ unit: 'USD' });
    expect(claimsOf((await run(join(dir, 'abs.txt'), '--json')).out).find((c) => c.kind === 'money')!.unit).toBe('AUD');
  });

  it('refuses missing input, folders, broken text and bad options with exit status 2', async () => {
    for (const argv of [[join(dir, 'missing.txt')], [dir], [join(dir, 'invalid-utf8.txt')], [], [join(dir, 'seed.txt'), 'extra'], [join(dir, 'seed.txt'), '--currency', 'dollars'], [join(dir, 'seed.txt'), '--bogus']]) {
      const r = await run(...argv).catch((e: unknown) => ({ code: -1, out: '', err: String(e) }));
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.out).toBe('');
    }
  });

  it('as a process: a binary file exits 2 with a message on stderr and nothing on stdout', async () => {
    const r = await runProcess(join(dir, 'binary.bin'), '--json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^factdesk: .*binary\.bin/);
  });

  it('as a process: --json prints nothing but the JSON on stdout', async () => {
    const r = await runProcess(join(dir, 'abs.txt'), '--json');
    expect(r.code).toBe(0);
    expect(r.stdout.startsWith('{"claims":[')).toBe(true);
    expect(r.stdout.endsWith('}\n')).toBe(true);
    expect(claimsOf(r.stdout)).toHaveLength(49);
  });
});
