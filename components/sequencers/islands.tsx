'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of a sequencer's page loads with the wallet stack, never in the page's first load.
const DelegatePanel = dynamic(() => import('./delegate-panel'), {
  ssr: false,
  loading: () => <div className="card muted text-sm">Loading…</div>,
});
const OperatorPanel = dynamic(() => import('../operator/operator-panel'), { ssr: false });

function SequencerActions({ sequencerId }: { sequencerId: string }) {
  return (
    <div className="space-y-6">
      <OperatorPanel sequencerId={sequencerId} />
      <DelegatePanel sequencerId={sequencerId} />
    </div>
  );
}

/** The operator panel (for the sequencer's own operator) and delegating, for the connected account. */
export const SequencerActionsIsland = walletIsland(SequencerActions, { why: 'to delegate to this sequencer, or to run it if it is yours.' });
