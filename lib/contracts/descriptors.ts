import type { Abi, Address } from 'viem';
import type { ChainKey, Deployment } from '../deployment/types';
import {
  commonsGroupAbi,
  commonsRegistryAbi,
  ecoGovernorAbi,
  ecoNodeCouncilAbi,
  feeVaultAbi,
  governanceExecutorAbi,
  l2MetisAbi,
  messageInboxAbi,
  messageOutboxAbi,
  metisTokenAbi,
  randomnessBeaconAbi,
  rewardsDistributorAbi,
  sequencerChallengesAbi,
  sequencerSetAbi,
  sequencerStakingAbi,
  timelockControllerAbi,
  veMetisAbi,
} from './abis';

/**
 * Every contract the deploy writes to deployments/<network>.json, by chain and by its name there, with
 * the ABI it is called with: the one description of a deployed contract. (The governor is the deployed
 * EcoGovernor, whose ABI includes the Commons governor's.)
 */
export const CONTRACTS = {
  l1: {
    MetisToken: metisTokenAbi,
    MessageOutbox: messageOutboxAbi,
    MessageInbox: messageInboxAbi,
    GovernanceExecutor: governanceExecutorAbi,
    SlashLedger: [],
    SequencerStaking: sequencerStakingAbi,
    RandomnessBeacon: randomnessBeaconAbi,
    RewardsDistributor: rewardsDistributorAbi,
  },
  l2: {
    L2Metis: l2MetisAbi,
    MessageOutbox: messageOutboxAbi,
    MessageInbox: messageInboxAbi,
    SequencerSet: sequencerSetAbi,
    FeeVault: feeVaultAbi,
    VeMetis: veMetisAbi,
    Timelock: timelockControllerAbi,
    CommonsGovernor: ecoGovernorAbi,
    CommonsRegistry: commonsRegistryAbi,
    EcoNodeCouncil: ecoNodeCouncilAbi,
    SequencerChallenges: sequencerChallengesAbi,
  },
} as const satisfies Record<ChainKey, Record<string, Abi>>;

/** A deployed contract's name on chain `C`. */
export type ContractName<C extends ChainKey> = keyof (typeof CONTRACTS)[C] & string;

/** A deployed contract for reads and writes (viem and wagmi): its address, ABI and chain id. */
export function contractOf<C extends ChainKey, N extends ContractName<C>>(deployment: Deployment, chain: C, name: N) {
  const c = deployment[chain].contracts[name];
  if (!c) throw new Error(`${name} is not deployed on ${deployment.network} ${chain}`);
  return { address: c.address, abi: CONTRACTS[chain][name] as (typeof CONTRACTS)[C][N], chainId: deployment[chain].chainId } as const;
}

/** One Commons group (every group is a clone with the same ABI). */
export function groupContract(deployment: Deployment, address: Address) {
  return { address, abi: commonsGroupAbi, chainId: deployment.l2.chainId } as const;
}
