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
import { cliI18n } from './i18n.js';

/** A path the user typed: relative to where they typed it (npm run moves the process to the package root). */
export function userPath(p: string): string {
  return resolve(process.env.INIT_CWD ?? process.cwd(), p);
}

export async function withWorkspace<T>(workspace: string, mode: 'read' | 'write', io: CliIo, fn: (session: Session) => Promise<T>): Promise<T> {
  // What a window would show as a notice (a damaged store file restored, a lost index rebuilt, a link refused,
  // a file left out) is printed on stderr, not hidden.
  const bus = new EventBus();
  bus.on((event, payload) => {
    if (event !== 'workspace.notice') return;
    const n = payload as EventMap['workspace.notice'];
    io.err(`factdesk: ${cliI18n().t(`notices.${n.code}`, n.params)}`);
  });
  const session = await Session.open(userPath(workspace), { bus });
  try {
    const ws = session.workspace;
    if (ws.readOnly && ws.lockedBy) {
      if (mode === 'write') throw new FactDeskError('workspace-busy', 'another FactDesk process is editing this workspace', { pid: ws.lockedBy.pid });
      io.err(`factdesk: ${describeError(cliI18n(), { code: 'workspace-locked', message: '', params: { pid: ws.lockedBy.pid } })}`);
    }
    return await fn(session);
  } finally {
    await session.close();
  }
}
