import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { type Address } from 'viem';
import { GroupVotes } from '@/components/commons/group-votes';
import { MembershipIsland } from '@/components/commons/islands';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { Account } from '@/components/ui/account';
import { Stat } from '@/components/ui/stat';
import { StepChart } from '@/components/ui/step-chart';
import { formatParticipation } from '@/lib/commons';
import { formatMetis, formatVotes } from '@/lib/format';
import { parseAddressParam } from '@/lib/route-params';
import { apiFind, ifUnavailable } from '@/lib/server/api';
import { chainNow } from '@/lib/server/chain';
import { readGroup } from '@/lib/server/commons';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ address: string }> }) {
  const g = await readGroup(parseAddressParam((await params).address) ?? notFound());
  if (!g) notFound();
  const policy = g.remainderPolicy;

  return (
    <>
      <BackLink href="/commons">Commons</BackLink>
      <PageTitle title={g.name}>{g.focus}</PageTitle>
      <AutoRefresh />
      <div className="grid items-start gap-6 lg:grid-cols-5 lg:grid-rows-[auto_auto_auto_1fr]">
        <section className="card grid min-w-0 grid-cols-2 gap-4 text-sm lg:col-span-3" aria-label="Group">
          <Stat
            label="Pooled power"
            value={
              <span data-testid="group-pooled" data-value={g.pooledPower.toString()}>
                {formatVotes(g.pooledPower)}
              </span>
            }
          />
          <Stat label="Members" value={<span data-testid="group-members">{g.memberCount}</span>} />
          <Stat label="Steward" value={<Account address={g.steward} />} />
          <Stat label="Unvoted weight" value={policy.label} hint={policy.explain} />
          <Stat
            label="Participation"
            value={<span data-testid="group-participation">{formatParticipation(g.participation)}</span>}
            hint="Proposals it voted on, of those opened since it was created"
          />
          {g.description && (
            <div className="col-span-2">
              <p className="muted">About</p>
              <p className="mt-0.5 break-words">{g.description}</p>
            </div>
          )}
          <div className="col-span-2">
            <p className="muted">Contract</p>
            <p className="mt-0.5 break-all font-mono text-xs">{g.address}</p>
          </div>
        </section>
        <div className="min-w-0 lg:col-span-2 lg:col-start-4 lg:row-span-4 lg:row-start-1">
          <MembershipIsland group={g.address} name={g.name} />
        </div>
        <Suspense fallback={<section className="card muted text-sm lg:col-span-3">Loading the history…</section>}>
          <GroupHistory address={g.address} />
        </Suspense>
      </div>
    </>
  );
}

/** Pooled power over time, the roster and the group's votes per proposal, from the chain-data API. */
async function GroupHistory({ address }: { address: Address }) {
  // A group created a moment ago may not be indexed yet (readGroup then read it from the chain): the API
  // answers 404 for its history until it is, and the page shows it as not available, not as an error.
  const [power, members, votes, now] = await Promise.all([
    apiFind('/commons/groups/:address/power', { address, limit: 100 }).catch(ifUnavailable(null)),
    apiFind('/commons/groups/:address/members', { address, limit: 20 }).catch(ifUnavailable(null)),
    apiFind('/commons/groups/:address/votes', { address, limit: 10 }).catch(ifUnavailable(null)),
    chainNow('l2'),
  ]);
  const points = (power?.items ?? []).map((x) => ({ t: Number(x.timestamp), value: BigInt(x.votes) })).reverse();
  return (
    <>
      <section className="card min-w-0 lg:col-span-3" aria-labelledby="pooled-history">
        <h2 id="pooled-history" className="text-lg font-semibold">
          Pooled power
        </h2>
        <div className="mt-3">
          <StepChart
            points={points}
            now={now}
            what="Pooled voting power"
            format={(v, o) => formatMetis(v, { ...o, symbol: false })}
            empty="Nobody has pooled votes here yet."
          />
        </div>
      </section>
      <section className="card min-w-0 lg:col-span-3" aria-labelledby="group-votes">
        <h2 id="group-votes" className="text-lg font-semibold">
          Votes inside the group
        </h2>
        {votes ? <GroupVotes items={votes.items} /> : <p className="muted mt-3 text-sm">The group&apos;s votes are not available right now.</p>}
      </section>
      <section className="card min-w-0 lg:col-span-3" aria-labelledby="roster">
        <h2 id="roster" className="text-lg font-semibold">
          Members
        </h2>
        {!members || members.items.length === 0 ? (
          <p className="muted mt-3 text-sm">{members ? 'No members yet.' : 'The member list is not available right now.'}</p>
        ) : (
          <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="roster">
            {members.items.map((m) => (
              <li key={m.account} className="flex justify-between gap-2 py-2">
                <Account address={m.account} />
                <span className="tabular-nums">
                  {formatVotes(BigInt(m.units))}
                  {m.expired && <span className="muted text-xs"> · lock expired: no longer counts</span>}
                  {!m.pooling && <span className="muted text-xs"> · counts elsewhere</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
