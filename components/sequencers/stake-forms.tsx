'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type Address, maxUint256 } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatBps, formatDateTime, formatMetis, formatTimeLeft } from '@/lib/format';
import { bindingLiability, parseSequencerMetadata, SEQUENCER_STATUS } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { approvalSteps, contractStep } from '../tx/contract-step';
import type { TxStep, useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { AmountField } from '../ui/field';
import { useAmount } from '../ui/use-amount';
import { useChainNow } from '../ui/use-chain-now';
import { useSequencerNames } from './use-sequencer-names';

/** The chain state the stake forms validate against, read once by the panel. */
export interface StakeContext {
  account: Address;
  sequencerId: bigint;
  sequencer: { status: number; selfLock: bigint; delegated: bigint; totalStake: bigint };
  minPosition: bigint;
  /** How much more the sequencer can take under its caps. */
  room: bigint;
  /** The same for another sequencer (e.g. a redelegation's destination). */
  roomOf(other: { selfLock: bigint; delegated: bigint; totalStake: bigint }): bigint;
  /** Seconds an unbonding entry waits, and between two redelegations of a position. */
  exitDelay: number;
  maxEntries: number;
  balance: bigint;
  position: { value: bigint; lastRedelegationAt: number; openEntries: number };
  /** The position's redelegation liability as the chain reports it (`liabilityOf`; amount 0: none). */
  liability: { amount: bigint; fromId: bigint; until: bigint };
  tx: ReturnType<typeof useTransaction>;
  /** Refreshes what the forms changed. */
  done(): Promise<void>;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** The amount to take out of a position: the whole one by its marker, so no rounding dust stays behind. */
const wholeOr = (amount: bigint, positionValue: bigint) => (amount === positionValue ? maxUint256 : amount);

type Liable = ReturnType<typeof bindingLiability>;

/** Why taking `amount` out of a position of `value` is refused, if it is (the contract's checks, before signing). */
function removalError(amount: bigint, value: bigint, minPosition: bigint, liable: Liable): string | undefined {
  if (amount > value) return `Your position is ${formatMetis(value)}.`;
  if (liable && amount > liable.movable)
    return `You can move at most ${formatMetis(liable.movable)} now; the rest stays liable until ${formatDateTime(liable.until)}.`;
  const rest = value - amount;
  if (rest > 0n && rest < minPosition) return `Leave at least ${formatMetis(minPosition)}, or take out the whole position.`;
  return undefined;
}

/** The amount shortcut's label: the position, or what of it may move while part of it is liable. */
const movableLabel = (value: bigint, liable: Liable) => (liable ? `Movable now: ${formatMetis(liable.movable)}` : `Position: ${formatMetis(value)}`);

/** What of the position stays liable for the slashes of the sequencer it was redelegated from, and what can move now. */
function LiabilityNote({ liable }: { liable: Liable }) {
  const nameOf = useSequencerNames();
  if (!liable) return null;
  return (
    <p
      className="rounded-md bg-amber-50 p-2 text-sm text-amber-900 dark:bg-amber-950 dark:text-amber-100"
      data-testid="liability-note"
      data-amount={liable.amount.toString()}
      data-movable={liable.movable.toString()}
      data-until={liable.until}
    >
      {formatMetis(liable.amount)} of this position came by redelegation from {nameOf(liable.fromId.toString())} and stays liable for its slashes until{' '}
      {formatDateTime(liable.until)}; you can move at most {formatMetis(liable.movable)} now.
    </p>
  );
}

/**
 * The shell of a stake form: an amount, checked before anything is signed, then the flow of
 * transactions `steps` builds for it; on success the form clears and the panel refreshes.
 */
function AmountForm({
  ctx,
  action,
  busyLabel,
  amount,
  error,
  max,
  maxLabel,
  disabled,
  steps,
  before,
  children,
}: {
  ctx: StakeContext;
  action: 'Delegate' | 'Undelegate' | 'Redelegate';
  busyLabel: string;
  amount: ReturnType<typeof useAmount>;
  error: string | undefined;
  max: bigint;
  maxLabel: string;
  disabled: boolean;
  steps(value: bigint): Promise<TxStep[]>;
  before?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const { tx } = ctx;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    amount.touch();
    if (error || !amount.parsed.ok) return;
    if (await tx.run(await steps(amount.parsed.value))) {
      amount.clear();
      await ctx.done();
    }
  }
  const id = `${action.toLowerCase()}-amount`;
  return (
    <form className="space-y-3" onSubmit={submit} noValidate>
      {before}
      <AmountField
        id={id}
        label={`Amount to ${action.toLowerCase()}`}
        value={amount.text}
        onChange={amount.setText}
        error={amount.touched ? error : undefined}
        disabled={tx.busy}
        max={max}
        maxLabel={maxLabel}
      />
      {children}
      <button type="submit" className="btn-primary w-full" disabled={tx.busy || disabled}>
        {tx.busy ? busyLabel : action}
      </button>
    </form>
  );
}

export function DelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  const amount = useAmount();
  const { sequencer, balance, position, minPosition, room } = ctx;
  const error =
    SEQUENCER_STATUS[sequencer.status] !== 'active'
      ? 'This sequencer is not active: it takes no new delegations.'
      : !amount.parsed.ok
        ? amount.parsed.error
        : amount.parsed.value > balance
          ? `You have ${formatMetis(balance)} on ${config.l1.name}.`
          : position.value + amount.parsed.value < minPosition
            ? `A position must be at least ${formatMetis(minPosition)}.`
            : amount.parsed.value > room
              ? `This sequencer can take at most ${formatMetis(room)} more.`
              : undefined;

  async function steps(value: bigint): Promise<TxStep[]> {
    return [
      ...(await approvalSteps(wagmiConfig, token, ctx.account, staking.address, value)),
      contractStep(wagmiConfig, `Delegate ${formatMetis(value)}`, {
        ...staking,
        account: ctx.account,
        functionName: 'delegate',
        args: [ctx.sequencerId, value],
      }),
    ];
  }

  return (
    <AmountForm
      ctx={ctx}
      action="Delegate"
      busyLabel="Delegating…"
      amount={amount}
      error={error}
      max={min(balance, room)}
      maxLabel={`Balance: ${formatMetis(balance)}`}
      disabled={SEQUENCER_STATUS[sequencer.status] !== 'active'}
      steps={steps}
    />
  );
}

export function UndelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const now = useChainNow(config.l1.chainId);
  const amount = useAmount();
  const { position, minPosition, exitDelay, maxEntries } = ctx;
  const liable = bindingLiability(ctx.liability, position.value, now);
  const error =
    position.value === 0n
      ? 'You have no position behind this sequencer.'
      : position.openEntries >= maxEntries
        ? `You already have ${maxEntries} unbonding entries here: withdraw matured ones first.`
        : !amount.parsed.ok
          ? amount.parsed.error
          : removalError(amount.parsed.value, position.value, minPosition, liable);

  const steps = async (value: bigint) => [
    contractStep(wagmiConfig, `Undelegate ${formatMetis(value)}`, {
      ...staking,
      account: ctx.account,
      functionName: 'undelegate',
      args: [ctx.sequencerId, wholeOr(value, position.value)],
    }),
  ];

  return (
    <AmountForm
      ctx={ctx}
      action="Undelegate"
      busyLabel="Undelegating…"
      amount={amount}
      error={error}
      max={liable ? liable.movable : position.value}
      maxLabel={movableLabel(position.value, liable)}
      disabled={position.value === 0n || liable?.movable === 0n}
      steps={steps}
      before={<LiabilityNote liable={liable} />}
    >
      <p className="muted text-sm" data-testid="undelegate-unlock">
        Unlocks {formatDateTime(now + exitDelay)}, {formatTimeLeft(exitDelay)} after you sign. Until then it earns nothing and can still be slashed.
      </p>
    </AmountForm>
  );
}

export function RedelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const now = useChainNow(config.l1.chainId);
  const amount = useAmount();
  const [target, setTarget] = useState('');
  const { position, minPosition, exitDelay, tx } = ctx;
  const sequencers = useQuery({
    queryKey: ['sequencers', config.apiUrl, 'active'],
    queryFn: () => apiGet(config.apiUrl, '/sequencers', { status: 'active' }),
  });
  const targets = (sequencers.data?.items ?? []).filter((s) => BigInt(s.id) !== ctx.sequencerId);
  // The destination's room under its caps, from the chain.
  const destination = useReadContract({
    ...staking,
    functionName: 'getSequencer',
    args: [target ? BigInt(target) : 0n],
    query: { enabled: Boolean(target) },
  });
  const room = destination.data && ctx.roomOf(destination.data);
  const nextAllowedAt = position.lastRedelegationAt > 0 ? position.lastRedelegationAt + exitDelay : 0;
  const throttled = now < nextAllowedAt;
  const liable = bindingLiability(ctx.liability, position.value, now);
  const error =
    position.value === 0n
      ? 'You have no position behind this sequencer.'
      : throttled
        ? 'This position was redelegated recently.'
        : !target
          ? 'Choose a sequencer to move to.'
          : !amount.parsed.ok
            ? amount.parsed.error
            : (removalError(amount.parsed.value, position.value, minPosition, liable) ??
              (room !== undefined && amount.parsed.value > room ? `That sequencer can take at most ${formatMetis(room)} more.` : undefined));

  const steps = async (value: bigint) => {
    const name = targets.find((s) => s.id === target);
    const label = `Move ${formatMetis(value)} to ${(name && parseSequencerMetadata(name.metadataURI).name) ?? `#${target}`}`;
    return [
      contractStep(wagmiConfig, label, {
        ...staking,
        account: ctx.account,
        functionName: 'redelegate',
        args: [ctx.sequencerId, BigInt(target), wholeOr(value, position.value)],
      }),
    ];
  };

  return (
    <AmountForm
      ctx={ctx}
      action="Redelegate"
      busyLabel="Redelegating…"
      amount={amount}
      error={error}
      max={min(liable ? liable.movable : position.value, room ?? position.value)}
      maxLabel={movableLabel(position.value, liable)}
      disabled={position.value === 0n || throttled || liable?.movable === 0n}
      steps={steps}
      before={
        <div className="space-y-3">
          <LiabilityNote liable={liable} />
          <div>
            <label htmlFor="redelegate-target" className="label">
              Move to
            </label>
            <select id="redelegate-target" className="input mt-1 w-full" value={target} onChange={(e) => setTarget(e.target.value)} disabled={tx.busy}>
              <option value="">Choose a sequencer…</option>
              {targets.map((s) => (
                <option key={s.id} value={s.id}>
                  {parseSequencerMetadata(s.metadataURI).name ?? `Sequencer #${s.id}`} · {formatBps(s.commissionBps)} commission
                </option>
              ))}
            </select>
          </div>
        </div>
      }
    >
      <p className="muted text-sm">
        {throttled ? (
          <>
            You can redelegate from this position again: <Countdown at={nextAllowedAt} now={now} verb="from" />
          </>
        ) : (
          <>Moves at once, without unbonding. A position can be redelegated once every {formatTimeLeft(exitDelay)}.</>
        )}
      </p>
    </AmountForm>
  );
}
