'use client';

import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { type ComponentType, useEffect, useState } from 'react';
import { type CreateConnectorFn, createConfig, http, injected, useAccount, useAccountEffect, WagmiProvider } from 'wagmi';
import { toViemChain } from '@/lib/deployment/chains';
import type { Deployment } from '@/lib/deployment/types';
import { pollMs } from '@/lib/polling';
import { useAppConfig } from '../config/app-config';
import { ConnectDialog } from './connect-dialog';
import { demoConnectors } from './demo-wallets';
import { REMEMBER_WALLET_KEY, type StackProps } from './wallet-root';

const WALLETCONNECT_PROJECT_ID = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;

/**
 * The connectors the wallet dialog offers besides the browser wallets that announce themselves
 * (EIP-6963; wagmi discovers them, MetaMask, Rabby and Coinbase Wallet's extension among them): the
 * browser's `window.ethereum`, WalletConnect only with a project id (its connector's code is fetched only
 * then, and its SDK only once chosen: without a real id it would call outside hosts), and in local
 * builds the demo accounts.
 */
function createWagmiConfig(config: Deployment, walletConnect: CreateConnectorFn | undefined) {
  const l1 = toViemChain(config.l1);
  const l2 = toViemChain(config.l2);
  const connectors = [injected(), ...(walletConnect ? [walletConnect] : [])];
  // Local builds only: act as any seeded demo account without a browser wallet.
  if (process.env.NEXT_PUBLIC_DEMO_ACCOUNTS === '1' && config.demoAccounts?.length) connectors.push(...demoConnectors(config));
  return createConfig({
    chains: [l1, l2],
    connectors,
    // The reads a render makes together leave as one JSON-RPC batch (docs/ARCHITECTURE.md, "Live reads").
    transports: { [l1.id]: http(config.l1.rpcUrl, { batch: { wait: 16 } }), [l2.id]: http(config.l2.rpcUrl, { batch: { wait: 16 } }) },
    pollingInterval: pollMs(config.network, 'chain'),
  });
}

/** Remembers a connection for the next visit, and tells WalletRoot whether an account is connected. */
function AccountReport({ onAccount }: Pick<StackProps, 'onAccount'>) {
  useAccountEffect({
    onConnect: () => localStorage.setItem(REMEMBER_WALLET_KEY, '1'),
    onDisconnect: () => localStorage.removeItem(REMEMBER_WALLET_KEY),
  });
  // The address, not `isConnected`: wallet-side components read `useAccount().address`, which can be
  // set already while a remembered wallet is still reconnecting.
  const connected = useAccount().address !== undefined;
  useEffect(() => onAccount(connected), [onAccount, connected]);
  return null;
}

function WalletStack({ children, connectRequest, onAccount, walletConnect }: StackProps & { walletConnect: CreateConnectorFn | undefined }) {
  const appConfig = useAppConfig();
  const [wagmiConfig] = useState(() => createWagmiConfig(appConfig, walletConnect));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 2 } } }));
  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <AccountReport onAccount={onAccount} />
        <ConnectDialog request={connectRequest} />
        {children}
      </QueryClientProvider>
    </WagmiProvider>
  );
}

/** wagmi, react-query and the wallet dialog: loaded on demand by WalletRoot. */
export async function loadWalletStack(): Promise<ComponentType<StackProps>> {
  const walletConnect = WALLETCONNECT_PROJECT_ID ? (await import('./walletconnect-connector')).walletConnectConnector(WALLETCONNECT_PROJECT_ID) : undefined;
  return (props: StackProps) => <WalletStack {...props} walletConnect={walletConnect} />;
}
