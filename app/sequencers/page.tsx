import type { Metadata } from 'next';
import { ComingSoonPage } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Sequencers' };

export default function Page() {
  return <ComingSoonPage title="Sequencers" what="Every sequencer with its status, stake, cap use and commission, the current one marked; delegate, undelegate and redelegate METIS, and run your own sequencer's stake." />;
}
