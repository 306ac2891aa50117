'use client';

import { keepPreviousData } from '@tanstack/react-query';
import { useState } from 'react';
import { type Address, zeroAddress } from 'viem';
import { useConfig, useReadContract } from 'wagmi';
import { addressError } from '@/lib/amounts';
import { durationError, lockEndFor } from '@/lib/commons';
import { commonsContracts } from '@/lib/contracts/commons';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatDuration, formatMetis, formatTimeLeft, formatVotes } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { approvalSteps, contractStep } from '../tx/contract-step';
import type { TxStep, useTransaction } from '../tx/use-transaction';
import { AmountField, Field } from '../ui/field';
import { useAmount } from '../ui/use-amount';
import { DurationPicker, useDuration } from './duration-picker';

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

/**
 * The shell of a lock form: checked before anything is signed (`error`), then the flow `steps`
 * builds; on success the inputs clear (`clear`) and the panel refreshes.
 */
function LockForm({
  ctx,
  label,
  busyLabel,
  error,
  onTouch,
  steps,
  clear,
  children,
}: {
  ctx: LockContext;
  label: string;
  busyLabel: string;
  error: string | undefined;
  onTouch(): void;
  steps: () => Promise<TxStep[]>;
  clear(): void;
  children: React.ReactNode;
}) {
  const { tx } = ctx;
  async function submit(e: React.FormEvent) {
    e.preventDefault();
    onTouch();
    if (error) return;
    if (await tx.run(await steps())) {
      clear();
      await ctx.done();
    }
  }
  return (
    <form className="space-y-3" onSubmit={submit} noValidate>
      {children}
      <button type="submit" className="btn-primary w-full" disabled={tx.busy}>
        {tx.busy ? busyLabel : label}
      </button>
    </form>
  );
}

/** What a form will do, shown before signing. */
function Preview({ testId, children }: { testId: string; children: React.ReactNode }) {
  return (
    <p className="rounded-xl bg-zinc-100 p-3 text-sm dark:bg-zinc-800" data-testid={testId}>
      {children}
    </p>
  );
}

/**
 * The METIS a form puts into the lock: its input, checked against the L2 balance, the field for
 * it, and the flow that first lets veMETIS pull it (when the allowance falls short).
 */
function useLockAmount(ctx: LockContext) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const amount = useAmount();
  const { balance, tx } = ctx;
  const value = amount.parsed.ok ? amount.parsed.value : 0n;
  const problem = !amount.parsed.ok ? amount.parsed.error : value > balance ? `You have ${formatMetis(balance)} on ${config.l2.name}.` : undefined;
  return {
    amount,
    value,
    problem,
    field: (id: string, label: string, error: string | undefined) => (
      <AmountField
        id={id}
        label={label}
        value={amount.text}
        onChange={amount.setText}
        error={amount.touched ? error : undefined}
        disabled={tx.busy}
        max={balance}
        maxLabel={`Balance: ${formatMetis(balance)}`}
      />
    ),
    withApproval: async (step: TxStep): Promise<TxStep[]> => [
      ...(await approvalSteps(wagmiConfig, metisTokens(config).l2, ctx.account, commonsContracts(config).veMetis.address, value, 'Approve METIS for veMETIS')),
      step,
    ],
  };
}

export function CreateLockForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const { veMetis } = commonsContracts(useAppConfig());
  const { amount, value, problem: amountProblem, field, withApproval } = useLockAmount(ctx);
  const duration = useDuration(ctx.now);
  const { minDuration, maxDuration } = ctx;
  const durationProblem = durationError(duration.seconds, minDuration, maxDuration);
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
    <LockForm
      ctx={ctx}
      label="Lock"
      busyLabel="Locking…"
      error={amountProblem ?? durationProblem}
      onTouch={amount.touch}
      steps={steps}
      clear={() => {
        amount.clear();
        duration.clear();
      }}
    >
      {field('lock-amount', 'Amount to lock', amountProblem)}
      <DurationPicker id="lock-date" label="Lock for" choice={duration} ctx={ctx} error={amount.touched ? durationProblem : undefined} />
      {preview.data !== undefined && !durationProblem && (
        <Preview testId="lock-preview">
          You get <strong className="tabular-nums">{formatVotes(preview.data)}</strong>, unlocking{' '}
          {formatDateTime(lockEndFor(ctx.blockTime + duration.seconds!))} (locks end at a UTC midnight). Longer locks weigh more: up to 2× for{' '}
          {formatDuration(maxDuration)}.
        </Preview>
      )}
    </LockForm>
  );
}

export function AddForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const { veMetis } = commonsContracts(useAppConfig());
  const { amount, value, problem: amountProblem, field, withApproval } = useLockAmount(ctx);
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
    <LockForm ctx={ctx} label="Add to lock" busyLabel="Adding…" error={problem} onTouch={amount.touch} steps={steps} clear={amount.clear}>
      {field('add-amount', 'Amount to add', problem)}
      {preview.data !== undefined && !problem ? (
        <Preview testId="add-preview">
          +<strong className="tabular-nums">{formatVotes(preview.data)}</strong>, priced on the {formatTimeLeft(left)} left; the unlock stays{' '}
          {formatDateTime(lock.end)}.
        </Preview>
      ) : (
        <p className="muted text-sm">Same unlock date; the added METIS weighs by the time left on the lock.</p>
      )}
    </LockForm>
  );
}

export function ExtendForm({ ctx }: { ctx: LockContext }) {
  const wagmiConfig = useConfig();
  const config = useAppConfig();
  const { veMetis } = commonsContracts(config);
  const duration = useDuration(ctx.now);
  const [touched, setTouched] = useState(false);
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

  const steps = async () => [
    contractStep(wagmiConfig, `Extend the lock to ${formatDateTime(newEnd!)}`, {
      ...veMetis,
      account: ctx.account,
      functionName: 'extendLock',
      args: [BigInt(newEnd!)],
    }),
  ];

  return (
    <LockForm
      ctx={ctx}
      label="Extend lock"
      busyLabel="Extending…"
      error={problem}
      onTouch={() => setTouched(true)}
      steps={steps}
      clear={() => {
        duration.clear();
        setTouched(false);
      }}
    >
      <DurationPicker id="extend-date" label="New length, counted from now" choice={duration} ctx={ctx} error={touched ? problem : undefined} />
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
    </LockForm>
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
  const [target, setTarget] = useState<Target>('self');
  const [group, setGroup] = useState('');
  const [other, setOther] = useState('');
  const [touched, setTouched] = useState(false);
  const delegatee = target === 'self' ? ctx.account : target === 'group' ? group : other.trim();
  const problem = target === 'group' && !group ? 'Choose a group.' : target === 'address' ? addressError(delegatee, 'The delegatee') : undefined;
  const error = problem ?? (delegatee.toLowerCase() === ctx.delegatee.toLowerCase() ? 'Your votes already go there.' : undefined);

  const steps = async () => [
    contractStep(wagmiConfig, `Delegate to ${delegateeName(delegatee as Address, ctx.account, ctx.groups)}`, {
      ...veMetis,
      account: ctx.account,
      functionName: 'delegate',
      args: [delegatee as Address],
    }),
  ];

  return (
    <LockForm ctx={ctx} label="Delegate" busyLabel="Delegating…" error={error} onTouch={() => setTouched(true)} steps={steps} clear={() => setTouched(false)}>
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
                onChange={() => setTarget(t.value)}
                disabled={ctx.tx.busy}
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
          <select id="delegate-group" className="input w-full" value={group} onChange={(e) => setGroup(e.target.value)} disabled={ctx.tx.busy}>
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
        <Field
          id="delegate-address"
          label="Delegate address"
          className="font-mono"
          spellCheck={false}
          placeholder="0x…"
          value={other}
          onChange={(e) => setOther(e.target.value)}
          disabled={ctx.tx.busy}
        />
      )}
      {touched && error && <p className="text-sm text-red-600 dark:text-red-400">{error}</p>}
      <p className="muted text-xs">Delegating moves all your units, present and future; your METIS stays in your lock.</p>
    </LockForm>
  );
}
