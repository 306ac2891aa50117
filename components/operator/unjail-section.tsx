'use client';

import { formatMetis } from '@/lib/format';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { OperatorSection } from './section';
import type { OperatorView } from './types';

/** A jailed sequencer's way back: Unjail once the jail period is over, if the self-lock is still at least the minimum. */
export function UnjailSection({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const tx = useTransaction();
  const until = Number(info.jailedUntil);
  const enough = info.selfLock >= params.minLock;

  async function unjail() {
    const step = contractStep(wagmiConfig, 'Unjail the sequencer', { ...staking, account: owner, functionName: 'unjail', args: [view.id] });
    if (await tx.run([step])) view.refresh();
  }

  return (
    <OperatorSection id="operator-unjail" title="Jailed">
      <p className="text-sm" data-testid="unjail-when">
        Out of the rotation: <Countdown at={until} now={now} verb="may unjail" ready="the jail period is over" />.
      </p>
      {!enough && (
        <p className="text-sm text-red-600 dark:text-red-400" role="alert">
          The self-lock of {formatMetis(info.selfLock)} is below the minimum of {formatMetis(params.minLock)}: relock before unjailing.
        </p>
      )}
      <button type="button" className="btn-primary w-full" disabled={tx.busy || now < until || !enough} onClick={unjail}>
        {tx.busy ? 'Unjailing…' : 'Unjail'}
      </button>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </OperatorSection>
  );
}
