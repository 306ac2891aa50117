'use client';

import dynamic from 'next/dynamic';
import { WalletOnly } from '../wallet/wallet-root';

// The wallet side of challenges loads with the wallet stack, never in the page's first load.
const ChallengeVote = dynamic(() => import('./challenge-vote'), { ssr: false });
const ChallengeForm = dynamic(() => import('./challenge-form'), { ssr: false });

/** Uphold / Reject with a reason for the connected node's voter; Resolve for anyone once decided. */
export function ChallengeVoteIsland({ challengeId, council }: { challengeId: string; council: boolean }) {
  return (
    <WalletOnly fallback={null}>
      <ChallengeVote challengeId={challengeId} council={council} />
    </WalletOnly>
  );
}

/** "Challenge this sequencer": the form, once a wallet is connected. */
export function ChallengeFormIsland(props: React.ComponentProps<typeof ChallengeForm>) {
  return (
    <WalletOnly fallback={<p className="muted text-sm">Connect a wallet to challenge this sequencer (anyone may, with a bond).</p>}>
      <ChallengeForm {...props} />
    </WalletOnly>
  );
}
