import type { Metadata } from 'next';
import { zeroAddress } from 'viem';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { CHALLENGE_KINDS, KIND_INFO } from '@/lib/challenges';
import { formatBps, formatDuration, formatMetis } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import { getDeployment } from '@/lib/server/deployment';
import { readTrust } from '@/lib/server/trust';

export const metadata: Metadata = { title: 'Trust' };

/**
 * Who can do what in Metis Hub today (docs/MECHANISMS.md §4.4, §4.5, §5): read from the chains on
 * each new block, nothing typed in; the kind of page L2BEAT keeps for a rollup.
 */
export default async function TrustPage() {
  const t = await readTrust();
  const d = getDeployment();
  const name = (a: string) => (a === zeroAddress ? 'nobody' : addressLabel(d, a));
  return (
    <>
      <PageTitle title="Trust">
        Who can do what today, read from the chains: the committee that carries messages between them, the Eco Node council&apos;s emergency powers, the
        timelock&apos;s delay, and who owns each contract.
      </PageTitle>
      <AutoRefresh />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        {t.bus.map((b) => (
          <section key={b.route} className="card space-y-2 text-sm" aria-labelledby={`bus-${b.chain}`} data-testid="trust-bus" data-chain={b.chain}>
            <h2 id={`bus-${b.chain}`} className="text-lg font-semibold">
              Message bus {b.route}
            </h2>
            <p data-testid="trust-threshold" data-value={b.threshold}>
              Any <strong>{b.threshold}</strong> of these {b.members.length} committee members can deliver a message:
            </p>
            <ul className="font-mono text-xs" data-testid="trust-members">
              {b.members.map((m) => (
                <li key={m} title={m}>
                  {name(m)}
                </li>
              ))}
            </ul>
            <p className="muted">
              What that trust means: {b.threshold} members together could deliver a message its outbox never sent, for example a governance action to the L1
              executor or a stake change to the sequencer set. They are the stand-in for Metis&apos; MPC committee and its native bridge.
            </p>
            <p>
              Allowed senders: {b.senders.map((s) => s.name).join(', ')} (each message at most {b.maxGasLimit.toLocaleString('en-US')} gas).
            </p>
            <p data-testid="trust-paused" data-value={b.paused ? 'yes' : 'no'}>
              Delivery is <strong>{b.paused ? 'paused' : 'running'}</strong>; besides the inbox&apos;s owner, {name(b.pauser)} may pause it.
            </p>
          </section>
        ))}
        <section className="card space-y-2 text-sm" aria-labelledby="trust-council" data-testid="trust-council">
          <h2 id="trust-council" className="text-lg font-semibold">
            The Eco Node council&apos;s emergency powers
          </h2>
          <p>
            A decisive action needs two thirds of the council&apos;s reputation within {formatDuration(t.council.motionPeriod)}, then waits{' '}
            <span data-testid="trust-action-delay" data-value={t.council.actionDelay}>
              {formatDuration(t.council.actionDelay)}
            </span>{' '}
            and may be executed for {formatDuration(t.council.executionWindow)}. It may call only:
          </p>
          <ul className="list-disc pl-5" data-testid="trust-actions">
            {t.council.actions.map((a) => (
              <li key={`${a.target}.${a.fn}`} className="font-mono text-xs">
                {a.target}.{a.fn}
              </li>
            ))}
          </ul>
          <p>Ratifications need a quorum of {formatBps(t.council.quorumBps)} of the reputation.</p>
        </section>
        <section className="card space-y-2 text-sm" aria-labelledby="trust-governance" data-testid="trust-governance">
          <h2 id="trust-governance" className="text-lg font-semibold">
            Governance
          </h2>
          <p data-testid="trust-timelock-delay" data-value={t.timelock.minDelay.toString()}>
            The L2 timelock makes every passed proposal wait {formatDuration(Number(t.timelock.minDelay))}. Proposes:{' '}
            {t.timelock.proposers.join(', ') || 'nobody'}; executes: {t.timelock.executors.join(', ') || 'nobody'}; cancels:{' '}
            {t.timelock.cancellers.join(', ') || 'nobody'}.
          </p>
          <p data-testid="trust-executor">
            The L1 executor obeys bus messages from {name(t.executor.governance)} (any call), and from {name(t.executor.enforcer)} only to slash or jail a
            sequencer on {name(t.executor.staking)}. Deploy-time bootstrap: {name(t.executor.bootstrap)}.
          </p>
          {t.challenges && (
            <p>
              Challenges: a bond of {formatMetis(t.challenges.bond)}, a window of {t.challenges.window} L2 blocks after each epoch, a council vote of{' '}
              {formatDuration(t.challenges.votingPeriod)} with a quorum of {formatBps(t.challenges.quorumBps)}; upheld, a slash of{' '}
              {CHALLENGE_KINDS.map((k, i) => `${formatBps(t.challenges!.severityBps[i])} (${KIND_INFO[k].label.toLowerCase()})`).join(', ')}, of which{' '}
              {formatBps(t.challenges.rewardBps)} goes to the challenger.
            </p>
          )}
        </section>
        <section className="card min-w-0 text-sm lg:col-span-2" aria-labelledby="trust-owners">
          <h2 id="trust-owners" className="text-lg font-semibold">
            Who owns each contract
          </h2>
          <div className="mt-3 overflow-x-auto">
            <table className="w-full text-left" data-testid="trust-owners">
              <caption className="sr-only">Owner of each deployed contract</caption>
              <thead className="muted text-xs">
                <tr>
                  <th scope="col" className="py-1 font-medium">
                    Contract
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Chain
                  </th>
                  <th scope="col" className="py-1 font-medium">
                    Owner
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
                {t.owners.map((o) => (
                  <tr key={`${o.chain}-${o.name}`} data-testid="trust-owner" data-contract={o.name} data-chain={o.chain} data-owner={o.owner}>
                    <td className="py-1.5">{o.name}</td>
                    <td className="py-1.5 uppercase">{o.chain}</td>
                    <td className="py-1.5 font-mono text-xs" title={o.owner}>
                      {name(o.owner)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>
    </>
  );
}
