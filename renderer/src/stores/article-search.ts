/**
 * The article list's filter by the articles' words: the services' answer
 * (article ids) for the words typed, asked once typing pauses, and asked
 * again when a save or a change on disk may have changed what they find.
 */
import { client } from '../client.js';
import { showError } from './errors.js';
import { Store } from './store.js';
import { searchDelay } from './ui.js';

export interface ArticleTextHits {
  /** The words asked for, as typed (trimmed). */
  query: string;
  ids: ReadonlySet<string>;
}

export const articleTextHitsStore = new Store<ArticleTextHits | null>(null);

let current = '';
let asked = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

async function ask(query: string): Promise<void> {
  const n = ++asked;
  try {
    const ids = await client['articles.search']({ text: query });
    // A slower answer to older words never replaces a newer one.
    if (n === asked) articleTextHitsStore.set({ query, ids: new Set(ids) });
  } catch (e) {
    showError(e);
  }
}

function askSoon(): void {
  clearTimeout(timer);
  const query = current;
  timer = setTimeout(() => void ask(query), searchDelay);
}

/** The filter's words changed: ask the services once typing pauses (nothing while it is empty). */
export function searchArticleText(text: string): void {
  current = text.trim();
  if (current) return askSoon();
  clearTimeout(timer);
  asked++;
  articleTextHitsStore.set(null);
}

const again = () => {
  if (current) askSoon();
};
client.on('article.saved', again);
client.on('articles.changed', again);
client.on('article.changedOnDisk', again);
client.on('workspace.changed', again);
