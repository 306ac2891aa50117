'use client';

import { useState } from 'react';
import { parseMetisInput } from '@/lib/amounts';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatDuration, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { AmountField } from '../ui/field';
import { OperatorSection } from './section';
import { TxForm, useTxForm } from './tx-form';
import type { OperatorView } from './types';

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const atLeastZero = (a: bigint) => (a > 0n ? a : 0n);

/** Adds METIS from the wallet (and, if asked, the pending operator rewards) to the self-lock. */
export function RelockForm({ view }: { view: OperatorView }) {
  const config = useAppConfig();
  const { info, params, balance, owner, staking, wagmiConfig } = view;
  const token = metisTokens(config).l1;
  const [compound, setCompound] = useState(false);
  const form = useTxForm(() => {
    setCompound(false);
    view.refresh();
  });

  const rewards = info.operatorRewards;
  const compounded = compound ? rewards : 0n;
  const room = atLeastZero(min(params.maxLock - info.selfLock, params.maxSequencerStake - info.totalStake));
  const parsed = compounded > 0n && form.text.trim() === '' ? ({ ok: true, value: 0n } as const) : parseMetisInput(form.text);
  const error = !parsed.ok
    ? parsed.error
    : parsed.value > balance
      ? `You have ${formatMetis(balance)} on ${config.l1.name}.`
      : parsed.value + compounded > room
        ? `The self-lock can grow by at most ${formatMetis(room)} (up to ${formatMetis(params.maxLock)}).`
        : undefined;
  const flow =
    parsed.ok && !error
      ? async () => [
          ...(parsed.value > 0n ? await approvalSteps(wagmiConfig, token, owner, staking.address, parsed.value) : []),
          contractStep(
            wagmiConfig,
            compounded > 0n ? `Relock ${formatMetis(parsed.value)} + ${formatMetis(compounded)} of rewards` : `Relock ${formatMetis(parsed.value)}`,
            { ...staking, account: owner, functionName: 'relock', args: [view.id, parsed.value, compound] },
          ),
        ]
      : undefined;

  return (
    <OperatorSection id="operator-relock" title="Relock">
      <TxForm form={form} flow={flow} label="Relock" busyLabel="Relocking…">
        <AmountField
          id="relock-amount"
          label="Amount to add to the self-lock"
          value={form.text}
          onChange={form.setText}
          error={form.shown(error)}
          disabled={form.tx.busy}
          max={min(balance, atLeastZero(room - compounded))}
          maxLabel={`Balance: ${formatMetis(balance)}`}
        />
        {rewards > 0n && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={compound} onChange={(e) => setCompound(e.target.checked)} disabled={form.tx.busy} />
            Also add my {formatMetis(rewards)} of operator rewards
          </label>
        )}
      </TxForm>
    </OperatorSection>
  );
}

/**
 * Moves part of the self-lock into an unbonding entry: the self-lock must stay at least `minLock`
 * and large enough for the delegations behind it (at most `delegationMultiplier` × self-lock).
 */
export function WithdrawLockForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const form = useTxForm(view.refresh);

  const multiplier = BigInt(params.delegationMultiplier);
  const forDelegations = multiplier > 0n ? (info.delegated + multiplier - 1n) / multiplier : info.delegated > 0n ? info.selfLock : 0n;
  const floor = params.minLock > forDelegations ? params.minLock : forDelegations;
  const withdrawable = atLeastZero(info.selfLock - floor);
  const parsed = parseMetisInput(form.text);
  const error = !parsed.ok
    ? parsed.error
    : parsed.value > withdrawable
      ? withdrawable === 0n
        ? 'Nothing can be withdrawn now: the self-lock is at its floor.'
        : `At most ${formatMetis(withdrawable)} can be withdrawn.`
      : undefined;
  const flow =
    parsed.ok && !error
      ? async () => [
          contractStep(wagmiConfig, `Withdraw ${formatMetis(parsed.value)} from the self-lock`, {
            ...staking,
            account: owner,
            functionName: 'withdrawLocked',
            args: [view.id, parsed.value],
          }),
        ]
      : undefined;

  return (
    <OperatorSection id="operator-withdraw" title="Withdraw self-lock">
      <p className="muted text-sm">
        The amount becomes an unbonding entry: it earns nothing, can still be slashed, and can be withdrawn to your wallet (under Your stake → Unbonding) after
        the exit delay of {formatDuration(params.exitDelay)} (from {formatDateTime(Math.ceil(now) + params.exitDelay)} if you start now). The self-lock must
        stay at least {formatMetis(params.minLock)}
        {forDelegations > params.minLock && ` and cover the delegations behind it (${params.delegationMultiplier}× self-lock)`}.
      </p>
      <TxForm form={form} flow={flow} label="Start withdrawal" busyLabel="Withdrawing…">
        <AmountField
          id="withdraw-lock-amount"
          label="Amount to withdraw from the self-lock"
          value={form.text}
          onChange={form.setText}
          error={form.shown(error)}
          disabled={form.tx.busy}
          max={withdrawable}
          maxLabel={`Up to ${formatMetis(withdrawable)}`}
        />
      </TxForm>
    </OperatorSection>
  );
}
