/**
 * Claims by status for each article of the list, for its progress bars: one
 * call for every article (articles.statusCounts, answered from the services'
 * tallies), kept in the page — the list shown again asks nothing — and, when
 * claims change, one call for the articles that changed, once the burst
 * settles and while the list is on screen. Board pages go first: no count is
 * asked while one is on its way (the board needs its first page now; the bars
 * can wait).
 */
import { useEffect } from 'react';
import type { StatusCounts } from '../../../shared/dashboard.js';
import { client } from '../client.js';
import { boardPagesPendingStore } from './board.js';
import { Store, useStore } from './store.js';

const countsStore = new Store<ReadonlyMap<string, StatusCounts>>(new Map());
/** Every article's counts were asked for (since the workspace opened). */
let complete = false;
/** Articles whose claims changed since their counts were asked for. */
const changed = new Set<string>();
/** Progress bars on screen. */
let shown = 0;
let asking = false;
let timer: ReturnType<typeof setTimeout> | null = null;

function askSoon(delay: number): void {
  if (timer || !shown) return;
  timer = setTimeout(() => {
    timer = null;
    void ask();
  }, delay);
}

async function ask(): Promise<void> {
  if (asking || !shown || (complete && changed.size === 0)) return;
  if (boardPagesPendingStore.get() > 0) {
    const off = boardPagesPendingStore.subscribe(() => {
      if (boardPagesPendingStore.get() > 0) return;
      off();
      askSoon(0);
    });
    return;
  }
  const ids = complete ? [...changed] : null;
  changed.clear();
  asking = true;
  try {
    const answer = await client['articles.statusCounts'](ids ? { ids } : {});
    countsStore.set((prev) => {
      const next = new Map(ids ? prev : []);
      // An article asked for and not in the answer is gone.
      for (const id of ids ?? []) next.delete(id);
      for (const [id, counts] of Object.entries(answer)) next.set(id, counts);
      return next;
    });
    complete = true;
  } catch (e) {
    // The list still works without its bars; say why in the log rather than to the user. The
    // next change (or the list shown again) asks again.
    for (const id of ids ?? []) changed.add(id);
    console.error('article progress', e);
  } finally {
    asking = false;
  }
  if (changed.size) askSoon(250);
}

// A burst of changes (a bulk review across articles) is asked for once, when it settles.
client.on('claims.changed', ({ id }) => {
  changed.add(id);
  askSoon(250);
});
client.on('workspace.changed', () => {
  countsStore.set(new Map());
  complete = false;
  changed.clear();
  askSoon(0);
});

/** The article's claims by status, or null until known. */
export function useArticleProgress(articleId: string, claimCount: number | null): StatusCounts | null {
  useEffect(() => {
    shown++;
    askSoon(0);
    return () => void shown--;
  }, []);
  const counts = useStore(countsStore, (m) => m.get(articleId));
  // An article the counts do not know yet (created since): asked for with the next changes.
  useEffect(() => {
    if (claimCount && complete && !countsStore.get().has(articleId)) {
      changed.add(articleId);
      askSoon(250);
    }
  }, [articleId, claimCount]);
  return claimCount ? (counts ?? null) : null;
}
