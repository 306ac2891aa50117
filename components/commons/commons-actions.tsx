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
const MyVotes = dynamic(() => import('./my-votes'), { ssr: false, loading });
const StewardMotions = dynamic(() => import('./steward-motions'), { ssr: false });

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
      <div className="space-y-6">
        <GroupMembership group={group} name={name} />
        <StewardMotions group={group} name={name} />
      </div>
    </WalletOnly>
  );
}

/** The connected account's voting history (nothing without a wallet). */
export function MyVotesSection() {
  return (
    <WalletOnly>
      <MyVotes />
    </WalletOnly>
  );
}
