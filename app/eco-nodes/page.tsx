import type { Metadata } from 'next';
import { ComingSoonPage } from '@/components/layout/page-title';

export const metadata: Metadata = { title: 'Eco Nodes' };

export default function Page() {
  return <ComingSoonPage title="Eco Nodes" what="The upper house: the council with its reputation, the ratification queue, and Commons groups on their way to promotion." />;
}
