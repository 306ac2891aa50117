'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of the Eco Nodes page loads with the wallet stack, never in the page's first load.
const RatificationVote = dynamic(() => import('./ratification-vote'), { ssr: false });
const SeatButton = dynamic(() => import('./seat-button'), { ssr: false });
const MotionActions = dynamic(() => import('./motion-actions'), { ssr: false });
const NewMotionForm = dynamic(() => import('./new-motion-form'), { ssr: false });

/** Ratify / Reject / Abstain for the connected node (or group seat's steward), Settle for anyone after the period. */
export const RatificationVoteIsland = walletIsland(RatificationVote, {});

const SEAT_FALLBACK = {
  promote: 'Eligible: connect a wallet to promote it (anyone may).',
  demote: 'No longer qualifies: connect a wallet to demote it (anyone may).',
} as const;

/** The Promote button of an eligible group, or the Demote button of one that no longer qualifies, once a wallet is connected. */
export const SeatIsland = walletIsland(SeatButton, { fallback: ({ action }) => <p className="muted mt-2 text-xs">{SEAT_FALLBACK[action]}</p> });

/** Back and Execute on a council motion, once a wallet is connected. */
export const MotionActionsIsland = walletIsland(MotionActions, {});

/** The form that opens a peer penalty or an allow-listed decisive action, for a connected node's voter. */
export const NewMotionIsland = walletIsland(NewMotionForm, {
  fallback: <p className="muted text-sm">Connect as an Eco Node (or a group seat&apos;s steward) to open a motion.</p>,
});
