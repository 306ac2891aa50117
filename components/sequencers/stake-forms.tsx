'use client';

import { useQuery } from '@tanstack/react-query';
import { type Address, maxUint256 } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatBps, formatDateTime, formatMetis, formatTimeLeft } from '@/lib/format';
import { bindingLiability, parseSequencerMetadata, SEQUENCER_STATUS } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxForm, type TxFormOf, useTxForm } from '../tx/tx-form';
import type { useTransaction } from '../tx/use-transaction';
import { amountOf } from '../ui/amount';
import { Countdown } from '../ui/countdown';
import { AmountField } from '../ui/field';
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
 * A stake form's amount input (`delegate-amount`, "Amount to delegate"…). Each stake form checks
 * its amount before anything is signed, sends on the panel's flow (the panel shows it), and clears
 * the amount and refreshes the panel once the flow is confirmed.
 */
function StakeAmount({
  action,
  form,
  error,
  max,
  maxLabel,
}: {
  action: 'Delegate' | 'Undelegate' | 'Redelegate';
  form: Pick<TxFormOf<{ amount: string }>, 'amountField'>;
  error: string | undefined;
  max: bigint;
  maxLabel: string;
}) {
  const verb = action.toLowerCase();
  return <AmountField id={`${verb}-amount`} label={`Amount to ${verb}`} {...form.amountField('amount', error)} max={max} maxLabel={maxLabel} />;
}

export function DelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  const form = useTxForm({ amount: '' }, { tx: ctx.tx, onDone: ctx.done });
  const amount = amountOf(form.values.amount);
  const { sequencer, balance, position, minPosition, room } = ctx;
  const active = SEQUENCER_STATUS[sequencer.status] === 'active';
  function amountError() {
    if (!active) return 'This sequencer is not active: it takes no new delegations.';
    if (amount.error) return amount.error;
    if (amount.value > balance) return `You have ${formatMetis(balance)} on ${config.l1.name}.`;
    if (position.value + amount.value < minPosition) return `A position must be at least ${formatMetis(minPosition)}.`;
    if (amount.value > room) return `This sequencer can take at most ${formatMetis(room)} more.`;
    return undefined;
  }
  const errors = { amount: amountError() };

  const steps = async () => [
    ...(await approvalSteps(wagmiConfig, token, ctx.account, staking.address, amount.value)),
    contractStep(wagmiConfig, `Delegate ${formatMetis(amount.value)}`, {
      ...staking,
      account: ctx.account,
      functionName: 'delegate',
      args: [ctx.sequencerId, amount.value],
    }),
  ];

  return (
    <TxForm form={form} errors={errors} steps={steps} label="Delegate" busyLabel="Delegating…" disabled={!active}>
      <StakeAmount action="Delegate" form={form} error={errors.amount} max={min(balance, room)} maxLabel={`Balance: ${formatMetis(balance)}`} />
    </TxForm>
  );
}

export function UndelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const now = useChainNow(config.l1.chainId);
  const form = useTxForm({ amount: '' }, { tx: ctx.tx, onDone: ctx.done });
  const amount = amountOf(form.values.amount);
  const { position, minPosition, exitDelay, maxEntries } = ctx;
  const liable = bindingLiability(ctx.liability, position.value, now);
  function amountError() {
    if (position.value === 0n) return 'You have no position behind this sequencer.';
    if (position.openEntries >= maxEntries) return `You already have ${maxEntries} unbonding entries here: withdraw matured ones first.`;
    return amount.error ?? removalError(amount.value, position.value, minPosition, liable);
  }
  const errors = { amount: amountError() };

  const steps = () => [
    contractStep(wagmiConfig, `Undelegate ${formatMetis(amount.value)}`, {
      ...staking,
      account: ctx.account,
      functionName: 'undelegate',
      args: [ctx.sequencerId, wholeOr(amount.value, position.value)],
    }),
  ];

  return (
    <TxForm form={form} errors={errors} steps={steps} label="Undelegate" busyLabel="Undelegating…" disabled={position.value === 0n || liable?.movable === 0n}>
      <LiabilityNote liable={liable} />
      <StakeAmount
        action="Undelegate"
        form={form}
        error={errors.amount}
        max={liable ? liable.movable : position.value}
        maxLabel={movableLabel(position.value, liable)}
      />
      <p className="muted text-sm" data-testid="undelegate-unlock">
        Unlocks {formatDateTime(now + exitDelay)}, {formatTimeLeft(exitDelay)} after you sign. Until then it earns nothing and can still be slashed.
      </p>
    </TxForm>
  );
}

export function RedelegateForm({ ctx }: { ctx: StakeContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const staking = stakingContract(config);
  const now = useChainNow(config.l1.chainId);
  const form = useTxForm({ amount: '', target: '' }, { tx: ctx.tx, clear: ['amount'], onDone: ctx.done });
  const amount = amountOf(form.values.amount);
  const { target } = form.values;
  const { position, minPosition, exitDelay } = ctx;
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
  function amountError() {
    if (position.value === 0n) return 'You have no position behind this sequencer.';
    if (throttled) return 'This position was redelegated recently.';
    if (!target) return 'Choose a sequencer to move to.';
    if (amount.error) return amount.error;
    const refused = removalError(amount.value, position.value, minPosition, liable);
    if (refused) return refused;
    if (room !== undefined && amount.value > room) return `That sequencer can take at most ${formatMetis(room)} more.`;
    return undefined;
  }
  const errors = { amount: amountError() };

  const steps = () => {
    const name = targets.find((s) => s.id === target);
    const label = `Move ${formatMetis(amount.value)} to ${(name && parseSequencerMetadata(name.metadataURI).name) ?? `#${target}`}`;
    return [
      contractStep(wagmiConfig, label, {
        ...staking,
        account: ctx.account,
        functionName: 'redelegate',
        args: [ctx.sequencerId, BigInt(target), wholeOr(amount.value, position.value)],
      }),
    ];
  };

  return (
    <TxForm
      form={form}
      errors={errors}
      steps={steps}
      label="Redelegate"
      busyLabel="Redelegating…"
      disabled={position.value === 0n || throttled || liable?.movable === 0n}
    >
      <div className="space-y-3">
        <LiabilityNote liable={liable} />
        <div>
          <label htmlFor="redelegate-target" className="label">
            Move to
          </label>
          <select id="redelegate-target" className="input mt-1 w-full" value={target} onChange={(e) => form.set('target', e.target.value)} disabled={form.busy}>
            <option value="">Choose a sequencer…</option>
            {targets.map((s) => (
              <option key={s.id} value={s.id}>
                {parseSequencerMetadata(s.metadataURI).name ?? `Sequencer #${s.id}`} · {formatBps(s.commissionBps)} commission
              </option>
            ))}
          </select>
        </div>
      </div>
      <StakeAmount
        action="Redelegate"
        form={form}
        error={errors.amount}
        max={min(liable ? liable.movable : position.value, room ?? position.value)}
        maxLabel={movableLabel(position.value, liable)}
      />
      <p className="muted text-sm">
        {throttled ? (
          <>
            You can redelegate from this position again: <Countdown at={nextAllowedAt} now={now} verb="from" />
          </>
        ) : (
          <>Moves at once, without unbonding. A position can be redelegated once every {formatTimeLeft(exitDelay)}.</>
        )}
      </p>
    </TxForm>
  );
}
