'use client';

import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { type Address, zeroAddress } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { addressError } from '@/lib/amounts';
import { durationError, lockEndFor } from '@/lib/commons';
import { commonsContracts } from '@/lib/contracts/commons';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatDuration, formatMetis, formatTimeLeft, formatVotes } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { type Delegated, DelegationResult } from '../delegates/delegation-result';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { relayDeadline, relayStep, useGasless } from '../tx/relay-step';
import { TxForm, type TxFormOf, useTxForm } from '../tx/tx-form';
import type { TxStep, useTransaction } from '../tx/use-transaction';
import { amountOf } from '../ui/amount';
import { AmountField, Field } from '../ui/field';
import { DurationPicker, durationChoice } from './duration-picker';

/** The chain state the lock forms validate against, read once by the panel. */
export interface LockContext {
  account: Address;
  /** The contract's lock bounds, in seconds. */
  minDuration: number;
  maxDuration: number;
  lock: { amount: bigint; end: number; units: bigint };
  delegatee: Address;
  balance: bigint;
  /** The latest L2 block's timestamp: what the contract's previews price against. */
  blockTime: number;
  /** The chain's clock, ticking every second (for dates shown). */
  now: number;
  groups: readonly { address: Address; name: string }[];
  tx: ReturnType<typeof useTransaction>;
  /** Refreshes what the forms changed. */
  done(): Promise<void>;
}

/**
 * Signing and mining take a moment, and `extendLock` checks the time from the block it lands in
 * to the new end against the minimum: a new end this much later than the chosen date keeps a
 * minimum-length choice valid.
 */
const EXTEND_SLACK = 60;

/**
 * The add and extend previews are priced on the latest block's time, so their query changes with
 * every block: the last answer stays shown while the next is read, and the form does not jump.
 */
const STEADY = { placeholderData: keepPreviousData } as const;

/** What a form will do, shown before signing. */
function Preview({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <p className="rounded-xl bg-zinc-100 p-3 text-sm dark:bg-zinc-800" data-testid={testId}>
      {children}
    </p>
  );
}

/**
 * A lock form: its fields checked before anything is signed, then sent on the panel's flow (the
 * panel shows it); once confirmed, the fields clear (`clear`, every one by default) and the panel refreshes.
 */
function useLockForm<V extends Record<string, unknown>>(ctx: LockContext, initial: V, clear?: readonly (keyof V)[]) {
  return useTxForm(initial, { tx: ctx.tx, clear, onDone: ctx.done });
}

/**
 * The METIS a form puts into the lock (`text`): its value, checked against the L2 balance, and the
 * flow that first lets veMETIS pull it (when the allowance falls short).
 */
function useLockAmount(ctx: LockContext, text: string) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { value, error } = amountOf(text);
  return {
    value,
    problem: error ?? (value > ctx.balance ? `You have ${formatMetis(ctx.balance)} on ${config.l2.name}.` : undefined),
    withApproval: async (step: TxStep): Promise<TxStep[]> => [
      ...(await approvalSteps(wagmiConfig, metisTokens(config).l2, ctx.account, commonsContracts(config).veMetis.address, value, 'Approve METIS for veMETIS')),
      step,
    ],
  };
}

/** The input of the METIS a form puts into the lock, with the balance as its shortcut. */
function LockAmount({
  id,
  label,
  form,
  error,
  balance,
}: {
  id: string;
  label: string;
  form: Pick<TxFormOf<{ amount: string }>, 'amountField'>;
  error: string | undefined;
  balance: bigint;
}) {
  return <AmountField id={id} label={label} {...form.amountField('amount', error)} max={balance} maxLabel={`Balance: ${formatMetis(balance)}`} />;
}

export function CreateLockForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const { veMetis } = commonsContracts(useAppConfig());
  const form = useLockForm(ctx, { amount: '', date: '' });
  const { value, problem: amountProblem, withApproval } = useLockAmount(ctx, form.values.amount);
  const duration = durationChoice(form.values.date, form.setter('date'), ctx.now);
  const { minDuration, maxDuration } = ctx;
  const durationProblem = durationError(duration.seconds, minDuration, maxDuration);
  const errors = { amount: amountProblem, duration: durationProblem };
  const preview = useReadContract({
    ...veMetis,
    functionName: 'previewUnits',
    args: [value, BigInt(duration.seconds ?? 0)],
    query: { enabled: !amountProblem && !durationProblem },
  });

  const steps = () =>
    withApproval(
      contractStep(wagmiConfig, `Lock ${formatMetis(value)} for ${formatDuration(duration.seconds!)}`, {
        ...veMetis,
        account: ctx.account,
        functionName: 'createLock',
        args: [value, BigInt(duration.seconds!)],
      }),
    );

  return (
    <TxForm form={form} errors={errors} steps={steps} label="Lock" busyLabel="Locking…">
      <LockAmount id="lock-amount" label="Amount to lock" form={form} error={amountProblem} balance={ctx.balance} />
      <DurationPicker id="lock-date" label="Lock for" choice={duration} ctx={ctx} error={form.shown(durationProblem)} />
      {preview.data !== undefined && !durationProblem && (
        <Preview testId="lock-preview">
          You get <strong className="tabular-nums">{formatVotes(preview.data)}</strong>, unlocking{' '}
          {formatDateTime(lockEndFor(ctx.blockTime + duration.seconds!))} (locks end at a UTC midnight). Longer locks weigh more: up to 2× for{' '}
          {formatDuration(maxDuration)}.
        </Preview>
      )}
    </TxForm>
  );
}

export function AddForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const { veMetis } = commonsContracts(useAppConfig());
  const form = useLockForm(ctx, { amount: '' });
  const { value, problem: amountProblem, withApproval } = useLockAmount(ctx, form.values.amount);
  const { lock, minDuration } = ctx;
  const left = lock.end - ctx.blockTime;
  const problem = left < minDuration ? `Less than ${formatDuration(minDuration)} left on the lock: extend it first.` : amountProblem;
  // Added METIS is priced on the time left until the lock's end, as a new lock of that length.
  const preview = useReadContract({
    ...veMetis,
    functionName: 'previewUnits',
    args: [value, BigInt(Math.max(left, 0))],
    query: { enabled: !problem, ...STEADY },
  });

  const steps = () =>
    withApproval(
      contractStep(wagmiConfig, `Add ${formatMetis(value)} to the lock`, { ...veMetis, account: ctx.account, functionName: 'increaseAmount', args: [value] }),
    );

  return (
    <TxForm form={form} errors={{ amount: problem }} steps={steps} label="Add to lock" busyLabel="Adding…">
      <LockAmount id="add-amount" label="Amount to add" form={form} error={problem} balance={ctx.balance} />
      {preview.data !== undefined && !problem ? (
        <Preview testId="add-preview">
          +<strong className="tabular-nums">{formatVotes(preview.data)}</strong>, priced on the {formatTimeLeft(left)} left; the unlock stays{' '}
          {formatDateTime(lock.end)}.
        </Preview>
      ) : (
        <p className="muted text-sm">Same unlock date; the added METIS weighs by the time left on the lock.</p>
      )}
    </TxForm>
  );
}

export function ExtendForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { veMetis } = commonsContracts(config);
  const form = useLockForm(ctx, { date: '' });
  const duration = durationChoice(form.values.date, form.setter('date'), ctx.now);
  const { lock, minDuration, maxDuration, blockTime } = ctx;
  const newEnd = duration.seconds === undefined ? undefined : blockTime + Math.min(duration.seconds + EXTEND_SLACK, maxDuration);
  const problem =
    durationError(duration.seconds, minDuration, maxDuration) ??
    (newEnd !== undefined && newEnd <= lock.end ? `Choose a date after the current unlock, ${formatDateTime(lock.end)}.` : undefined);
  const preview = useReadContract({
    ...veMetis,
    functionName: 'previewExtend',
    args: [ctx.account, BigInt(newEnd ?? 0)],
    query: { enabled: !problem, ...STEADY },
  });
  const falls = preview.data !== undefined && preview.data < lock.units;

  const steps = () => [
    contractStep(wagmiConfig, `Extend the lock to ${formatDateTime(newEnd!)}`, {
      ...veMetis,
      account: ctx.account,
      functionName: 'extendLock',
      args: [BigInt(newEnd!)],
    }),
  ];

  return (
    <TxForm form={form} errors={{ duration: problem }} steps={steps} label="Extend lock" busyLabel="Extending…">
      <DurationPicker id="extend-date" label="New length, counted from now" choice={duration} ctx={ctx} error={form.shown(problem)} />
      {preview.data !== undefined && !problem && (
        <Preview testId="extend-preview">
          Your units become <strong className="tabular-nums">{formatVotes(preview.data)}</strong> (now {formatVotes(lock.units)}), unlocking{' '}
          {formatDateTime(lockEndFor(newEnd!))}.
          {falls && (
            <span className="mt-1 block font-medium text-amber-800 dark:text-amber-300" role="alert">
              Your units would fall: extending re-prices the whole lock on the time from now to the new date, which is shorter than the commitment it was priced
              on.
            </span>
          )}
        </Preview>
      )}
    </TxForm>
  );
}

/** Withdraws an ended lock's METIS. */
export function WithdrawLock({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { veMetis } = commonsContracts(config);
  const { tx, lock } = ctx;
  async function withdraw() {
    if (await tx.run([contractStep(wagmiConfig, `Withdraw ${formatMetis(lock.amount)}`, { ...veMetis, account: ctx.account, functionName: 'withdraw' })]))
      await ctx.done();
  }
  return (
    <button type="button" className="btn-primary w-full" disabled={tx.busy} onClick={withdraw}>
      Withdraw {formatMetis(lock.amount)}
    </button>
  );
}

const TARGETS = [
  { value: 'self', label: 'Myself' },
  { value: 'group', label: 'A group' },
  { value: 'address', label: 'Another address' },
] as const;
type Target = (typeof TARGETS)[number]['value'];

/** Who an account's votes go to, in words: "yourself", a group's name, or the address. */
export function delegateeName(delegatee: Address, account: Address, groups: LockContext['groups']): string {
  if (delegatee === zeroAddress) return 'nobody';
  if (delegatee.toLowerCase() === account.toLowerCase()) return 'yourself';
  return groups.find((g) => g.address.toLowerCase() === delegatee.toLowerCase())?.name ?? delegatee;
}

export function DelegateForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { veMetis } = commonsContracts(config);
  // The choice stays once sent (the panel then says where the votes go).
  const form = useLockForm(ctx, { target: 'self' as Target, group: '', other: '' }, []);
  const { target, group, other } = form.values;
  const delegatee = { self: ctx.account, group, address: other.trim() }[target];
  function delegateeError() {
    if (target === 'group' && !group) return 'Choose a group.';
    const invalid = target === 'address' && addressError(delegatee, 'The delegatee');
    if (invalid) return invalid;
    if (delegatee.toLowerCase() === ctx.delegatee.toLowerCase()) return 'Your votes already go there.';
    return undefined;
  }
  const error = delegateeError();

  const [delegated, setDelegated] = useState<Delegated>();
  // Without METIS on L2 for gas: a signed veMETIS delegation the relay sends (components/tx/relay-step.ts).
  const gasless = useGasless(config, ctx.account);
  const steps = async () => {
    const to = delegatee as Address;
    const name = delegateeName(to, ctx.account, ctx.groups);
    const step = gasless
      ? relayStep(wagmiConfig, config, ctx.account, `Delegate to ${name} (signed; the relay pays the gas)`, async () => ({
          kind: 'delegate',
          delegator: ctx.account,
          delegatee: to,
          nonce: await readContract(wagmiConfig, { ...veMetis, functionName: 'nonces', args: [ctx.account] }),
          expiry: await relayDeadline(wagmiConfig, config),
        }))
      : contractStep(wagmiConfig, `Delegate to ${name}`, { ...veMetis, account: ctx.account, functionName: 'delegate', args: [to] });
    return [
      {
        ...step,
        // The new powers are read from the chain at the delegation's block, not from the indexer.
        onConfirmed: (receipt: { blockNumber: bigint }) =>
          setDelegated({ account: ctx.account, delegatee: to, delegateeName: name, blockNumber: receipt.blockNumber }),
      },
    ];
  };

  return (
    <TxForm
      form={form}
      errors={{ delegatee: error }}
      steps={steps}
      label={gasless ? 'Delegate without gas' : 'Delegate'}
      busyLabel="Delegating…"
      footer={delegated && <DelegationResult delegated={delegated} />}
    >
      <fieldset>
        <legend className="label">Delegate my votes to</legend>
        <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          {TARGETS.map((t) => (
            <label key={t.value} className="flex items-center gap-2">
              <input
                type="radio"
                name="delegate-target"
                value={t.value}
                checked={target === t.value}
                onChange={() => form.set('target', t.value)}
                disabled={form.busy}
              />
              {t.label}
            </label>
          ))}
        </div>
      </fieldset>
      {target === 'group' && (
        <div>
          <label htmlFor="delegate-group" className="label">
            Group
          </label>
          <select id="delegate-group" className="input w-full" value={group} onChange={(e) => form.set('group', e.target.value)} disabled={form.busy}>
            <option value="">Choose a group…</option>
            {ctx.groups.map((g) => (
              <option key={g.address} value={g.address}>
                {g.name}
              </option>
            ))}
          </select>
        </div>
      )}
      {target === 'address' && (
        <Field id="delegate-address" label="Delegate address" className="font-mono" spellCheck={false} placeholder="0x…" {...form.field('other')} />
      )}
      {form.shown(error) && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
      <p className="muted text-xs">Delegating moves all your units, present and future; your METIS stays in your lock.</p>
    </TxForm>
  );
}
