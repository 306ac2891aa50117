import 'server-only';
import { ApiError, type ApiParamsArg, type ApiPath, type ApiResponse, ApiUnavailable, apiPath, apiGet as get } from '../api';
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
 * GET a route of the chain-data API on the server (lib/api.ts `apiGet`, typed by `ApiRoutes`). The data is
 * live, but one answer serves every request of this process that asks for the same path and query within
 * the `shared` pace of lib/polling.ts (a page read by fifty people at once costs the API one request).
 * Throws `ApiUnavailable` when the API is down, starting or failing (5xx), `ApiError` for any other error answer.
 */
export async function apiGet<P extends ApiPath>(path: P, ...params: ApiParamsArg<P>): Promise<ApiResponse<P>> {
  const { apiUrl } = getDeployment();
  return sharedRead(apiPath(path, ...params), () => get(apiUrl, path, ...params));
}

/** Like `apiGet`, but null when the API says the thing does not exist (404), so a page can `notFound()`. */
export async function apiFind<P extends ApiPath>(path: P, ...params: ApiParamsArg<P>): Promise<ApiResponse<P> | null> {
  return apiGet(path, ...params).catch((e: unknown) => {
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
