'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import type { Address } from 'viem';
import { formatDateTime, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';

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

/** "3d 4h", "12m 05s", or "ready": time left until a unix time, ticking every second. */
function useCountdown(target: number): string {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() / 1000), 1_000);
    return () => clearInterval(id);
  }, []);
  const left = Math.max(0, Math.round(target - now));
  if (left === 0) return 'ready';
  const d = Math.floor(left / 86_400);
  const h = Math.floor((left % 86_400) / 3_600);
  const m = Math.floor((left % 3_600) / 60);
  const s = left % 60;
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m ${String(s).padStart(2, '0')}s`;
}

function Countdown({ at }: { at: number }) {
  return <span className="tabular-nums">{useCountdown(at)}</span>;
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
