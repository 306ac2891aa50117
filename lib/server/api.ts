import 'server-only';
import { ApiError } from '../api';
import { sharedReads } from '../live';
import { pollMs } from '../polling';
import { getDeployment } from './deployment';

let shared: ReturnType<typeof sharedReads> | undefined;

/**
 * GET from the chain-data API on the server. The data is live, but one answer serves every request of
 * this process that asks for the same path within the `shared` pace of lib/polling.ts (a page read by
 * fifty people at once costs the API one request).
 */
export async function apiGet<T>(path: string): Promise<T> {
  const deployment = getDeployment();
  shared ??= sharedReads(pollMs(deployment.network, 'shared'));
  return shared(path, async () => {
    const res = await fetch(new URL(path, deployment.apiUrl));
    if (!res.ok) {
      const body = (await res.json().catch(() => ({}))) as { error?: string };
      throw new ApiError(res.status, body.error ?? `the chain-data API answered ${res.status} for ${path}`);
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
