'use client';

import { useState } from 'react';
import { useReadContracts } from 'wagmi';
import { parseMetisInput } from '@/lib/amounts';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatDuration, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
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
        The amount becomes an unbonding entry: it earns nothing, can still be slashed, and can be withdrawn to your wallet after
        the exit delay of {formatDuration(params.exitDelay)} (from {formatDateTime(Math.ceil(now) + params.exitDelay)} if you
        start now). The self-lock must stay at least {formatMetis(params.minLock)}
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

/** The owner's open unbonding entries at this sequencer, and one withdrawal of all matured ones. */
export function UnbondingEntries({ view, nextEntryId }: { view: OperatorView; nextEntryId: bigint }) {
  const { owner, staking, wagmiConfig, now, offset } = view;
  const poll = useLivePollMs();
  const tx = useTransaction();
  const ids = Array.from({ length: Number(nextEntryId) }, (_, i) => BigInt(i));
  const reads = useReadContracts({
    contracts: ids.map((entryId) => ({ ...staking, functionName: 'unbondingEntry', args: [view.id, owner, entryId] }) as const),
    allowFailure: false,
    query: { enabled: ids.length > 0, refetchInterval: poll },
  });
  const entries = (reads.data ?? [])
    .map(([shares, value, maturesAt], i) => ({ entryId: ids[i], shares, value, maturesAt: Number(maturesAt) }))
    .filter((e) => e.shares > 0n);
  if (entries.length === 0 && tx.stage.status === 'idle') return null;
  const matured = entries.filter((e) => e.maturesAt <= now);
  const maturedValue = matured.reduce((sum, e) => sum + e.value, 0n);

  async function withdraw() {
    const step = contractStep(wagmiConfig, `Withdraw ${formatMetis(maturedValue)}`, {
      ...staking,
      account: owner,
      functionName: 'withdraw',
      args: [view.id, matured.map((e) => e.entryId)],
    });
    if (await tx.run([step])) {
      void reads.refetch();
      view.refresh();
    }
  }

  return (
    <OperatorSection id="operator-unbonding" title="Unbonding">
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
        {entries.map((e) => (
          <li key={e.entryId} className="flex flex-wrap justify-between gap-2 py-2" data-testid="operator-unbonding-entry">
            <span className="tabular-nums">{formatMetis(e.value)}</span>
            <span className="muted">
              {e.maturesAt <= now ? (
                'ready to withdraw'
              ) : (
                <>
                  {formatDateTime(e.maturesAt)} · <Countdown at={e.maturesAt} offset={offset} />
                </>
              )}
            </span>
          </li>
        ))}
      </ul>
      {matured.length > 0 && (
        <button type="button" className="btn-secondary w-full" onClick={withdraw} disabled={tx.busy}>
          {tx.busy ? 'Withdrawing…' : `Withdraw ${formatMetis(maturedValue)} to my wallet`}
        </button>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </OperatorSection>
  );
}
