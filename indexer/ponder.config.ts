import { fileURLToPath } from 'node:url';
import { createConfig, factory } from 'ponder';
import { getAbiItem } from 'viem';
import { commonsGroupAbi } from '../lib/contracts/abis';
import { CONTRACTS, type ContractName, deployedAt } from '../lib/contracts/descriptors';
import { deploymentPath, loadDeployment } from '../lib/deployment/load';
import type { ChainKey } from '../lib/deployment/types';

// Chains, addresses and start blocks come from the deployment file of the network
// (METIS_HUB_NETWORK, or METIS_HUB_DEPLOYMENT for an explicit file).
const deployment = loadDeployment(deploymentPath(undefined, fileURLToPath(new URL('..', import.meta.url))));
/** The network's name ("local" or a deployed network's): the API's live reads take their pace from it. */
export const network = deployment.network;
/** Each chain's RPC URL, for the API's live reads (indexer/src/api/live.ts). */
export const rpcUrls = { l1: deployment.l1.rpcUrl, l2: deployment.l2.rpcUrl };
const local = network === 'local';

/**
 * Ponder budgets each RPC provider: it starts at 20 requests/s, raises that only while saturated and
 * cuts it 5% on every timeout, down to 3. Against a local node on a busy machine a burst of timeouts
 * left it at 3 requests/s, minutes behind two one-second chains; and at 20 requests/s a from-scratch
 * sync of a long history waits on the budget, not the node. Locally the node is listed
 * LOCAL_PROVIDERS times, each entry a provider with its own budget (docs/ARCHITECTURE.md, "Indexing").
 */
const LOCAL_PROVIDERS = 8;
const rpc = (url: string) => (local ? Array.from({ length: LOCAL_PROVIDERS }, () => url) : url);
const on = <C extends ChainKey>(chain: C, name: ContractName<C>) => {
  const c = deployedAt(deployment, chain, name);
  if (!c) throw new Error(`The deployment has no ${name} on ${chain}`);
  return { address: c.address, startBlock: c.startBlock };
};

/** The longest a replica's query may run (ms). */
const SERVE_STATEMENT_TIMEOUT_MS = 15_000;

export default createConfig({
  // Each chain is indexed as soon as its blocks arrive: no waiting for the other chain.
  ordering: 'multichain',
  database: process.env.DATABASE_URL
    ? {
        kind: 'postgres',
        connectionString: process.env.DATABASE_URL,
        // A replica (`ponder serve`) only answers reads, and no read may hold one of its connections for long:
        // a query past this is canceled and answered 503 (src/api/index.ts), the pool stays free for the others.
        poolConfig: process.argv.includes('serve') ? { statement_timeout: SERVE_STATEMENT_TIMEOUT_MS } : undefined,
      }
    : { kind: 'pglite', directory: process.env.PONDER_PGLITE_DIR },
  chains: {
    l1: { id: deployment.l1.chainId, rpc: rpc(deployment.l1.rpcUrl), pollingInterval: local ? 250 : 2_000 },
    l2: { id: deployment.l2.chainId, rpc: rpc(deployment.l2.rpcUrl), pollingInterval: local ? 250 : 1_000 },
  },
  contracts: {
    MetisToken: { chain: 'l1', abi: CONTRACTS.l1.MetisToken, ...on('l1', 'MetisToken') },
    L2Metis: { chain: 'l2', abi: CONTRACTS.l2.L2Metis, ...on('l2', 'L2Metis') },
    SequencerStaking: { chain: 'l1', abi: CONTRACTS.l1.SequencerStaking, ...on('l1', 'SequencerStaking') },
    SequencerSet: { chain: 'l2', abi: CONTRACTS.l2.SequencerSet, ...on('l2', 'SequencerSet') },
    RewardsDistributor: { chain: 'l1', abi: CONTRACTS.l1.RewardsDistributor, ...on('l1', 'RewardsDistributor') },
    RandomnessBeacon: { chain: 'l1', abi: CONTRACTS.l1.RandomnessBeacon, ...on('l1', 'RandomnessBeacon') },
    FeeVault: { chain: 'l2', abi: CONTRACTS.l2.FeeVault, ...on('l2', 'FeeVault') },
    GovernanceExecutor: { chain: 'l1', abi: CONTRACTS.l1.GovernanceExecutor, ...on('l1', 'GovernanceExecutor') },
    EcoNodeCouncil: { chain: 'l2', abi: CONTRACTS.l2.EcoNodeCouncil, ...on('l2', 'EcoNodeCouncil') },
    SequencerChallenges: { chain: 'l2', abi: CONTRACTS.l2.SequencerChallenges, ...on('l2', 'SequencerChallenges') },
    Timelock: { chain: 'l2', abi: CONTRACTS.l2.Timelock, ...on('l2', 'Timelock') },
    MessageOutbox: { abi: CONTRACTS.l1.MessageOutbox, chain: { l1: on('l1', 'MessageOutbox'), l2: on('l2', 'MessageOutbox') } },
    MessageInbox: { abi: CONTRACTS.l1.MessageInbox, chain: { l1: on('l1', 'MessageInbox'), l2: on('l2', 'MessageInbox') } },
    VeMetis: { chain: 'l2', abi: CONTRACTS.l2.VeMetis, ...on('l2', 'VeMetis') },
    CommonsGovernor: { chain: 'l2', abi: CONTRACTS.l2.CommonsGovernor, ...on('l2', 'CommonsGovernor') },
    CommonsRegistry: { chain: 'l2', abi: CONTRACTS.l2.CommonsRegistry, ...on('l2', 'CommonsRegistry') },
    ProfileRegistry: { chain: 'l2', abi: CONTRACTS.l2.ProfileRegistry, ...on('l2', 'ProfileRegistry') },
    // Every group is a clone the registry creates: index each from its GroupCreated event on.
    CommonsGroup: {
      chain: 'l2',
      abi: commonsGroupAbi,
      address: factory({
        address: on('l2', 'CommonsRegistry').address,
        event: getAbiItem({ abi: CONTRACTS.l2.CommonsRegistry, name: 'GroupCreated' }),
        parameter: 'group',
      }),
      startBlock: on('l2', 'CommonsRegistry').startBlock,
    },
  },
});
