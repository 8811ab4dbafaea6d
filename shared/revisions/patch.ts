import { applyChanges, computeChanges } from '../anchoring/index.js';
import { FactDeskError } from '../errors.js';
import type { RevisionPatch } from './types.js';

/** The patch that turns `oldText` into `newText` (the same change set anchoring maps claims through). */
export function makePatch(oldText: string, newText: string): RevisionPatch {
  return computeChanges(oldText, newText).map((c) => [c.from, c.to - c.from, c.insert]);
}

/** Applies a patch made by `makePatch`; throws `invalid-input` if it does not fit `text`. */
export function applyPatch(text: string, patch: RevisionPatch): string {
  if (!Array.isArray(patch)) throw badPatch('not an array');
  const changes = patch.map((entry) => {
    if (!Array.isArray(entry) || entry.length !== 3 || typeof entry[0] !== 'number' || typeof entry[1] !== 'number' || typeof entry[2] !== 'string') {
      throw badPatch('malformed entry');
    }
    return { from: entry[0], to: entry[0] + entry[1], insert: entry[2] };
  });
  return applyChanges(text, changes);
}

function badPatch(detail: string): FactDeskError {
  return new FactDeskError('invalid-input', `Revision patch is damaged: ${detail}`, { detail: `revision patch: ${detail}` });
}
