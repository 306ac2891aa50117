import { metisTokenAbi } from './abis';
import type { ChainKey, Deployment } from '../deployment/types';

/**
 * The METIS ERC-20 on each chain of a deployment, for reads and writes of the ERC-20 + permit
 * interface that both tokens share (so both use the L1 token's generated ABI). The L2 token's
 * bridge functions use `l2MetisAbi` directly.
 */
export function metisTokens(config: Deployment) {
  return {
    l1: { address: config.l1.contracts.MetisToken.address, abi: metisTokenAbi, chainId: config.l1.chainId },
    l2: { address: config.l2.contracts.L2Metis.address, abi: metisTokenAbi, chainId: config.l2.chainId },
  } satisfies Record<ChainKey, unknown>;
}
