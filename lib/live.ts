import { custom, type Hex, http, type Transport } from 'viem';

/**
 * The one way a server process reads a chain live (docs/ARCHITECTURE.md, "Live reads"): a viem
 * transport shared by every request of the process (the chain-data API and the web server).
 * - The head (`eth_blockNumber`) is read at most once per `headMaxAgeMs` (the `shared` pace of
 *   lib/polling.ts), in the background: requests are answered at the last head meanwhile, unless it
 *   was read more than `STALE_PACES` paces ago (an idle process waits for a fresh one).
 * - A read of the latest state (`eth_call` or `eth_getBlockByNumber` at "latest") is pinned to that
 *   head and made once per head block, however many requests ask for it. When the head moves, what
 *   was asked at the last head is read again at the new one before any request sees it, so that no
 *   request waits on the chain for a read it made a block ago; a read no request asked for at the last
 *   head is not made again.
 * - What leaves in the same moment leaves as one JSON-RPC batch.
 * Any other request passes through. A failed read is not kept: the next request tries again.
 */
export function liveTransport(url: string, headMaxAgeMs: number): Transport {
  const { request } = http(url, { batch: { wait: 1 }, retryCount: 1 })({});
  type Entry = { read: (block: Hex) => Promise<unknown>; value: Promise<unknown>; used: boolean };
  /** The reads made at one head block, and when that head was last confirmed. */
  type Snapshot = { block: Hex; at: number; reads: Map<string, Entry> };
  let snapshot: Snapshot | undefined;
  let refreshing: Promise<Snapshot> | undefined;

  const start = (reads: Map<string, Entry>, key: string, entry: Omit<Entry, 'value'>, block: Hex): Entry => {
    const value = entry.read(block);
    const started = { ...entry, value };
    reads.set(key, started);
    value.catch(() => {
      if (reads.get(key) === started) reads.delete(key);
    });
    return started;
  };

  const refresh = () =>
    (refreshing ??= (async () => {
      const block = (await request({ method: 'eth_blockNumber' })) as Hex;
      const at = Date.now();
      if (snapshot?.block === block) {
        snapshot.at = at;
        return snapshot;
      }
      const reads = new Map<string, Entry>();
      for (const [key, entry] of snapshot?.reads ?? []) if (entry.used) start(reads, key, { read: entry.read, used: false }, block);
      await Promise.allSettled([...reads.values()].map((e) => e.value));
      snapshot = { block, at, reads };
      return snapshot;
    })().finally(() => {
      refreshing = undefined;
    }));

  const current = async (): Promise<Snapshot> => {
    const age = snapshot ? Date.now() - snapshot.at : Number.POSITIVE_INFINITY;
    if (age < headMaxAgeMs) return snapshot as Snapshot;
    const next = refresh();
    if (age < headMaxAgeMs * STALE_PACES) {
      next.catch(() => {}); // the next request past the pace tries again
      return snapshot as Snapshot;
    }
    return next;
  };

  const atHead = async (key: string, read: (block: Hex) => Promise<unknown>): Promise<unknown> => {
    const s = await current();
    const entry = s.reads.get(key) ?? start(s.reads, key, { read, used: true }, s.block);
    entry.used = true;
    return entry.value;
  };

  return custom({
    async request({ method, params }: { method: string; params?: unknown }) {
      const args = (params ?? []) as unknown[];
      const latest = args[1] === undefined || args[1] === 'latest';
      if (method === 'eth_blockNumber') return (await current()).block;
      if (method === 'eth_getBlockByNumber' && args[0] === 'latest')
        return atHead(`block:${String(args[1])}`, (block) => request({ method, params: [block, args[1]] } as never));
      if (method === 'eth_call' && latest) return atHead(`call:${JSON.stringify(args[0])}`, (block) => request({ method, params: [args[0], block] } as never));
      return request({ method, params } as never);
    },
  });
}

/** How many `headMaxAgeMs` a head may be old and still be answered from while the next is read. */
const STALE_PACES = 4;

/**
 * Single-flight reads shared for `maxAgeMs`: `read(key, run)` answers with the read of `key` started
 * less than `maxAgeMs` ago (finished or still in flight), or starts one. With `staleMs`, past that age
 * the first caller makes the next read and waits for it, while the others are answered with the last
 * one until it lands (for up to `maxAgeMs + staleMs`; an older read is waited for by all): under
 * steady load one request a pace waits, not every request that arrives during the read. A failed read
 * is dropped at once; at most `maxEntries` keys are kept (the oldest go first).
 */
export function sharedReads(maxAgeMs: number, opts: { staleMs?: number; maxEntries?: number } = {}) {
  const { staleMs = 0, maxEntries = 1_000 } = opts;
  type Entry = { at: number; value: Promise<unknown>; done: boolean; next?: Promise<unknown> };
  const entries = new Map<string, Entry>();
  const start = (key: string, value: Promise<unknown>, at = Date.now()): Entry => {
    const entry: Entry = { at, value, done: false };
    entries.delete(key);
    entries.set(key, entry);
    if (entries.size > maxEntries) entries.delete(entries.keys().next().value as string);
    entry.value.then(
      () => {
        entry.done = true;
      },
      () => {
        if (entries.get(key) === entry) entries.delete(key);
      },
    );
    return entry;
  };
  return function read<T>(key: string, run: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    const age = hit ? Date.now() - hit.at : Number.POSITIVE_INFINITY;
    if (hit && age < maxAgeMs) return hit.value as Promise<T>;
    if (hit?.done && age < maxAgeMs + staleMs) {
      if (hit.next) return hit.value as Promise<T>;
      const at = Date.now();
      const fresh = run();
      hit.next = fresh.then(
        (value) => {
          if (entries.get(key) === hit) start(key, Promise.resolve(value), at);
        },
        () => {
          hit.next = undefined; // the next request tries again
        },
      );
      return fresh;
    }
    return start(key, run()).value as Promise<T>;
  };
}
