import { ApiError, type ApiParamsArg, type ApiPath, type ApiResponse, apiGetPath, apiGet as get } from '../../lib/api';
import type { TestStack } from './stack';

/** GET a route of the stack's API through the app's client (lib/api.ts `apiGet`): its answer, typed by the route map. */
export function apiGet<P extends ApiPath>(stack: TestStack, path: P, ...params: ApiParamsArg<P>): Promise<ApiResponse<P>> {
  return get(stack.urls.api, path, ...params);
}

/**
 * GET a path and query as written (malformed input included) through the same client: the status and the
 * API's reason when it refuses (`status` 200 and no reason when it answers).
 */
export async function apiRefusal(stack: TestStack, pathAndQuery: string): Promise<{ status: number; error: string }> {
  return apiGetPath(stack.urls.api, pathAndQuery).then(
    () => ({ status: 200, error: '' }),
    (e: unknown) => {
      if (e instanceof ApiError) return { status: e.status, error: e.message };
      throw e;
    },
  );
}

/** Retries `check` until it passes (the indexer trails the chain by a block or so). */
export async function eventually(check: () => Promise<void>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
}
