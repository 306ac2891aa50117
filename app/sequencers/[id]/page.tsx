import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { SequencerActions } from '@/components/sequencers/sequencer-actions';
import { formatDateTime, formatMetis, shortAddress } from '@/lib/format';
import { parseSequencerMetadata } from '@/lib/sequencers';
import { apiGet } from '@/lib/server/api';

export const metadata: Metadata = { title: 'Sequencer' };

interface ApiSequencer {
  id: string;
  owner: string;
  signer: string;
  status: string;
  selfLock: string;
  delegated: string;
  totalStake: string;
  commissionBps: number;
  metadataURI: string;
  delegatorCount: number;
  epochsProduced: number;
  current: boolean;
}
interface StakeEvent {
  id: string;
  account: string;
  kind: string;
  amount: string;
  totalStakeAfter: string;
  timestamp: string;
}

export default async function SequencerPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9]\d{0,18}$/.test(id)) notFound();
  const s = await apiGet<ApiSequencer>(`/sequencers/${id}`).catch(() => null);
  if (!s) notFound();
  const history = await apiGet<{ items: StakeEvent[] }>(`/sequencers/${id}/history?limit=15`);
  const meta = parseSequencerMetadata(s.metadataURI);

  return (
    <>
      <BackLink href="/sequencers">Sequencers</BackLink>
      <PageTitle title={meta.name ?? `Sequencer #${s.id}`}>{meta.description}</PageTitle>
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="space-y-6 lg:col-span-3">
          <section className="card grid grid-cols-2 gap-4 text-sm sm:grid-cols-3" aria-label="Sequencer">
            <Stat label="Status" value={<span className="capitalize">{s.status}{s.current ? ' · producing now' : ''}</span>} />
            <Stat label="Self-lock" value={formatMetis(BigInt(s.selfLock))} />
            <Stat label="Delegated" value={formatMetis(BigInt(s.delegated))} />
            <Stat label="Commission" value={`${s.commissionBps / 100}%`} />
            <Stat label="Delegators" value={s.delegatorCount} />
            <Stat label="Epochs produced" value={s.epochsProduced} />
            <Stat label="Operator" value={<span className="font-mono">{shortAddress(s.owner)}</span>} />
            <Stat label="Signer" value={<span className="font-mono">{shortAddress(s.signer)}</span>} />
            {meta.website && <Stat label="Website" value={<a className="underline" href={meta.website} rel="noreferrer" target="_blank">{meta.website.replace(/^https?:\/\//, '')}</a>} />}
          </section>
          <section className="card" aria-labelledby="history">
            <h2 id="history" className="text-lg font-semibold">Stake history</h2>
            <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              {history.items.map((e) => (
                <li key={e.id} className="flex flex-wrap justify-between gap-2 py-2">
                  <span>
                    <span className="font-medium capitalize">{e.kind.replace('-', ' ')}</span>{' '}
                    <span className="muted font-mono text-xs">{shortAddress(e.account)}</span>
                  </span>
                  <span className="tabular-nums">
                    {BigInt(e.amount) > 0n && formatMetis(BigInt(e.amount))}
                    <span className="muted ml-3 text-xs">{formatDateTime(Number(e.timestamp))}</span>
                  </span>
                </li>
              ))}
            </ul>
          </section>
        </div>
        <div className="lg:col-span-2">
          <SequencerActions sequencerId={s.id} />
        </div>
      </div>
    </>
  );
}

function Stat({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <p className="muted">{label}</p>
      <p className="mt-0.5 font-semibold">{value}</p>
    </div>
  );
}
