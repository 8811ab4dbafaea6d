/// <reference lib="webworker" />
/**
 * Browser mode: makes a call whose request is large (a 1 MB article kept as a
 * draft) from off the main thread. Turning the request into JSON and handing
 * it to `fetch` (a UTF-8 copy of the whole text) took the page about 36 ms in
 * one task on a 1 MB article; here the page only hands the input over (a copy
 * of the string) and gets the answer back. Calls run one after another, in
 * the order made: a draft kept and then dropped reach the services in that order.
 */
import { postRpc, type RpcResult } from '../rpc-post.js';

export interface RpcRequest {
  id: number;
  /** The method's address (`rpcEndpoint`) and this tab's token. */
  url: string;
  token: string;
  input: unknown;
}

export type RpcAnswer = RpcResult & { id: number };

let queue: Promise<void> = Promise.resolve();

self.onmessage = (e: MessageEvent<RpcRequest>) => {
  queue = queue.then(() => call(e.data));
};

async function call({ id, url, token, input }: RpcRequest): Promise<void> {
  try {
    self.postMessage({ id, ...(await postRpc(url, token, input)) } satisfies RpcAnswer);
  } catch (err) {
    self.postMessage({ id, ok: false, error: { code: 'internal', message: String(err) } } satisfies RpcAnswer);
  }
}
