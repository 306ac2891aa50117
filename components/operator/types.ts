import type { Address, ContractFunctionReturnType } from 'viem';
import type { Config } from 'wagmi';
import type { sequencerStakingAbi } from '@/lib/contracts/abis';
import type { stakingContract } from '@/lib/contracts/staking';

export type SequencerInfo = ContractFunctionReturnType<typeof sequencerStakingAbi, 'view', 'getSequencer'>;

/** What every section of the operator panel works with: chain state read once by the panel. */
export interface OperatorView {
  id: bigint;
  owner: Address;
  info: SequencerInfo;
  params: {
    minLock: bigint;
    maxLock: bigint;
    maxSequencerStake: bigint;
    maxCommissionBps: number;
    exitDelay: number;
    signerUpdateThrottle: number;
    delegationMultiplier: number;
  };
  /** The owner's METIS on L1. */
  balance: bigint;
  /** The L1 chain's clock (unix seconds), ticking. */
  now: number;
  staking: ReturnType<typeof stakingContract>;
  wagmiConfig: Config;
  /** Reads the chain again (after a transaction). */
  refresh(): void;
}
