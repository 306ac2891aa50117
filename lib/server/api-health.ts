import 'server-only';
import type { ChainKey } from '../deployment/types';
import { sharedRead } from './api';
import { serverClient } from './chain';
import { getDeployment } from './deployment';

/** How far one chain's indexing has got: the latest indexed block (null: not known yet) and the chain head (null: not readable). */
export interface ChainProgress {
  chain: ChainKey;
  name: string;
  indexed: number | null;
  head: number | null;
}

/**
 * Whether the chain-data API is usable: `ready` (historical indexing done), `catching-up` (answering,
 * but still indexing history: lists and histories are missing or behind) or `unreachable` (no answer).
 * The one home of that rule (docs/ARCHITECTURE.md, "Degraded mode").
 */
export type ApiHealth = { state: 'ready' } | { state: 'unreachable' } | { state: 'catching-up'; chains: ChainProgress[] };

/** The API's health, shared by every request of this process within the `shared` pace of lib/polling.ts. */
export function apiHealth(): Promise<ApiHealth> {
  return sharedRead('health: /ready /status', readHealth);
}

async function readHealth(): Promise<ApiHealth> {
  const { apiUrl } = getDeployment();
  // Ponder answers /ready 200 once historical indexing is done, 503 before.
  const ready = await fetch(new URL('/ready', apiUrl), { signal: AbortSignal.timeout(5_000) }).catch(() => null);
  if (!ready) return { state: 'unreachable' };
  if (ready.ok) return { state: 'ready' };
  // /status: the latest indexed block of each chain, by the indexer's chain names (l1, l2).
  const status = (await fetch(new URL('/status', apiUrl), { signal: AbortSignal.timeout(5_000) })
    .then((res) => (res.ok ? res.json() : {}))
    .catch(() => ({}))) as Partial<Record<ChainKey, { block?: { number?: number } }>>;
  const chains = await Promise.all(
    (['l1', 'l2'] as const).map(async (chain) => ({
      chain,
      name: getDeployment()[chain].name,
      indexed: status[chain]?.block?.number ?? null,
      head: await serverClient(chain)
        .getBlockNumber()
        .then(Number)
        .catch(() => null),
    })),
  );
  return { state: 'catching-up', chains };
}
