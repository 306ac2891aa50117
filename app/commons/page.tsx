import type { Metadata } from 'next';
import { ComingSoon, PageTitle } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Commons' };

export default function Page() {
  return (
    <>
      <PageTitle title="Commons" />
      <ComingSoon what="Interest groups that pool small holders' votes: browse, create and join groups, and lock METIS for voting power." />
    </>
  );
}
