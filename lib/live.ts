import { custom, type Hex, http, type Transport } from 'viem';

/**
 * The one way a server process reads a chain live (docs/ARCHITECTURE.md, "Live reads"): a viem
 * transport shared by every request of the process (the chain-data API and the web server).
 * - The head (`eth_blockNumber`) is read at most once per `headMaxAgeMs` (the `shared` pace of
 *   lib/polling.ts) and shared by every request in flight.
 * - A read of the latest state (`eth_call` or `eth_getBlockByNumber` at "latest") is pinned to that
 *   head and made once per head block, however many requests ask for it.
 * - What leaves in the same moment leaves as one JSON-RPC batch.
 * Any other request passes through. A failed read is not kept: the next request tries again.
 */
export function liveTransport(url: string, headMaxAgeMs: number): Transport {
  const { request } = http(url, { batch: { wait: 1 }, retryCount: 1 })({});
  const shared = sharedReads(headMaxAgeMs);
  const headNumber = () => shared('head', () => request({ method: 'eth_blockNumber' }) as Promise<Hex>);
  let cachedAt: Hex | undefined;
  const cache = new Map<string, Promise<unknown>>();

  const atHead = async (key: string, read: (block: Hex) => Promise<unknown>): Promise<unknown> => {
    const block = await headNumber();
    if (block !== cachedAt) {
      cache.clear();
      cachedAt = block;
    }
    let value = cache.get(key);
    if (!value) {
      const pending = read(block);
      value = pending;
      cache.set(key, pending);
      pending.catch(() => {
        if (cache.get(key) === pending) cache.delete(key);
      });
    }
    return value;
  };

  return custom({
    async request({ method, params }: { method: string; params?: unknown }) {
      const args = (params ?? []) as unknown[];
      const latest = args[1] === undefined || args[1] === 'latest';
      if (method === 'eth_blockNumber') return headNumber();
      if (method === 'eth_getBlockByNumber' && args[0] === 'latest')
        return atHead(`block:${String(args[1])}`, (block) => request({ method, params: [block, args[1]] } as never));
      if (method === 'eth_call' && latest) return atHead(`call:${JSON.stringify(args[0])}`, (block) => request({ method, params: [args[0], block] } as never));
      return request({ method, params } as never);
    },
  });
}

/**
 * Single-flight reads shared for `maxAgeMs`: `read(key, run)` answers with the read of `key` started
 * less than `maxAgeMs` ago (finished or still in flight), or starts one. A failed read is dropped at
 * once; at most `maxEntries` keys are kept (the oldest go first).
 */
export function sharedReads(maxAgeMs: number, maxEntries = 1_000) {
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  return function read<T>(key: string, run: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = entries.get(key);
    if (hit && now - hit.at < maxAgeMs) return hit.value as Promise<T>;
    const value = run();
    const entry = { at: now, value };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    value.catch(() => {
      if (entries.get(key) === entry) entries.delete(key);
    });
    return value;
  };
}
