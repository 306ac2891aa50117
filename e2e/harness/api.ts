import type { TestStack } from './stack';

/** GET a path of the stack's API: its status and JSON body. */
export async function apiGet<T>(stack: TestStack, path: string): Promise<{ status: number; body: T }> {
  const res = await fetch(new URL(path, stack.urls.api));
  return { status: res.status, body: (await res.json()) as T };
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
