'use client';

import { useState } from 'react';
import { isAddress, type Address } from 'viem';
import { useReadContract } from 'wagmi';
import { parsePercentInput } from '@/lib/amounts';
import { formatBps, formatDateTime, formatDuration } from '@/lib/format';
import { signerError } from '@/lib/sequencers';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Field } from '../ui/field';
import { OperatorSection } from './section';
import type { OperatorView } from './types';

/**
 * The commission in effect, a pending change with its date, and a request for a new one: it takes
 * effect after the exit delay, and one request is allowed per exit delay.
 */
export function CommissionForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();

  const effectiveAt = Number(info.commissionEffectiveAt);
  const pending = effectiveAt > now;
  const nextAllowedAt = info.lastCommissionChangeAt > 0n ? Number(info.lastCommissionChangeAt) + params.exitDelay : 0;
  const parsed = parsePercentInput(text, params.maxCommissionBps);
  const error = !parsed.ok
    ? parsed.error
    : now < nextAllowedAt
      ? `You can request another change from ${formatDateTime(nextAllowedAt)}.`
      : parsed.value === info.commissionBps && !pending
        ? 'That is the commission already.'
        : undefined;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (error || !parsed.ok) return;
    const step = contractStep(wagmiConfig, `Request a ${formatBps(parsed.value)} commission`, {
      ...staking,
      account: owner,
      functionName: 'setCommission',
      args: [view.id, parsed.value],
    });
    if (await tx.run([step])) {
      setText('');
      setTouched(false);
      view.refresh();
    }
  }

  return (
    <OperatorSection id="operator-commission" title="Commission">
      <p className="text-sm">
        Now <span className="font-semibold tabular-nums" data-testid="operator-commission">{formatBps(info.commissionBps)}</span>
        {pending && (
          <span className="text-amber-700 dark:text-amber-300" data-testid="pending-commission">
            {' '}→ {formatBps(info.pendingCommissionBps)} from {formatDateTime(effectiveAt)}
          </span>
        )}
      </p>
      <p className="muted text-sm">
        A change takes effect after the exit delay of {formatDuration(params.exitDelay)}, so that delegators can leave before a
        raise applies: requested now, on {formatDateTime(Math.ceil(now) + params.exitDelay)}. One request per{' '}
        {formatDuration(params.exitDelay)}
        {now < nextAllowedAt && <>; the next from {formatDateTime(nextAllowedAt)}</>}.
      </p>
      <form className="space-y-3" onSubmit={submit} noValidate>
        <Field
          id="commission-new"
          label="New commission (%)"
          inputMode="decimal"
          placeholder={String(info.commissionBps / 100)}
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={touched ? error : undefined}
          disabled={tx.busy}
          aside={<span className="muted text-xs">at most {formatBps(params.maxCommissionBps)}</span>}
        />
        <button type="submit" className="btn-secondary w-full" disabled={tx.busy}>
          {tx.busy ? 'Requesting…' : 'Request change'}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </OperatorSection>
  );
}

/** The block-signing key: a new, never-used address, at most once per `signerUpdateThrottle`. */
export function SignerForm({ view }: { view: OperatorView }) {
  const { info, params, owner, staking, wagmiConfig, now } = view;
  const poll = useLivePollMs();
  const [text, setText] = useState('');
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();

  const candidate = text.trim();
  const used = useReadContract({
    ...staking,
    functionName: 'signerUsed',
    args: [candidate as Address],
    query: { enabled: isAddress(candidate), refetchInterval: poll },
  });
  const nextAllowedAt = Number(info.lastSignerUpdateAt) + params.signerUpdateThrottle;
  const error = signerError(candidate, used.data) ?? (now < nextAllowedAt ? `The signer can be changed again from ${formatDateTime(nextAllowedAt)}.` : undefined);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (error) return;
    const step = contractStep(wagmiConfig, 'Update the signer', {
      ...staking,
      account: owner,
      functionName: 'updateSigner',
      args: [view.id, candidate as Address],
    });
    if (await tx.run([step])) {
      setText('');
      setTouched(false);
      view.refresh();
    }
  }

  return (
    <OperatorSection id="operator-signer" title="Signer">
      <p className="break-all font-mono text-sm" data-testid="operator-signer">
        {info.signer}
      </p>
      <p className="muted text-sm">
        The signer can change once every {formatDuration(params.signerUpdateThrottle)}
        {now < nextAllowedAt ? `; next from ${formatDateTime(nextAllowedAt)}` : ''}. An address that signed for any sequencer
        can never be used again.
      </p>
      <form className="space-y-3" onSubmit={submit} noValidate>
        <Field
          id="signer-new"
          label="New signer address"
          className="font-mono"
          spellCheck={false}
          placeholder="0x…"
          value={text}
          onChange={(e) => setText(e.target.value)}
          error={touched ? error : undefined}
          disabled={tx.busy}
        />
        <button type="submit" className="btn-secondary w-full" disabled={tx.busy}>
          {tx.busy ? 'Updating…' : 'Update signer'}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </OperatorSection>
  );
}
