import type { Address } from 'viem';
import type { ContractName } from '../contracts/descriptors';

/** Which of the two chains of a Metis network. */
export type ChainKey = 'l1' | 'l2';

export interface ContractDeployment {
  address: Address;
  /** Block of the deployment transaction: where indexers start. */
  startBlock: number;
}

/** One chain of a deployment; `C` names which, so that its contracts are named as the deploy writes them. */
export interface ChainDeployment<C extends ChainKey = ChainKey> {
  chainId: number;
  name: string;
  rpcUrl: string;
  /** Block explorer base URL (transactions at `${explorerUrl}/tx/${hash}`); absent locally. */
  explorerUrl?: string;
  nativeCurrency: { name: string; symbol: string; decimals: number };
  /** Each deployed contract by its name in `CONTRACTS` (lib/contracts/descriptors.ts): a misspelt name fails the type check. */
  contracts: Record<ContractName<C>, ContractDeployment>;
}

/** The message-bus committee: who attests cross-chain messages, and how many must (both inboxes). */
export interface Committee {
  members: Address[];
  threshold: number;
}

export interface DemoAccount {
  name: string;
  address: Address;
}

/**
 * One file per network (deployments/<network>.json): the only place addresses, chain ids and RPC
 * URLs come from. The app, the indexer, the relayer and the scripts all read it.
 */
export interface Deployment {
  network: string;
  l1: ChainDeployment<'l1'>;
  l2: ChainDeployment<'l2'>;
  /** Base URL of the chain-data API (the indexer). */
  apiUrl: string;
  /** Base URL of the notifier (notifier/main.ts: inbox, Atom and iCalendar feeds); absent where none runs. */
  notifierUrl?: string;
  /** Base URL of a relayer's relay endpoint (`POST /relay`, lib/relay.ts) that sponsors signed votes; absent: no gasless option. */
  relayUrl?: string;
  /** Committee of both bus inboxes at deployment (the inboxes hold the current one). */
  committee?: Committee;
  /** Seeded accounts that the local wallet modal offers; only local deployments have them. */
  demoAccounts?: DemoAccount[];
}
