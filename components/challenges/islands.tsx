'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of challenges loads with the wallet stack, never in the page's first load.
const ChallengeVote = dynamic(() => import('./challenge-vote'), { ssr: false });
const ChallengeForm = dynamic(() => import('./challenge-form'), { ssr: false });

/** Uphold / Reject with a reason for the connected node's voter; Resolve for anyone once decided. */
export const ChallengeVoteIsland = walletIsland(ChallengeVote, {});

/** "Challenge this sequencer": the form, once a wallet is connected. */
export const ChallengeFormIsland = walletIsland(ChallengeForm, {
  fallback: <p className="muted text-sm">Connect a wallet to challenge this sequencer (anyone may, with a bond).</p>,
});
