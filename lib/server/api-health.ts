import 'server-only';
import { ApiError, apiGetPath } from '../api';
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
 * Whether the chain-data API is usable: `ready` (historical indexing done, and following the chains),
 * `catching-up` (answering, but still indexing history: lists and histories are missing or behind),
 * `lagging` (done with history, but more than `LAG_SECONDS` of a chain's time and `LAG_BLOCKS` blocks
 * behind its head: the newest activity is missing) or `unreachable` (no answer). The one home of that rule
 * (docs/ARCHITECTURE.md, "Degraded mode").
 */
export type ApiHealth = { state: 'ready' } | { state: 'unreachable' } | { state: 'catching-up' | 'lagging'; chains: ChainProgress[] };

/** How far behind a chain's head the indexer may be before pages say so: in the chain's own seconds, and in blocks. */
export const LAG_SECONDS = 60;
const LAG_BLOCKS = 2;

/** /status: the latest indexed block of each chain, by the indexer's chain names (l1, l2). */
type Status = Partial<Record<ChainKey, { block?: { number?: number; timestamp?: number } }>>;

/** The API's health, shared by every request of this process within the `shared` pace of lib/polling.ts. */
export function apiHealth(): Promise<ApiHealth> {
  return sharedRead('health: /ready /status', readHealth);
}

async function readHealth(): Promise<ApiHealth> {
  const { apiUrl } = getDeployment();
  // Ponder answers /ready 200 once historical indexing is done, 503 before; no answer at all is status 0.
  const ready = await apiGetPath(apiUrl, '/ready', { timeoutMs: 5_000 }).then(
    () => true,
    // an error answer: not ready; none (or a timeout): unreachable; a 200 whose body is not JSON: ready
    (e: unknown) => (!(e instanceof ApiError) ? true : e.status === 0 ? null : false),
  );
  if (ready === null) return { state: 'unreachable' };
  const status = ((await apiGetPath(apiUrl, '/status', { timeoutMs: 5_000 }).catch(() => null)) ?? {}) as Status;
  if (!ready) {
    const heads = await Promise.all(
      CHAINS.map((chain) =>
        serverClient(chain)
          .getBlockNumber()
          .catch(() => null),
      ),
    );
    return { state: 'catching-up', chains: progress(status, heads) };
  }
  // Ready: behind only if a chain's indexed block is known, more than LAG_BLOCKS below its head and older
  // than it by more than LAG_SECONDS (a jump of the clock, as a local `evm_increaseTime`, is one block).
  const heads = await Promise.all(
    CHAINS.map((chain) =>
      serverClient(chain)
        .getBlock()
        .catch(() => null),
    ),
  );
  const lagging = CHAINS.some((chain, i) => {
    const indexed = status[chain]?.block;
    const head = heads[i];
    if (indexed?.number === undefined || indexed.timestamp === undefined || head === null) return false;
    return Number(head.number) - indexed.number > LAG_BLOCKS && Number(head.timestamp) - indexed.timestamp > LAG_SECONDS;
  });
  if (!lagging) return { state: 'ready' };
  return {
    state: 'lagging',
    chains: progress(
      status,
      heads.map((head) => head?.number ?? null),
    ),
  };
}

const CHAINS = ['l1', 'l2'] as const;

/** Each chain's indexed block (from /status) beside its head (`heads` in the order of CHAINS). */
function progress(status: Status, heads: (bigint | null)[]): ChainProgress[] {
  return CHAINS.map((chain, i) => ({
    chain,
    name: getDeployment()[chain].name,
    indexed: status[chain]?.block?.number ?? null,
    head: heads[i] === null ? null : Number(heads[i]),
  }));
}
