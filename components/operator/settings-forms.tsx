'use client';

import { type Address, isAddress } from 'viem';
import { useReadContract } from 'wagmi';
import { parsePercentInput } from '@/lib/amounts';
import { formatBps, formatDateTime, formatDuration } from '@/lib/format';
import { commissionAt, signerError } from '@/lib/sequencers';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { Field } from '../ui/field';
import { OperatorSection } from './section';
import type { OperatorView } from './types';

/**
 * The commission in effect, a pending change with its date, and a request for a new one: it takes
 * effect after the exit delay, and one request is allowed per exit delay.
 */
export function CommissionForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const form = useTxForm({ commission: '' }, { onDone: view.refresh });

  const commission = commissionAt(info, now);
  const nextAllowedAt = info.lastCommissionChangeAt > 0n ? Number(info.lastCommissionChangeAt) + params.exitDelay : 0;
  const parsed = parsePercentInput(form.values.commission, params.maxCommissionBps);
  function commissionError() {
    if (!parsed.ok) return parsed.error;
    if (now < nextAllowedAt) return `You can request another change from ${formatDateTime(nextAllowedAt)}.`;
    if (parsed.value === commission.bps && !commission.pending) return 'That is the commission already.';
    return undefined;
  }
  const errors = { commission: commissionError() };
  const steps = () =>
    parsed.ok
      ? [
          contractStep(wagmiConfig, `Request a ${formatBps(parsed.value)} commission`, {
            ...staking,
            account: owner,
            functionName: 'setCommission',
            args: [view.id, parsed.value],
          }),
        ]
      : undefined;

  return (
    <OperatorSection id="operator-commission" title="Commission">
      <p className="text-sm">
        Now{' '}
        <span className="font-semibold tabular-nums" data-testid="operator-commission">
          {formatBps(commission.bps)}
        </span>
        {commission.pending && (
          <span className="text-amber-800 dark:text-amber-300" data-testid="pending-commission">
            {' '}
            → {formatBps(commission.pending.bps)} from {formatDateTime(commission.pending.effectiveAt)}
          </span>
        )}
      </p>
      <p className="muted text-sm">
        A change takes effect after the exit delay of {formatDuration(params.exitDelay)}, so that delegators can leave before a raise applies: requested now, on{' '}
        {formatDateTime(Math.ceil(now) + params.exitDelay)}. One request per {formatDuration(params.exitDelay)}
        {now < nextAllowedAt && <>; the next from {formatDateTime(nextAllowedAt)}</>}.
      </p>
      <TxForm form={form} errors={errors} steps={steps} label="Request change" busyLabel="Requesting…" secondary>
        <Field
          id="commission-new"
          label="New commission (%)"
          inputMode="decimal"
          placeholder={String(info.commissionBps / 100)}
          {...form.field('commission', errors.commission)}
          aside={<span className="muted text-xs">at most {formatBps(params.maxCommissionBps)}</span>}
        />
      </TxForm>
    </OperatorSection>
  );
}

/** The block-signing key: a new, never-used address, at most once per `signerUpdateThrottle`. */
export function SignerForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const poll = useLivePollMs();
  const form = useTxForm({ signer: '' }, { onDone: view.refresh });

  const candidate = form.values.signer.trim();
  const used = useReadContract({
    ...staking,
    functionName: 'signerUsed',
    args: [candidate as Address],
    query: { enabled: isAddress(candidate), refetchInterval: poll },
  });
  const nextAllowedAt = Number(info.lastSignerUpdateAt) + params.signerUpdateThrottle;
  function signerFieldError() {
    const invalid = signerError(candidate, used.data);
    if (invalid) return invalid;
    if (now < nextAllowedAt) return `The signer can be changed again from ${formatDateTime(nextAllowedAt)}.`;
    return undefined;
  }
  const errors = { signer: signerFieldError() };
  const steps = () => [
    contractStep(wagmiConfig, 'Update the signer', { ...staking, account: owner, functionName: 'updateSigner', args: [view.id, candidate as Address] }),
  ];

  return (
    <OperatorSection id="operator-signer" title="Signer">
      <p className="break-all font-mono text-sm" data-testid="operator-signer">
        {info.signer}
      </p>
      <p className="muted text-sm">
        The signer can change once every {formatDuration(params.signerUpdateThrottle)}
        {now < nextAllowedAt ? `; next from ${formatDateTime(nextAllowedAt)}` : ''}. An address that signed for any sequencer can never be used again.
      </p>
      <TxForm form={form} errors={errors} steps={steps} label="Update signer" busyLabel="Updating…" secondary>
        <Field id="signer-new" label="New signer address" className="font-mono" spellCheck={false} placeholder="0x…" {...form.field('signer', errors.signer)} />
      </TxForm>
    </OperatorSection>
  );
}
