import { FactDeskError } from '../errors.js';
import { utf8Length } from './hash.js';
import { applyPatch, makePatch } from './patch.js';
import type { RevisionBody, RevisionChainLink, SnapshotPolicy } from './types.js';

/**
 * Defaults: a snapshot at least every 100 revisions, or sooner once the
 * patches since the last one add up to half the text. 1,000 one-sentence
 * revisions of a 50 KB article then take about 10 snapshots plus small
 * patches (see docs/anchoring-and-revisions.md for the measured size).
 */
export const defaultSnapshotPolicy: SnapshotPolicy = { maxPatchesPerSnapshot: 100, maxPatchBytesRatio: 0.5 };

/** Whether the next revision (its patch `patchBytes`, its text `textBytes`) is stored whole. */
export function chooseRevisionKind(
  chain: readonly RevisionChainLink[],
  patchBytes: number,
  textBytes: number,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
): RevisionBody['kind'] {
  if (chain.length === 0) return 'snapshot';
  // A patch as large as the text saves nothing and lengthens every later read.
  if (patchBytes >= textBytes) return 'snapshot';
  let patches = 0;
  let bytes = patchBytes;
  for (let i = chain.length - 1; i >= 0 && chain[i]!.kind === 'patch'; i--) {
    patches++;
    bytes += chain[i]!.bytes;
  }
  if (patches + 1 > policy.maxPatchesPerSnapshot) return 'snapshot';
  if (bytes > policy.maxPatchBytesRatio * textBytes) return 'snapshot';
  return 'patch';
}

/** UTF-8 bytes of a body's JSON, the size the snapshot policy counts. */
export function bodyBytes(body: RevisionBody): number {
  return utf8Length(JSON.stringify(body));
}

/**
 * The body to store for a new revision after `chain` (whose latest text is
 * `previousText`, or null before the first revision), with its chain link.
 */
export function nextRevisionBody(
  chain: readonly RevisionChainLink[],
  previousText: string | null,
  newText: string,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
): { body: RevisionBody; link: RevisionChainLink } {
  const snapshot: RevisionBody = { kind: 'snapshot', text: newText };
  if (previousText === null || chain.length === 0) return { body: snapshot, link: { kind: 'snapshot', bytes: bodyBytes(snapshot) } };
  const patch: RevisionBody = { kind: 'patch', patch: makePatch(previousText, newText) };
  const patchBytes = bodyBytes(patch);
  if (chooseRevisionKind(chain, patchBytes, utf8Length(newText), policy) === 'patch') return { body: patch, link: { kind: 'patch', bytes: patchBytes } };
  return { body: snapshot, link: { kind: 'snapshot', bytes: bodyBytes(snapshot) } };
}

/** Index of the snapshot a read of revision `index` starts from. */
export function baseSnapshotIndex(chain: readonly Pick<RevisionChainLink, 'kind'>[], index: number): number {
  if (!Number.isInteger(index) || index < 0 || index >= chain.length) throw notFound(index);
  for (let i = index; i >= 0; i--) if (chain[i]!.kind === 'snapshot') return i;
  throw damaged('no snapshot before revision ' + index);
}

/**
 * The text of revision `index`, from the bodies of revisions
 * `baseSnapshotIndex(…)..index` (the others may be left out of the array).
 */
export function rebuildText(bodies: readonly (RevisionBody | undefined)[], index: number): string {
  if (!Number.isInteger(index) || index < 0 || index >= bodies.length) throw notFound(index);
  let base = index;
  while (base >= 0 && bodies[base]?.kind === 'patch') base--;
  const snapshot = bodies[base];
  if (base < 0 || snapshot?.kind !== 'snapshot') throw damaged(`revision ${base < 0 ? 0 : base} is missing`);
  let text = snapshot.text;
  for (let i = base + 1; i <= index; i++) {
    const body = bodies[i];
    if (body?.kind !== 'patch') throw damaged(`revision ${i} is missing`);
    text = applyPatch(text, body.patch);
  }
  return text;
}

function notFound(index: number): FactDeskError {
  return new FactDeskError('revision-not-found', `No revision ${index}`, { rev: index });
}

function damaged(detail: string): FactDeskError {
  return new FactDeskError('invalid-input', `Revision chain is incomplete: ${detail}`, { detail });
}
