import type { Abi, Address } from 'viem';
import type { ChainKey, ContractDeployment, Deployment } from '../deployment/types';
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
  profileRegistryAbi,
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
 * the ABI it is called with: the one description of a deployed contract. (The governor, named
 * `CommonsGovernor`, is the deployed EcoGovernor: CommonsGovernor with the Eco Node gate and the timelock,
 * so its ABI includes the base's; the base alone is deployed only by the Foundry tests.)
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
    ProfileRegistry: profileRegistryAbi,
  },
} as const satisfies Record<ChainKey, Record<string, Abi>>;

/** A deployed contract's name on chain `C`. */
export type ContractName<C extends ChainKey> = keyof (typeof CONTRACTS)[C] & string;

/** Where the deployment put contract `name` on `chain` (undefined if the file lacks it, e.g. a hand-edited one). */
export function deployedAt<C extends ChainKey>(deployment: Deployment, chain: C, name: ContractName<C>): ContractDeployment | undefined {
  return (deployment[chain].contracts as Partial<Record<ContractName<C>, ContractDeployment>>)[name];
}

/** A deployed contract for reads and writes (viem and wagmi): its address, ABI and chain id. */
export function contractOf<C extends ChainKey, N extends ContractName<C>>(deployment: Deployment, chain: C, name: N) {
  const c = deployedAt(deployment, chain, name);
  if (!c) throw new Error(`${name} is not deployed on ${deployment.network} ${chain}`);
  return { address: c.address, abi: CONTRACTS[chain][name] as (typeof CONTRACTS)[C][N], chainId: deployment[chain].chainId } as const;
}

/** One Commons group (every group is a clone with the same ABI). */
export function groupContract(deployment: Deployment, address: Address) {
  return { address, abi: commonsGroupAbi, chainId: deployment.l2.chainId } as const;
}

/**
 * The deployed contract at `address` on `chain`, by its deployment name, with its ABI (undefined for an
 * address the deployment does not name). `contracts` is the deployment's list for that chain
 * (`deployment.l2.contracts`, or the indexer's config contracts).
 */
export function contractAt<C extends ChainKey>(
  chain: C,
  contracts: Record<string, { address?: unknown } | undefined>,
  address: string,
): { name: ContractName<C>; abi: Abi } | undefined {
  const wanted = address.toLowerCase();
  for (const [name, c] of Object.entries(contracts)) {
    if (typeof c?.address !== 'string' || c.address.toLowerCase() !== wanted) continue;
    const abi = (CONTRACTS[chain] as Record<string, Abi>)[name];
    if (abi) return { name: name as ContractName<C>, abi };
  }
  return undefined;
}
