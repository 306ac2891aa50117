'use client';

import dynamic from 'next/dynamic';
import type { Address } from 'viem';
import { walletIsland } from '../wallet/wallet-island';

// The wallet side of the Commons loads with the wallet stack, never in a page's first load.
const loading = () => <div className="card muted text-sm">Loading…</div>;
const VotingPower = dynamic(() => import('./voting-power'), { ssr: false, loading });
const CreateGroupForm = dynamic(() => import('./create-group-form'), { ssr: false, loading });
const GroupMembership = dynamic(() => import('./group-membership'), { ssr: false, loading });
const MyVotes = dynamic(() => import('./my-votes'), { ssr: false, loading });
const StewardMotions = dynamic(() => import('./steward-motions'), { ssr: false });

/** The connected account's lock (voting power) and its delegation, with the lock forms. */
export const VotingPowerIsland = walletIsland(VotingPower, { why: 'to lock METIS for voting power and pool it in a group.' });

/** The form that creates an interest group (nothing without a wallet). */
export const CreateGroupIsland = walletIsland(CreateGroupForm, {});

function Membership({ group, name }: { group: Address; name: string }) {
  return (
    <div className="space-y-6">
      <GroupMembership group={group} name={name} />
      <StewardMotions group={group} name={name} />
    </div>
  );
}

/** Joining or leaving a group, and its steward's motions, for the connected account. */
export const MembershipIsland = walletIsland(Membership, { why: 'to join this group and pool your voting power in it.' });

/** The connected account's voting history (nothing without a wallet). */
export const MyVotesIsland = walletIsland(MyVotes, {});
