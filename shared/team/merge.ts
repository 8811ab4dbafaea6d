/**
 * Bringing a change made to the file into the team's text when the two have
 * moved apart: the file went `base → mine` (a save, an edit outside
 * FactDesk) while the team text went `base → theirs`. Each change of mine is
 * mapped through theirs, so both survive — the same rule Yjs applies to two
 * members typing at once.
 */
import { computeChanges, type TextChange } from '../anchoring/index.js';

/** `pos` in `base` → the same place in the text `changes` turn base into; `right` keeps it after text inserted there. */
export function mapPosition(pos: number, changes: readonly TextChange[], right: boolean): number {
  let delta = 0;
  for (const c of changes) {
    if (c.to < pos || (c.to === pos && c.from < pos) || (c.from === pos && c.to === pos && right)) delta += c.insert.length - (c.to - c.from);
    else if (c.from < pos) return c.from + delta + (right ? c.insert.length : 0);
    else break;
  }
  return pos + delta;
}

/** The changes (in `theirs` coordinates, in order) that put `base → mine` into `theirs`. */
export function rebaseChanges(base: string, mine: string, theirs: string): TextChange[] {
  const ours = computeChanges(base, mine);
  if (base === theirs) return ours;
  const their = computeChanges(base, theirs);
  return ours.map((c) => {
    const from = mapPosition(c.from, their, false);
    // An insertion stays an insertion: where both typed at one place, neither's words are replaced.
    return { from, to: c.to === c.from ? from : Math.max(from, mapPosition(c.to, their, false)), insert: c.insert };
  });
}
