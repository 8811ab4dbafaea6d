/** The open workspace, the app's host and version, and the article list. */
import type { AppInfo, ArticleSummary, WorkspaceInfo } from '../../../shared/model.js';
import { client } from '../client.js';
import { showError } from './errors.js';
import { Store } from './store.js';

export const appInfoStore = new Store<AppInfo | null>(null);
export const workspaceStore = new Store<WorkspaceInfo | null>(null);
export const articlesStore = new Store<ArticleSummary[]>([]);

export const isReadOnly = () => !!workspaceStore.get()?.readOnly;

export async function refreshArticles(): Promise<void> {
  try {
    articlesStore.set(await client['articles.list']({}));
  } catch (e) {
    showError(e);
  }
}

export async function refreshWorkspace(): Promise<void> {
  try {
    workspaceStore.set(await client['workspace.info']({}));
  } catch (e) {
    showError(e);
  }
}

/** Once at start: what the host is, the workspace and its articles. */
export async function loadWorkspace(): Promise<void> {
  try {
    appInfoStore.set(await client['app.info']({}));
    workspaceStore.set(await client['workspace.info']({}));
    await refreshArticles();
  } catch (e) {
    showError(e);
  }
}
