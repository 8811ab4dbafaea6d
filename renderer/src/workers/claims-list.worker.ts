/// <reference lib="webworker" />
/**
 * Takes a long claims list (`claims.list`, about 15 MB of JSON for 30,000
 * claims) in browser mode and parses it off the main thread; the claims go
 * to the page a slice per message, so no one task there takes them all.
 */
import type { Claim, ClaimList } from '../../../shared/annotations.js';
import type { ErrorPayload } from '../../../shared/errors.js';
import { postRpc } from '../rpc-post.js';

export interface ClaimsListRequest {
  /** The RPC address of `claims.list` and this tab's token. */
  url: string;
  token: string;
  articleId: string;
  /** Claims per message. */
  slice: number;
}

export type ClaimsListAnswer = { type: 'claims'; claims: Claim[] } | { type: 'done'; list: Omit<ClaimList, 'claims'> } | { type: 'error'; error: ErrorPayload };

const answer = (a: ClaimsListAnswer) => self.postMessage(a);

self.onmessage = async (e: MessageEvent<ClaimsListRequest>) => {
  const { url, token, articleId, slice } = e.data;
  try {
    const r = await postRpc(url, token, { articleId });
    if (!r.ok) return answer({ type: 'error', error: r.error });
    const { claims, ...rest } = r.value as ClaimList;
    for (let i = 0; i < claims.length; i += slice) answer({ type: 'claims', claims: claims.slice(i, i + slice) });
    answer({ type: 'done', list: rest });
  } catch (err) {
    answer({ type: 'error', error: { code: 'internal', message: String(err) } });
  }
};
