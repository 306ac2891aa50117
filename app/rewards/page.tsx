import type { Metadata } from 'next';
import { UnavailableCard } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { MyRewardsIsland } from '@/components/rewards/islands';
import { BarChart } from '@/components/ui/bar-chart';
import type { NetworkRewards, OwedRevenue } from '@/lib/api';
import { formatBps, formatDateTime, formatMetis } from '@/lib/format';
import { apiGet, ifUnavailable } from '@/lib/server/api';

export const metadata: Metadata = { title: 'Rewards' };

export default async function RewardsPage() {
  const network = await apiGet<NetworkRewards>('/rewards/network?limit=60').catch(ifUnavailable(null));
  return (
    <>
      <PageTitle title="Rewards">
        Each epoch pays its sequencer mining rewards (per block produced) and the fees the network collected, shared pro rata by everyone staked behind it; the
        operator also takes its commission on the delegators&apos; part.
      </PageTitle>
      <AutoRefresh />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <div className="min-w-0 lg:col-span-3">
          <MyRewardsIsland />
        </div>
        <div className="min-w-0 space-y-6 lg:col-span-2">{network ? <Network network={network} /> : <UnavailableCard title="The network" />}</div>
      </div>
    </>
  );
}

function Fact({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div>
      <dt className="muted">{label}</dt>
      <dd className="mt-0.5 font-semibold tabular-nums" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

/** Epochs whose revenue had not all arrived when their report was applied: partly paid until it does, oldest first. */
function OwedEpochs({ owed }: { owed: OwedRevenue }) {
  if (owed.epochs.length === 0)
    return (
      <p className="muted" data-testid="owed-none">
        Every applied epoch has been paid its revenue in full.
      </p>
    );
  return (
    <div>
      <p className="muted">
        These epochs&apos; fees had not all reached L1 when their reports were applied. They stay partly paid until the rest arrives; arrivals pay the oldest
        epoch first, and a later epoch gets revenue only once every earlier one is paid in full.
      </p>
      <ul className="mt-2 space-y-1" data-testid="owed-epochs">
        {owed.epochs.map((e) => (
          <li key={e.epoch} data-testid="owed-epoch" data-epoch={e.epoch} data-owed={e.owed}>
            Owed to epoch {e.epoch}: <span className="font-semibold tabular-nums">{formatMetis(BigInt(e.owed))}</span>{' '}
            <span className="muted text-xs">
              (partly paid: {formatMetis(BigInt(e.paid))} of {formatMetis(BigInt(e.due))})
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Network-wide rewards and the emission schedule, from the chain-data API. */
function Network({ network }: { network: NetworkRewards }) {
  const { schedule } = network;
  const released = schedule.years.reduce((sum, y) => sum + BigInt(y.emitted), 0n);
  const cap = BigInt(schedule.lifetimeCap);
  const share = (part: bigint, whole: bigint) => (whole === 0n ? 0 : Number((part * 10_000n) / whole));
  const yearEnd = (year: number) => Number(schedule.start) + year * Number(schedule.yearSeconds);
  return (
    <>
      <section className="card space-y-3 text-sm" aria-labelledby="network">
        <h2 id="network" className="text-lg font-semibold">
          The network
        </h2>
        <dl className="grid grid-cols-2 gap-3">
          <Fact label="Mining paid" value={formatMetis(BigInt(network.totals.mining))} testId="network-mining" />
          <Fact label="Revenue shared" value={formatMetis(BigInt(network.totals.revenue))} testId="network-revenue" />
          <Fact label="Mining per block" value={formatMetis(BigInt(network.rewardPerBlock))} />
          <Fact label="Epochs paid" value={network.lastAppliedEpoch} testId="epochs-paid" />
          <Fact label="Mining reserve" value={formatMetis(BigInt(network.reserve.mining))} />
          <Fact label="Fees waiting for the next report" value={formatMetis(BigInt(network.feeVault.pending))} />
          <Fact label="Revenue owed to epochs" value={formatMetis(BigInt(network.owed.total))} testId="network-owed" />
        </dl>
        <OwedEpochs owed={network.owed} />
        <BarChart
          bars={network.recent.map((e) => ({ t: Number(e.timestamp), label: `Epoch ${e.id}`, values: [BigInt(e.mining), BigInt(e.revenue)] }))}
          series={[
            { name: 'Mining', className: 'fill-brand-500' },
            { name: 'Revenue', className: 'fill-emerald-500' },
          ]}
          what="Rewards paid per epoch, network-wide"
          format={(v) => formatMetis(v)}
          empty="No epoch has been paid yet."
        />
      </section>
      <section className="card space-y-3 text-sm" aria-labelledby="emission">
        <h2 id="emission" className="text-lg font-semibold">
          Emission schedule
        </h2>
        <p className="muted">
          Mining rewards come from a reserve that may release at most {formatMetis(cap, { digits: 0 })} over ten years, each year under its own ceiling.
          Released so far:{' '}
          <span className="font-semibold text-current" data-testid="emission-released">
            {formatMetis(released)}
          </span>{' '}
          ({formatBps(share(released, cap))}).
        </p>
        <table className="w-full text-left">
          <caption className="sr-only">Mining released per emission year against its ceiling</caption>
          <thead className="muted text-xs">
            <tr>
              <th scope="col" className="py-1 font-medium">
                Year
              </th>
              <th scope="col" className="py-1 text-right font-medium">
                Released / ceiling
              </th>
              <th scope="col" className="w-1/3 py-1 font-medium">
                <span className="sr-only">Share of the ceiling</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {schedule.years.map((y) => {
              const current = String(y.year) === schedule.currentYear;
              const used = share(BigInt(y.emitted), BigInt(y.ceiling));
              return (
                <tr key={y.year} className={current ? 'font-semibold' : undefined} data-testid="emission-year" data-current={current || undefined}>
                  <td className="py-1" title={`Ends ${formatDateTime(yearEnd(y.year))}`}>
                    {y.year}
                    {current && <span className="muted text-xs font-normal"> (now)</span>}
                  </td>
                  <td className="py-1 text-right tabular-nums">
                    {formatMetis(BigInt(y.emitted), { digits: 0, symbol: false })} / {formatMetis(BigInt(y.ceiling), { digits: 0, symbol: false })}
                  </td>
                  <td className="py-1 pl-3">
                    <div className="h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800" role="img" aria-label={`${formatBps(used)} of the year's ceiling`}>
                      <div className="h-1.5 rounded-full bg-brand-500" style={{ width: `${Math.min(used, 10_000) / 100}%` }} />
                    </div>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
    </>
  );
}
