'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const NewProposalForm = dynamic(() => import('./new-proposal-form'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

export function NewProposal() {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to write and submit a proposal." />}>
      <NewProposalForm />
    </WalletOnly>
  );
}
