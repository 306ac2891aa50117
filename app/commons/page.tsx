import type { Metadata } from 'next';
import Link from 'next/link';
import { CreateGroupIsland, MyVotesIsland, VotingPowerIsland } from '@/components/commons/islands';
import { Unavailable } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { Account } from '@/components/ui/account';
import { formatParticipation } from '@/lib/commons';
import { formatVotes } from '@/lib/format';
import { ifUnavailable } from '@/lib/server/api';
import { readGroups } from '@/lib/server/commons';

export const metadata: Metadata = { title: 'Commons' };

export default async function CommonsPage() {
  const groups = await readGroups().catch(ifUnavailable(null));
  return (
    <>
      <PageTitle title="Commons">
        Lock METIS for veMETIS voting power (longer locks weigh more), then vote yourself or pool it in an interest group that votes together.
      </PageTitle>
      <AutoRefresh />
      {/* One grid, so that on a phone the groups come right after your voting power, and creating one last. */}
      <div className="grid items-start gap-6 lg:grid-cols-5 lg:grid-rows-[auto_1fr]">
        <div className="min-w-0 lg:col-span-2 lg:col-start-1 lg:row-start-1">
          <VotingPowerIsland groups={(groups ?? []).map((g) => ({ address: g.address, name: g.name }))} />
        </div>
        <section className="card min-w-0 lg:col-span-3 lg:col-start-3 lg:row-span-2 lg:row-start-1" aria-labelledby="groups">
          <h2 id="groups" className="text-lg font-semibold">
            Groups {groups && <span className="muted text-sm font-normal">({groups.length})</span>}
          </h2>
          {!groups ? (
            <div className="mt-3">
              <Unavailable what="Groups" />
            </div>
          ) : groups.length === 0 ? (
            <p className="muted mt-3 text-sm">No group yet: create the first one.</p>
          ) : (
            <ol className="mt-3 divide-y divide-zinc-200 dark:divide-zinc-800" data-testid="groups">
              {groups.map((g) => (
                <li
                  key={g.address}
                  className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-3"
                  data-testid="group-row"
                  data-address={g.address}
                >
                  <div className="min-w-0">
                    <Link href={`/commons/groups/${g.address}`} className="font-semibold hover:underline">
                      {g.name}
                    </Link>
                    {g.focus && <p className="muted text-sm break-words">{g.focus}</p>}
                    <p className="muted text-xs">
                      Steward <Account address={g.steward} /> · {g.memberCount} member
                      {g.memberCount === 1 ? '' : 's'} · voted on <span data-testid="group-participation">{formatParticipation(g.participation)}</span>
                    </p>
                  </div>
                  <p className="text-sm font-semibold tabular-nums" data-testid="group-power" data-value={g.pooledPower.toString()}>
                    {formatVotes(g.pooledPower)}
                    <span className="muted block text-right text-xs font-normal">pooled</span>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </section>
        <div className="min-w-0 space-y-6 lg:col-span-2 lg:col-start-1 lg:row-start-2">
          <MyVotesIsland />
          <CreateGroupIsland />
        </div>
      </div>
    </>
  );
}
