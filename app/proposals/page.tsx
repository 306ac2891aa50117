import type { Metadata } from 'next';
import Link from 'next/link';
import { UnavailableCard } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { StateBadge } from '@/components/proposals/state-badge';
import type { ProposalItem } from '@/lib/api';
import { formatVoteCount, timeFromNow } from '@/lib/format';
import { PROPOSAL_STATES, tallyShares } from '@/lib/proposals';
import { apiGet, ifRefused, ifUnavailable } from '@/lib/server/api';

export const metadata: Metadata = { title: 'Proposals' };

/** 'all' and every state of the one vocabulary (lib/proposals.ts), in the governor's order. */
const FILTERS = ['all', ...PROPOSAL_STATES] as const;
type Filter = (typeof FILTERS)[number];

/** Commons proposals, newest first, filtered by state and searched by title and text (links and a GET form: works without JavaScript). */
export default async function ProposalsPage({ searchParams }: { searchParams: Promise<{ state?: string; q?: string; cursor?: string }> }) {
  const params = await searchParams;
  const state: Filter = FILTERS.includes(params.state as Filter) ? (params.state as Filter) : 'all';
  const q = (params.q ?? '').trim().slice(0, 100);
  const answer = await apiGet('/proposals', { limit: 20, state: state === 'all' ? undefined : state, q: q || undefined, cursor: params.cursor || undefined })
    .catch(ifUnavailable(null))
    .catch(ifRefused((reason) => ({ refused: reason })));
  const refused = answer && 'refused' in answer ? answer.refused : undefined;
  const list = answer && !('refused' in answer) ? answer : null;
  const now = Number(list?.now);
  const href = (next: { state?: Filter; cursor?: string }) => {
    const u = new URLSearchParams();
    const s = next.state ?? state;
    if (s !== 'all') u.set('state', s);
    if (q) u.set('q', q);
    if (next.cursor) u.set('cursor', next.cursor);
    const text = u.toString();
    return text ? `/proposals?${text}` : '/proposals';
  };

  return (
    <>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <PageTitle title="Proposals">
          What the Commons is deciding: anyone with enough voting power proposes, every veMETIS holder votes directly or through a group.
        </PageTitle>
        <Link href="/proposals/new" className="btn-primary">
          New proposal
        </Link>
      </div>
      <AutoRefresh />
      <div className="mb-4 flex flex-col gap-3 sm:flex-row sm:items-center sm:justify-between">
        <nav aria-label="Filter by state" className="flex flex-wrap gap-1.5 text-sm">
          {FILTERS.map((f) => (
            <Link
              key={f}
              href={href({ state: f })}
              aria-current={f === state ? 'page' : undefined}
              className={`rounded-full px-3 py-1 capitalize ${f === state ? 'bg-brand-500 font-semibold text-zinc-950' : 'bg-zinc-100 hover:bg-zinc-200 dark:bg-zinc-900 dark:hover:bg-zinc-800'}`}
            >
              {f}
            </Link>
          ))}
        </nav>
        {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; the role is */}
        <form role="search" action="/proposals" className="flex gap-2">
          {state !== 'all' && <input type="hidden" name="state" value={state} />}
          <label htmlFor="proposal-search" className="sr-only">
            Search proposals
          </label>
          <input id="proposal-search" name="q" defaultValue={q} placeholder="Search proposals" className="input w-full sm:w-64" />
          <button type="submit" className="btn-secondary">
            Search
          </button>
        </form>
      </div>
      {refused ? (
        <div className="card text-sm" role="alert">
          This link asks for a page of proposals that cannot be shown: {refused}.{' '}
          <Link className="underline" href={href({})}>
            Show the newest
          </Link>
        </div>
      ) : !list ? (
        <UnavailableCard title="Proposals" />
      ) : list.items.length === 0 ? (
        <div className="card muted text-sm">{q || state !== 'all' ? 'No proposal matches.' : 'No proposal yet.'}</div>
      ) : (
        <ul className="space-y-3" data-testid="proposal-list">
          {list.items.map((p) => (
            <li key={p.id}>
              <ProposalCard p={p} now={now} />
            </li>
          ))}
        </ul>
      )}
      {list?.nextCursor && (
        <p className="mt-4 text-right text-sm">
          <Link className="underline" href={href({ cursor: list.nextCursor })}>
            Older proposals →
          </Link>
        </p>
      )}
    </>
  );
}

function ProposalCard({ p, now }: { p: ProposalItem; now: number }) {
  const tally = { forVotes: BigInt(p.forVotes), againstVotes: BigInt(p.againstVotes), abstainVotes: BigInt(p.abstainVotes) };
  const shares = tallyShares(tally);
  const when =
    p.state === 'pending'
      ? `voting opens ${timeFromNow(Number(p.snapshot), now)}`
      : p.state === 'active'
        ? `voting closes ${timeFromNow(Number(p.deadline), now)}`
        : `voting closed ${timeFromNow(Number(p.deadline), now)}`;
  return (
    <Link href={`/proposals/${p.id}`} className="card block hover:border-brand-500" data-testid="proposal-card">
      <div className="flex flex-wrap items-center gap-2">
        <StateBadge state={p.state} />
        {p.override && (
          <span
            className="rounded-full bg-violet-500/15 px-2 py-0.5 text-xs font-semibold text-violet-700 dark:text-violet-300"
            title="A Commons override of a proposal the Eco Nodes refused: it needs at least 2/3 of the votes cast and twice the quorum, and no ratification"
            data-testid="override-badge"
          >
            Override
          </span>
        )}
        <span className="muted text-xs">{when}</span>
      </div>
      <h2 className="mt-2 font-semibold">{p.title}</h2>
      <div className="mt-3 flex h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
        <div className="bg-emerald-500" style={{ width: `${shares.for / 100}%` }} />
        <div className="bg-red-500" style={{ width: `${shares.against / 100}%` }} />
        <div className="bg-zinc-400" style={{ width: `${shares.abstain / 100}%` }} />
      </div>
      <p className="muted mt-1 text-xs tabular-nums">
        For {formatVoteCount(tally.forVotes)} · Against {formatVoteCount(tally.againstVotes)} · Abstain {formatVoteCount(tally.abstainVotes)}
      </p>
    </Link>
  );
}
