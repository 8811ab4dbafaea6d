/**
 * Runs FactDesk in browser mode: opens a workspace session (watching the
 * folder) and serves the built renderer plus the contract over HTTP.
 */
import { readProfile } from '../services/profile-store.js';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from '../services/dispatcher.js';
import { EventBus } from '../services/event-bus.js';
import { createHandlers } from '../services/handlers.js';
import { ensureSampleWorkspace } from '../services/sample-workspace.js';
import { Session } from '../services/session.js';
import { TeamClient, type TeamClientOptions } from '../services/team/team-client.js';
import { startHttpHost, type HttpHost } from './http-host.js';

/** The built renderer: `dist/renderer` of the checkout, from the source tree or the build. */
export function rendererDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, '..', '..', 'dist', 'renderer'), join(here, '..', 'renderer')];
  const found = candidates.find((c) => existsSync(join(c, 'index.html')));
  if (!found) throw new Error('The renderer is not built yet: run `npm run build` (npm start does it for you).');
  return found;
}

export interface BrowserModeOptions {
  /** Workspace folder; the sample workspace when omitted. */
  workspace?: string;
  port?: number;
  token?: string;
  /** Who edits (default: the OS user). */
  author?: string;
  team?: TeamClientOptions;
}

export interface BrowserMode {
  host: HttpHost;
  session: Session;
  team: TeamClient;
  close(): Promise<void>;
}

export async function startBrowserMode(opts: BrowserModeOptions = {}): Promise<BrowserMode> {
  const staticDir = rendererDir();
  const root = opts.workspace ? resolve(opts.workspace) : await ensureSampleWorkspace();
  const bus = new EventBus();
  // The kept profile's name is the author (audit entries, comments); without one, the OS user.
  const author = opts.author ?? (await readProfile())?.name;
  const session = await Session.open(root, { watch: true, warm: true, bus, create: false, ...(author ? { author } : {}) });
  const team = await TeamClient.attach(session, opts.team ?? {});
  const dispatch = createDispatcher(createHandlers({ host: 'browser', session: () => session, team: () => team }));
  const host = await startHttpHost({ dispatch, bus, staticDir, port: opts.port, token: opts.token, keptCopy: (hash) => session.evidence.read(hash) });
  return {
    host,
    session,
    team,
    close: async () => {
      await host.close();
      await team.close();
      await session.close();
    },
  };
}
