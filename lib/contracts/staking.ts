import { sequencerStakingAbi } from './abis';
import type { Deployment } from '../deployment/types';

/** The L1 sequencer staking contract of a deployment, for reads and writes. */
export function stakingContract(config: Deployment) {
  return { address: config.l1.contracts.SequencerStaking.address, abi: sequencerStakingAbi, chainId: config.l1.chainId } as const;
}
