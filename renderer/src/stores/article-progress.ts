/**
 * Claims by status for each article of the list, asked of the board (board.query counts by
 * status). Asked again for an article whose claims changed, not for all of them.
 */
import { useEffect, useState } from 'react';
import { client } from '../client.js';
import type { StatusCounts } from '../components/ClaimProgress.js';

const counts = new Map<string, StatusCounts>();
const listeners = new Set<() => void>();
const asked = new Set<string>();

async function ask(articleId: string): Promise<void> {
  try {
    const page = await client['board.query']({ articleId: [articleId], limit: 1 });
    counts.set(articleId, page.byStatus);
  } catch (e) {
    // The list still works without its bars; say why in the log rather than to the user.
    console.error('article progress', articleId, e);
  } finally {
    asked.delete(articleId);
  }
  listeners.forEach((l) => l());
}

function want(articleId: string): void {
  if (asked.has(articleId)) return;
  asked.add(articleId);
  void ask(articleId);
}

client.on('claims.changed', ({ id }) => {
  if (counts.has(id)) want(id);
});
client.on('workspace.changed', () => counts.clear());

/** The article's claims by status, or null until known. */
export function useArticleProgress(articleId: string, claimCount: number | null): StatusCounts | null {
  const [, setTick] = useState(0);
  useEffect(() => {
    const l = () => setTick((n) => n + 1);
    listeners.add(l);
    if (claimCount) want(articleId);
    return () => void listeners.delete(l);
  }, [articleId, claimCount]);
  return claimCount ? (counts.get(articleId) ?? null) : null;
}
