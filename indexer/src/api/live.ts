import { createPublicClient } from 'viem';
import { liveTransport } from '../../../lib/live';
import { pollMs } from '../../../lib/polling';
import { network, rpcUrls } from '../../ponder.config';

/**
 * The API's live chain reads (what the indexer cannot know yet: the chain's clock, claimable rewards,
 * reputation decayed to now), one client per chain for the whole process: each latest-state read is
 * made once per head block and batched (lib/live.ts). Ponder's own `publicClients` would share its
 * indexing rate limit and read every request afresh.
 */
const client = (chain: 'l1' | 'l2') => createPublicClient({ transport: liveTransport(rpcUrls[chain], pollMs(network, 'shared')) });
export const live = { l1: client('l1'), l2: client('l2') };

/** A chain's clock: its latest block's timestamp (locally it can run ahead of wall time), shared per block. */
export async function chainNow(chain: 'l1' | 'l2'): Promise<bigint> {
  return (await live[chain].getBlock()).timestamp;
}
