import { promises as fs, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { writeFileDurable } from '../../../../electron/services/durable-file.js';
import { frozenJson, openJsonStore, stableJsonChunks, stableStringify } from '../../../../electron/services/json-store.js';
import { removeDir, tempDir } from '../../../helpers/temp-workspace.js';

/** The definition: JSON.stringify over key-sorted copies. */
function reference(value: unknown): string {
  return (
    JSON.stringify(
      value,
      (_k, v: unknown) => {
        if (v && typeof v === 'object' && !Array.isArray(v)) {
          const sorted: Record<string, unknown> = {};
          for (const k of Object.keys(v as Record<string, unknown>).sort()) {
            Object.defineProperty(sorted, k, { value: (v as Record<string, unknown>)[k], enumerable: true, writable: true, configurable: true });
          }
          return sorted;
        }
        return v;
      },
      2,
    ) + '\n'
  );
}

function deepFreeze<T>(v: T): T {
  if (v && typeof v === 'object') {
    for (const x of Object.values(v)) deepFreeze(x);
    Object.freeze(v);
  }
  return v;
}

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map(removeDir));
});

describe('stableStringify', () => {
  it('writes exactly what JSON.stringify writes over key-sorted objects', () => {
    const json = fc.jsonValue();
    const odd = fc.oneof(json, fc.constant(undefined), fc.constant(Number.NaN), fc.constant(new Date(0)), fc.dictionary(fc.constantFrom('10', '9', '0', '01', 'b', 'a', '4294967295', '-1'), json));
    fc.assert(fc.property(fc.oneof(json, fc.array(odd), fc.dictionary(fc.string(), odd)), (v) => {
      expect(stableStringify(v)).toBe(reference(v));
    }), { numRuns: Number(process.env.FC_RUNS ?? 300) });
  });

  it('writes the same text for frozenJson copies (serialized natively), at any depth', () => {
    const json = fc.jsonValue();
    const odd = fc.oneof(json, fc.constant(undefined), fc.dictionary(fc.constantFrom('10', '9', '__proto__', 'b', 'a'), json));
    fc.assert(fc.property(fc.dictionary(fc.string(), odd), fc.array(odd), (members, items) => {
      const frozen = { members: Object.fromEntries(Object.entries(members).map(([k, v]) => [k, frozenJson(v)])), deeper: { items: items.map((v) => frozenJson(v)) } };
      const plain = { members, deeper: { items } };
      expect(stableStringify(frozen)).toBe(reference(plain));
      // Twice: the second time from the kept bytes.
      expect(stableStringify(frozen)).toBe(reference(plain));
    }), { numRuns: Number(process.env.FC_RUNS ?? 300) });
  });

  it('reuses the text of frozen members and still reflects replaced ones', () => {
    const claims: Record<string, unknown> = {};
    for (let i = 0; i < 50; i++) claims[`c${i}`] = deepFreeze({ id: `c${i}`, status: 'unchecked', anchor: { start: i, end: i + 3, quote: '5.2%' } });
    const data = { claims, audit: [deepFreeze({ at: 't', by: '张三', action: 'claim.added' })] };
    expect(stableStringify(data)).toBe(reference(data));
    claims.c7 = deepFreeze({ ...(claims.c7 as object), status: 'verified' });
    data.audit.push(deepFreeze({ at: 't2', by: null as unknown as string, action: 'claim.status' }));
    const again = stableStringify(data);
    expect(again).toBe(reference(data));
    expect(again).toContain('"status": "verified"');
    // The same frozen object nested at another depth gets its own indentation.
    const nested = { deeper: { claims } };
    expect(stableStringify(nested)).toBe(reference(nested));
  });

  it('writes the pieces as one file through a gathering write', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const big = { items: Array.from({ length: 3000 }, (_, i) => deepFreeze({ i, text: '同比增长190.6%'.repeat(i % 5) })) };
    const chunks = stableJsonChunks(big);
    expect(chunks.length).toBeGreaterThan(1024);
    await writeFileDurable(join(dir, 'big.json'), chunks);
    expect(readFileSync(join(dir, 'big.json'), 'utf8')).toBe(reference(big));
  });
});

describe('openJsonStore', () => {
  it('keeps a second copy of the last acknowledged write and restores it when the file is damaged', async () => {
    const dir = tempDir();
    dirs.push(dir);
    const file = join(dir, 'store.json');
    const db = await openJsonStore(file, { n: 0 });
    db.data.n = 1;
    await db.write();
    db.data.n = 2;
    await db.write();
    await fs.writeFile(file, '{"n": 3, torn');
    const recovered: unknown[] = [];
    const again = await openJsonStore(file, { n: 0 }, { onRecovered: (r) => recovered.push(r) });
    // The copy is written after the change, so the last acknowledged write survives the damage.
    expect(again.data).toEqual({ n: 2 });
    expect(recovered).toMatchObject([{ file: 'store.json', restored: true, movedTo: expect.stringMatching(/^store\.json\.corrupt-/) }]);
    const aside = (await fs.readdir(dir)).find((n) => n.includes('.corrupt-'))!;
    expect(readFileSync(join(dir, aside), 'utf8')).toBe('{"n": 3, torn');
  });
});
