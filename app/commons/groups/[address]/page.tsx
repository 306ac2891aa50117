import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { getAddress, isAddress } from 'viem';
import { MembershipSection } from '@/components/commons/commons-actions';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { REMAINDER_POLICIES } from '@/lib/commons';
import { formatVotes, shortAddress } from '@/lib/format';
import { isGroup, readGroup } from '@/lib/server/commons';
import { getDeployment } from '@/lib/server/deployment';

export const metadata: Metadata = { title: 'Group' };

export default async function GroupPage({ params }: { params: Promise<{ address: string }> }) {
  const { address } = await params;
  if (!isAddress(address) || !(await isGroup(getAddress(address)))) notFound();
  const g = await readGroup(getAddress(address));
  const policy = REMAINDER_POLICIES.find((p) => p.value === g.remainderPolicy);

  return (
    <>
      <BackLink href="/commons">Commons</BackLink>
      <PageTitle title={g.name}>{g.focus}</PageTitle>
      <AutoRefresh ms={getDeployment().network === 'local' ? 3_000 : 15_000} />
      <div className="grid items-start gap-6 lg:grid-cols-5">
        <section className="card grid min-w-0 grid-cols-2 gap-4 text-sm lg:col-span-3" aria-label="Group">
          <Stat label="Pooled power" value={<span data-testid="group-pooled" data-value={g.pooledPower.toString()}>{formatVotes(g.pooledPower)}</span>} />
          <Stat label="Members" value={<span data-testid="group-members">{g.memberCount.toString()}</span>} />
          <Stat label="Steward" value={<span className="font-mono" title={g.steward}>{shortAddress(g.steward)}</span>} />
          <Stat label="Unvoted weight" value={policy?.label ?? 'unknown'} hint={policy?.explain} />
          {g.description && <div className="col-span-2"><p className="muted">About</p><p className="mt-0.5 break-words">{g.description}</p></div>}
          <div className="col-span-2">
            <p className="muted">Contract</p>
            <p className="mt-0.5 break-all font-mono text-xs">{g.address}</p>
          </div>
        </section>
        <div className="min-w-0 lg:col-span-2">
          <MembershipSection group={g.address} name={g.name} />
        </div>
      </div>
    </>
  );
}

function Stat({ label, value, hint }: { label: string; value: React.ReactNode; hint?: string }) {
  return (
    <div>
      <p className="muted">{label}</p>
      <p className="mt-0.5 font-semibold">{value}</p>
      {hint && <p className="muted text-xs">{hint}</p>}
    </div>
  );
}
