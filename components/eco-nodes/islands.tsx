'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import type { AllowedActionItem } from '@/lib/api';
import { WalletOnly } from '../wallet/wallet-root';
import type { MotionActionsProps } from './motion-actions';

// The wallet side of the Eco Nodes page loads with the wallet stack, never in the page's first load.
const RatificationVote = dynamic(() => import('./ratification-vote'), { ssr: false });
const SeatButton = dynamic(() => import('./seat-button'), { ssr: false });
const MotionActions = dynamic(() => import('./motion-actions'), { ssr: false });
const NewMotionForm = dynamic(() => import('./new-motion-form'), { ssr: false });

/** Ratify / Reject / Abstain for the connected node (or group seat's steward), Settle for anyone after the period. */
export function RatificationVoteIsland({ proposalId, title, fallback }: { proposalId: string; title?: string; fallback?: React.ReactNode }) {
  return (
    <WalletOnly fallback={fallback}>
      <RatificationVote proposalId={proposalId} title={title} />
    </WalletOnly>
  );
}

/** Promote button of an eligible group, once a wallet is connected. */
export function PromoteIsland({ group, name }: { group: Address; name: string }) {
  return (
    <WalletOnly fallback={<p className="muted mt-2 text-xs">Eligible: connect a wallet to promote it (anyone may).</p>}>
      <SeatButton action="promote" group={group} name={name} />
    </WalletOnly>
  );
}

/** Demote button of a promoted group that no longer qualifies, once a wallet is connected. */
export function DemoteIsland({ group, name }: { group: Address; name: string }) {
  return (
    <WalletOnly fallback={<p className="muted mt-2 text-xs">No longer qualifies: connect a wallet to demote it (anyone may).</p>}>
      <SeatButton action="demote" group={group} name={name} />
    </WalletOnly>
  );
}

/** Back and Execute on a council motion, once a wallet is connected. */
export function MotionActionsIsland(props: MotionActionsProps) {
  return (
    <WalletOnly>
      <MotionActions {...props} />
    </WalletOnly>
  );
}

/** The form that opens a peer penalty or an allow-listed decisive action, for a connected node's voter. */
export function NewMotionIsland({ actions, nodes }: { actions: AllowedActionItem[]; nodes: { address: Address; name: string }[] }) {
  return (
    <WalletOnly fallback={<p className="muted text-sm">Connect as an Eco Node (or a group seat&apos;s steward) to open a motion.</p>}>
      <NewMotionForm actions={actions} nodes={nodes} />
    </WalletOnly>
  );
}
