'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';

import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { parseMetisInput } from '@/lib/amounts';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { AmountField } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** Live stake of a sequencer and the connected account's position behind it, with a delegate form. */
export default function DelegatePanel({ sequencerId }: { sequencerId: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const id = BigInt(sequencerId);
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  const [amountText, setAmountText] = useState('');
  const [touched, setTouched] = useState(false);
  const tx = useTransaction();
  useNeedChain('l1');

  // Chain state: parameters, the sequencer, and the account's balance and position.
  const reads = useReadContracts({
    contracts: [
      { ...staking, functionName: 'getSequencer', args: [id] },
      { ...staking, functionName: 'minPosition' },
      { ...staking, functionName: 'delegationMultiplier' },
      { ...staking, functionName: 'maxSequencerStake' },
      { ...token, functionName: 'balanceOf', args: [address!] },
      { ...staking, functionName: 'positionOf', args: [id, address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });
  // The indexed total, to show what everyone sees in lists.
  const indexed = useQuery({
    queryKey: ['sequencer', config.apiUrl, sequencerId],
    queryFn: async () => (await (await fetch(new URL(`/sequencers/${sequencerId}`, config.apiUrl))).json()) as { totalStake: string },
    refetchInterval: poll,
  });

  if (!address) return <ConnectPrompt />;
  if (!reads.data) return <div className="card muted text-sm">{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</div>;
  const [info, minPosition, multiplier, maxStake, balance, position] = reads.data;
  const room = [BigInt(multiplier) * info.selfLock - info.delegated, maxStake - info.totalStake].reduce((a, b) => (a < b ? a : b));
  const amount = parseMetisInput(amountText);
  const error =
    info.status !== 1
      ? 'This sequencer is not active: it takes no new delegations.'
      : !amount.ok
        ? amount.error
        : amount.value > balance
          ? `You have ${formatMetis(balance)} on ${config.l1.name}.`
          : position[1] + amount.value < minPosition
            ? `A position must be at least ${formatMetis(minPosition)}.`
            : amount.value > room
              ? `This sequencer can take at most ${formatMetis(room > 0n ? room : 0n)} more.`
              : undefined;

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (error || !amount.ok) return;
    const value = amount.value;
    const steps = [
      ...(await approvalSteps(wagmiConfig, token, address!, staking.address, value)),
      contractStep(wagmiConfig, `Delegate ${formatMetis(value)}`, { ...staking, account: address, functionName: 'delegate', args: [id, value] }),
    ];
    if (await tx.run(steps)) {
      setAmountText('');
      setTouched(false);
      void reads.refetch();
    }
  }

  return (
    <section className="card space-y-4" aria-labelledby="delegate">
      <h2 id="delegate" className="text-lg font-semibold">
        Delegate
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="muted">Your position</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="my-position">
            {formatMetis(position[1])}
          </dd>
        </div>
        <div>
          <dt className="muted">Total stake (indexed)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="sequencer-total">
            {indexed.data ? formatMetis(BigInt(indexed.data.totalStake)) : '…'}
          </dd>
        </div>
        <div>
          <dt className="muted">Room left under the caps</dt>
          <dd className="tabular-nums">{formatMetis(room > 0n ? room : 0n)}</dd>
        </div>
        <div>
          <dt className="muted">Minimum position</dt>
          <dd className="tabular-nums">{formatMetis(minPosition)}</dd>
        </div>
      </dl>
      <form className="space-y-3" onSubmit={submit} noValidate>
        <AmountField
          id="delegate-amount"
          label="Amount to delegate"
          value={amountText}
          onChange={setAmountText}
          error={touched ? error : undefined}
          disabled={tx.busy}
          max={balance < room ? balance : room > 0n ? room : 0n}
          maxLabel={`Balance: ${formatMetis(balance)}`}
        />
        <button type="submit" className="btn-primary w-full" disabled={tx.busy || info.status !== 1}>
          {tx.busy ? 'Delegating…' : 'Delegate'}
        </button>
      </form>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}

