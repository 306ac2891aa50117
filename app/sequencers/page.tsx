import type { Metadata } from 'next';
import Link from 'next/link';
import { UnavailableCard } from '@/components/layout/api-status';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { PageTitle } from '@/components/layout/page-title';
import { type SequencerRow, SequencerTable, SORT_KEYS, type SortKey, sortRows } from '@/components/sequencers/sequencer-table';
import type { BeaconDrawItem } from '@/lib/api';
import { contractOf } from '@/lib/contracts/descriptors';
import { formatDateTime, formatMetis } from '@/lib/format';
import { aprExplanation, capUseBps, commissionAt, parseSequencerMetadata } from '@/lib/sequencers';
import { apiGet, ifUnavailable } from '@/lib/server/api';
import { chainNow, serverClient } from '@/lib/server/chain';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Sequencers' };

export default async function SequencersPage({ searchParams }: { searchParams: Promise<{ sort?: string; dir?: string }> }) {
  const params = await searchParams;
  const sort: SortKey = SORT_KEYS.includes(params.sort as SortKey) ? (params.sort as SortKey) : 'totalStake';
  const dir = params.dir === 'asc' ? 'asc' : 'desc';
  const deployment = getDeployment();
  const staking = contractOf(deployment, 'l1', 'SequencerStaking');
  const l1 = serverClient('l1');
  const set = contractOf(deployment, 'l2', 'SequencerSet');
  const l2 = serverClient('l2');

  // Parameters come from the chain; lists from the chain-data API.
  const [list, multiplier, maxStake, epochLength, now, gracePeriod, rotationFrom, anyoneFrom] = await Promise.all([
    apiGet('/sequencers').catch(ifUnavailable(null)),
    l1.readContract({ ...staking, functionName: 'delegationMultiplier' }),
    l1.readContract({ ...staking, functionName: 'maxSequencerStake' }),
    l2.readContract({ ...set, functionName: 'epochLength' }),
    chainNow('l1'),
    l2.readContract({ ...set, functionName: 'rotationGracePeriod' }),
    l2.readContract({ ...set, functionName: 'nextRotationBlock' }),
    l2.readContract({ ...set, functionName: 'anyoneMayRotateFrom' }),
  ]);

  const rows: SequencerRow[] = (list?.items ?? []).map((s) => {
    const stake = { selfLock: BigInt(s.selfLock), delegated: BigInt(s.delegated), totalStake: BigInt(s.totalStake) };
    return {
      ...s,
      ...stake,
      name: parseSequencerMetadata(s.metadataURI).name ?? `Sequencer #${s.id}`,
      capUseBps: capUseBps(stake, BigInt(multiplier), maxStake),
      commission: commissionAt(s, now),
    };
  });
  const current = list?.currentEpoch;
  const producer = current && rows.find((r) => r.id === current.sequencerId);
  const total = rows.reduce((sum, r) => sum + r.totalStake, 0n);

  return (
    <>
      <PageTitle title="Sequencers">
        Sequencers lock METIS on L1 to produce L2 blocks; one is picked per epoch of {epochLength.toString()} L2 blocks, with odds in proportion to its stake,
        drawn with L1 randomness that was fixed before the previous epoch&apos;s producer could see it. An epoch is paid for at most {epochLength.toString()}{' '}
        blocks; if it is not rotated within {gracePeriod.toString()} blocks of its end (the rotation grace period), anyone may rotate it. Delegations are capped
        at {multiplier.toString()}× a sequencer&apos;s self-lock and {formatMetis(maxStake, { digits: 0 })} in all.{' '}
        <Link href="/sequencers/register" className="font-semibold text-brand-700 hover:underline dark:text-brand-400">
          Run a sequencer →
        </Link>
      </PageTitle>
      <AutoRefresh />
      {!list ? (
        <UnavailableCard title="The sequencer set" />
      ) : (
        <>
          <section className="mb-6 grid gap-4 sm:grid-cols-3" aria-label="Sequencer set">
            <div className="card" data-testid="current-epoch" data-epoch={current?.id}>
              <p className="muted text-sm">Current epoch</p>
              <p className="mt-1 text-2xl font-bold tabular-nums">{current ? `#${current.id}` : 'not started'}</p>
              {current && (
                <p className="muted text-xs">
                  L2 blocks {current.startBlock}–{current.endBlock}
                </p>
              )}
              {current && rotationFrom > 0n && (
                <p
                  className="muted text-xs"
                  data-testid="rotation-grace"
                  data-epoch={current.id}
                  data-rotation-from={rotationFrom.toString()}
                  data-anyone-from={anyoneFrom.toString()}
                  data-grace={gracePeriod.toString()}
                >
                  Rotates from block {rotationFrom.toString()} (its sequencer or a keeper); anyone may rotate from block {anyoneFrom.toString()} (grace period{' '}
                  {gracePeriod.toString()} blocks).
                </p>
              )}
              {current && <NextSeed beacon={list.nextBeacon} />}
            </div>
            <div className="card">
              <p className="muted text-sm">Producing now</p>
              <p className="mt-1 truncate text-2xl font-bold">{producer?.name ?? '—'}</p>
            </div>
            <div className="card">
              <p className="muted text-sm">Total staked</p>
              <p className="mt-1 text-2xl font-bold tabular-nums">{formatMetis(total, { digits: 0 })}</p>
              <p className="muted text-xs">
                {rows.filter((r) => r.status === 'active').length} active of {rows.length}
              </p>
            </div>
          </section>
          {rows.length === 0 ? (
            <div className="card muted text-sm">No sequencer has registered yet.</div>
          ) : (
            <SequencerTable
              rows={sortRows(rows, sort, dir)}
              sort={sort}
              dir={dir}
              recentWindow={list.recentEpochWindow}
              aprExplained={aprExplanation(list.aprWindow)}
            />
          )}
        </>
      )}
    </>
  );
}

/** Where the randomness of the next rotation's draw stands: requested at the last rotation, fixed on L1, arrived on L2. */
function NextSeed({ beacon }: { beacon: BeaconDrawItem | null }) {
  const at = (t: string | null) => (t === null ? null : formatDateTime(Number(t)));
  return (
    <p
      className="muted text-xs"
      data-testid="next-seed"
      data-epoch={beacon?.epoch}
      data-requested-at={beacon?.requestedAt ?? undefined}
      data-recorded-at={beacon?.recordedAt ?? undefined}
      data-l1-block={beacon?.l1BlockNumber ?? undefined}
      data-received-at={beacon?.receivedAt ?? undefined}
    >
      {!beacon || beacon.requestedAt === null ? (
        <>Next rotation&apos;s seed: not requested yet.</>
      ) : (
        <>
          Next rotation&apos;s seed (epoch #{beacon.epoch}): requested {at(beacon.requestedAt)};{' '}
          {beacon.recordedAt === null ? (
            'not fixed on L1 yet'
          ) : (
            <>
              fixed on L1 {at(beacon.recordedAt)} (block {beacon.l1BlockNumber})
            </>
          )}
          ; {beacon.receivedAt === null ? 'not arrived on L2 yet (the rotation waits for it).' : <>arrived on L2 {at(beacon.receivedAt)}.</>}
        </>
      )}
    </p>
  );
}
