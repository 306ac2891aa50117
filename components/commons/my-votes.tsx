'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { useAccount } from 'wagmi';
import { apiGet } from '@/lib/api';
import { formatDateTime, formatVoteCount } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { Choice } from '../proposals/choice';

/** The connected account's voting history: each vote, direct or inside a group, newest first, with its reason. */
export default function MyVotes() {
  const config = useAppConfig();
  const { address } = useAccount();
  const votes = useQuery({
    queryKey: ['my-votes', config.apiUrl, address],
    queryFn: () => apiGet(config.apiUrl, '/accounts/:address/votes', { address: address!, limit: 20 }),
    enabled: Boolean(address),
    refetchInterval: useLivePollMs(),
  });
  if (!address) return null;
  const items = votes.data?.items ?? [];
  return (
    <section className="card" aria-labelledby="my-votes">
      <h2 id="my-votes" className="text-lg font-semibold">
        Your votes
      </h2>
      {items.length === 0 ? (
        <p className="muted mt-3 text-sm">{votes.isPending ? 'Loading…' : 'You have not voted yet.'}</p>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="my-votes">
          {items.map((v) => (
            <li key={v.id} className="py-2">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <Link href={`/proposals/${v.proposalId}`} className="min-w-0 font-medium break-words hover:underline">
                  {v.proposalTitle ?? `Proposal ${v.proposalId.slice(0, 10)}…`}
                </Link>
                <span className="tabular-nums">
                  <Choice support={v.support} /> · {formatVoteCount(BigInt(v.weight))}
                </span>
              </div>
              <p className="muted text-xs">
                {v.groupName ? `Inside ${v.groupName}` : 'Directly'} · {formatDateTime(Number(v.timestamp))}
              </p>
              {v.reason && <p className="muted mt-0.5 text-xs whitespace-pre-wrap">“{v.reason}”</p>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
