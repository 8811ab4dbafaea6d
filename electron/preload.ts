/**
 * The only bridge between the sandboxed renderer and main: one function per
 * contract method plus `on(event, listener)`. The raw ipcRenderer and the IPC
 * event object never reach the page.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { eventNames, ipcChannel, methodNames, type EventName } from '../shared/contract-names.js';

const api: Record<string, unknown> = {};
for (const method of methodNames) {
  api[method] = (input: unknown) => ipcRenderer.invoke(ipcChannel(method), input);
}
api.on = (event: EventName, listener: (payload: unknown) => void) => {
  if (!(eventNames as readonly string[]).includes(event) || typeof listener !== 'function') throw new TypeError(`unknown event ${String(event)}`);
  const channel = ipcChannel(event);
  const handler = (_e: unknown, payload: unknown) => listener(payload);
  ipcRenderer.on(channel, handler);
  return () => ipcRenderer.removeListener(channel, handler);
};

contextBridge.exposeInMainWorld('factdesk', api);
