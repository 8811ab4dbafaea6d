import type { RevisionBody, RevisionChainLink, SnapshotPolicy } from './types.js';

/** Defaults sized so 1,000 one-sentence revisions of a 50 KB article stay under 2 MB. */
export const defaultSnapshotPolicy: SnapshotPolicy = { maxPatchesPerSnapshot: 100, maxPatchBytesRatio: 0.5 };

/** Whether the next revision (whose patch would take `patchBytes`, text `textBytes`) is stored whole. */
export function chooseRevisionKind(
  chain: readonly RevisionChainLink[],
  patchBytes: number,
  textBytes: number,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
): RevisionBody['kind'] {
  void chain; void patchBytes; void textBytes; void policy;
  throw new Error('not implemented yet');
}

/**
 * The body to store for a new revision after `chain` (whose last text is
 * `previousText`, or null for the first revision), and its size.
 */
export function nextRevisionBody(
  chain: readonly RevisionChainLink[],
  previousText: string | null,
  newText: string,
  policy: SnapshotPolicy = defaultSnapshotPolicy,
): { body: RevisionBody; link: RevisionChainLink } {
  void chain; void previousText; void newText; void policy;
  throw new Error('not implemented yet');
}

/** Index of the snapshot a read of revision `index` starts from. */
export function baseSnapshotIndex(chain: readonly Pick<RevisionChainLink, 'kind'>[], index: number): number {
  void chain; void index;
  throw new Error('not implemented yet');
}

/**
 * The text of revision `index`, from the bodies of revisions
 * `baseSnapshotIndex(…)..index` (others may be missing from the array).
 */
export function rebuildText(bodies: readonly (RevisionBody | undefined)[], index: number): string {
  void bodies; void index;
  throw new Error('not implemented yet');
}
