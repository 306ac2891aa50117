'use client';

import '@rainbow-me/rainbowkit/styles.css';
import { connectorsForWallets, darkTheme, lightTheme, RainbowKitProvider, useConnectModal, type WalletList } from '@rainbow-me/rainbowkit';
import { coinbaseWallet, injectedWallet, metaMaskWallet, rainbowWallet, walletConnectWallet } from '@rainbow-me/rainbowkit/wallets';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createConfig, http, useAccount, useAccountEffect, WagmiProvider } from 'wagmi';
import { toViemChain } from '@/lib/deployment/chains';
import type { Deployment } from '@/lib/deployment/types';
import { pollMs } from '@/lib/polling';
import { useAppConfig } from '../config/app-config';
import { useTheme } from '../layout/theme';
import { demoWalletGroup } from './demo-wallets';
import { REMEMBER_WALLET_KEY, type StackProps } from './wallet-root';

const WALLETCONNECT_PROJECT_ID = process.env.NEXT_PUBLIC_WALLETCONNECT_PROJECT_ID;

function createWagmiConfig(config: Deployment) {
  const l1 = toViemChain(config.l1);
  const l2 = toViemChain(config.l2);
  const groups: WalletList = [
    {
      groupName: 'Wallets',
      // WalletConnect-based wallets only with a real project id: a dummy one calls outside hosts.
      wallets: WALLETCONNECT_PROJECT_ID ? [injectedWallet, metaMaskWallet, rainbowWallet, coinbaseWallet, walletConnectWallet] : [injectedWallet],
    },
  ];
  // Local builds only: act as any seeded demo account without a browser wallet.
  if (process.env.NEXT_PUBLIC_DEMO_ACCOUNTS === '1' && config.demoAccounts?.length) {
    groups.push(demoWalletGroup(config));
  }
  return createConfig({
    chains: [l1, l2],
    connectors: connectorsForWallets(groups, {
      appName: 'Metis Hub',
      projectId: WALLETCONNECT_PROJECT_ID ?? 'none',
    }),
    // The reads a render makes together leave as one JSON-RPC batch (docs/ARCHITECTURE.md, "Live reads").
    transports: { [l1.id]: http(config.l1.rpcUrl, { batch: { wait: 16 } }), [l2.id]: http(config.l2.rpcUrl, { batch: { wait: 16 } }) },
    pollingInterval: pollMs(config.network, 'chain'),
  });
}

function OpenConnectModalOnce() {
  const { openConnectModal } = useConnectModal();
  const [opened, setOpened] = useState(false);
  useEffect(() => {
    if (openConnectModal && !opened) {
      openConnectModal();
      setOpened(true);
    }
  }, [openConnectModal, opened]);
  return null;
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

/** wagmi, react-query and RainbowKit: loaded on demand by WalletRoot. */
export function WalletStack({ children, openConnectModal, onAccount }: StackProps) {
  const appConfig = useAppConfig();
  const [wagmiConfig] = useState(() => createWagmiConfig(appConfig));
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { retry: 2 } } }));
  const { theme } = useTheme();
  const accent = { accentColor: '#00cfc0', accentColorForeground: '#09090b', borderRadius: 'medium' } as const;

  return (
    <WagmiProvider config={wagmiConfig}>
      <QueryClientProvider client={queryClient}>
        <RainbowKitProvider theme={theme === 'dark' ? darkTheme(accent) : lightTheme(accent)} appInfo={{ appName: 'Metis Hub' }}>
          <AccountReport onAccount={onAccount} />
          {openConnectModal && <OpenConnectModalOnce />}
          {children}
        </RainbowKitProvider>
      </QueryClientProvider>
    </WagmiProvider>
  );
}
