'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The bell reads the connected account: it loads with the wallet stack, never in a page's first load.
const Bell = dynamic(() => import('./bell'), { ssr: false });

/** The header's bell: the connected account's unread notices and its inbox (nothing before a wallet connects). */
export const NotificationBellIsland = walletIsland(Bell, { fallback: null });
