import { fileURLToPath } from 'node:url';
import { createConfig, factory } from 'ponder';
import { getAbiItem } from 'viem';
import {
  commonsGovernorAbi,
  commonsGroupAbi,
  commonsRegistryAbi,
  ecoNodeCouncilAbi,
  feeVaultAbi,
  governanceExecutorAbi,
  l2MetisAbi,
  messageInboxAbi,
  messageOutboxAbi,
  metisTokenAbi,
  randomnessBeaconAbi,
  rewardsDistributorAbi,
  sequencerSetAbi,
  sequencerStakingAbi,
  timelockControllerAbi,
  veMetisAbi,
} from '../lib/contracts/abis';
import { deploymentPath, loadDeployment } from '../lib/deployment/load';

// Chains, addresses and start blocks come from the deployment file of the network
// (METIS_HUB_NETWORK, or METIS_HUB_DEPLOYMENT for an explicit file).
const deployment = loadDeployment(deploymentPath(undefined, fileURLToPath(new URL('..', import.meta.url))));
const local = deployment.network === 'local';
const on = (chain: 'l1' | 'l2', name: string) => {
  const { address, startBlock } = deployment[chain].contracts[name];
  return { address, startBlock };
};

export default createConfig({
  // Each chain is indexed as soon as its blocks arrive: no waiting for the other chain.
  ordering: 'multichain',
  database: process.env.DATABASE_URL
    ? { kind: 'postgres', connectionString: process.env.DATABASE_URL }
    : { kind: 'pglite', directory: process.env.PONDER_PGLITE_DIR },
  chains: {
    l1: { id: deployment.l1.chainId, rpc: deployment.l1.rpcUrl, pollingInterval: local ? 250 : 2_000 },
    l2: { id: deployment.l2.chainId, rpc: deployment.l2.rpcUrl, pollingInterval: local ? 250 : 1_000 },
  },
  contracts: {
    MetisToken: { chain: 'l1', abi: metisTokenAbi, ...on('l1', 'MetisToken') },
    L2Metis: { chain: 'l2', abi: l2MetisAbi, ...on('l2', 'L2Metis') },
    SequencerStaking: { chain: 'l1', abi: sequencerStakingAbi, ...on('l1', 'SequencerStaking') },
    SequencerSet: { chain: 'l2', abi: sequencerSetAbi, ...on('l2', 'SequencerSet') },
    RewardsDistributor: { chain: 'l1', abi: rewardsDistributorAbi, ...on('l1', 'RewardsDistributor') },
    RandomnessBeacon: { chain: 'l1', abi: randomnessBeaconAbi, ...on('l1', 'RandomnessBeacon') },
    FeeVault: { chain: 'l2', abi: feeVaultAbi, ...on('l2', 'FeeVault') },
    GovernanceExecutor: { chain: 'l1', abi: governanceExecutorAbi, ...on('l1', 'GovernanceExecutor') },
    EcoNodeCouncil: { chain: 'l2', abi: ecoNodeCouncilAbi, ...on('l2', 'EcoNodeCouncil') },
    Timelock: { chain: 'l2', abi: timelockControllerAbi, ...on('l2', 'Timelock') },
    MessageOutbox: { abi: messageOutboxAbi, chain: { l1: on('l1', 'MessageOutbox'), l2: on('l2', 'MessageOutbox') } },
    MessageInbox: { abi: messageInboxAbi, chain: { l1: on('l1', 'MessageInbox'), l2: on('l2', 'MessageInbox') } },
    VeMetis: { chain: 'l2', abi: veMetisAbi, ...on('l2', 'VeMetis') },
    CommonsGovernor: { chain: 'l2', abi: commonsGovernorAbi, ...on('l2', 'CommonsGovernor') },
    CommonsRegistry: { chain: 'l2', abi: commonsRegistryAbi, ...on('l2', 'CommonsRegistry') },
    // Every group is a clone the registry creates: index each from its GroupCreated event on.
    CommonsGroup: {
      chain: 'l2',
      abi: commonsGroupAbi,
      address: factory({
        address: on('l2', 'CommonsRegistry').address,
        event: getAbiItem({ abi: commonsRegistryAbi, name: 'GroupCreated' }),
        parameter: 'group',
      }),
      startBlock: on('l2', 'CommonsRegistry').startBlock,
    },
  },
});
