/**
 * The open article's stored claims, the claim selected (its card open), the
 * editor's text selection and the spans the editor is asked to bring into view.
 */
import type { Claim, ClaimList } from '../../../shared/annotations.js';
import { FactDeskError } from '../../../shared/errors.js';
import { client, rpcEndpoint } from '../client.js';
import type { ClaimsListAnswer, ClaimsListRequest } from '../workers/claims-list.worker.js';
import { tracked } from './progress.js';
import { articlesStore } from './workspace.js';
import type { EditorSelection, FocusRequest } from '../components/ArticleEditor.js';
import { showError } from './errors.js';
import { Store } from './store.js';

export const claimListStore = new Store<ClaimList | null>(null);
export const selectedClaimStore = new Store<string | null>(null);
export const textSelectionStore = new Store<EditorSelection | null>(null);
export const focusStore = new Store<FocusRequest | null>(null);

/** The article whose claims may be taken (set by the open article store). */
let forArticle: string | null = null;

export function claimsFollow(articleId: string | null): void {
  if (articleId === forArticle) return;
  forArticle = articleId;
  selectedClaimStore.set(null);
  claimListStore.set(null);
}

/**
 * A list longer than this (30,000 claims are about 15 MB of JSON) is not parsed on the main
 * thread in one task: browser mode parses it in a worker and hands it over a slice per task;
 * under Electron it is asked page by page (`claims.list` with `limit`). A shorter one parses
 * in a few tens of milliseconds, less than a worker takes to start.
 */
export const oneAnswerUpTo = 5000;
/** Claims per page, and per message from the worker. */
export const claimsPageSize = 2000;
/** Only the latest load may set the list (an older one may still be taking pages). */
let loading = 0;

/** The whole list through a worker (browser mode), `claimsPageSize` claims per task on this side. */
function listOffMainThread(articleId: string, endpoint: { url: string; token: string }): Promise<ClaimList> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('../workers/claims-list.worker.ts', import.meta.url), { type: 'module' });
    const claims: Claim[] = [];
    worker.onmessage = (e: MessageEvent<ClaimsListAnswer>) => {
      const m = e.data;
      if (m.type === 'claims') {
        for (const c of m.claims) claims.push(c);
        return;
      }
      worker.terminate();
      if (m.type === 'done') resolve({ ...m.list, claims });
      else reject(FactDeskError.fromPayload(m.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      reject(new FactDeskError('internal', e.message || 'claims list worker failed'));
    };
    const request: ClaimsListRequest = { ...endpoint, articleId, slice: claimsPageSize };
    worker.postMessage(request);
  });
}

/** The whole list page by page (each page a small answer), taken again if it changed in between. */
async function listInPages(articleId: string, current: () => boolean): Promise<ClaimList | null> {
  const first = await client['claims.list']({ articleId, offset: 0, limit: claimsPageSize });
  const total = first.page?.total ?? first.claims.length;
  const claims = first.claims;
  while (claims.length < total) {
    if (!current()) return null;
    const page = await client['claims.list']({ articleId, offset: claims.length, limit: claimsPageSize });
    // The list changed between pages (a save, a claim added elsewhere): start again.
    if (page.revision !== first.revision || page.page?.total !== total || !page.claims.length) return listInPages(articleId, current);
    for (const c of page.claims) claims.push(c);
  }
  const { page: _page, ...list } = first;
  return { ...list, claims };
}

export async function loadClaims(articleId: string): Promise<void> {
  const serial = ++loading;
  // Only the article still open may take the list (a slow answer for another one is dropped).
  const current = () => serial === loading && forArticle === articleId;
  try {
    // The article list says how many claims there are: a short list comes in one answer.
    const count = articlesStore.get().find((a) => a.id === articleId)?.claimCount ?? 0;
    const endpoint = count > oneAnswerUpTo ? rpcEndpoint('claims.list') : null;
    // A long list comes in parts (a worker's slices, or pages): one task for the whole of it, so the
    // progress indicator shows the wait from the start (the worker's request is not the client's).
    const list =
      count <= oneAnswerUpTo
        ? await client['claims.list']({ articleId })
        : await tracked('progress.openingArticle', endpoint ? listOffMainThread(articleId, endpoint) : listInPages(articleId, current));
    if (list && current()) claimListStore.set(list);
  } catch (e) {
    showError(e);
  }
}

export const selectClaim = (id: string | null) => selectedClaimStore.set(id);

export function focusSpans(spans: FocusRequest['spans'], keepFocus = false): void {
  focusStore.set((prev) => ({ spans, serial: (prev?.serial ?? 0) + 1, ...(keepFocus ? { keepFocus } : {}) }));
}
