// `factdesk … | head`: the reader closes the pipe before the output ends.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../../', import.meta.url));

describe('the CLI writing into a pipe closed early', () => {
  it('ends without an EPIPE stack trace', async () => {
    // Output far larger than a pipe's buffer, so writes go on after the reader has gone.
    const dir = mkdtempSync(join(tmpdir(), 'factdesk-pipe-'));
    const file = join(dir, 'long.txt');
    writeFileSync(file, readFileSync(join(repo, '../shared/fixtures/claims/seed-chenzhou.txt'), 'utf8').repeat(40));
    const child = spawn(process.execPath, [join(repo, 'node_modules/tsx/dist/cli.mjs'), join(repo, 'electron/cli/main.ts'), 'claims', file, '--json'], { cwd: repo });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Like `head -c 10`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    rmSync(dir, { recursive: true, force: true });
    expect(stderr).not.toMatch(/EPIPE|Unhandled 'error' event/);
    expect(code).toBe(0);
  });
});
