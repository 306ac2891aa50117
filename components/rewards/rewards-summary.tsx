'use client';

import Link from 'next/link';
import type { Address } from 'viem';
import { formatMetis } from '@/lib/format';
import { useRewards } from './use-rewards';

/** Dashboard card: claimable in total and what the account's stake earned in its latest rewarded epoch. */
export function RewardsSummary({ account }: { account: Address }) {
  const { totalClaimable, lastEarning, positions } = useRewards(account);
  if (positions.length === 0) return null;
  return (
    <section className="card space-y-2" aria-labelledby="my-rewards" data-testid="rewards-summary">
      <div className="flex items-baseline justify-between">
        <h2 id="my-rewards" className="text-lg font-semibold">
          Rewards
        </h2>
        <Link href="/rewards" className="text-sm font-semibold text-brand-700 hover:underline dark:text-brand-400">
          Claim →
        </Link>
      </div>
      <p className="text-2xl font-bold tabular-nums" data-testid="dashboard-claimable" data-value={totalClaimable.toString()}>
        {formatMetis(totalClaimable)} <span className="muted text-sm font-normal">claimable</span>
      </p>
      <p className="muted text-sm" data-testid="last-earning">
        {lastEarning
          ? `Last epoch's earnings: ${formatMetis(BigInt(lastEarning.reward))} (epoch ${lastEarning.epoch}: ${formatMetis(BigInt(lastEarning.mining))} mining, ${formatMetis(BigInt(lastEarning.revenue))} revenue)`
          : 'No epoch has paid your stake yet.'}
      </p>
    </section>
  );
}
