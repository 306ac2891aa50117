import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Suspense } from 'react';
import { ChallengeList } from '@/components/challenges/challenge-list';
import { ChallengeFormIsland } from '@/components/challenges/islands';
import { UnavailableCard } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { SequencerActionsIsland } from '@/components/sequencers/islands';
import { Account } from '@/components/ui/account';
import { ScrollRegion } from '@/components/ui/scroll-region';
import { Stat } from '@/components/ui/stat';
import { StepChart } from '@/components/ui/step-chart';
import { challengeOfReason } from '@/lib/challenges';
import { formatBps, formatDateTime, formatMetis, shortAddress, timeFromNow } from '@/lib/format';
import { parseSequencerId } from '@/lib/route-params';
import { aprExplanation, commissionAt, parseSequencerMetadata } from '@/lib/sequencers';
import { apiFind, apiGet, ifUnavailable } from '@/lib/server/api';
import { chainNow } from '@/lib/server/chain';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Sequencer' };

const STAKE_KIND: Record<string, string> = {
  register: 'Registered',
  relock: 'Relocked',
  'withdraw-lock': 'Self-lock withdrawn',
  unlock: 'Unlock started',
  exit: 'Exited',
  delegate: 'Delegated',
  undelegate: 'Undelegated',
  'redelegate-out': 'Redelegated away',
  'redelegate-in': 'Redelegated here',
  compound: 'Compounded',
  slash: 'Slashed',
  'slash-refund': 'Refunded (arrived after the offence)',
  jail: 'Jailed',
  unjail: 'Unjailed',
};

export default async function SequencerPage({ params }: { params: Promise<{ id: string }> }) {
  const id = parseSequencerId((await params).id) ?? notFound();
  const [s, now] = await Promise.all([apiFind('/sequencers/:id', { id }).catch(ifUnavailable('unavailable' as const)), chainNow('l1')]);
  if (!s) notFound();
  if (s === 'unavailable') {
    return (
      <>
        <BackLink href="/sequencers">Sequencers</BackLink>
        <PageTitle title={`Sequencer #${id}`} />
        <UnavailableCard title="This sequencer" />
      </>
    );
  }
  const meta = parseSequencerMetadata(s.metadataURI);
  const commission = commissionAt(s, now);

  return (
    <>
      <BackLink href="/sequencers">Sequencers</BackLink>
      <PageTitle title={meta.name ?? `Sequencer #${s.id}`}>{meta.description}</PageTitle>
      <AutoRefresh />
      {s.status === 'jailed' && (
        <div className="card mb-6 border-red-300 bg-red-50 text-sm dark:border-red-900 dark:bg-red-950" role="status" data-testid="jailed-banner">
          <p className="font-semibold text-red-800 dark:text-red-300">Jailed</p>
          <p className="mt-1">
            This sequencer is out of the rotation and earns nothing; it takes no new delegations. Its operator may unjail it from{' '}
            {formatDateTime(Number(s.jailedUntil))} if its self-lock is still above the minimum. Why: see its stake history and challenges below.
          </p>
        </div>
      )}
      {/* One grid, so that on a phone the actions come right after the facts; on a wide screen they sit in their own column. */}
      <div className="grid items-start gap-6 lg:grid-cols-5 lg:grid-rows-[auto_auto_1fr]">
        <section className="card grid min-w-0 grid-cols-2 gap-4 text-sm sm:grid-cols-3 lg:col-span-3" aria-label="Sequencer">
          <Stat
            label="Status"
            value={
              <span className="capitalize" data-testid="sequencer-status">
                {s.status}
                {s.current ? ' · producing now' : ''}
              </span>
            }
          />
          <Stat label="Self-lock" value={formatMetis(BigInt(s.selfLock))} />
          <Stat label="Delegated" value={formatMetis(BigInt(s.delegated))} />
          <Stat
            label="Commission"
            value={
              <>
                {formatBps(commission.bps)}
                {commission.pending && (
                  <span className="block text-xs font-normal text-amber-800 dark:text-amber-300" data-testid="pending-commission">
                    → {formatBps(commission.pending.bps)} from {formatDateTime(commission.pending.effectiveAt)}
                  </span>
                )}
              </>
            }
          />
          <Stat label="Delegators" value={s.delegatorCount} />
          <Stat label="Epochs produced" value={s.epochsProduced} />
          <Stat
            label="APR (est.)"
            value={
              <span title={aprExplanation(s.aprWindow ?? null)} data-testid="sequencer-apr">
                {s.aprBps === null ? '—' : formatBps(s.aprBps)}
              </span>
            }
          />
          <Stat label="Operator" value={<Account address={s.owner} />} />
          <Stat label="Signer" value={<span className="font-mono">{shortAddress(s.signer)}</span>} />
          {s.status === 'unlocking' && <Stat label="Self-lock unlocks" value={formatDateTime(Number(s.unlockAt))} />}
          {meta.website && (
            <Stat
              label="Website"
              value={
                <a className="underline" href={meta.website} rel="noreferrer" target="_blank">
                  {meta.website.replace(/^https?:\/\//, '')}
                </a>
              }
            />
          )}
        </section>
        <div className="min-w-0 lg:col-span-2 lg:col-start-4 lg:row-span-3 lg:row-start-1">
          <SequencerActionsIsland sequencerId={s.id} />
        </div>
        <div className="min-w-0 lg:col-span-3">
          <Suspense fallback={<Loading title="Stake history" />}>
            <StakeHistory id={s.id} now={now} />
          </Suspense>
        </div>
        <div className="grid min-w-0 gap-6 md:grid-cols-2 lg:col-span-3">
          <Suspense fallback={<Loading title="Delegators" />}>
            <Delegators id={s.id} count={s.delegatorCount} />
          </Suspense>
          <Suspense fallback={<Loading title="Epochs produced" />}>
            <Epochs id={s.id} now={now} />
          </Suspense>
        </div>
        <div className="grid min-w-0 gap-6 lg:col-span-3">
          <Suspense fallback={<Loading title="Challenges" />}>
            <ChallengeList sequencerId={s.id} title="Challenges" empty="Nobody has challenged this sequencer." />
          </Suspense>
          {getDeployment().l2.contracts.SequencerChallenges && (
            <Suspense fallback={<Loading title="Challenge this sequencer" />}>
              <Challenge id={s.id} />
            </Suspense>
          )}
        </div>
        <div className="min-w-0 lg:col-span-3">
          <Suspense fallback={<Loading title="Rewards" />}>
            <RewardHistory id={s.id} now={now} />
          </Suspense>
        </div>
      </div>
    </>
  );
}

async function StakeHistory({ id, now }: { id: string; now: number }) {
  const history = await apiGet('/sequencers/:id/history', { id, limit: 100 }).catch(ifUnavailable(null));
  if (!history) return <UnavailableCard title="Stake history" />;
  const points = history.items.map((e) => ({ t: Number(e.timestamp), value: BigInt(e.totalStakeAfter) })).reverse();
  return (
    <section className="card" aria-labelledby="history">
      <h2 id="history" className="text-lg font-semibold">
        Stake history
      </h2>
      <div className="mt-3">
        <StepChart points={points} now={now} what="Total stake" format={formatMetis} empty="No stake changes yet." />
      </div>
      <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="stake-history">
        {history.items.slice(0, 10).map((e) => (
          <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
            <span>
              <span className="font-medium">{STAKE_KIND[e.kind] ?? e.kind}</span> <Account address={e.account} />
              {e.reason && <Cause reason={e.reason} />}
            </span>
            <span className="tabular-nums">
              {BigInt(e.amount) > 0n && formatMetis(BigInt(e.amount))}
              <span className="muted ml-3 text-xs">{formatDateTime(Number(e.timestamp))}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Why a slash or jail happened: its challenge, or the motion's or proposal's reason. */
function Cause({ reason }: { reason: string }) {
  const challenge = challengeOfReason(reason);
  return (
    <span className="muted block text-xs" data-testid="stake-event-reason">
      {challenge ? `Challenge #${challenge} upheld` : reason}
    </span>
  );
}

/** The form, with this sequencer's epochs that may still be challenged and the bond from the chain. */
async function Challenge({ id }: { id: string }) {
  const answers = await Promise.all([apiGet('/epochs', { sequencer: id, limit: 5 }), apiGet('/sequencers'), apiGet('/challenges', { limit: 1 })]).catch(
    ifUnavailable(null),
  );
  if (!answers) return <UnavailableCard title="Challenge this sequencer" />;
  const [epochs, current, challenges] = answers;
  if (!challenges.params) return null;
  const currentId = current.currentEpoch?.id;
  return (
    <ChallengeFormIsland
      sequencerId={id}
      params={challenges.params}
      epochs={epochs.items.map((e) => ({ epoch: e.id, endBlock: e.endBlock, current: e.id === currentId }))}
    />
  );
}

async function Delegators({ id, count }: { id: string; count: number }) {
  const list = await apiGet('/sequencers/:id/delegators', { id, limit: 10 }).catch(ifUnavailable(null));
  if (!list) return <UnavailableCard title="Delegators" />;
  return (
    <section className="card" aria-labelledby="delegators">
      <h2 id="delegators" className="text-lg font-semibold">
        Delegators <span className="muted text-sm font-normal">({count})</span>
      </h2>
      {list.items.length === 0 ? (
        <p className="muted mt-3 text-sm">Nobody has delegated yet.</p>
      ) : (
        <ol className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="delegators">
          {list.items.map((p) => (
            <li key={p.id} className="flex justify-between gap-2 py-2">
              <Account address={p.account} />
              <span className="tabular-nums">{formatMetis(BigInt(p.value))}</span>
            </li>
          ))}
        </ol>
      )}
      {count > list.items.length && (
        <p className="muted mt-2 text-xs">
          The largest {list.items.length} of {count}.
        </p>
      )}
    </section>
  );
}

async function Epochs({ id, now }: { id: string; now: number }) {
  const list = await apiGet('/epochs', { sequencer: id, limit: 10 }).catch(ifUnavailable(null));
  if (!list) return <UnavailableCard title="Epochs produced" />;
  return (
    <section className="card" aria-labelledby="epochs">
      <h2 id="epochs" className="text-lg font-semibold">
        Epochs produced
      </h2>
      {list.items.length === 0 ? (
        <p className="muted mt-3 text-sm">No epochs yet.</p>
      ) : (
        <ol className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="epochs">
          {list.items.map((e) => (
            <li key={e.id} className="flex justify-between gap-2 py-2">
              <span>
                <span className="font-medium tabular-nums">#{e.id}</span>{' '}
                <span className="muted text-xs tabular-nums">
                  L2 blocks {e.startBlock}–{e.endBlock}
                </span>
              </span>
              <span className="muted text-xs" title={formatDateTime(Number(e.startedAt))}>
                {timeFromNow(Number(e.startedAt), now)}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** What the sequencer's epochs paid on L1: mining, revenue, commission and the delegators' part. */
async function RewardHistory({ id, now }: { id: string; now: number }) {
  const list = await apiGet('/rewards/epochs', { sequencer: id, limit: 10 }).catch(ifUnavailable(null));
  if (!list) return <UnavailableCard title="Rewards" />;
  return (
    <section className="card" aria-labelledby="rewards">
      <h2 id="rewards" className="text-lg font-semibold">
        Rewards
      </h2>
      {list.items.length === 0 ? (
        <p className="muted mt-3 text-sm">No epoch of this sequencer has been paid yet.</p>
      ) : (
        <ScrollRegion label="Reward history" className="mt-3">
          <table className="w-full min-w-[520px] text-sm" data-testid="reward-history">
            <thead className="muted text-left text-xs">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Epoch
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Mining
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Revenue
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Commission
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  To delegators
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Paid
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {list.items.map((e) => (
                <tr key={e.id}>
                  <td className="py-1.5 tabular-nums">
                    #{e.id} <span className="muted text-xs">({e.blocks} blocks)</span>
                    {!e.paidToSequencer && <span className="block text-xs text-amber-800 dark:text-amber-300">not active: revenue to the treasury</span>}
                  </td>
                  <td
                    className="py-1.5 text-right tabular-nums"
                    title={
                      BigInt(e.miningDue) > BigInt(e.mining)
                        ? `Due ${formatMetis(BigInt(e.miningDue))}: the reserve or the year's ceiling was short`
                        : undefined
                    }
                  >
                    {formatMetis(BigInt(e.mining), { symbol: false })}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">
                    {formatMetis(BigInt(e.revenue), { symbol: false })}
                    {BigInt(e.revenueOwed) > 0n && (
                      <span className="block text-xs text-amber-700 dark:text-amber-300" data-testid="epoch-owed" data-owed={e.revenueOwed}>
                        partly paid: {formatMetis(BigInt(e.revenueOwed))} owed
                      </span>
                    )}
                  </td>
                  <td className="py-1.5 text-right tabular-nums">{formatMetis(BigInt(e.commission), { symbol: false })}</td>
                  <td className="py-1.5 text-right tabular-nums">{formatMetis(BigInt(e.delegatorsReward), { symbol: false })}</td>
                  <td className="muted py-1.5 text-right text-xs" title={formatDateTime(Number(e.timestamp))}>
                    {timeFromNow(Number(e.timestamp), now)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </section>
  );
}

function Loading({ title }: { title: string }) {
  return (
    <section className="card" aria-busy>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="muted mt-3 text-sm">Loading…</p>
    </section>
  );
}
