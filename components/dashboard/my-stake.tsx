'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Address } from 'viem';
import { apiGet } from '@/lib/api';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { UnbondingEntries, useUnbonding } from '../sequencers/unbonding-entries';
import { useSequencerNames } from '../sequencers/use-sequencer-names';
import { MySlashes } from './my-slashes';

/** The account's stake: positions behind sequencers, and unbonding entries with countdowns and a withdraw button. */
export function MyStake({ account }: { account: Address }) {
  const config = useAppConfig();
  const poll = useLivePollMs();
  const positions = useQuery({
    queryKey: ['positions', config.apiUrl, account],
    queryFn: () => apiGet(config.apiUrl, '/accounts/:address/positions', { address: account }),
    refetchInterval: poll,
  });
  const nameOf = useSequencerNames();
  const pending = useUnbonding(account).data?.items ?? [];
  const items = positions.data?.items ?? [];

  return (
    <section className="card space-y-3" aria-labelledby="my-stake" data-testid="my-stake">
      <h2 id="my-stake" className="text-lg font-semibold">
        My stake
      </h2>
      {items.length === 0 && pending.length === 0 ? (
        <p className="muted text-sm">
          {positions.isPending ? (
            'Loading…'
          ) : (
            <>
              No stake yet.{' '}
              <Link className="underline" href="/sequencers">
                Pick a sequencer
              </Link>{' '}
              to delegate to.
            </>
          )}
        </p>
      ) : (
        <>
          <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {items.map((p) => (
              <li key={p.id} className="flex justify-between py-2" data-testid="stake-position">
                <Link href={`/sequencers/${p.sequencerId}`} className="hover:underline">
                  {nameOf(p.sequencerId)}
                </Link>
                <span className="font-semibold tabular-nums">{formatMetis(BigInt(p.value))}</span>
              </li>
            ))}
          </ul>
          <UnbondingEntries account={account} nameOf={nameOf} />
        </>
      )}
      <MySlashes account={account} />
    </section>
  );
}
