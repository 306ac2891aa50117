import type { Metadata } from 'next';
import { ComingSoonPage } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Rewards' };

export default function Page() {
  return <ComingSoonPage title="Rewards" what="Your claimable revenue share and mining rewards per position, with claim, claim-all and compound, and the network's revenue and emission over time." />;
}
