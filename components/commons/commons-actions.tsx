'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import { ConnectPrompt } from '../dashboard/connect-prompt';
import { WalletOnly } from '../wallet/wallet-root';

// The wallet-side panels load with the wallet stack, never in a page's first load.
const loading = () => <div className="card muted text-sm">Loading…</div>;
const VotingPower = dynamic(() => import('./voting-power'), { ssr: false, loading });
const CreateGroupForm = dynamic(() => import('./create-group-form'), { ssr: false, loading });
const GroupMembership = dynamic(() => import('./group-membership'), { ssr: false, loading });

export function VotingPowerSection({ groups }: { groups: { address: Address; name: string }[] }) {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to lock METIS for voting power and pool it in a group." />}>
      <VotingPower groups={groups} />
    </WalletOnly>
  );
}

export function CreateGroupSection() {
  return (
    <WalletOnly>
      <CreateGroupForm />
    </WalletOnly>
  );
}

export function MembershipSection({ group, name }: { group: Address; name: string }) {
  return (
    <WalletOnly fallback={<ConnectPrompt why="to join this group and pool your voting power in it." />}>
      <GroupMembership group={group} name={name} />
    </WalletOnly>
  );
}
