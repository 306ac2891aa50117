'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import type { Address } from 'viem';
import { formatDateTime, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { Countdown } from '../ui/countdown';

interface Position {
  id: string;
  sequencerId: string;
  value: string;
}
interface Entry {
  id: string;
  sequencerId: string;
  entryId: string;
  amount: string;
  maturesAt: string;
}

/** The account's stake: positions behind sequencers and unbonding entries with their countdowns. */
export function MyStake({ account }: { account: Address }) {
  const config = useAppConfig();
  const poll = useLivePollMs();
  const get = async <T,>(path: string) => (await (await fetch(new URL(path, config.apiUrl))).json()) as T;
  const positions = useQuery({ queryKey: ['positions', account], queryFn: () => get<{ items: Position[] }>(`/accounts/${account}/positions`), refetchInterval: poll });
  const entries = useQuery({ queryKey: ['unbonding', account], queryFn: () => get<{ items: Entry[] }>(`/accounts/${account}/unbonding?state=pending`), refetchInterval: poll });
  const items = positions.data?.items ?? [];
  const pending = entries.data?.items ?? [];

  return (
    <section className="card" aria-labelledby="my-stake" data-testid="my-stake">
      <h2 id="my-stake" className="text-lg font-semibold">
        My stake
      </h2>
      {items.length === 0 && pending.length === 0 ? (
        <p className="muted mt-3 text-sm">
          {positions.isPending ? 'Loading…' : <>No stake yet. <Link className="underline" href="/sequencers">Pick a sequencer</Link> to delegate to.</>}
        </p>
      ) : (
        <>
          <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
            {items.map((p) => (
              <li key={p.id} className="flex justify-between py-2" data-testid="stake-position">
                <Link href={`/sequencers/${p.sequencerId}`} className="hover:underline">
                  Sequencer #{p.sequencerId}
                </Link>
                <span className="font-semibold tabular-nums">{formatMetis(BigInt(p.value))}</span>
              </li>
            ))}
          </ul>
          {pending.length > 0 && (
            <>
              <h3 className="mt-4 text-sm font-semibold">Unbonding</h3>
              <ul className="mt-1 divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
                {pending.map((e) => (
                  <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2" data-testid="unbonding-entry">
                    <span>
                      {formatMetis(BigInt(e.amount))} from #{e.sequencerId}
                    </span>
                    <span className="muted" title={formatDateTime(Number(e.maturesAt))}>
                      unlocks {formatDateTime(Number(e.maturesAt))} · <Countdown at={Number(e.maturesAt)} />
                    </span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
