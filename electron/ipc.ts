/**
 * The Electron binding of the contract: one `ipcMain.handle` per method, each
 * checking that the message comes from the app's own main frame (like VS
 * Code's validatedIpcMain) before the dispatcher validates the payload.
 * Results travel as envelopes so typed errors survive serialization.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { eventNames, ipcChannel, methodNames, type Envelope } from '../shared/contract.js';
import { FactDeskError, toErrorPayload } from '../shared/errors.js';
import type { Dispatch } from './services/dispatcher.js';
import type { EventBus } from './services/event-bus.js';

/** The origin the renderer is served from (see protocol.ts). */
export const appScheme = 'app';
export const appHost = 'factdesk';

/** True only for the app's own page in a top-level frame. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame'>): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null) return false;
  try {
    const url = new URL(frame.url);
    return url.protocol === `${appScheme}:` && url.host === appHost;
  } catch {
    return false;
  }
}

export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, dispatch: Dispatch, trusted = isTrustedSender): () => void {
  for (const method of methodNames) {
    ipcMain.handle(ipcChannel(method), async (event, input: unknown): Promise<Envelope<unknown>> => {
      if (!trusted(event)) {
        console.error(`factdesk: refused ${method} from untrusted frame ${event.senderFrame?.url ?? '(gone)'}`);
        return { ok: false, error: new FactDeskError('invalid-input', 'untrusted sender', { detail: 'untrusted sender' }).toPayload() };
      }
      try {
        return { ok: true, value: await dispatch(method, input) };
      } catch (e) {
        if (!(e instanceof FactDeskError)) console.error(`factdesk: ${method} failed:`, e);
        return { ok: false, error: toErrorPayload(e) };
      }
    });
  }
  return () => methodNames.forEach((m) => ipcMain.removeHandler(ipcChannel(m)));
}

/** Pushes every service event to the given windows' renderers. */
export function forwardEvents(bus: EventBus, targets: () => Array<Pick<WebContents, 'send' | 'isDestroyed'>>): () => void {
  return bus.on((event, payload) => {
    if (!(eventNames as readonly string[]).includes(event)) return;
    for (const wc of targets()) if (!wc.isDestroyed()) wc.send(ipcChannel(event), payload);
  });
}
