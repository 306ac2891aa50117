'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';
import type { LifecycleProps } from './lifecycle-actions';

const VotePanel = dynamic(() => import('./vote-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

const RemainderPanel = dynamic(() => import('./remainder-panel'), { ssr: false });

const LifecycleActions = dynamic(() => import('./lifecycle-actions'), { ssr: false });

/**
 * The wallet side of a proposal: voting, casting groups' remainders once their internal voting
 * closed, and after the vote the lifecycle (open / vote on / settle the ratification, queue, execute).
 */
export function ProposalActions({
  proposalId,
  snapshot,
  remainders,
  lifecycle,
}: {
  proposalId: string;
  snapshot: number;
  /** Undefined outside the remainder phase; possibly empty within it. */
  remainders: { address: Address; name: string }[] | undefined;
  /** Once the Commons vote is over and the proposal's actions are known (from the API). */
  lifecycle?: LifecycleProps;
}) {
  return (
    <WalletOnly
      fallback={
        <ConnectPrompt
          why={lifecycle ? 'to move this proposal on: ratification, queue, execution.' : 'to vote on this proposal, directly or inside your group.'}
        />
      }
    >
      <div className="space-y-6">
        {lifecycle && <LifecycleActions {...lifecycle} />}
        <VotePanel proposalId={proposalId} snapshot={snapshot} />
        {remainders && <RemainderPanel proposalId={proposalId} groups={remainders} />}
      </div>
    </WalletOnly>
  );
}
