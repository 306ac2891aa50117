import { AccountPanelIsland } from '@/components/dashboard/islands';
import { PageTitle } from '@/components/layout/page-title';

export default function DashboardPage() {
  return (
    <>
      <PageTitle title="Dashboard">Your METIS on Ethereum and on Metis, and what moved it.</PageTitle>
      <AccountPanelIsland />
    </>
  );
}
