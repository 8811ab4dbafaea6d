/** The workspace dashboard's numbers (workspace.dashboard), fetched while it is shown and again as claims change. */
import type { WorkspaceDashboard } from '../../../shared/dashboard.js';
import { client } from '../client.js';
import { showError } from './errors.js';
import { Store } from './store.js';

export const dashboardStore = new Store<WorkspaceDashboard | null>(null);
let shown = 0;
let timer: ReturnType<typeof setTimeout> | null = null;
let asked = 0;

/** Asks for the numbers now; a slower, older answer never replaces a newer one. */
export async function loadDashboard(): Promise<void> {
  const n = ++asked;
  try {
    const d = await client['workspace.dashboard']({ offsetMinutes: -new Date().getTimezoneOffset() });
    if (n === asked) dashboardStore.set(d);
  } catch (e) {
    showError(e);
  }
}

/** A burst of changes (a bulk review) asks once, when it settles. */
function reloadSoon(): void {
  if (!shown) return;
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = null;
    void loadDashboard();
  }, 250);
}

/** The dashboard is on screen: load it, and follow changes until the returned function is called. */
export function showDashboard(): () => void {
  shown++;
  void loadDashboard();
  const offs = [client.on('claims.changed', reloadSoon), client.on('articles.changed', reloadSoon), client.on('workspace.changed', reloadSoon)];
  return () => {
    shown--;
    offs.forEach((off) => off());
  };
}
