/**
 * Work the user is waiting for: opening a workspace or an article, accepting
 * figures, searching the board, counting the dashboard. Each call the client
 * makes for such work is a task here while it runs; the Progress component
 * shows the oldest one once it has run ~300 ms (quicker work shows nothing).
 */
import { Store } from './store.js';

export interface ProgressTask {
  id: number;
  /** i18n key of what is being done (`progress.*`). */
  label: string;
  /** performance.now() when it began. */
  since: number;
  done?: number;
  total?: number;
}

export const progressStore = new Store<ProgressTask[]>([]);
let nextId = 1;

/** Shows `label` while `work` runs (after the delay); the work's result or error passes through. */
export async function tracked<T>(label: string, work: Promise<T>): Promise<T> {
  const id = nextId++;
  progressStore.set((tasks) => [...tasks, { id, label, since: performance.now() }]);
  try {
    return await work;
  } finally {
    progressStore.set((tasks) => tasks.filter((t) => t.id !== id));
  }
}

/** Which contract calls are work a user waits for, and how to name it. */
export function progressLabelOf(method: string, input: unknown): string | null {
  switch (method) {
    case 'articles.list':
    case 'workspace.info':
      return 'progress.openingWorkspace';
    case 'articles.read':
    case 'claims.list':
      return 'progress.openingArticle';
    case 'claims.addDetected':
      return 'progress.accepting';
    case 'articles.search':
      return 'progress.searchingArticles';
    case 'board.query':
    case 'board.select':
      return (input as { text?: string } | undefined)?.text ? 'progress.searching' : 'progress.board';
    case 'workspace.dashboard':
      return 'progress.counting';
    case 'revisions.list':
    case 'revisions.diff':
    case 'revisions.changes':
      return 'progress.history';
    default:
      return null;
  }
}
