'use client';

import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatDuration, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { amountOf } from '../ui/amount';
import { AmountField } from '../ui/field';
import { OperatorSection } from './section';
import type { OperatorView } from './types';

const min = (a: bigint, b: bigint) => (a < b ? a : b);
const atLeastZero = (a: bigint) => (a > 0n ? a : 0n);

/** Adds METIS from the wallet (and, if asked, the pending operator rewards) to the self-lock. */
export function RelockForm({ view }: { view: OperatorView }) {
  const config = useAppConfig();
  const { info, params, balance, owner, staking, wagmiConfig } = view;
  const token = metisTokens(config).l1;
  const form = useTxForm({ amount: '', compound: false }, { onDone: view.refresh });
  const { compound } = form.values;

  const rewards = info.operatorRewards;
  const compounded = compound ? rewards : 0n;
  const room = atLeastZero(min(params.maxLock - info.selfLock, params.maxSequencerStake - info.totalStake));
  // Compounding alone is a relock of nothing more from the wallet.
  const amount = amountOf(form.values.amount, compounded > 0n ? 0n : undefined);
  function amountError() {
    if (amount.error) return amount.error;
    if (amount.value > balance) return `You have ${formatMetis(balance)} on ${config.l1.name}.`;
    if (amount.value + compounded > room) return `The self-lock can grow by at most ${formatMetis(room)} (up to ${formatMetis(params.maxLock)}).`;
    return undefined;
  }
  const errors = { amount: amountError() };
  const steps = async () => [
    ...(amount.value > 0n ? await approvalSteps(wagmiConfig, token, owner, staking.address, amount.value) : []),
    contractStep(
      wagmiConfig,
      compounded > 0n ? `Relock ${formatMetis(amount.value)} + ${formatMetis(compounded)} of rewards` : `Relock ${formatMetis(amount.value)}`,
      { ...staking, account: owner, functionName: 'relock', args: [view.id, amount.value, compound] },
    ),
  ];

  return (
    <OperatorSection id="operator-relock" title="Relock">
      <TxForm form={form} errors={errors} steps={steps} label="Relock" busyLabel="Relocking…" secondary>
        <AmountField
          id="relock-amount"
          label="Amount to add to the self-lock"
          {...form.amountField('amount', errors.amount)}
          max={min(balance, atLeastZero(room - compounded))}
          maxLabel={`Balance: ${formatMetis(balance)}`}
        />
        {rewards > 0n && (
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={compound} onChange={(e) => form.set('compound', e.target.checked)} disabled={form.busy} />
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
  const form = useTxForm({ amount: '' }, { onDone: view.refresh });

  const multiplier = BigInt(params.delegationMultiplier);
  const forDelegations = multiplier > 0n ? (info.delegated + multiplier - 1n) / multiplier : info.delegated > 0n ? info.selfLock : 0n;
  const floor = params.minLock > forDelegations ? params.minLock : forDelegations;
  const withdrawable = atLeastZero(info.selfLock - floor);
  const amount = amountOf(form.values.amount);
  function amountError() {
    if (amount.error) return amount.error;
    if (amount.value > withdrawable && withdrawable === 0n) return 'Nothing can be withdrawn now: the self-lock is at its floor.';
    if (amount.value > withdrawable) return `At most ${formatMetis(withdrawable)} can be withdrawn.`;
    return undefined;
  }
  const errors = { amount: amountError() };
  const steps = () => [
    contractStep(wagmiConfig, `Withdraw ${formatMetis(amount.value)} from the self-lock`, {
      ...staking,
      account: owner,
      functionName: 'withdrawLocked',
      args: [view.id, amount.value],
    }),
  ];

  return (
    <OperatorSection id="operator-withdraw" title="Withdraw self-lock">
      <p className="muted text-sm">
        The amount becomes an unbonding entry: it earns nothing, can still be slashed, and can be withdrawn to your wallet (under Your stake → Unbonding) after
        the exit delay of {formatDuration(params.exitDelay)} (from {formatDateTime(Math.ceil(now) + params.exitDelay)} if you start now). The self-lock must
        stay at least {formatMetis(params.minLock)}
        {forDelegations > params.minLock && ` and cover the delegations behind it (${params.delegationMultiplier}× self-lock)`}.
      </p>
      <TxForm form={form} errors={errors} steps={steps} label="Start withdrawal" busyLabel="Withdrawing…" secondary>
        <AmountField
          id="withdraw-lock-amount"
          label="Amount to withdraw from the self-lock"
          {...form.amountField('amount', errors.amount)}
          max={withdrawable}
          maxLabel={`Up to ${formatMetis(withdrawable)}`}
        />
      </TxForm>
    </OperatorSection>
  );
}
