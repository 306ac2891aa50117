import 'server-only';
import { createPublicClient, type PublicClient } from 'viem';
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
