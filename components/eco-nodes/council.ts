import type { Address } from 'viem';
import { ecoNodeCouncilAbi } from '@/lib/contracts/abis';
import { contractOf } from '@/lib/contracts/descriptors';
import type { Deployment } from '@/lib/deployment/types';

/**
 * The Eco Node council on L2 for reads and writes, or undefined on a deployment without one (the
 * pages then say so instead of failing).
 */
export function councilContract(config: Deployment) {
  const council = config.l2.contracts.EcoNodeCouncil as { address: Address } | undefined;
  if (!council) return undefined;
  return { address: council.address, abi: ecoNodeCouncilAbi, chainId: config.l2.chainId } as const;
}

/** The governor (EcoGovernor at the deployment key `CommonsGovernor`). */
export function governorContract(config: Deployment) {
  return contractOf(config, 'l2', 'CommonsGovernor');
}
