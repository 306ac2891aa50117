'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Address } from 'viem';
import { api } from '@/lib/api';
import { challengeOfReason } from '@/lib/challenges';
import { formatBps, formatDateTime, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { UnbondingEntries, useUnbonding } from '../sequencers/unbonding-entries';
import { useSequencerNames } from '../sequencers/use-sequencer-names';

/** The account's stake: positions behind sequencers, and unbonding entries with countdowns and a withdraw button. */
export function MyStake({ account }: { account: Address }) {
  const config = useAppConfig();
  const poll = useLivePollMs();
  const positions = useQuery({ queryKey: ['positions', config.apiUrl, account], queryFn: () => api.positions(config.apiUrl, account), refetchInterval: poll });
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
      <Slashes account={account} nameOf={nameOf} />
    </section>
  );
}

/** Every slash that took from the account: how much, from which sequencer, why (the challenge it came from). */
function Slashes({ account, nameOf }: { account: Address; nameOf: (id: string) => string }) {
  const config = useAppConfig();
  const poll = useLivePollMs();
  const slashes = useQuery({ queryKey: ['slashes', config.apiUrl, account], queryFn: () => api.slashes(config.apiUrl, account), refetchInterval: poll });
  const items = slashes.data?.items ?? [];
  if (items.length === 0) return null;
  return (
    <div className="rounded-md border border-red-200 p-3 text-sm dark:border-red-900" data-testid="my-slashes">
      <h3 className="font-medium text-red-800 dark:text-red-300">Slashed</h3>
      <ul className="mt-1 space-y-1">
        {items.map((s) => {
          const challenge = challengeOfReason(s.reason);
          return (
            <li key={`${s.txHash}-${s.kind}`} data-testid="my-slash" data-amount={s.amount}>
              <span className="font-semibold tabular-nums">−{formatMetis(BigInt(s.amount))}</span> from{' '}
              <Link href={`/sequencers/${s.sequencerId}`} className="underline">
                {nameOf(s.sequencerId)}
              </Link>
              {s.fractionBps !== null && <> ({formatBps(s.fractionBps)} of its pool)</>} on {formatDateTime(Number(s.timestamp))}:{' '}
              {challenge ? (
                <Link href={`/sequencers/${s.sequencerId}`} className="underline">
                  challenge #{challenge} upheld
                </Link>
              ) : (
                (s.reason ?? (s.kind === 'liable' ? 'stake that left after the offence' : 'slashed'))
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
