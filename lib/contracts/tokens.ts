import type { ChainKey, Deployment } from '../deployment/types';
import { metisTokenAbi } from './abis';
import { contractOf } from './descriptors';

/**
 * The METIS ERC-20 on each chain of a deployment, for reads and writes of the ERC-20 + permit
 * interface that both tokens share (so both use the L1 token's generated ABI). The L2 token's
 * bridge functions use `l2MetisAbi` directly.
 */
export function metisTokens(config: Deployment) {
  return {
    l1: contractOf(config, 'l1', 'MetisToken'),
    l2: { ...contractOf(config, 'l2', 'L2Metis'), abi: metisTokenAbi },
  } satisfies Record<ChainKey, unknown>;
}
