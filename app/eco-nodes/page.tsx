import type { Metadata } from 'next';
import { ComingSoon, PageTitle } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Eco Nodes' };

export default function Page() {
  return (
    <>
      <PageTitle title="Eco Nodes" />
      <ComingSoon what="The upper house: the council with its reputation, the ratification queue, and Commons groups on their way to promotion." />
    </>
  );
}
