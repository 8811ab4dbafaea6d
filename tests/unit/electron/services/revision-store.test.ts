import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { RevisionStore } from '../../../../electron/services/revision-store.js';
import { removeDir, tempDir } from '../../../helpers/temp-workspace.js';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

function store(readOnly = false): { dir: string; revisions: RevisionStore } {
  const dir = join(tempDir('factdesk-rev-'), 'revisions');
  dirs.push(dir);
  return { dir, revisions: new RevisionStore(dir, readOnly) };
}

const id = 'abcdef0123456789';
const paragraph = (i: number) => `第${i}段:全市完成固定资产投资${100 + i}.5亿元,同比增长${i % 20}.3%。`;

describe('RevisionStore', () => {
  it('gives back every revision exactly, stored as patches with periodic snapshots', async () => {
    const { dir, revisions } = store();
    let text = Array.from({ length: 200 }, (_, i) => paragraph(i)).join('\n');
    const texts: string[] = [];
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 199 }), fc.string({ maxLength: 12 }), async (line, insert) => {
        const lines = text.split('\n');
        lines[line] = lines[line]!.replace(/\d+\.\d/, insert || '0.0');
        text = lines.join('\n');
        texts.push(text);
        await revisions.record(id, { text, source: 'save', author: '王编辑', diskHash: 'f'.repeat(64) });
      }),
      { numRuns: 250 },
    );
    const lines = readFileSync(join(dir, `${id}.jsonl`), 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as { body: { kind: string } });
    expect(lines).toHaveLength(250);
    const snapshots = lines.filter((l) => l.body.kind === 'snapshot').length;
    expect(snapshots).toBeGreaterThanOrEqual(3);
    expect(snapshots).toBeLessThan(20);
    // A fresh store (another process) reads the file back.
    const again = new RevisionStore(dir, false);
    for (const n of [1, 2, 99, 100, 101, 137, 250]) expect(await again.text(id, n)).toBe(texts[n - 1]);
    expect((await again.list(id)).map((r) => r.n)).toEqual(Array.from({ length: 250 }, (_, i) => i + 1));
    expect(await again.info(id, 7)).toMatchObject({ n: 7, author: '王编辑', source: 'save', length: texts[6]!.length });
    await expect(again.text(id, 251)).rejects.toMatchObject({ code: 'revision-not-found' });
  });

  it('ignores a torn last line and cuts it off before the next append', async () => {
    const { dir, revisions } = store();
    await revisions.record(id, { text: '甲', source: 'first-seen', author: null });
    await revisions.record(id, { text: '甲乙', source: 'save', author: 'alice' });
    const file = join(dir, `${id}.jsonl`);
    const whole = await fs.readFile(file, 'utf8');
    await fs.appendFile(file, '{"n":3,"at":"2024-01-01T00:00:00.000Z","body":{"kind":"snap');
    const reader = new RevisionStore(dir, true);
    expect((await reader.list(id)).map((r) => r.n)).toEqual([1, 2]);
    // Read-only: the file is left as it is.
    expect((await fs.readFile(file, 'utf8')).length).toBeGreaterThan(whole.length);
    const writer = new RevisionStore(dir, false);
    expect((await writer.head(id))!.n).toBe(2);
    await writer.record(id, { text: '甲乙丙', source: 'save', author: 'alice' });
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    expect(lines.at(-1)).toBe('');
    expect(lines.slice(0, -1).map((l) => JSON.parse(l).n)).toEqual([1, 2, 3]);
    expect(await new RevisionStore(dir, true).text(id, 3)).toBe('甲乙丙');
  });

  it('reports a revision that no longer rebuilds instead of returning wrong text', async () => {
    const { dir, revisions } = store();
    await revisions.record(id, { text: '今年增长5.2%', source: 'first-seen', author: null });
    await revisions.record(id, { text: '今年增长5.3%', source: 'save', author: 'alice' });
    const file = join(dir, `${id}.jsonl`);
    const lines = (await fs.readFile(file, 'utf8')).split('\n');
    lines[1] = lines[1]!.replace('5.3%', '5.9%');
    await fs.writeFile(file, lines.join('\n'));
    const reader = new RevisionStore(dir, false);
    await expect(reader.text(id, 2)).rejects.toMatchObject({ code: 'invalid-input' });
    expect(await reader.text(id, 1)).toBe('今年增长5.2%');
    // The next revision starts afresh from a snapshot and reads back.
    await reader.record(id, { text: '今年增长5.4%', source: 'save', author: 'alice' });
    expect(await new RevisionStore(dir, false).text(id, 3)).toBe('今年增长5.4%');
  });

  it('finds the revision saved with given file bytes', async () => {
    const { revisions } = store();
    await revisions.record(id, { text: 'a', source: 'first-seen', author: null, diskHash: '1'.repeat(64) });
    await revisions.record(id, { text: 'b', source: 'save', author: 'x', diskHash: '2'.repeat(64) });
    expect((await revisions.byDiskHash(id, '1'.repeat(64)))!.n).toBe(1);
    expect(await revisions.byDiskHash(id, '3'.repeat(64))).toBeNull();
  });
});
