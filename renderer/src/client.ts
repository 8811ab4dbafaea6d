/**
 * The renderer's only way to reach the services: one typed client over
 * whichever host loaded the page — Electron's preload (`window.factdesk`)
 * or browser mode's HTTP API (token from the URL the server printed).
 */
import { eventNames, methodNames, type EventMap, type EventName, type FactDeskApi, type FactDeskEvents, type MethodInput, type MethodName, type MethodOutput } from '../../shared/contract.js';
import { FactDeskError, type ErrorPayload } from '../../shared/errors.js';
import type { HostKind } from '../../shared/model.js';
import { keptCopyPath, type EvidenceRef } from '../../shared/evidence.js';
import { postRpc } from './rpc-post.js';
import { progressLabelOf, tracked } from './stores/progress.js';
import type { RpcAnswer, RpcRequest } from './workers/rpc.worker.js';

/** What the Electron preload exposes on `window.factdesk`. */
export type PreloadBridge = { [M in MethodName]: (input: unknown) => Promise<{ ok: true; value: unknown } | { ok: false; error: ErrorPayload }> } & {
  on(event: EventName, listener: (payload: unknown) => void): () => void;
};

declare global {
  interface Window {
    factdesk?: PreloadBridge;
  }
}

/** `expired`: the server answers but no longer knows this tab's token (it was restarted). */
export type ConnectionState = 'up' | 'down' | 'expired';

export type Client = FactDeskApi & FactDeskEvents & { host: HostKind; onConnection(listener: (state: ConnectionState) => void): () => void };

function tokenFromPage(): string {
  const url = new URL(window.location.href);
  const fromUrl = url.searchParams.get('token');
  if (fromUrl) {
    sessionStorage.setItem('factdesk.token', fromUrl);
    // Keep the token out of the address bar, history and screenshots.
    url.searchParams.delete('token');
    window.history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return sessionStorage.getItem('factdesk.token') ?? '';
}

function electronClient(bridge: PreloadBridge): Client {
  const api = Object.fromEntries(
    methodNames.map((m) => [
      m,
      async (input: unknown) => {
        const r = await bridge[m](input ?? {});
        if (!r.ok) throw FactDeskError.fromPayload(r.error);
        return r.value;
      },
    ]),
  ) as unknown as FactDeskApi;
  return {
    ...api,
    host: 'electron',
    on: (event, listener) => bridge.on(event, listener as (p: unknown) => void),
    onConnection: () => () => {},
  };
}

/** Browser mode's token for this tab (empty under Electron). */
let pageToken = '';

function httpClient(): Client {
  const token = tokenFromPage();
  pageToken = token;
  const api = Object.fromEntries(
    methodNames.map((m) => [
      m,
      async (input: unknown) => {
        const r = await postRpc(`./rpc/${m}`, token, input);
        if (!r.ok) throw FactDeskError.fromPayload(r.error);
        return r.value;
      },
    ]),
  ) as unknown as FactDeskApi;

  const listeners = new Map<EventName, Set<(p: unknown) => void>>();
  const connection = new Set<(state: ConnectionState) => void>();
  const source = new EventSource(`./events?token=${encodeURIComponent(token)}`);
  for (const name of eventNames) {
    source.addEventListener(name, (e) => {
      const payload = JSON.parse((e as MessageEvent<string>).data) as unknown;
      listeners.get(name)?.forEach((l) => l(payload));
    });
  }
  source.addEventListener('open', () => connection.forEach((l) => l('up')));
  source.addEventListener('error', () => {
    // EventSource retries on its own; a restarted server refuses the old token, which no retry fixes.
    void fetch('./rpc/app.info', { method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` }, body: '{}' }).then(
      (res) => {
        const state: ConnectionState = res.status === 401 ? 'expired' : res.ok ? 'up' : 'down';
        if (state === 'expired') source.close();
        connection.forEach((l) => l(state));
      },
      () => connection.forEach((l) => l('down')),
    );
  });
  return {
    ...api,
    host: 'browser',
    on<E extends EventName>(event: E, listener: (payload: EventMap[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener as (p: unknown) => void);
      return () => set.delete(listener as (p: unknown) => void);
    },
    onConnection(listener) {
      connection.add(listener);
      return () => connection.delete(listener);
    },
  };
}

/** The client, with the calls a user waits for shown as progress (stores/progress.ts). */
function withProgress(c: Client): Client {
  const wrapped = { ...c } as Record<string, unknown>;
  for (const m of methodNames) {
    const call = c[m] as (input: unknown) => Promise<unknown>;
    wrapped[m] = (input: unknown) => {
      const label = progressLabelOf(m, input);
      return label ? tracked(label, call(input)) : call(input);
    };
  }
  return wrapped as unknown as Client;
}

export const client: Client = withProgress(window.factdesk ? electronClient(window.factdesk) : httpClient());

/**
 * Where the host serves a kept copy of a source: `/evidence/<hash>` on both
 * hosts (app://factdesk under Electron); browser mode adds this tab's token,
 * since a frame or a new tab cannot send the Authorization header.
 */
export function keptCopyUrl(ref: Pick<EvidenceRef, 'hash' | 'mediaType'>): string {
  const path = `/${keptCopyPath(ref)}`;
  return client.host === 'electron' ? path : `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(pageToken)}`;
}

/** Browser mode: where method `m` is served and this tab's token, for a worker that calls it itself; null under Electron. */
export function rpcEndpoint(m: MethodName): { url: string; token: string } | null {
  return client.host === 'browser' ? { url: new URL(`./rpc/${m}`, window.location.href).href, token: pageToken } : null;
}

let rpcWorker: Worker | null = null;
let rpcSerial = 0;
const rpcWaiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: unknown) => void }>();

/**
 * Method `m` called with a large input (a whole article) without serializing it on the main
 * thread: in browser mode a worker turns it into the request; under Electron the preload's
 * IPC already copies it off the page cheaply, so the client is called as usual.
 */
export function callOffMainThread<M extends MethodName>(m: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const endpoint = rpcEndpoint(m);
  if (!endpoint) return (client[m] as (i: MethodInput<M>) => Promise<MethodOutput<M>>)(input);
  if (!rpcWorker) {
    rpcWorker = new Worker(new URL('./workers/rpc.worker.ts', import.meta.url), { type: 'module' });
    rpcWorker.onmessage = (e: MessageEvent<RpcAnswer>) => {
      const waiting = rpcWaiting.get(e.data.id);
      rpcWaiting.delete(e.data.id);
      if (!waiting) return;
      if (e.data.ok) waiting.resolve(e.data.value);
      else waiting.reject(FactDeskError.fromPayload(e.data.error));
    };
  }
  const id = ++rpcSerial;
  const answer = new Promise<MethodOutput<M>>((resolve, reject) => rpcWaiting.set(id, { resolve: resolve as (v: unknown) => void, reject }));
  rpcWorker.postMessage({ id, ...endpoint, input } satisfies RpcRequest);
  return answer;
}
