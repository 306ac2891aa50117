import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { ProposalActions } from '@/components/proposals/proposal-actions';
import { ProposalTally } from '@/components/proposals/tally';
import { ProposalTimeline } from '@/components/proposals/timeline';
import { shortAddress } from '@/lib/format';
import { proposalTitle } from '@/lib/governance';
import { getDeployment } from '@/lib/server/deployment';
import { readProposal, readProposalDescription } from '@/lib/server/governance';

export const metadata: Metadata = { title: 'Proposal' };

const STATE_STYLE: Record<string, string> = {
  pending: 'bg-zinc-500/15 text-zinc-700 dark:text-zinc-300',
  active: 'bg-brand-500/15 text-brand-700 dark:text-brand-300',
  succeeded: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  executed: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  queued: 'bg-amber-500/15 text-amber-700 dark:text-amber-300',
  defeated: 'bg-red-500/15 text-red-700 dark:text-red-300',
  canceled: 'bg-zinc-500/15 text-zinc-600 dark:text-zinc-400',
  expired: 'bg-zinc-500/15 text-zinc-600 dark:text-zinc-400',
};

export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!/^[1-9]\d{0,77}$/.test(id)) notFound();
  const [p, description] = await Promise.all([readProposal(BigInt(id)), readProposalDescription(BigInt(id))]);
  if (!p) notFound();
  const body = (description ?? '').trimStart().split('\n').slice(1).join('\n').trim();

  return (
    <>
      <BackLink href="/proposals">Proposals</BackLink>
      <PageTitle title={proposalTitle(description ?? '')}>
        <span className={`mr-2 rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATE_STYLE[p.state]}`} data-testid="proposal-state">
          {p.state}
        </span>
        proposed by <span className="font-mono">{shortAddress(p.proposer)}</span>
      </PageTitle>
      <AutoRefresh ms={getDeployment().network === 'local' ? 1_500 : 12_000} />
      <div className="grid items-start gap-6 lg:grid-cols-5 lg:grid-rows-[auto_auto_1fr]">
        <div className="min-w-0 lg:col-span-3">
          <ProposalTally tally={p.tally} quorum={p.quorum} />
        </div>
        <div className="min-w-0 lg:col-span-2 lg:col-start-4 lg:row-span-3 lg:row-start-1 space-y-6">
          <ProposalActions proposalId={id} snapshot={p.snapshot} />
          <ProposalTimeline p={p} />
        </div>
        {body && (
          <section className="card min-w-0 lg:col-span-3" aria-labelledby="description">
            <h2 id="description" className="text-lg font-semibold">
              Description
            </h2>
            <div className="mt-3 text-sm whitespace-pre-wrap">{body}</div>
          </section>
        )}
      </div>
    </>
  );
}
