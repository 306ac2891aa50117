'use client';

import { useAccount } from 'wagmi';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { RewardsSummary } from '../rewards/rewards-summary';
import { MyStake } from './my-stake';
import { RecentTransfers } from './recent-transfers';
import { SendMetis } from './send-metis';
import { useMetisBalances } from './use-metis-balances';

/** The connected account's part of the Dashboard (loaded with the wallet stack). */
export default function AccountPanel() {
  const config = useAppConfig();
  const { address } = useAccount();
  const balances = useMetisBalances(address);
  if (!address) return null; // the island asks to connect

  return (
    <div className="grid gap-6 lg:grid-cols-5">
      <div className="space-y-6 lg:col-span-3">
        <section className="grid gap-4 sm:grid-cols-2" aria-label="METIS balances">
          {(['l1', 'l2'] as const).map((key) => (
            <div key={key} className="card" data-testid={`balance-${key}`}>
              <p className="muted text-sm">METIS on {config[key].name}</p>
              <p className="mt-1 text-2xl font-bold tabular-nums" data-testid={`balance-${key}-value`}>
                {balances[key] === undefined ? (balances.error ? '—' : '…') : formatMetis(balances[key], { symbol: false })}
              </p>
            </div>
          ))}
          {balances.error && <p className="text-sm text-red-600 sm:col-span-2">Could not read balances from the chain: {balances.error.message}</p>}
        </section>
        <RecentTransfers account={address} />
      </div>
      <div className="space-y-6 lg:col-span-2">
        <MyStake account={address} />
        <RewardsSummary account={address} />
        <SendMetis account={address} balances={{ l1: balances.l1, l2: balances.l2 }} />
      </div>
    </div>
  );
}
