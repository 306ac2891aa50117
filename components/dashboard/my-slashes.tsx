'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Address } from 'viem';
import { apiGet } from '@/lib/api';
import { challengeOfReason } from '@/lib/challenges';
import { formatBps, formatDateTime, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useSequencerNames } from '../sequencers/use-sequencer-names';

/** Every slash that took from the account: how much, from which sequencer, why (the challenge it came from). */
export function MySlashes({ account }: { account: Address }) {
  const config = useAppConfig();
  const nameOf = useSequencerNames();
  const poll = useLivePollMs();
  const slashes = useQuery({
    queryKey: ['slashes', config.apiUrl, account],
    queryFn: () => apiGet(config.apiUrl, '/accounts/:address/slashes', { address: account }),
    refetchInterval: poll,
  });
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
