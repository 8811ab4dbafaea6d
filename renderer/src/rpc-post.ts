/**
 * One call of the contract over browser mode's HTTP API, as the page's client
 * and the workers that call the services themselves (a long claims list, a
 * draft of a long article) all make it. Network failures throw, as `fetch` does.
 */
import type { ErrorPayload } from '../../shared/errors.js';

export type RpcResult = { ok: true; value: unknown } | { ok: false; error: ErrorPayload };

export async function postRpc(url: string, token: string, input: unknown): Promise<RpcResult> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input ?? {}),
  });
  const failed: RpcResult = { ok: false, error: { code: 'internal', message: `HTTP ${res.status}`, params: { detail: `HTTP ${res.status}` } } };
  const body = (await res.json().catch(() => null)) as { ok: boolean; value?: unknown; error?: ErrorPayload } | null;
  if (!body) return failed;
  if (!body.ok) return body.error ? { ok: false, error: body.error } : failed;
  return { ok: true, value: body.value };
}
