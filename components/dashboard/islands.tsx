'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of the Dashboard loads with the wallet stack, never in the page's first load.
const AccountPanel = dynamic(() => import('./account-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading your account…</div>,
});

/** The connected account's balances, stake, rewards and transfers, and the send form. */
export const AccountPanelIsland = walletIsland(AccountPanel, { why: 'to see your METIS on both chains, your recent transfers, and to send METIS.' });
