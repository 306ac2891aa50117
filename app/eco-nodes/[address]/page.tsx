import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { TxLink } from '@/components/tx/tx-status';
import { Account } from '@/components/ui/account';
import { Stat } from '@/components/ui/stat';
import { StepChart } from '@/components/ui/step-chart';
import { ApiError } from '@/lib/api';
import { type CauseKind, causeTotals, describeCause, formatNodeParticipation, formatReputation, reputationPoints } from '@/lib/eco-nodes';
import { formatBps, formatDateTime } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import { parseAddressParam } from '@/lib/route-params';
import { apiGet, ifUnavailable } from '@/lib/server/api';
import { chainNow } from '@/lib/server/chain';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Eco Node' };

const KIND_STYLE: Record<CauseKind, string> = {
  earned: 'text-emerald-700 dark:text-emerald-300',
  decayed: 'text-zinc-600 dark:text-zinc-400',
  penalised: 'text-red-700 dark:text-red-300',
};

/** One Eco Node: its seat, and every reputation change with its cause, as a chart and a list. */
export default async function EcoNodePage({ params }: { params: Promise<{ address: string }> }) {
  const address = parseAddressParam((await params).address) ?? notFound();
  const [council, history, now] = await Promise.all([
    apiGet('/eco-nodes').catch(ifUnavailable(null)),
    apiGet('/eco-nodes/:address/reputation', { address, limit: 100 }).catch((e: unknown) => {
      if (e instanceof ApiError && e.status === 404) return undefined;
      return null;
    }),
    chainNow('l2'),
  ]);
  if (history === undefined) notFound();
  const node = council?.items.find((n) => n.address.toLowerCase() === address.toLowerCase());
  const events = history?.items ?? [];
  const totals = causeTotals(events);
  const l2chainId = getDeployment().l2.chainId;

  return (
    <>
      <BackLink href="/eco-nodes">Eco Nodes</BackLink>
      <PageTitle title={node?.groupName ?? addressLabel(getDeployment(), address)}>
        {node
          ? node.origin === 'promoted'
            ? 'A promoted Commons group: its steward votes for it.'
            : 'Admitted by governance.'
          : council && 'No longer holds a seat.'}
      </PageTitle>
      <AutoRefresh />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <section className="card grid min-w-0 grid-cols-2 gap-4 text-sm lg:col-span-2" aria-label="Seat">
          <Stat
            label="Reputation"
            value={
              <span data-testid="node-reputation" data-value={node?.reputation ?? '0'}>
                {formatReputation(BigInt(node?.reputation ?? '0'))}
              </span>
            }
          />
          <Stat label="Share of the council" value={node ? formatBps(node.shareBps) : '—'} />
          <Stat label="Participation" value={node ? formatNodeParticipation(node.participation, node.votesCast, node.missed) : '—'} />
          <Stat label="Seated since" value={node ? formatDateTime(Number(node.admittedAt)) : '—'} />
          {node?.origin === 'promoted' && (
            <div className="col-span-2">
              <p className="muted">Group</p>
              <Link className="mt-0.5 block font-semibold hover:underline" href={`/commons/groups/${address}`}>
                {node.groupName ?? addressLabel(getDeployment(), address)}
              </Link>
            </div>
          )}
          {node?.reason && (
            <div className="col-span-2">
              <p className="muted">Admitted for</p>
              <p className="mt-0.5 break-words">{node.reason}</p>
            </div>
          )}
          <div className="col-span-2">
            <p className="muted">Address</p>
            <p className="mt-0.5 break-all font-mono text-xs">{address}</p>
          </div>
        </section>
        <section className="card min-w-0 lg:col-span-3" aria-labelledby="reputation-history">
          <h2 id="reputation-history" className="text-lg font-semibold">
            Reputation over time
          </h2>
          <div className="mt-3">
            <StepChart
              points={reputationPoints(events)}
              now={now}
              what="Reputation"
              format={(v, o) => formatReputation(v, o)}
              empty="No reputation change yet."
            />
          </div>
          {events.length > 0 && (
            <p className="mt-2 text-xs tabular-nums" data-testid="cause-totals">
              <span className={KIND_STYLE.earned}>Earned {formatReputation(totals.earned)}</span> ·{' '}
              <span className={KIND_STYLE.decayed}>decayed {formatReputation(totals.decayed)}</span> ·{' '}
              <span className={KIND_STYLE.penalised}>penalised {formatReputation(totals.penalised)}</span>
              {history?.nextCursor && <span className="muted"> (latest 100 changes)</span>}
            </p>
          )}
          {history === null ? (
            <p className="muted mt-3 text-sm">The history is not available right now.</p>
          ) : (
            <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="reputation-events">
              {events.map((e) => {
                const cause = describeCause(e.cause);
                const delta = BigInt(e.delta);
                return (
                  <li
                    key={e.id}
                    className="flex flex-wrap items-baseline justify-between gap-2 py-2"
                    data-testid="reputation-event"
                    data-cause={e.cause}
                    data-kind={cause.kind}
                  >
                    <div className="min-w-0">
                      <p>
                        <span className={`font-medium ${KIND_STYLE[cause.kind]}`}>{cause.kind}</span> · {cause.label}
                      </p>
                      {e.motion ? (
                        <p className="break-words text-xs" data-testid="reputation-event-motion" data-motion={e.motion.motionId}>
                          Motion #{e.motion.motionId} opened by <Account address={e.motion.opener} />, backed by {e.motion.backers} node
                          {e.motion.backers === 1 ? '' : 's'}: <span data-testid="reputation-event-cause">“{e.motion.reason}”</span>
                        </p>
                      ) : (
                        e.reason && <p className="muted break-words text-xs">{e.reason}</p>
                      )}
                      <p className="muted text-xs">
                        {formatDateTime(Number(e.timestamp))} · <TxLink hash={e.txHash} chainId={l2chainId} />
                      </p>
                    </div>
                    <p className="text-right tabular-nums">
                      <span className={KIND_STYLE[cause.kind]}>
                        {delta >= 0n ? '+' : '−'}
                        {formatReputation(delta < 0n ? -delta : delta)}
                      </span>
                      <span className="muted block text-xs">→ {formatReputation(BigInt(e.reputation))}</span>
                    </p>
                  </li>
                );
              })}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}
