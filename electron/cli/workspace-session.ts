/**
 * How CLI commands open a workspace: as a session over the same services the
 * app uses, so opening it takes in articles changed on disk (a revision, the
 * claims re-anchored). Commands that change something need the writer lock
 * and stop with `workspace-busy` while the app (or another command) holds
 * it; read commands fall back to reading, and say so.
 */
import { resolve } from 'node:path';
import type { EventMap } from '../../shared/contract.js';
import { FactDeskError } from '../../shared/errors.js';
import { describeError } from '../../shared/i18n/index.js';
import { EventBus } from '../services/event-bus.js';
import { Session } from '../services/session.js';
import type { CliIo } from './command.js';
import { cliI18n } from './errors.js';

/** A path the user typed: relative to where they typed it (npm run moves the process to the package root). */
export function userPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export async function withWorkspace<T>(workspace: string, mode: 'read' | 'write', io: CliIo, fn: (session: Session) => Promise<T>): Promise<T> {
  // A damaged store file (index or sidecar) moved aside and restored is reported, not hidden.
  const bus = new EventBus();
  bus.on((event, payload) => {
    if (event !== 'store.recovered') return;
    const r = payload as EventMap['store.recovered'];
    const code = r.restored ? 'store-corrupt' : 'store-corrupt-no-backup';
    io.err(`factdesk: ${describeError(cliI18n, { code, message: '', params: { name: r.file, movedTo: r.movedTo } })}`);
  });
  const session = await Session.open(userPath(workspace), { bus });
  try {
    const ws = session.workspace;
    if (ws.readOnly && ws.lockedBy) {
      if (mode === 'write') throw new FactDeskError('workspace-busy', 'another FactDesk process is editing this workspace', { pid: ws.lockedBy.pid });
      io.err(`factdesk: ${describeError(cliI18n, { code: 'workspace-locked', message: '', params: { pid: ws.lockedBy.pid } })}`);
    }
    return await fn(session);
  } finally {
    await session.close();
  }
}
