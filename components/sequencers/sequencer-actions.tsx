'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const DelegatePanel = dynamic(() => import('./delegate-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

export function SequencerActions({ sequencerId }: { sequencerId: string }) {
  return (
    <WalletOnly fallback={<ConnectPrompt />}>
      <DelegatePanel sequencerId={sequencerId} />
    </WalletOnly>
  );
}
