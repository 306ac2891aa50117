import 'server-only';
import { createPublicClient, http, type PublicClient } from 'viem';
import { toViemChain } from '../deployment/chains';
import type { ChainKey } from '../deployment/types';
import { getDeployment } from './deployment';

const clients = new Map<ChainKey, PublicClient>();

/** A viem client for reading chain state on the server (parameters, timers). */
export function serverClient(chain: ChainKey): PublicClient {
  let client = clients.get(chain);
  if (!client) {
    const c = getDeployment()[chain];
    client = createPublicClient({ chain: toViemChain(c), transport: http(c.rpcUrl) });
    clients.set(chain, client);
  }
  return client;
}

/** The chain's clock: the latest block's timestamp, in unix seconds (timers count against it, as the contracts do). */
export async function chainNow(chain: ChainKey): Promise<number> {
  return Number((await serverClient(chain).getBlock()).timestamp);
}
