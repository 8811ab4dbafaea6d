/**
 * The three ways a renderer reaches the services — the dispatcher itself,
 * browser mode's HTTP host and the Electron IPC binding (with a fake ipcMain
 * standing in for Electron's, which needs the binary) — behind one `call`,
 * so one contract suite runs against all of them.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import type { IpcMainInvokeEvent } from 'electron';
import { ipcChannel, type Envelope } from '../../shared/contract.js';
import { FactDeskError, type ErrorPayload } from '../../shared/errors.js';
import { bindIpc } from '../../electron/ipc.js';
import { createDispatcher, type Dispatch } from '../../electron/services/dispatcher.js';
import { EventBus } from '../../electron/services/event-bus.js';
import { createHandlers } from '../../electron/services/handlers.js';
import { Session } from '../../electron/services/session.js';
import { startHttpHost, type HttpHost } from '../../electron/server/http-host.js';
import { tempDir } from './temp-workspace.js';

export type Call = (method: string, input?: unknown) => Promise<unknown>;

export interface HostUnderTest {
  name: string;
  call: Call;
  session: Session;
  bus: EventBus;
  close(): Promise<void>;
}

type Handler = (event: IpcMainInvokeEvent, input: unknown) => Promise<Envelope<unknown>>;

/** Stands in for Electron's ipcMain: records handlers, invokes them with a chosen sender frame. */
export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, input: unknown, frame: { url: string; parent: unknown } | null): Promise<Envelope<unknown>> {
    const h = this.handlers.get(channel);
    if (!h) throw new Error(`No handler registered for '${channel}'`);
    return h({ senderFrame: frame } as unknown as IpcMainInvokeEvent, input);
  }
}

export const appFrame = { url: 'app://factdesk/index.html', parent: null };

function unwrap(env: Envelope<unknown>): unknown {
  if (env.ok) return env.value;
  throw FactDeskError.fromPayload(env.error);
}

async function openSession(root: string): Promise<{ session: Session; bus: EventBus; dispatch: Dispatch }> {
  const bus = new EventBus();
  const session = await Session.open(root, { bus, watch: true });
  await session.watching();
  const dispatch = createDispatcher(createHandlers({ host: 'browser', session: () => session }));
  return { session, bus, dispatch };
}

export async function dispatcherHost(root: string): Promise<HostUnderTest> {
  const { session, bus, dispatch } = await openSession(root);
  return { name: 'dispatcher', call: (m, i = {}) => dispatch(m, i), session, bus, close: () => session.close() };
}

export async function httpHost(root: string): Promise<HostUnderTest & { host: HttpHost }> {
  const { session, bus, dispatch } = await openSession(root);
  const staticDir = tempDir('factdesk-static-');
  await fs.writeFile(join(staticDir, 'index.html'), '<!doctype html><title>FactDesk</title>');
  const host = await startHttpHost({ dispatch, bus, staticDir, keptCopy: (hash) => session.evidence.read(hash) });
  const call: Call = async (method, input = {}) => {
    const res = await fetch(`${host.origin}/rpc/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
      body: JSON.stringify(input),
    });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: ErrorPayload };
    if (!body.ok) throw FactDeskError.fromPayload(body.error!);
    return body.value;
  };
  return {
    name: 'http',
    call,
    session,
    bus,
    host,
    close: async () => {
      await host.close();
      await session.close();
      await fs.rm(staticDir, { recursive: true, force: true });
    },
  };
}

export async function ipcHost(root: string): Promise<HostUnderTest & { ipc: FakeIpcMain }> {
  const { session, bus, dispatch } = await openSession(root);
  const ipc = new FakeIpcMain();
  const unbind = bindIpc(ipc, dispatch);
  // What crosses IPC is structured-cloned; JSON is a close enough stand-in for plain data.
  const call: Call = async (method, input = {}) => unwrap(JSON.parse(JSON.stringify(await ipc.invoke(ipcChannel(method as never), input, appFrame))));
  return {
    name: 'ipc',
    call,
    session,
    bus,
    ipc,
    close: async () => {
      unbind();
      await session.close();
    },
  };
}

export const allHosts = [dispatcherHost, httpHost, ipcHost] as const;
