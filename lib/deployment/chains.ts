import { type Chain, defineChain } from 'viem';
import type { ChainDeployment } from './types';

/** A viem chain for one side of a deployment (used by wagmi, the relayer and scripts alike). */
export function toViemChain(chain: ChainDeployment): Chain {
  return defineChain({
    id: chain.chainId,
    name: chain.name,
    nativeCurrency: chain.nativeCurrency,
    rpcUrls: { default: { http: [chain.rpcUrl] } },
    blockExplorers: chain.explorerUrl ? { default: { name: `${chain.name} explorer`, url: chain.explorerUrl } } : undefined,
    testnet: chain.chainId !== 1 && chain.chainId !== 1088,
  });
}
