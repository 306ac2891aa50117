'use client';

import Link from 'next/link';
import { useState } from 'react';
import { type Address, parseEventLogs, type TransactionReceipt } from 'viem';
import { useAccount, useConfig, useReadContract } from 'wagmi';
import { sequencerStakingAbi } from '@/lib/contracts/abis';
import { stakingContract } from '@/lib/contracts/staking';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { MySlashes } from '../dashboard/my-slashes';
import { useSequencerNames } from '../sequencers/use-sequencer-names';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { BarChart } from '../ui/bar-chart';
import { useNeedChain } from '../wallet/page-chain';
import { useRewards } from './use-rewards';

/** METIS that `account` got from a claim (or restaked by a compound), as the receipt's events say. */
function paidOut(receipt: TransactionReceipt, account: Address, eventName: 'RewardsClaimed' | 'RewardsCompounded'): bigint {
  return parseEventLogs({ abi: sequencerStakingAbi, logs: receipt.logs, eventName })
    .filter((e) => e.args.account.toLowerCase() === account.toLowerCase())
    .reduce((sum, e) => sum + e.args.amount, 0n);
}

/**
 * The connected account's rewards: claimable per position and in total (from the chain), claim,
 * claim all in batches the contract accepts, compound; what it earned per epoch, mining vs revenue.
 */
export default function MyRewards() {
  const { address } = useAccount();
  if (!address) return null; // the island asks to connect
  return <Rewards account={address} />;
}

function Rewards({ account }: { account: Address }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  useNeedChain('l1');
  const staking = stakingContract(config);
  const tx = useTransaction();
  const [result, setResult] = useState<{ kind: 'claimed' | 'compounded'; amount: bigint; name: string } | null>(null);
  const { positions, totalClaimable, indexed, refetch } = useRewards(account);
  const batch = useReadContract({ ...staking, functionName: 'MAX_CLAIM_BATCH' });
  const nameOf = useSequencerNames();
  const withRewards = positions.filter((p) => p.claimableNow > 0n);
  const size = Number(batch.data ?? 0n);
  const batches = size > 0 ? Array.from({ length: Math.ceil(withRewards.length / size) }, (_, i) => withRewards.slice(i * size, (i + 1) * size)) : [];

  async function run(kind: 'claimed' | 'compounded', name: string, steps: Parameters<typeof tx.run>[0]) {
    setResult(null);
    let amount = 0n;
    const flow = steps.map((s) => ({
      ...s,
      onConfirmed: (receipt: TransactionReceipt) => {
        amount += paidOut(receipt, account, kind === 'claimed' ? 'RewardsClaimed' : 'RewardsCompounded');
      },
    }));
    if (await tx.run(flow)) setResult({ kind, amount, name });
    await refetch();
  }

  const claim = (sequencerId: string) =>
    run('claimed', nameOf(sequencerId), [
      contractStep(wagmiConfig, `Claim rewards from ${nameOf(sequencerId)}`, { ...staking, account, functionName: 'claim', args: [BigInt(sequencerId)] }),
    ]);
  const compound = (sequencerId: string) =>
    run('compounded', nameOf(sequencerId), [
      contractStep(wagmiConfig, `Compound rewards into ${nameOf(sequencerId)}`, { ...staking, account, functionName: 'compound', args: [BigInt(sequencerId)] }),
    ]);
  const claimAll = () =>
    run(
      'claimed',
      'all positions',
      batches.map((ids, i) =>
        contractStep(wagmiConfig, batches.length > 1 ? `Claim all, batch ${i + 1} of ${batches.length}` : `Claim all (${ids.length} positions)`, {
          ...staking,
          account,
          functionName: 'claimAll',
          args: [ids.map((p) => BigInt(p.sequencerId))],
        }),
      ),
    );

  const epochs = indexed.data?.epochs ?? [];
  return (
    <div className="space-y-6">
      <MySlashes account={account} />
      <section className="card space-y-4" aria-labelledby="claimable">
        <div className="flex flex-wrap items-baseline justify-between gap-3">
          <h2 id="claimable" className="text-lg font-semibold">
            Claimable
          </h2>
          <p className="text-2xl font-semibold tabular-nums" data-testid="total-claimable" data-value={totalClaimable.toString()}>
            {formatMetis(totalClaimable)}
          </p>
        </div>
        {positions.length === 0 ? (
          <p className="muted text-sm">
            {indexed.isPending ? (
              'Loading…'
            ) : (
              <>
                No rewards yet:{' '}
                <Link className="underline" href="/sequencers">
                  delegate to a sequencer
                </Link>{' '}
                to earn a share of its epochs.
              </>
            )}
          </p>
        ) : (
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {positions.map((p) => (
              <li
                key={p.sequencerId}
                className="flex flex-wrap items-center justify-between gap-3 py-3"
                data-testid="reward-position"
                data-sequencer={p.sequencerId}
              >
                <div className="min-w-0">
                  <Link href={`/sequencers/${p.sequencerId}`} className="font-medium hover:underline">
                    {nameOf(p.sequencerId)}
                  </Link>
                  <p className="muted text-xs">
                    Staked {formatMetis(BigInt(p.value))} · claimed {formatMetis(BigInt(p.claimed))} · compounded {formatMetis(BigInt(p.compounded))}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <span className="font-semibold tabular-nums" data-testid="position-claimable" data-value={p.claimableNow.toString()}>
                    {formatMetis(p.claimableNow)}
                  </span>
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={tx.busy || p.claimableNow === 0n}
                    onClick={() => claim(p.sequencerId)}
                    aria-label={`Claim rewards from ${nameOf(p.sequencerId)}`}
                  >
                    Claim
                  </button>
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={tx.busy || p.claimableNow === 0n || BigInt(p.shares) === 0n}
                    onClick={() => compound(p.sequencerId)}
                    aria-label={`Compound rewards into ${nameOf(p.sequencerId)}`}
                  >
                    Compound
                  </button>
                </div>
              </li>
            ))}
          </ul>
        )}
        {withRewards.length > 1 && batches.length > 0 && (
          <button type="button" className="btn-primary w-full" disabled={tx.busy} onClick={claimAll}>
            Claim all ({formatMetis(totalClaimable)}) · {batches.length} transaction{batches.length === 1 ? '' : 's'}
          </button>
        )}
        {result && (
          <p
            className="text-sm text-emerald-700 dark:text-emerald-300"
            role="status"
            data-testid={`${result.kind === 'claimed' ? 'claim' : 'compound'}-result`}
            data-value={result.amount.toString()}
          >
            {result.kind === 'claimed'
              ? `Claimed ${formatMetis(result.amount)} from ${result.name}: it is in your wallet.`
              : `Compounded ${formatMetis(result.amount)} into your stake behind ${result.name}.`}
          </p>
        )}
        <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
      </section>
      <section className="card" aria-labelledby="earned">
        <h2 id="earned" className="text-lg font-semibold">
          Earned per epoch
        </h2>
        <div className="mt-3">
          <BarChart
            bars={epochs.map((e) => ({
              t: Number(e.timestamp),
              label: `Epoch ${e.epoch} (${nameOf(e.sequencerId)})`,
              values: [BigInt(e.mining), BigInt(e.revenue)],
            }))}
            series={[
              { name: 'Mining', className: 'fill-brand-500' },
              { name: 'Revenue share', className: 'fill-emerald-500' },
            ]}
            what="Your rewards per epoch"
            format={(v) => formatMetis(v)}
            empty="Nothing earned yet: rewards arrive with each epoch report of a sequencer you stake behind."
          />
        </div>
      </section>
    </div>
  );
}
