import type { Address } from 'viem';
import { commonsGroupAbi, commonsRegistryAbi, veMetisAbi } from './abis';
import type { Deployment } from '../deployment/types';

/** The Commons contracts on L2 of a deployment (veMETIS and the group registry), for reads and writes. */
export function commonsContracts(config: Deployment) {
  const { l2 } = config;
  return {
    veMetis: { address: l2.contracts.VeMetis.address, abi: veMetisAbi, chainId: l2.chainId },
    registry: { address: l2.contracts.CommonsRegistry.address, abi: commonsRegistryAbi, chainId: l2.chainId },
  } as const;
}

/** One Commons group (every group is a clone with the same ABI). */
export function groupContract(config: Deployment, address: Address) {
  return { address, abi: commonsGroupAbi, chainId: config.l2.chainId } as const;
}
