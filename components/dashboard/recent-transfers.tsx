'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { apiGet } from '@/lib/api';
import { formatDateTime, formatMetis, timeFromNow } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { TxLink } from '../tx/tx-status';
import { useAccountLabel } from './use-account-name';

const PAGE = 10;

/** The account's METIS transfers on both chains, newest first, from the chain-data API. */
export function RecentTransfers({ account }: { account: Address }) {
  const config = useAppConfig();
  const label = useAccountLabel();
  const query = useInfiniteQuery({
    queryKey: ['transfers', config.apiUrl, account],
    queryFn: ({ pageParam }) => apiGet(config.apiUrl, '/accounts/:address/transfers', { address: account, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: useLivePollMs(),
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <section className="card" aria-labelledby="recent-transfers">
      <h2 id="recent-transfers" className="text-lg font-semibold">
        Recent transfers
      </h2>
      {query.isPending ? (
        <p className="muted mt-3 text-sm">Loading…</p>
      ) : query.isError ? (
        <p className="mt-3 text-sm text-red-600">The chain-data API is unreachable: {query.error.message}</p>
      ) : items.length === 0 ? (
        <p className="muted mt-3 text-sm">No METIS transfers yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="transfer-list">
          {items.map((t) => (
            <li key={t.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2.5 text-sm" data-testid="transfer-row" data-tx={t.txHash}>
              <div className="flex min-w-0 items-center gap-2">
                <span
                  className={`rounded-md px-1.5 py-0.5 text-xs font-semibold ${
                    t.chain === 'l1' ? 'bg-indigo-500/15 text-indigo-700 dark:text-indigo-300' : 'bg-brand-500/15 text-brand-700 dark:text-brand-400'
                  }`}
                >
                  {t.chain.toUpperCase()}
                </span>
                <span className="truncate">
                  {t.direction === 'in' ? 'From ' : t.direction === 'out' ? 'To ' : 'To self '}
                  <span className="font-medium">{label(t.counterparty)}</span>
                </span>
              </div>
              <div className="flex items-center gap-3">
                <span className={`font-semibold tabular-nums ${t.direction === 'in' ? 'text-emerald-600 dark:text-emerald-400' : ''}`}>
                  {t.direction === 'in' ? '+' : t.direction === 'out' ? '−' : ''}
                  {formatMetis(BigInt(t.amount))}
                </span>
                <time className="muted text-xs" dateTime={new Date(Number(t.timestamp) * 1000).toISOString()} title={formatDateTime(Number(t.timestamp))}>
                  {timeFromNow(Number(t.timestamp))}
                </time>
                <TxLink hash={t.txHash} chainId={t.chainId} />
              </div>
            </li>
          ))}
        </ul>
      )}
      {query.hasNextPage && (
        <button type="button" className="btn-secondary mt-3 w-full" onClick={() => query.fetchNextPage()} disabled={query.isFetchingNextPage}>
          {query.isFetchingNextPage ? 'Loading…' : 'Show older transfers'}
        </button>
      )}
    </section>
  );
}
