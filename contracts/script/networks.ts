import type { ChainDeployment } from '../../lib/deployment/types';

type ChainPreset = Omit<ChainDeployment, 'rpcUrl' | 'contracts'>;

/** Chain metadata of the networks Metis Hub deploys to; RPC URLs come from the environment. */
export const NETWORKS: Record<string, { l1: ChainPreset; l2: ChainPreset }> = {
  local: {
    l1: { chainId: 31337, name: 'Local L1', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
    l2: { chainId: 31338, name: 'Local L2', nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 } },
  },
  sepolia: {
    l1: {
      chainId: 11155111,
      name: 'Sepolia',
      explorerUrl: 'https://sepolia.etherscan.io',
      nativeCurrency: { name: 'Sepolia Ether', symbol: 'ETH', decimals: 18 },
    },
    l2: {
      chainId: 59902,
      name: 'Metis Sepolia',
      explorerUrl: 'https://sepolia-explorer.metisdevops.link',
      nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    },
  },
  mainnet: {
    l1: {
      chainId: 1,
      name: 'Ethereum',
      explorerUrl: 'https://etherscan.io',
      nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    },
    l2: {
      chainId: 1088,
      name: 'Metis Andromeda',
      explorerUrl: 'https://andromeda-explorer.metis.io',
      nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    },
  },
};

/** The mnemonic of anvil's default dev accounts (public knowledge; local chains only). */
export const ANVIL_MNEMONIC = 'test test test test test test test test test test test junk';
