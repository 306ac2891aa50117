import type { Metadata } from 'next';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { NewProposalIsland } from '@/components/proposals/islands';

export const metadata: Metadata = { title: 'New proposal' };

export default function NewProposalPage() {
  return (
    <>
      <BackLink href="/proposals">Proposals</BackLink>
      <PageTitle title="New proposal">Say what should change and why, and add the calls that make it happen if the Commons votes for it.</PageTitle>
      <div className="max-w-3xl">
        <NewProposalIsland />
      </div>
    </>
  );
}
