import type { Metadata } from 'next';
import { BackLink, PageTitle } from '@/components/layout/page-title';
import { RegisterIsland } from '@/components/operator/islands';

export const metadata: Metadata = { title: 'Run a sequencer' };

export default function RegisterPage() {
  return (
    <>
      <BackLink href="/sequencers">Sequencers</BackLink>
      <PageTitle title="Run a sequencer">
        Operators approved by governance lock METIS on L1 to produce L2 blocks, and earn a commission on the rewards of those who delegate to them.
      </PageTitle>
      <div className="max-w-xl">
        <RegisterIsland />
      </div>
    </>
  );
}
