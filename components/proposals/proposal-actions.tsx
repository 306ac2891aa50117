'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const VotePanel = dynamic(() => import('./vote-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

export function ProposalActions({ proposalId, snapshot }: { proposalId: string; snapshot: number }) {
  return (
    <WalletOnly fallback={<ConnectPrompt />}>
      <VotePanel proposalId={proposalId} snapshot={snapshot} />
    </WalletOnly>
  );
}
