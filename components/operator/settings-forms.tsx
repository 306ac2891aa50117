'use client';

import { type Address, isAddress } from 'viem';
import { useReadContract } from 'wagmi';
import { parsePercentInput } from '@/lib/amounts';
import { formatBps, formatDateTime, formatDuration } from '@/lib/format';
import { commissionAt, signerError } from '@/lib/sequencers';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { Field } from '../ui/field';
import { OperatorSection } from './section';
import { TxForm, useTxForm } from './tx-form';
import type { OperatorView } from './types';

/**
 * The commission in effect, a pending change with its date, and a request for a new one: it takes
 * effect after the exit delay, and one request is allowed per exit delay.
 */
export function CommissionForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const form = useTxForm(view.refresh);

  const commission = commissionAt(info, now);
  const nextAllowedAt = info.lastCommissionChangeAt > 0n ? Number(info.lastCommissionChangeAt) + params.exitDelay : 0;
  const parsed = parsePercentInput(form.text, params.maxCommissionBps);
  const error = !parsed.ok
    ? parsed.error
    : now < nextAllowedAt
      ? `You can request another change from ${formatDateTime(nextAllowedAt)}.`
      : parsed.value === commission.bps && !commission.pending
        ? 'That is the commission already.'
        : undefined;
  const flow =
    parsed.ok && !error
      ? async () => [
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
      <TxForm form={form} flow={flow} label="Request change" busyLabel="Requesting…">
        <Field
          id="commission-new"
          label="New commission (%)"
          inputMode="decimal"
          placeholder={String(info.commissionBps / 100)}
          value={form.text}
          onChange={(e) => form.setText(e.target.value)}
          error={form.shown(error)}
          disabled={form.tx.busy}
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
  const form = useTxForm(view.refresh);

  const candidate = form.text.trim();
  const used = useReadContract({
    ...staking,
    functionName: 'signerUsed',
    args: [candidate as Address],
    query: { enabled: isAddress(candidate), refetchInterval: poll },
  });
  const nextAllowedAt = Number(info.lastSignerUpdateAt) + params.signerUpdateThrottle;
  const error =
    signerError(candidate, used.data) ?? (now < nextAllowedAt ? `The signer can be changed again from ${formatDateTime(nextAllowedAt)}.` : undefined);
  const flow = error
    ? undefined
    : async () => [
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
      <TxForm form={form} flow={flow} label="Update signer" busyLabel="Updating…">
        <Field
          id="signer-new"
          label="New signer address"
          className="font-mono"
          spellCheck={false}
          placeholder="0x…"
          value={form.text}
          onChange={(e) => form.setText(e.target.value)}
          error={form.shown(error)}
          disabled={form.tx.busy}
        />
      </TxForm>
    </OperatorSection>
  );
}
