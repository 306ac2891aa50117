'use client';

import Link from 'next/link';
import { useState } from 'react';
import { formatDateTime, formatDuration, formatMetis, formatTimeLeft } from '@/lib/format';
import { SEQUENCER_STATUS } from '@/lib/sequencers';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { OperatorSection } from './section';
import type { OperatorView } from './types';

/** Leaving: unlock (the sequencer stops), then claim the self-lock once the exit delay has passed. */
export function ExitSection({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const [understood, setUnderstood] = useState(false);
  const tx = useTransaction();
  const status = SEQUENCER_STATUS[info.status];
  const unlockAt = Number(info.unlockAt);

  async function run(functionName: 'unlock' | 'unlockClaim', label: string) {
    const step = contractStep(wagmiConfig, label, { ...staking, account: owner, functionName, args: [view.id] });
    if (await tx.run([step])) view.refresh();
  }

  return (
    <OperatorSection id="operator-exit" title="Unlock">
      {status === 'active' || status === 'jailed' ? (
        <>
          <p className="muted text-sm">
            Unlocking takes the sequencer out of rotation for good: it stops producing blocks, earns nothing and takes no new delegations; delegators keep their
            positions and can move them. Your self-lock of {formatMetis(info.selfLock)} stays locked (and slashable) for the exit delay of{' '}
            {formatDuration(params.exitDelay)}, then you claim it.
          </p>
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" className="mt-1" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} disabled={tx.busy} />I understand
            that this sequencer stops for good
          </label>
          <button type="button" className="btn-secondary w-full" disabled={!understood || tx.busy} onClick={() => run('unlock', 'Unlock the sequencer')}>
            {tx.busy ? 'Unlocking…' : 'Unlock sequencer'}
          </button>
        </>
      ) : status === 'unlocking' ? (
        <>
          <p className="text-sm">
            Self-lock of <span className="font-semibold">{formatMetis(info.selfLock)}</span> claimable from{' '}
            <span className="font-semibold">{formatDateTime(unlockAt)}</span>
            {now < unlockAt && (
              <>
                {' '}
                (in <span data-testid="unlock-countdown">{formatTimeLeft(unlockAt - now)}</span>)
              </>
            )}
            .
          </p>
          {now >= unlockAt && (
            <button type="button" className="btn-primary w-full" disabled={tx.busy} onClick={() => run('unlockClaim', `Claim ${formatMetis(info.selfLock)}`)}>
              {tx.busy ? 'Claiming…' : 'Claim self-lock'}
            </button>
          )}
        </>
      ) : (
        <p className="text-sm" data-testid="operator-exited">
          This sequencer has exited and its self-lock was paid out. You can{' '}
          <Link className="underline" href="/sequencers/register">
            register a new sequencer
          </Link>{' '}
          with a new signer.
        </p>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </OperatorSection>
  );
}
