import 'server-only';
import { getDeployment } from './deployment';

/** GET from the chain-data API on the server (Next does not cache fetch by default: the data is live). */
export async function apiGet<T>(path: string): Promise<T> {
  const res = await fetch(new URL(path, getDeployment().apiUrl));
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `the chain-data API answered ${res.status} for ${path}`);
  }
  return (await res.json()) as T;
}
