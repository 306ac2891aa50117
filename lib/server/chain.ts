import 'server-only';
import { type Abi, type Address, createPublicClient, type PublicClient } from 'viem';
import { toViemChain } from '../deployment/chains';
import type { ChainKey } from '../deployment/types';
import { liveTransport } from '../live';
import { pollMs } from '../polling';
import { getDeployment } from './deployment';

const clients = new Map<ChainKey, PublicClient>();

/**
 * A viem client for reading chain state on the server (parameters, timers), one per chain per
 * process: its latest-state reads are shared per head block and batched (lib/live.ts).
 */
export function serverClient(chain: ChainKey): PublicClient {
  let client = clients.get(chain);
  if (!client) {
    const deployment = getDeployment();
    const c = deployment[chain];
    client = createPublicClient({ chain: toViemChain(c), transport: liveTransport(c.rpcUrl, pollMs(deployment.network, 'shared')) });
    clients.set(chain, client);
  }
  return client;
}

/** The chain's clock: the latest block's timestamp, in unix seconds (timers count against it, as the contracts do). */
export async function chainNow(chain: ChainKey): Promise<number> {
  return Number((await serverClient(chain).getBlock()).timestamp);
}

/** One latest-state contract read on either chain. */
export interface ChainRead {
  chain: ChainKey;
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/**
 * Many latest-state reads at once, each on its chain: they leave together, as one JSON-RPC batch per chain,
 * pinned to that chain's head and shared with every other request of the block (lib/live.ts). A read that
 * fails (a reverted getter, a node that does not answer) is `{ ok: false }`; the others still answer.
 */
export async function readAll(reads: readonly ChainRead[]): Promise<({ ok: true; value: unknown } | { ok: false })[]> {
  const settled = await Promise.allSettled(
    reads.map((r) => serverClient(r.chain).readContract({ address: r.address, abi: r.abi, functionName: r.functionName, args: r.args })),
  );
  return settled.map((s) => (s.status === 'fulfilled' ? { ok: true as const, value: s.value } : { ok: false as const }));
}
