import type { Metadata } from 'next';
import { ComingSoonPage } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Proposals' };

export default function Page() {
  return <ComingSoonPage title="Proposals" what="Every Commons proposal from vote to Eco Node ratification to execution, with live tallies, quorum and the voters' reasons." />;
}
