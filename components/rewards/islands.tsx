'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The account's rewards load with the wallet stack, never in the page's first load.
const MyRewards = dynamic(() => import('./my-rewards'), { ssr: false, loading: () => <div className="card muted text-sm">Loading…</div> });

/** What the connected account's stake earned, with Claim and Compound. */
export const MyRewardsIsland = walletIsland(MyRewards, { why: 'to see what your stake earned and claim it.' });
