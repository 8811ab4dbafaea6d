import { describe, expect, it } from 'vitest';
import { FactDeskError } from '../../../../shared/errors.js';
import {
  baseSnapshotIndex,
  chooseRevisionKind,
  defaultSnapshotPolicy,
  nextRevisionBody,
  rebuildText,
  textHash,
  utf8Length,
} from '../../../../shared/revisions/index.js';
import type { RevisionBody, RevisionChainLink } from '../../../../shared/revisions/index.js';

const sentence = (i: number): string => `第${i}季度全县实现地区生产总值${(i * 7919) % 100000}万元,同比增长${(i % 97) / 10}%。`;

/** Saves `count` revisions of an article, each rewriting one sentence, as the store would. */
function saveRevisions(count: number, policy = defaultSnapshotPolicy) {
  const sentences = Array.from({ length: 300 }, (_, i) => sentence(i));
  const chain: RevisionChainLink[] = [];
  const bodies: RevisionBody[] = [];
  const texts: string[] = [];
  let previous: string | null = null;
  for (let r = 0; r < count; r++) {
    if (r > 0) sentences[(r * 37) % sentences.length] = sentence(1000 + r);
    const text = sentences.join('\n');
    const { body, link } = nextRevisionBody(chain, previous, text, policy);
    chain.push(link);
    bodies.push(body);
    texts.push(text);
    previous = text;
  }
  return { chain, bodies, texts };
}

describe('revision chain', () => {
  it('rebuilds every revision exactly from its snapshot and patches', () => {
    const { bodies, texts } = saveRevisions(250);
    for (let i = 0; i < texts.length; i++) {
      const rebuilt = rebuildText(bodies, i);
      expect(textHash(rebuilt)).toBe(textHash(texts[i]!));
      expect(rebuilt).toBe(texts[i]);
    }
  });

  it('starts with a snapshot and never needs more than the policy allows to read a revision', () => {
    const { chain } = saveRevisions(250);
    expect(chain[0]!.kind).toBe('snapshot');
    let run = 0;
    for (const link of chain) {
      run = link.kind === 'patch' ? run + 1 : 0;
      expect(run).toBeLessThanOrEqual(defaultSnapshotPolicy.maxPatchesPerSnapshot);
    }
    expect(chain.filter((l) => l.kind === 'snapshot').length).toBe(3);
  });

  it('costs far less than keeping every text whole', () => {
    const { chain, texts } = saveRevisions(250);
    const stored = chain.reduce((sum, l) => sum + l.bytes, 0);
    const whole = texts.reduce((sum, t) => sum + utf8Length(t), 0);
    expect(stored).toBeLessThan(whole / 20);
  });

  it('reads from the nearest snapshot at or before the revision', () => {
    const { chain, bodies, texts } = saveRevisions(150, { maxPatchesPerSnapshot: 10, maxPatchBytesRatio: 0.5 });
    expect(baseSnapshotIndex(chain, 0)).toBe(0);
    expect(baseSnapshotIndex(chain, 10)).toBe(0);
    expect(baseSnapshotIndex(chain, 11)).toBe(11);
    expect(baseSnapshotIndex(chain, 15)).toBe(11);
    // Only the bodies from the base snapshot on are needed.
    const partial: Array<RevisionBody | undefined> = bodies.map((b, i) => (i >= 11 && i <= 15 ? b : undefined));
    expect(rebuildText(partial, 15)).toBe(texts[15]);
  });

  it('says which revision is missing or unknown', () => {
    const { bodies } = saveRevisions(5);
    const gap = bodies.map((b, i) => (i === 2 ? undefined : b));
    expect(() => rebuildText(gap, 4)).toThrow(/revision 2 is missing/);
    expect(() => rebuildText(bodies, 9)).toThrow(FactDeskError);
    expect(() => baseSnapshotIndex([{ kind: 'patch' }], 0)).toThrow(FactDeskError);
    try {
      rebuildText(bodies, 9);
    } catch (e) {
      expect((e as FactDeskError).code).toBe('revision-not-found');
    }
  });
});

describe('chooseRevisionKind', () => {
  const patches = (n: number, bytes = 100): RevisionChainLink[] => [
    { kind: 'snapshot', bytes: 50_000 },
    ...Array.from({ length: n }, () => ({ kind: 'patch' as const, bytes })),
  ];

  it('snapshots the first revision', () => {
    expect(chooseRevisionKind([], 10, 50_000)).toBe('snapshot');
  });

  it('snapshots after the maximum number of patches', () => {
    expect(chooseRevisionKind(patches(98), 100, 50_000)).toBe('patch');
    expect(chooseRevisionKind(patches(99), 100, 50_000)).toBe('patch');
    expect(chooseRevisionKind(patches(100), 100, 50_000)).toBe('snapshot');
  });

  it('snapshots once patches since the last snapshot outweigh the share of the text', () => {
    expect(chooseRevisionKind(patches(4, 5_000), 4_000, 50_000)).toBe('patch');
    expect(chooseRevisionKind(patches(4, 5_000), 6_000, 50_000)).toBe('snapshot');
  });

  it('snapshots when a patch is as large as the text', () => {
    expect(chooseRevisionKind(patches(1), 60_000, 50_000)).toBe('snapshot');
  });
});
