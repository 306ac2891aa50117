import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { type Address, getAddress, type Hex } from 'viem';
import { ChallengeList } from '@/components/challenges/challenge-list';
import { MotionActionsIsland, NewMotionIsland, RatificationVoteIsland, SeatIsland } from '@/components/eco-nodes/islands';
import { RatificationBar } from '@/components/eco-nodes/ratification-bar';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { ActionWordsView, rawOfAction } from '@/components/proposals/action-words';
import { TxLink } from '@/components/tx/tx-status';
import { Account } from '@/components/ui/account';
import { Countdown } from '@/components/ui/countdown';
import { describeAction } from '@/lib/action-words';
import type { MotionItem } from '@/lib/api';
import { type MotionState, motionProgressBps } from '@/lib/council-motions';
import { formatNodeParticipation, formatReputation, promotionCriteria } from '@/lib/eco-nodes';
import { formatBps, formatDateTime, shortAddress } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import { apiGet, ifUnavailable } from '@/lib/server/api';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Eco Nodes' };

export default function EcoNodesPage() {
  const deployment = getDeployment();
  return (
    <>
      <PageTitle title="Eco Nodes">
        The upper house: what the Commons passes, the Eco Nodes ratify or reject, weighted by a reputation that is earned by taking part, decays with time and
        is lost by missing votes. Only a ratified proposal can be queued and executed.
      </PageTitle>
      <AutoRefresh />
      {!deployment.l2.contracts.EcoNodeCouncil ? (
        <div className="card text-sm">The Eco Node council is not deployed on this network yet.</div>
      ) : (
        <div className="grid items-start gap-6 lg:grid-cols-5">
          <div className="min-w-0 space-y-6 lg:col-span-3">
            <Suspense fallback={<section className="card muted text-sm">Loading the council…</section>}>
              <Council />
            </Suspense>
            <Suspense fallback={<section className="card muted text-sm">Loading the candidates…</section>}>
              <Candidates />
            </Suspense>
          </div>
          <div className="min-w-0 space-y-6 lg:col-span-2">
            <Suspense fallback={<section className="card muted text-sm">Loading the ratifications…</section>}>
              <RatificationQueue />
            </Suspense>
            <Suspense fallback={<section className="card muted text-sm">Loading the challenges…</section>}>
              <ChallengeList title="Challenges" empty="No sequencer has been challenged." />
            </Suspense>
          </div>
          <div className="min-w-0 lg:col-span-5">
            <Suspense fallback={<section className="card muted text-sm">Loading the motions…</section>}>
              <Motions />
            </Suspense>
          </div>
        </div>
      )}
    </>
  );
}

/** The seated nodes with reputation (live), share, participation and seat origin. */
async function Council() {
  const council = await apiGet('/eco-nodes').catch(ifUnavailable(null));
  return (
    <section className="card min-w-0" aria-labelledby="council">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="council" className="text-lg font-semibold">
          The council
        </h2>
        {council && (
          <p className="text-sm">
            <span className="muted">Total reputation </span>
            <span className="font-semibold tabular-nums" data-testid="total-reputation" data-value={council.totalReputation}>
              {formatReputation(BigInt(council.totalReputation))}
            </span>
          </p>
        )}
      </div>
      {!council ? (
        <p className="muted mt-3 text-sm">The council is not available right now.</p>
      ) : council.items.length === 0 ? (
        <p className="muted mt-3 text-sm">No Eco Node holds a seat yet.</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Eco Nodes, largest reputation first</caption>
            <thead className="muted text-xs">
              <tr>
                <th scope="col" className="py-1 font-medium">
                  Node
                </th>
                <th scope="col" className="py-1 font-medium">
                  Seat
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Reputation
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Share
                </th>
                <th scope="col" className="py-1 text-right font-medium">
                  Participation
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
              {council.items.map((n) => {
                const address = getAddress(n.address);
                return (
                  <tr key={n.address} data-testid="eco-node" data-address={address} data-reputation={n.reputation}>
                    <td className="py-2">
                      <Link href={`/eco-nodes/${address}`} className="font-medium hover:underline">
                        <Account address={address} link={false} />
                      </Link>
                    </td>
                    <td className="py-2" data-testid="eco-node-origin">
                      {n.origin === 'promoted' ? (
                        <>
                          promoted group{n.groupName ? ': ' : ''}
                          {n.groupName && (
                            <Link href={`/commons/groups/${address}`} className="hover:underline">
                              {n.groupName}
                            </Link>
                          )}
                        </>
                      ) : (
                        'admitted'
                      )}
                    </td>
                    <td className="py-2 text-right tabular-nums" data-testid="eco-node-reputation">
                      {formatReputation(BigInt(n.reputation))}
                    </td>
                    <td className="py-2 text-right tabular-nums">{formatBps(n.shareBps)}</td>
                    <td className="py-2 text-right tabular-nums">{formatNodeParticipation(n.participation, n.votesCast, n.missed)}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="muted mt-2 text-xs">Open a node for its reputation history: what it earned, what decayed and what it was penalised.</p>
        </div>
      )}
    </section>
  );
}

/** Open ratifications: time left on the chain's clock, the quorum bar, ratify vs reject, and the vote for members. */
async function RatificationQueue() {
  const open = await apiGet('/ratifications', { status: 'open', limit: 20 }).catch(ifUnavailable(null));
  const now = open ? Number(open.now) : 0;
  const items = [...(open?.items ?? [])].sort((a, b) => Number(a.deadline) - Number(b.deadline));
  return (
    <section className="card space-y-4" aria-labelledby="ratifications">
      <h2 id="ratifications" className="text-lg font-semibold">
        Ratification queue
      </h2>
      {!open ? (
        <p className="muted text-sm">The ratifications are not available right now.</p>
      ) : items.length === 0 ? (
        <p className="muted text-sm">
          Nothing is waiting for the Eco Nodes. A proposal that succeeds in the Commons comes here once anyone opens its ratification.
        </p>
      ) : (
        <ul className="space-y-4">
          {items.map((r) => (
            <li
              key={r.proposalId}
              className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
              data-testid="ratification"
              data-proposal={r.proposalId}
            >
              <Link href={`/proposals/${r.proposalId}`} className="font-medium hover:underline">
                {r.title ?? `Proposal ${r.proposalId.slice(0, 10)}…`}
              </Link>
              <p className="muted text-xs">
                <Countdown at={Number(r.deadline) + 1} now={now} verb="closes" ready="voting closed: ready to settle" /> · {r.voters} voted
              </p>
              <RatificationBar ratify={BigInt(r.ratify)} reject={BigInt(r.reject)} abstain={BigInt(r.abstain)} quorum={BigInt(r.quorum)} />
              <RatificationVoteIsland proposalId={r.proposalId} title={r.title ?? undefined} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * Commons groups on their way to a seat, and promoted groups that stopped qualifying: one bar per promotion
 * criterion with a mark per snapshot of the window (newest first), Promote when all are met, Demote when a
 * promoted seat fails them.
 */
async function Candidates() {
  const answer = await apiGet('/eco-nodes/candidates').catch(ifUnavailable(null));
  return (
    <section className="card" aria-labelledby="candidates">
      <h2 id="candidates" className="text-lg font-semibold">
        Promotion candidates
      </h2>
      <p className="muted mt-1 text-sm">
        A Commons group that meets every criterion at the snapshot of each of the last closed proposals that reached quorum can be promoted to a seat by anyone;
        its steward then votes for it. Seats promoted within one ratification period hold at most a third of the council&apos;s reputation. A promoted group
        that stops meeting the criteria can be demoted by anyone.
      </p>
      {!answer ? (
        <p className="muted mt-3 text-sm">The candidates are not available right now.</p>
      ) : answer.items.length === 0 ? (
        <p className="muted mt-3 text-sm">No Commons group without a seat yet.</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {answer.items.map((c) => (
            <li key={c.address} data-testid="candidate" data-address={getAddress(c.address)} data-eligible={c.eligible ? '' : undefined}>
              <div className="flex items-baseline justify-between gap-2">
                <Link href={`/commons/groups/${getAddress(c.address)}`} className="font-medium hover:underline">
                  {c.name}
                </Link>
                <span
                  data-testid="candidate-verdict"
                  className={`text-xs font-semibold ${c.demotable ? 'text-red-700 dark:text-red-300' : c.eligible ? 'text-emerald-700 dark:text-emerald-300' : 'muted'}`}
                >
                  {c.demotable
                    ? 'seated · no longer qualifies'
                    : c.eligible
                      ? !c.seatAvailable
                        ? 'eligible · council full'
                        : !c.withinRateLimit
                          ? 'eligible · wait: promotion limit for this period'
                          : 'eligible'
                      : 'not yet'}
                </span>
              </div>
              <ul className="mt-2 grid gap-2 text-xs sm:grid-cols-2">
                {promotionCriteria(c).map((k) => (
                  <li key={k.key} data-testid="criterion" data-criterion={k.key} data-met={k.met ? '' : undefined}>
                    <div className="flex justify-between gap-2">
                      <span className="font-medium">
                        {k.met ? '✓ ' : ''}
                        {k.label}
                      </span>
                      <span className="muted tabular-nums">{k.text}</span>
                    </div>
                    <div
                      className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
                      role="progressbar"
                      aria-label={`${c.name}: ${k.label}`}
                      aria-valuemin={0}
                      aria-valuemax={100}
                      aria-valuenow={k.progressBps / 100}
                    >
                      <div className={`h-1.5 rounded-full ${k.met ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${k.progressBps / 100}%` }} />
                    </div>
                    {k.perSnapshot && k.perSnapshot.length > 0 && (
                      <ol className="mt-1 flex gap-1" aria-label={`${c.name}: ${k.label}, per snapshot, newest first`} data-testid="criterion-snapshots">
                        {k.perSnapshot.map((ok, j) => (
                          <li
                            key={c.checks[j].proposalId}
                            data-testid="criterion-snapshot"
                            data-ok={ok ? '' : undefined}
                            title={`Proposal ${c.checks[j].proposalId}, snapshot ${new Date(Number(c.checks[j].snapshot) * 1000).toISOString()}: ${ok ? 'met' : 'not met'}`}
                            className={`h-2 w-2 rounded-sm ${ok ? 'bg-emerald-500' : 'bg-red-400'}`}
                          >
                            <span className="sr-only">{ok ? 'met' : 'not met'}</span>
                          </li>
                        ))}
                      </ol>
                    )}
                  </li>
                ))}
              </ul>
              {c.eligible && c.seatAvailable && c.withinRateLimit && <SeatIsland action="promote" group={getAddress(c.address)} name={c.name} />}
              {c.demotable && <SeatIsland action="demote" group={getAddress(c.address)} name={c.name} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

const MOTION_STATE_LABEL: Record<MotionState, string> = {
  voting: 'voting',
  passed: 'passed · waiting for the delay',
  executable: 'passed · executable',
  executed: 'executed',
  defeated: 'defeated',
  expired: 'expired unexecuted',
};

const MOTION_STATE_STYLE: Record<MotionState, string> = {
  voting: 'text-brand-700 dark:text-brand-300',
  passed: 'text-amber-700 dark:text-amber-300',
  executable: 'text-emerald-700 dark:text-emerald-300',
  executed: 'text-emerald-700 dark:text-emerald-300',
  defeated: 'muted',
  expired: 'muted',
};

/** A decoded argument for people: addresses by name, the rest as the chain has it. */
/** A decisive action in the words of a proposal action (lib/action-words.ts), its call one click away. */
function MotionActionWords({ target, data, nameOf }: { target: Address; data: Hex; nameOf: (address: string) => string }) {
  const action = { target, value: 0n, calldata: data };
  const words = describeAction(getDeployment(), action, { nameOf });
  return (
    <div className="text-sm">
      <ActionWordsView words={words} raw={rawOfAction(words, action, nameOf(target))} testId="motion-action" />
    </div>
  );
}

/**
 * Council motions (docs/MECHANISMS.md §4.4), newest first: peer penalties with their reasons and decisive actions decoded
 * from the ABI, each with its backers against the 2/3 bar and its countdown on the chain's clock; Back and
 * Execute for a connected node's voter, and the form that opens one from the allow-list.
 */
async function Motions() {
  const [motions, actions, council] = await Promise.all([
    apiGet('/eco-nodes/motions', { limit: 20 }).catch(ifUnavailable(null)),
    apiGet('/eco-nodes/actions').catch(ifUnavailable(null)),
    apiGet('/eco-nodes').catch(ifUnavailable(null)),
  ]);
  const deployment = getDeployment();
  const nameOf = (address: string) =>
    council?.items.find((n) => n.address.toLowerCase() === address.toLowerCase())?.groupName ?? addressLabel(deployment, getAddress(address));
  const now = motions ? Number(motions.now) : 0;
  const nodes = (council?.items ?? []).map((n) => ({ address: getAddress(n.address), name: nameOf(n.address) }));
  return (
    <section className="card space-y-4" aria-labelledby="motions">
      <div>
        <h2 id="motions" className="text-lg font-semibold">
          Motions
        </h2>
        <p className="muted mt-1 text-sm">
          Eco Nodes can penalise a peer, with a reason, or take a decisive action from the allow-list. A motion passes once its backers hold two thirds of the
          reputation at its opening (for a penalty, the accused&apos;s excluded); a decisive action can then be executed by anyone after a delay, within a
          window.
        </p>
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          {!motions ? (
            <p className="muted text-sm">The motions are not available right now.</p>
          ) : motions.items.length === 0 ? (
            <p className="muted text-sm">No motion has been opened yet.</p>
          ) : (
            <ul className="space-y-4">
              {motions.items.map((m) => (
                <MotionCard key={m.motionId} m={m} now={now} nameOf={nameOf} />
              ))}
            </ul>
          )}
        </div>
        <div className="min-w-0 space-y-3 lg:col-span-2">
          <NewMotionIsland actions={actions?.items ?? []} nodes={nodes} />
          {actions && (
            <div className="text-sm">
              <h3 className="font-semibold">Allowed decisive actions</h3>
              {actions.items.length === 0 ? (
                <p className="muted mt-1">None yet.</p>
              ) : (
                <ul className="mt-1 space-y-1" data-testid="allowed-actions">
                  {actions.items.map((a) => (
                    <li key={`${a.target}-${a.selector}`} className="break-words font-mono text-xs" data-testid="allowed-action">
                      {a.contract ?? shortAddress(a.target)}.{a.signature ?? a.selector}
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
      </div>
    </section>
  );
}

function MotionCard({ m, now, nameOf }: { m: MotionItem; now: number; nameOf: (address: string) => string }) {
  const l2 = getDeployment().l2.chainId;
  const yes = BigInt(m.yesWeight);
  const total = BigInt(m.totalReputation);
  const progress = motionProgressBps(yes, total);
  const title =
    m.kind === 'penalty'
      ? `Peer penalty of ${nameOf(m.subject)}`
      : `Decisive action: ${m.action?.contract ?? shortAddress(m.subject)}.${m.action?.functionName ?? m.selector ?? ''}`;
  return (
    <li
      className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
      data-testid="motion"
      data-motion={m.motionId}
      data-kind={m.kind}
      data-state={m.state}
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h3 className="font-medium">
          #{m.motionId} · {title}
        </h3>
        <span className={`text-xs font-semibold ${MOTION_STATE_STYLE[m.state]}`} data-testid="motion-state">
          {MOTION_STATE_LABEL[m.state]}
        </span>
      </div>
      {m.kind === 'penalty' && m.amount !== null && (
        <p className="text-sm">
          Takes <span className="font-semibold tabular-nums">{formatReputation(BigInt(m.amount))}</span> reputation from{' '}
          <Link href={`/eco-nodes/${getAddress(m.subject)}`} className="hover:underline">
            {nameOf(m.subject)}
          </Link>
          .
        </p>
      )}
      {m.kind === 'action' && m.data && <MotionActionWords target={m.subject} data={m.data} nameOf={nameOf} />}
      {m.reason && (
        <p className="break-words text-sm" data-testid="motion-reason">
          “{m.reason}”
        </p>
      )}
      <p className="muted text-xs">
        Opened by {nameOf(m.opener)} · {formatDateTime(Number(m.openedAt))} · <TxLink hash={m.openedTx} chainId={l2} />
      </p>
      <div>
        <div className="flex justify-between gap-2 text-xs">
          <span>
            Backed by <span className="tabular-nums">{formatReputation(yes)}</span> of <span className="tabular-nums">{formatReputation(BigInt(m.bar))}</span>{' '}
            needed
          </span>
          <span className="muted tabular-nums">2/3 of {formatReputation(total)}</span>
        </div>
        <div
          className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
          role="progressbar"
          aria-label={`Motion ${m.motionId}: backing toward the two-thirds bar`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={progress / 100}
        >
          <div className={`h-1.5 rounded-full ${progress >= 10_000 ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${progress / 100}%` }} />
        </div>
      </div>
      <ul className="flex flex-wrap gap-x-3 gap-y-1 text-xs" aria-label={`Backers of motion ${m.motionId}`}>
        {m.votes.map((v) => (
          <li key={v.id} data-testid="motion-backer" data-node={getAddress(v.node)} data-weight={v.weight}>
            {nameOf(v.node)} <span className="muted tabular-nums">{formatReputation(BigInt(v.weight))}</span>
          </li>
        ))}
      </ul>
      <p className="muted text-xs" data-testid="motion-timing">
        {m.state === 'voting' ? (
          <Countdown at={Number(m.deadline) + 1} now={now} verb="voting closes" ready="voting closed" />
        ) : m.state === 'passed' && m.executableAt ? (
          <Countdown at={Number(m.executableAt)} now={now} verb="executable" ready="executable now" />
        ) : m.state === 'executable' && m.expiresAt ? (
          <Countdown at={Number(m.expiresAt) + 1} now={now} verb="expires" ready="expired" />
        ) : m.state === 'executed' && m.executedAt && m.executedTx ? (
          <>
            Executed {formatDateTime(Number(m.executedAt))} · <TxLink hash={m.executedTx} chainId={l2} />
          </>
        ) : m.state === 'defeated' ? (
          `Voting closed ${formatDateTime(Number(m.deadline))} below the bar.`
        ) : m.expiresAt ? (
          `Not executed by ${formatDateTime(Number(m.expiresAt))}.`
        ) : null}
      </p>
      <MotionActionsIsland
        motionId={m.motionId}
        kind={m.kind}
        subject={getAddress(m.subject)}
        snapshot={m.snapshot}
        deadline={m.deadline}
        executableAt={m.executableAt}
        expiresAt={m.expiresAt}
        executed={m.executed}
        title={m.kind === 'penalty' ? `the peer penalty of ${nameOf(m.subject)}` : `motion #${m.motionId}`}
      />
    </li>
  );
}
