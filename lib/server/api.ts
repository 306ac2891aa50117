import 'server-only';
import { ApiError } from '../api';
import { getDeployment } from './deployment';

/** GET from the chain-data API on the server (Next does not cache fetch by default: the data is live). */
export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, getDeployment().apiUrl));
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new ApiError(res.status, body.error ?? `the chain-data API answered ${res.status} for ${path}`);
  }
  return (await res.json()) as T;
}

/** Like `apiGet`, but null when the API says the thing does not exist (404), so a page can `notFound()`. */
export async function apiFind<T>(path: string): Promise<T | null> {
  return apiGet<T>(path).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 404) return null;
    throw e;
  });
}
