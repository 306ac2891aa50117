'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

// The account's rewards load with the wallet stack, never in the page's first load.
const MyRewards = dynamic(() => import('./my-rewards'), { ssr: false, loading: () => <div className="card muted text-sm">Loading…</div> });

export function MyRewardsSection() {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to see what your stake earned and claim it." />}>
      <MyRewards />
    </WalletOnly>
  );
}
