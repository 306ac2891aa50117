'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import { walletIsland } from '../wallet/wallet-island';
import type { LifecycleProps } from './lifecycle-actions';

// The wallet side of proposals loads with the wallet stack, never in a page's first load.
const loading = () => <div className="card muted text-sm">Loading…</div>;
const NewProposalForm = dynamic(() => import('./new-proposal-form'), { ssr: false, loading });
const VotePanel = dynamic(() => import('./vote-panel'), { ssr: false, loading });
const RemainderPanel = dynamic(() => import('./remainder-panel'), { ssr: false });
const LifecycleActions = dynamic(() => import('./lifecycle-actions'), { ssr: false });

/** Writing and submitting a proposal, for the connected account. */
export const NewProposalIsland = walletIsland(NewProposalForm, { why: 'to write and submit a proposal.' });

interface ProposalActionsProps {
  proposalId: string;
  snapshot: number;
  /** Undefined outside the remainder phase; possibly empty within it. */
  remainders: { address: Address; name: string }[] | undefined;
  /** Once the Commons vote is over and the proposal's actions are known (from the API). */
  lifecycle?: LifecycleProps;
}

function ProposalActions({ proposalId, snapshot, remainders, lifecycle }: ProposalActionsProps) {
  return (
    <div className="space-y-6">
      {lifecycle && <LifecycleActions {...lifecycle} />}
      <VotePanel proposalId={proposalId} snapshot={snapshot} />
      {remainders && <RemainderPanel proposalId={proposalId} groups={remainders} />}
    </div>
  );
}

/**
 * The wallet side of a proposal: voting, casting groups' remainders once their internal voting
 * closed, and after the vote the lifecycle (open / vote on / settle the ratification, queue, execute).
 */
export const ProposalActionsIsland = walletIsland(ProposalActions, {
  why: ({ lifecycle }) =>
    lifecycle ? 'to move this proposal on: ratification, queue, execution.' : 'to vote on this proposal, directly or inside your group.',
});
