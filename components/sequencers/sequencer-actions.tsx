'use client';

import dynamic from 'next/dynamic';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

const DelegatePanel = dynamic(() => import('./delegate-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});

const OperatorPanel = dynamic(() => import('../operator/operator-panel'), { ssr: false });

export function SequencerActions({ sequencerId }: { sequencerId: string }) {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to delegate to this sequencer, or to run it if it is yours." />}>
      <div className="space-y-6">
        <OperatorPanel sequencerId={sequencerId} />
        <DelegatePanel sequencerId={sequencerId} />
      </div>
    </WalletOnly>
  );
}
