import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { type Address, isAddressEqual } from 'viem';
import { Unavailable } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { AccountExports } from '@/components/profiles/account-exports';
import { InterestList } from '@/components/profiles/interest-list';
import { ProfileFormIsland } from '@/components/profiles/islands';
import { Choice } from '@/components/proposals/choice';
import { Markdown } from '@/components/proposals/markdown';
import { Account } from '@/components/ui/account';
import { Stat } from '@/components/ui/stat';
import type { AccountLockAnswer } from '@/lib/api';
import { formatNodeParticipation, formatReputation } from '@/lib/eco-nodes';
import { formatDateTime, formatMetis, formatVoteCount, shortAddress } from '@/lib/format';
import { feedUrls } from '@/lib/notices';
import { parseAddressParam } from '@/lib/route-params';
import { apiFind, apiGet, ifUnavailable } from '@/lib/server/api';
import { getDeployment } from '@/lib/server/deployment';
import { accountName } from '@/lib/server/names';

export const metadata: Metadata = { title: 'Account' };

/**
 * An account (docs/MECHANISMS.md §8): its profile (name, statement, links, interests), its voting power
 * and where it comes from, its delegatee, its votes with reasons, its stake positions and its Eco Node
 * seat, and its data as CSV files; on one's own page, the form that sets the profile. Everything from the
 * chain-data API.
 */
export default async function AccountPage({ params }: { params: Promise<{ address: string }> }) {
  const address = parseAddressParam((await params).address) ?? notFound();
  const [name, profile, lock, votes, positions, council, sequencers] = await Promise.all([
    accountName(address),
    apiFind('/profiles/:address', { address }).catch(ifUnavailable(undefined)),
    apiGet('/accounts/:address/lock', { address }).catch(ifUnavailable(null)),
    apiGet('/accounts/:address/votes', { address, limit: 20 }).catch(ifUnavailable(null)),
    apiGet('/accounts/:address/positions', { address }).catch(ifUnavailable(null)),
    apiGet('/eco-nodes').catch(ifUnavailable(null)),
    apiGet('/sequencers').catch(ifUnavailable(null)),
  ]);
  const seat = council?.items.find((n) => isAddressEqual(n.address, address));
  const operated = sequencers?.items.filter((s) => isAddressEqual(s.owner, address) && s.status !== 'exited') ?? [];
  return (
    <>
      <PageTitle title={name.name ?? shortAddress(address)}>
        <span className="break-all font-mono text-xs" data-testid="account-address">
          {address}
        </span>
      </PageTitle>
      <AutoRefresh />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <div className="min-w-0 space-y-6 lg:col-span-3">
          <section className="card space-y-3" aria-labelledby="profile">
            <h2 id="profile" className="text-lg font-semibold">
              Profile
            </h2>
            {profile === undefined ? (
              <Unavailable what="The profile" />
            ) : profile === null ? (
              <p className="muted text-sm">No profile set{name.name ? `: shown as ${name.name}, from ${SOURCE[name.source ?? 'deployment']}` : ''}.</p>
            ) : (
              <>
                <p className="font-semibold" data-testid="profile-name">
                  {profile.name}
                </p>
                {profile.statement ? (
                  <div className="text-sm" data-testid="profile-statement">
                    <Markdown source={profile.statement} />
                  </div>
                ) : (
                  profile.statementURI && (
                    <p className="text-sm">
                      Statement at{' '}
                      <a className="break-all underline" href={profile.statementURI} rel="noreferrer nofollow" target="_blank">
                        {profile.statementURI}
                      </a>
                    </p>
                  )
                )}
                {profile.links.length > 0 && (
                  <ul className="space-y-1 text-sm" aria-label="Links">
                    {profile.links.map((l) => (
                      <li key={l}>
                        <a className="break-all underline" href={l} rel="noreferrer nofollow" target="_blank">
                          {l}
                        </a>
                      </li>
                    ))}
                  </ul>
                )}
                <InterestList mask={profile.interests} />
                <p className="muted text-xs">Updated {formatDateTime(Number(profile.updatedAt))}</p>
              </>
            )}
          </section>
          <ProfileFormIsland account={address} profile={profile ?? null} />
          <section className="card" aria-labelledby="account-votes">
            <h2 id="account-votes" className="text-lg font-semibold">
              Votes
            </h2>
            {votes === null ? (
              <Unavailable what="The votes" />
            ) : votes.items.length === 0 ? (
              <p className="muted mt-3 text-sm">No votes yet.</p>
            ) : (
              <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="account-votes">
                {votes.items.map((v) => (
                  <li key={v.id} className="py-2">
                    <div className="flex flex-wrap justify-between gap-2">
                      <Link href={`/proposals/${v.proposalId}`} className="font-medium hover:underline">
                        {v.proposalTitle ?? `Proposal ${v.proposalId.slice(0, 10)}…`}
                      </Link>
                      <span className="tabular-nums">
                        <Choice support={v.support} /> · {formatVoteCount(BigInt(v.weight))}
                        {v.groupName && <span className="muted"> · in {v.groupName}</span>}
                      </span>
                    </div>
                    {v.reason && <p className="muted mt-0.5 text-xs whitespace-pre-wrap">“{v.reason}”</p>}
                    <p className="muted text-xs">{formatDateTime(Number(v.timestamp))}</p>
                  </li>
                ))}
              </ul>
            )}
          </section>
        </div>
        <div className="min-w-0 space-y-6 lg:col-span-2">
          <section className="card grid grid-cols-2 gap-4 text-sm" aria-label="Voting power">
            {lock === null ? (
              <div className="col-span-2">
                <Unavailable what="The voting power" />
              </div>
            ) : (
              <VotingPower lock={lock} address={address} />
            )}
          </section>
          {seat && (
            <section className="card grid grid-cols-2 gap-4 text-sm" aria-label="Eco Node seat">
              <div className="col-span-2">
                <Link href={`/eco-nodes/${address}`} className="font-semibold hover:underline">
                  Eco Node seat
                </Link>
                <p className="muted text-xs">{seat.origin === 'promoted' ? 'A promoted Commons group.' : 'Admitted by governance.'}</p>
              </div>
              <Stat label="Reputation" value={formatReputation(BigInt(seat.reputation))} />
              <Stat label="Participation" value={formatNodeParticipation(seat.participation, seat.votesCast, seat.missed)} />
            </section>
          )}
          <section className="card text-sm" aria-labelledby="account-stake">
            <h2 id="account-stake" className="text-lg font-semibold">
              Stake
            </h2>
            {operated.map((s) => (
              <p key={s.id} className="mt-2">
                Operates{' '}
                <Link href={`/sequencers/${s.id}`} className="font-medium hover:underline">
                  sequencer #{s.id}
                </Link>{' '}
                ({s.status}, self-lock {formatMetis(BigInt(s.selfLock))})
              </p>
            ))}
            {positions === null ? (
              <Unavailable what="The positions" />
            ) : positions.items.length === 0 ? (
              operated.length === 0 && <p className="muted mt-2">No stake positions.</p>
            ) : (
              <ul className="mt-2 divide-y divide-zinc-200 dark:divide-zinc-800">
                {positions.items.map((p) => (
                  <li key={p.id} className="flex justify-between gap-2 py-2">
                    <Link href={`/sequencers/${p.sequencerId}`} className="hover:underline">
                      Sequencer #{p.sequencerId}
                    </Link>
                    <span className="tabular-nums">{formatMetis(BigInt(p.value))}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <NoticeFeeds address={address} />
          <AccountExports address={address} apiUrl={getDeployment().apiUrl} />
        </div>
      </div>
    </>
  );
}

const SOURCE = { profile: 'its profile', sequencer: "its sequencer's metadata", group: "its group's name", deployment: 'the deployment' } as const;

/** The account's voting power and its source: its own lock's units, delegations to it, and its delegatee. */
function VotingPower({ lock, address }: { lock: AccountLockAnswer; address: Address }) {
  const units = BigInt(lock.lock?.units ?? '0');
  const votes = BigInt(lock.votes);
  const self = lock.delegatee !== null && isAddressEqual(lock.delegatee, address);
  const received = votes - (self ? units : 0n);
  return (
    <>
      <Stat label="Voting power" value={<span data-testid="account-votes-power">{formatVoteCount(votes)}</span>} />
      <Stat label="Own lock" value={lock.lock ? `${formatVoteCount(units)} (${formatMetis(BigInt(lock.lock.amount))})` : 'none'} />
      <Stat label="Delegated to it" value={formatVoteCount(received > 0n ? received : 0n)} />
      <div>
        <p className="muted">Delegates to</p>
        <div className="mt-0.5 font-semibold">{lock.delegatee === null ? 'nobody' : self ? 'itself' : <Account address={lock.delegatee} />}</div>
      </div>
    </>
  );
}

/** The account's notices as feeds (docs/ARCHITECTURE.md, "Notifier"): Atom for a feed reader, iCalendar for its deadlines. */
function NoticeFeeds({ address }: { address: Address }) {
  const { notifierUrl } = getDeployment();
  if (!notifierUrl) return null;
  const feeds = feedUrls(notifierUrl, address);
  return (
    <section className="card space-y-2 text-sm" aria-labelledby="account-feeds">
      <h2 id="account-feeds" className="text-lg font-semibold">
        Notices by feed
      </h2>
      <p className="muted">What needs this account (votes, commission rises, matured unbonding, slashes), outside the app.</p>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        <li>
          <a className="underline" href={feeds.atom} data-testid="atom-feed">
            Atom feed
          </a>
        </li>
        <li>
          <a className="underline" href={feeds.ics} data-testid="ical-feed">
            Calendar of deadlines (iCal)
          </a>
        </li>
      </ul>
    </section>
  );
}
