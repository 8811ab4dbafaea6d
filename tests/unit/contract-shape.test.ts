import { describe, expect, it } from 'vitest';
import { contract, methodNames } from '../../shared/contract.js';

describe('contract', () => {
  it('has a schema for every method name and no other', () => {
    expect(Object.keys(contract).sort()).toEqual([...methodNames].sort());
  });

  it('rejects article ids that look like paths', () => {
    const read = contract['articles.read'].input;
    for (const id of ['../etc/passwd', '/etc/passwd', 'a\0b', 'x'.repeat(10_000), 'C:\\x']) {
      expect(read.safeParse({ id }).success).toBe(false);
    }
    expect(read.safeParse({ id: 'a1b2c3d4e5f6' }).success).toBe(true);
  });
});
