import type { Metadata } from 'next';
import { ComingSoonPage } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Commons' };

export default function Page() {
  return <ComingSoonPage title="Commons" what="Interest groups that pool small holders' votes: browse, create and join groups, and lock METIS for voting power." />;
}
