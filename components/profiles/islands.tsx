'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The profile form loads with the wallet stack, never in the account page's first load.
const ProfileForm = dynamic(() => import('./profile-form'), { ssr: false });

/** "Set your profile", shown only on the connected account's own page (nothing without a wallet). */
export const ProfileFormIsland = walletIsland(ProfileForm, {});
