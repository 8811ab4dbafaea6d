/**
 * Where FactDesk keeps its own data outside workspaces. Matches Electron's
 * `app.getPath('userData')` for an app named FactDesk, so the desktop app
 * and browser mode share the sample workspace and settings.
 * `FACTDESK_HOME` overrides it (tests, portable installs).
 */
import os from 'node:os';
import { join } from 'node:path';

export const appName = 'FactDesk';

export function userDataDir(): string {
  if (process.env.FACTDESK_HOME) return process.env.FACTDESK_HOME;
  const home = os.homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), appName);
}

/** The workspace opened when none is given: created with sample articles on first run. */
export function defaultWorkspaceDir(): string {
  return join(userDataDir(), 'Sample Workspace');
}
