import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { DelegateIsland } from '@/components/delegates/islands';
import { UnavailableCard } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { InterestList } from '@/components/profiles/interest-list';
import { Account } from '@/components/ui/account';
import { StepChart } from '@/components/ui/step-chart';
import type { DelegateItem } from '@/lib/api';
import { DIRECTORY_RECENT, formatDelegateParticipation } from '@/lib/delegates';
import { formatVotes, timeFromNow } from '@/lib/format';
import { INTERESTS } from '@/lib/interests';
import { addressLabel } from '@/lib/names';
import { apiFind, apiGet, ifRefused, ifUnavailable } from '@/lib/server/api';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Delegates' };

const PARTICIPATION = Array.from({ length: DIRECTORY_RECENT }, (_, i) => i + 1);

/**
 * Everyone holding delegated veMETIS votes (accounts and Commons groups), largest power first, with their power
 * over time, delegators and participation; searched and filtered by GET parameters (works without JavaScript).
 */
export default async function DelegatesPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string; minParticipation?: string; interest?: string; cursor?: string }>;
}) {
  const params = await searchParams;
  const q = (params.q ?? '').trim().slice(0, 100);
  const min = PARTICIPATION.includes(Number(params.minParticipation)) ? Number(params.minParticipation) : 0;
  const interest = INTERESTS.find((i) => i.key === params.interest)?.key;
  const answer = await apiGet('/delegates', { limit: 20, q: q || undefined, minParticipation: min || undefined, interest, cursor: params.cursor || undefined })
    .catch(ifUnavailable(null))
    .catch(ifRefused((reason) => ({ refused: reason })));
  const refused = answer && 'refused' in answer ? answer.refused : undefined;
  const list = answer && !('refused' in answer) ? answer : null;
  const now = Number(list?.now);
  const deployment = getDeployment();
  const href = (cursor?: string) => {
    const u = new URLSearchParams();
    if (q) u.set('q', q);
    if (min) u.set('minParticipation', String(min));
    if (interest) u.set('interest', interest);
    if (cursor) u.set('cursor', cursor);
    const text = u.toString();
    return text ? `/delegates?${text}` : '/delegates';
  };

  return (
    <>
      <PageTitle title="Delegates">
        Everyone your veMETIS votes can go to: people, and Commons groups that pool their members&apos; votes. Delegating moves your votes, never your METIS.
      </PageTitle>
      <AutoRefresh />
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet announced by every screen reader; the role is */}
      <form role="search" action="/delegates" className="mb-4 flex flex-col gap-2 sm:flex-row sm:items-end">
        <div className="flex-1">
          <label htmlFor="delegate-search" className="label">
            Search by name or address
          </label>
          <input id="delegate-search" name="q" defaultValue={q} placeholder="A name, a group's name or 0x…" className="input w-full" />
        </div>
        <div>
          <label htmlFor="delegate-participation" className="label">
            Participation
          </label>
          <select id="delegate-participation" name="minParticipation" defaultValue={min ? String(min) : ''} className="input w-full sm:w-56">
            <option value="">Any</option>
            {PARTICIPATION.map((n) => (
              <option key={n} value={n}>
                Voted in at least {n} of the last {DIRECTORY_RECENT}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="delegate-interest" className="label">
            Interest
          </label>
          <select id="delegate-interest" name="interest" defaultValue={interest ?? ''} className="input w-full sm:w-48">
            <option value="">Any</option>
            {INTERESTS.map((i) => (
              <option key={i.key} value={i.key}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="btn-secondary">
          Search
        </button>
      </form>
      {refused ? (
        <div className="card text-sm" role="alert">
          This link asks for a page of delegates that cannot be shown: {refused}.{' '}
          <Link className="underline" href="/delegates">
            Show the largest
          </Link>
        </div>
      ) : !list ? (
        <UnavailableCard title="Delegates" />
      ) : list.items.length === 0 ? (
        <div className="card muted text-sm">{q || min || interest ? 'No delegate matches.' : 'Nobody holds delegated votes yet.'}</div>
      ) : (
        <ul className="space-y-3" data-testid="delegate-list">
          {list.items.map((d) => (
            <li key={d.address}>
              <DelegateRow d={d} now={now} name={d.profile?.name ?? d.groupName ?? addressLabel(deployment, d.address)} />
            </li>
          ))}
        </ul>
      )}
      {list?.nextCursor && (
        <p className="mt-4 text-right text-sm">
          <Link className="underline" href={href(list.nextCursor)}>
            Smaller delegates →
          </Link>
        </p>
      )}
    </>
  );
}

function DelegateRow({ d, now, name }: { d: DelegateItem; now: number; name: string }) {
  return (
    <article className="card grid gap-4 md:grid-cols-[1fr_16rem]" data-testid="delegate-row" data-address={d.address} aria-label={name}>
      <div className="min-w-0 space-y-3">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 className="font-semibold">
            {d.kind === 'group' ? (
              <Link className="hover:underline" href={`/commons/groups/${d.address}`}>
                {d.groupName} <span className="muted text-xs font-normal">(group)</span>
              </Link>
            ) : (
              <Account address={d.address} />
            )}
          </h2>
          <span className="text-lg font-semibold tabular-nums" data-testid="delegate-power" data-value={d.power}>
            {formatVotes(BigInt(d.power))}
          </span>
        </div>
        {d.profile?.excerpt && (
          <p className="text-sm" data-testid="delegate-statement">
            {d.profile.excerpt}{' '}
            <Link className="underline" href={`/accounts/${d.address}`}>
              Read the statement
            </Link>
          </p>
        )}
        {d.profile?.statementURI && (
          <p className="text-sm">
            <a className="underline" href={d.profile.statementURI} rel="noreferrer nofollow" target="_blank">
              Statement
            </a>
          </p>
        )}
        {d.profile && <InterestList mask={d.profile.interests} />}
        <dl className="grid grid-cols-2 gap-2 text-sm sm:grid-cols-3">
          <div>
            <dt className="muted">Delegators</dt>
            <dd className="tabular-nums" data-testid="delegate-delegators" data-value={d.delegators}>
              {d.delegators}
            </dd>
          </div>
          <div>
            <dt className="muted">Participation</dt>
            <dd data-testid="delegate-participation" data-voted={d.participation.voted} data-of={d.participation.of}>
              {formatDelegateParticipation(d.participation)}
            </dd>
          </div>
          <div className="col-span-2 sm:col-span-1">
            <dt className="muted">Last vote</dt>
            <dd data-testid="delegate-last-vote">
              {d.lastVote ? (
                <>
                  <Link className="underline" href={`/proposals/${d.lastVote.proposalId}`}>
                    {d.lastVote.title ?? 'a proposal'}
                  </Link>{' '}
                  <span className="muted">{timeFromNow(Number(d.lastVote.timestamp), now)}</span>
                </>
              ) : (
                'Not voted yet'
              )}
            </dd>
          </div>
        </dl>
        <Suspense fallback={<p className="muted text-sm">Loading power over time…</p>}>
          <PowerChart address={d.address} power={BigInt(d.power)} now={now} />
        </Suspense>
      </div>
      <div className="self-start">
        <DelegateIsland delegatee={d.address} name={name} />
      </div>
    </article>
  );
}

/** The delegate's power over time: its checkpoints, ending at its power now (locks that ended have no checkpoint). */
async function PowerChart({ address, power, now }: { address: string; power: bigint; now: number }) {
  const history = await apiFind('/delegates/:address/power', { address, limit: 100 }).catch(ifUnavailable(null));
  if (!history) return <p className="muted text-sm">Power over time is not available right now.</p>;
  const points = history.items.map((x) => ({ t: Number(x.timestamp), value: BigInt(x.votes) })).reverse();
  const last = points.at(-1);
  if (last && last.value !== power) points.push({ t: now, value: power });
  return <StepChart points={points} now={now} what="Voting power" format={(v) => formatVotes(v)} empty="No changes of power yet." />;
}
