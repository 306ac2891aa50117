import 'server-only';
import { ApiError, ApiUnavailable } from '../api';
import { sharedReads } from '../live';
import { pollMs } from '../polling';
import { getDeployment } from './deployment';

let shared: ReturnType<typeof sharedReads> | undefined;

/**
 * One read per key for every concurrent request of this process within the `shared` pace of
 * lib/polling.ts: the API's answers (keyed by path) and its health (lib/server/api-health.ts). In the
 * pace after, the first request reads afresh while the others get the last read.
 */
export function sharedRead<T>(key: string, run: () => Promise<T>): Promise<T> {
  const pace = pollMs(getDeployment().network, 'shared');
  shared ??= sharedReads(pace, { staleMs: pace });
  return shared(key, run);
}

/**
 * GET from the chain-data API on the server. The data is live, but one answer serves every request of
 * this process that asks for the same path within the `shared` pace of lib/polling.ts (a page read by
 * fifty people at once costs the API one request). Throws `ApiUnavailable` when the API is down,
 * starting or failing (5xx), `ApiError` for any other error answer.
 */
export async function apiGet<T>(path: string): Promise<T> {
  const deployment = getDeployment();
  return sharedRead(path, async () => {
    const res = await fetch(new URL(path, deployment.apiUrl)).catch((e: unknown) => {
      throw new ApiUnavailable(0, `the chain-data API is unreachable (${e instanceof Error ? e.message : String(e)})`);
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      const message = body.error ?? `the chain-data API answered ${res.status} for ${path}`;
      throw res.status >= 500 ? new ApiUnavailable(res.status, message) : new ApiError(res.status, message);
    }
    return (await res.json()) as T;
  });
}

/** Like `apiGet`, but null when the API says the thing does not exist (404), so a page can `notFound()`. */
export async function apiFind<T>(path: string): Promise<T | null> {
  return apiGet<T>(path).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}

/**
 * For `.catch`: `fallback` when the API is unavailable, so that a page section shows a short note
 * instead of failing the page; any other error is thrown on (docs/ARCHITECTURE.md, "Degraded mode").
 */
export function ifUnavailable<F>(fallback: F): (e: unknown) => F {
  return (e) => {
    if (e instanceof ApiUnavailable) return fallback;
    throw e;
  };
}

/**
 * For `.catch`, after `ifUnavailable`: `fallback(reason)` when the API refused the request (400), as it
 * does for a link with a malformed cursor, so that the page says why instead of failing; any other
 * error is thrown on.
 */
export function ifRefused<F>(fallback: (reason: string) => F): (e: unknown) => F {
  return (e) => {
    if (e instanceof ApiError && e.status === 400) return fallback(e.message);
    throw e;
  };
}
