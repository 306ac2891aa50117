'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';
import { ConnectToDelegate } from './connect-to-delegate';

// The wallet side of the delegates directory loads with the wallet stack, never in a page's first load.
const DelegateButton = dynamic(() => import('./delegate-button'), { ssr: false });

/** "Delegate" on a directory row: before the wallet stack loads, a button that asks to connect. */
export const DelegateIsland = walletIsland(DelegateButton, { fallback: (p: { name: string }) => <ConnectToDelegate name={p.name} /> });
