import Link from 'next/link';
import { StateBadge } from '@/components/proposals/state-badge';
import { Remainder, Vote } from '@/components/proposals/voters';
import type { GroupVotesItem } from '@/lib/api';
import { formatVoteCount } from '@/lib/format';

/** The group's votes, proposal by proposal: what it cast at the governor and each member's vote inside it. */
export function GroupVotes({ items }: { items: GroupVotesItem[] }) {
  if (items.length === 0) return <p className="muted mt-3 text-sm">The group has not voted on any proposal yet.</p>;
  return (
    <ul className="mt-3 space-y-4 text-sm" data-testid="group-votes">
      {items.map((item) => (
        <li
          key={item.proposalId}
          className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
          data-testid="group-proposal"
          data-proposal={item.proposalId}
        >
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <Link href={`/proposals/${item.proposalId}`} className="min-w-0 font-medium break-words hover:underline">
              {item.title}
            </Link>
            <StateBadge state={item.state} />
          </div>
          <p className="muted mt-1 text-xs tabular-nums" data-testid="group-cast">
            Cast at the governor: For {formatVoteCount(BigInt(item.forVotes))} · Against {formatVoteCount(BigInt(item.againstVotes))} · Abstain{' '}
            {formatVoteCount(BigInt(item.abstainVotes))}
          </p>
          <ul className="mt-2 space-y-2 border-l-2 border-zinc-200 pl-3 dark:border-zinc-800">
            {item.members.map((m) => (
              <li key={m.id} data-testid="group-member-vote">
                <Vote v={m} />
              </li>
            ))}
            {item.remainder && (
              <li className="muted text-xs">
                <Remainder r={item.remainder} />
              </li>
            )}
          </ul>
        </li>
      ))}
    </ul>
  );
}
