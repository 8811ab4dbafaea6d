/**
 * The team's one revision history of an article, from its `revision` events:
 * numbered in one order every member computes the same way (time, then id),
 * each text rebuilt along its `base` chain with shared/revisions' patches and
 * checked against its hash.
 */
import type { RevisionInfo, RevisionSource } from '../annotations.js';
import { FactDeskError } from '../errors.js';
import { applyPatch, bodyBytes, nextRevisionBody, textHash, type RevisionChainLink } from '../revisions/index.js';
import type { ReviewEvent, RevisionEvent } from './review.js';

/** The revision events, oldest first, in the order every member shows them. */
export function revisionEvents(events: readonly ReviewEvent[]): RevisionEvent[] {
  const seen = new Set<string>();
  return events
    .filter((e): e is RevisionEvent => e.kind === 'revision' && !seen.has(e.id) && !!seen.add(e.id))
    .sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
}

export function revisionInfos(revs: readonly RevisionEvent[]): RevisionInfo[] {
  return revs.map((r, i) => ({ n: i + 1, at: r.at, author: r.by, source: r.source, ...(r.label ? { label: r.label } : {}), hash: r.hash, length: r.length }));
}

const notFound = (n: number) => new FactDeskError('revision-not-found', `no team revision ${n}`, { rev: n });

/** The text of revision `n` (1-based, in `revisionEvents` order). */
export function revisionText(revs: readonly RevisionEvent[], n: number): string {
  const byId = new Map(revs.map((r) => [r.id, r]));
  const target = revs[n - 1];
  if (!target) throw notFound(n);
  const chain: RevisionEvent[] = [];
  for (let r: RevisionEvent | undefined = target; r; r = r.base ? byId.get(r.base) : undefined) {
    chain.push(r);
    if (r.body.kind === 'snapshot') break;
    if (r.base && !byId.has(r.base)) throw notFound(n);
  }
  chain.reverse();
  if (chain[0]?.body.kind !== 'snapshot') throw notFound(n);
  let text = chain[0].body.text;
  for (const r of chain.slice(1)) if (r.body.kind === 'patch') text = applyPatch(text, r.body.patch);
  if (textHash(text) !== target.hash) throw new FactDeskError('internal', `team revision ${n} does not rebuild`, { detail: `team revision ${n} does not rebuild` });
  return text;
}

/** The next revision event's fields for `text` (a patch against the latest revision when that is smaller). */
export function nextRevision(
  revs: readonly RevisionEvent[],
  text: string,
  source: RevisionSource,
): Pick<RevisionEvent, 'kind' | 'source' | 'hash' | 'length' | 'base' | 'body'> | null {
  const last = revs[revs.length - 1];
  const hash = textHash(text);
  if (last && last.hash === hash && source !== 'restore') return null;
  const links: RevisionChainLink[] = [];
  const byId = new Map(revs.map((r) => [r.id, r]));
  for (let r: RevisionEvent | undefined = last; r; r = r.base ? byId.get(r.base) : undefined) {
    links.unshift({ kind: r.body.kind, bytes: bodyBytes(r.body) });
    if (r.body.kind === 'snapshot') break;
  }
  const previous = last ? revisionText(revs, revs.length) : null;
  const { body } = nextRevisionBody(links, previous, text);
  return { kind: 'revision', source, hash, length: text.length, base: last?.id ?? null, body };
}
