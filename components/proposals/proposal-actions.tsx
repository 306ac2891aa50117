'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const VotePanel = dynamic(() => import('./vote-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

const RemainderPanel = dynamic(() => import('./remainder-panel'), { ssr: false });

/** The wallet side of a proposal: voting, and casting groups' remainders once their internal voting closed. */
export function ProposalActions({
  proposalId,
  snapshot,
  remainders,
}: {
  proposalId: string;
  snapshot: number;
  /** Undefined outside the remainder phase; possibly empty within it. */
  remainders: { address: Address; name: string }[] | undefined;
}) {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to vote on this proposal, directly or inside your group." />}>
      <div className="space-y-6">
        <VotePanel proposalId={proposalId} snapshot={snapshot} />
        {remainders && <RemainderPanel proposalId={proposalId} groups={remainders} />}
      </div>
    </WalletOnly>
  );
}
