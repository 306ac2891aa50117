import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { RatificationVotes } from '@/components/eco-nodes/ratification-votes';
import { AutoRefresh } from '@/components/layout/auto-refresh';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { ActionsList } from '@/components/proposals/actions-list';
import { ProposalActionsIsland } from '@/components/proposals/islands';
import { Markdown } from '@/components/proposals/markdown';
import { OverridePanel, RatificationWindowNote } from '@/components/proposals/override-panel';
import { SimulatePanel } from '@/components/proposals/simulate-panel';
import { StateBadge } from '@/components/proposals/state-badge';
import { ProposalTally } from '@/components/proposals/tally';
import { ProposalTimeline } from '@/components/proposals/timeline';
import { VoterTabs } from '@/components/proposals/voter-tabs';
import { NonVoters, Voters } from '@/components/proposals/voters';
import { Account } from '@/components/ui/account';
import { shortHash } from '@/lib/format';
import { parseProposalId } from '@/lib/route-params';
import { apiGet } from '@/lib/server/api';
import { getDeployment } from '@/lib/server/deployment';
import { readProposal } from '@/lib/server/governance';

export const metadata: Metadata = { title: 'Proposal' };

export default async function ProposalPage({ params }: { params: Promise<{ id: string }> }) {
  const proposalId = parseProposalId((await params).id) ?? notFound();
  const id = proposalId.toString();
  // Live tallies and timing from the governor; text, actions and voters from the indexer (which may be
  // a block behind a brand-new proposal: the page then shows what the chain has).
  const deployment = getDeployment();
  const hasCouncil = Boolean(deployment.l2.contracts.EcoNodeCouncil);
  const [p, detail, votes, nonVoters, timeline, ratification, nodes] = await Promise.all([
    readProposal(proposalId),
    apiGet('/proposals/:id', { id }).catch(() => null),
    apiGet('/proposals/:id/votes', { id, limit: 50 }).catch(() => null),
    apiGet('/proposals/:id/non-voters', { id, limit: 50 }).catch(() => null),
    apiGet('/proposals/:id/timeline', { id }).catch(() => null),
    hasCouncil ? apiGet('/proposals/:id/ratification', { id }).catch(() => null) : null,
    hasCouncil ? apiGet('/eco-nodes').catch(() => null) : null,
  ]);
  if (!p) notFound();
  // After the Commons vote: the lifecycle buttons need the proposal's actions and description (to hash it).
  // Executed and defeated keep the panel mounted, so that the confirmation of the step that got the
  // proposal there (execute; a settle that rejected it) stays on screen after the page refreshes.
  const lifecycle =
    detail && ['succeeded', 'queued', 'executed', 'defeated', 'expired'].includes(p.state)
      ? {
          proposalId: id,
          title: detail.title,
          description: detail.description,
          actions: detail.actions.map((a) => ({ target: a.target, value: a.value, calldata: a.calldata })),
        }
      : undefined;
  const l1Outbox = deployment.l2.contracts.MessageOutbox?.address.toLowerCase();
  const hasL1Actions = Boolean(detail?.actions.some((a) => a.target.toLowerCase() === l1Outbox));
  const description = detail?.description ?? '';
  // Once groups' internal voting has closed: those whose members voted and whose remainder is still open.
  const remainders =
    p.state === 'active' && p.now >= p.internalDeadline
      ? (votes?.items ?? [])
          .filter((b) => b.isGroup && b.group?.remainderPolicy === 'follow-majority' && !b.remainder && (b.members?.length ?? 0) > 0)
          .map((b) => ({ address: b.voter, name: b.group!.name }))
      : undefined;
  const body = description.trimStart().split('\n').slice(1).join('\n').trim();

  return (
    <>
      <BackLink href="/proposals">Proposals</BackLink>
      <PageTitle title={detail?.title ?? `Proposal ${shortHash(id)}`}>
        <StateBadge state={p.state} />
        {p.isOverride && (
          <span
            className="ml-1 rounded-full bg-violet-500/15 px-2 py-0.5 text-xs font-semibold text-violet-700 dark:text-violet-300"
            data-testid="override-badge"
          >
            Override
          </span>
        )}{' '}
        proposed by <Account address={p.proposer} />
      </PageTitle>
      <AutoRefresh pace="vote" />
      <div className="grid items-start gap-6 lg:grid-cols-5 lg:grid-rows-[auto_auto_1fr]">
        <div className="min-w-0 lg:col-span-3">
          <ProposalTally tally={p.tally} quorum={p.requiredQuorum} />
        </div>
        {(p.isOverride || p.state === 'succeeded' || p.state === 'expired' || detail?.overriddenBy) && (
          <div className="min-w-0 lg:col-span-3 space-y-6">
            {p.isOverride && <OverridePanel tally={p.tally} quorum={p.quorum} overrides={detail?.overrides ?? null} />}
            {!p.isOverride && (
              <RatificationWindowNote
                state={p.state}
                openBy={p.ratificationDeadline}
                opened={Boolean(ratification?.ratification)}
                now={p.now}
                overriddenBy={detail?.overriddenBy ?? null}
              />
            )}
          </div>
        )}
        <div className="min-w-0 lg:col-span-2 lg:col-start-4 lg:row-span-3 lg:row-start-1 space-y-6">
          <ProposalActionsIsland proposalId={id} snapshot={p.snapshot} remainders={remainders} lifecycle={lifecycle} />
          {ratification?.ratification && <RatificationVotes answer={ratification} nodes={nodes?.items ?? []} chainId={deployment.l2.chainId} />}
          <ProposalTimeline
            p={p}
            steps={timeline?.steps}
            deployment={deployment}
            ratificationPeriod={ratification ? Number(ratification.ratificationPeriod) : undefined}
            hasL1Actions={hasL1Actions}
          />
        </div>
        {detail && detail.actions.length > 0 && (
          <div className="min-w-0 lg:col-span-3 space-y-6">
            <ActionsList actions={detail.actions} />
            <SimulatePanel request={{ proposalId: id }} />
          </div>
        )}
        {votes && (
          <div className="min-w-0 lg:col-span-3">
            <VoterTabs
              voters={<Voters ballots={votes.items} />}
              nonVoters={nonVoters ? <NonVoters answer={nonVoters} /> : <p className="muted text-sm">Who has not voted is not available right now.</p>}
            />
          </div>
        )}
        {body && (
          <section className="card min-w-0 lg:col-span-3" aria-labelledby="description">
            <h2 id="description" className="text-lg font-semibold">
              Description
            </h2>
            <div className="mt-3">
              <Markdown source={body} />
            </div>
          </section>
        )}
      </div>
    </>
  );
}
