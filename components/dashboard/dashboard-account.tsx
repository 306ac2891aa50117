'use client';

import dynamic from 'next/dynamic';
import { WalletOnly } from '../wallet/wallet-root';
import { ConnectPrompt } from './connect-prompt';

const AccountPanel = dynamic(() => import('./account-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading your account…</div>,
});

export function DashboardAccount() {
  return (
    <WalletOnly fallback={<ConnectPrompt />}>
      <AccountPanel />
    </WalletOnly>
  );
}
