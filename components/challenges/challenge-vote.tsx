'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { type Address, zeroAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { CHALLENGE_STATUSES } from '@/lib/challenges';
import { contractOf } from '@/lib/contracts/descriptors';
import { formatReputation, reasonError } from '@/lib/eco-nodes';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useAccountLabel } from '../dashboard/use-account-name';
import { councilContract } from '../eco-nodes/council';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { useNeedChain } from '../wallet/page-chain';

/**
 * An open challenge for the connected account: Uphold / Reject with a reason for each Eco Node it
 * votes for (`voterOf`), weighted by the node's reputation at the opening; and Resolve for anyone
 * once the contract's `outcome` is decided. Renders nothing when there is nothing to do.
 */
export default function ChallengeVote({ challengeId, council: voted }: { challengeId: string; council: boolean }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const nameOf = useAccountLabel();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const tx = useTransaction();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  useNeedChain('l2');
  const challenges = contractOf(config, 'l2', 'SequencerChallenges');
  const council = councilContract(config);
  const id = BigInt(challengeId);

  const state = useReadContracts({
    contracts: [
      { ...challenges, functionName: 'getChallenge', args: [id] },
      { ...challenges, functionName: 'outcome', args: [id] },
    ],
    allowFailure: false,
    query: { refetchInterval: poll },
  });
  const nodes = useReadContract({ ...council!, functionName: 'nodes', query: { enabled: voted && Boolean(council), refetchInterval: poll } });
  const list = nodes.data ?? [];
  const openedAt = state.data ? BigInt(state.data[0].openedAt) : 0n;
  const seats = useReadContracts({
    contracts: list.flatMap((n) => [
      { ...council!, functionName: 'voterOf', args: [n] } as const,
      { ...challenges, functionName: 'hasVoted', args: [id, n] } as const,
      { ...council!, functionName: 'reputationAt', args: [n, openedAt - 1n] } as const,
    ]),
    allowFailure: false,
    query: { enabled: list.length > 0 && openedAt > 0n, refetchInterval: poll },
  });
  if (!state.data) return null;
  const [c, outcome] = state.data;
  const decided = CHALLENGE_STATUSES[outcome] !== 'open';
  if (CHALLENGE_STATUSES[c.status] !== 'open') return tx.stage.status === 'idle' ? null : <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />;
  const mine = address
    ? list
        .map((node, i) => ({
          node,
          voter: seats.data?.[3 * i] as Address | undefined,
          voted: seats.data?.[3 * i + 1] as boolean | undefined,
          weight: seats.data?.[3 * i + 2] as bigint | undefined,
        }))
        .filter((x) => x.voter?.toLowerCase() === address.toLowerCase() && !x.voted && (x.weight ?? 0n) > 0n)
    : [];
  const target = mine[0];
  const rError = reasonError(reason);

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) {
      setReason('');
      setTouched(false);
      await state.refetch();
      router.refresh();
    }
  }

  function vote(uphold: boolean) {
    setTouched(true);
    if (!target || !address || rError) return;
    const label = `${uphold ? 'Uphold' : 'Reject'} challenge #${challengeId}${target.node === address ? '' : ` for ${nameOf(target.node)}`}`;
    void run(contractStep(wagmiConfig, label, { ...challenges, account: address, functionName: 'vote', args: [target.node, id, uphold, reason.trim()] }));
  }

  const resolve = () =>
    run(
      contractStep(wagmiConfig, `Resolve challenge #${challengeId}`, { ...challenges, account: address ?? zeroAddress, functionName: 'resolve', args: [id] }),
    );

  return (
    <div className="space-y-2" data-testid="challenge-actions">
      {decided && (
        <div className="space-y-1">
          <p className="text-xs">The outcome is decided ({CHALLENGE_STATUSES[outcome]}); anyone may resolve it now.</p>
          <button type="button" className="btn-secondary w-full" disabled={tx.busy || !address} onClick={resolve}>
            Resolve challenge
          </button>
        </div>
      )}
      {!decided && voted && target && (
        <div className="space-y-2">
          <p className="text-xs">
            {target.node === address ? 'You vote' : `You vote for ${nameOf(target.node)}`} with{' '}
            <span className="font-semibold tabular-nums">{formatReputation(target.weight ?? 0n)}</span> reputation (at the opening).
          </p>
          <label htmlFor={`challenge-reason-${challengeId}`} className="label">
            Reason (public)
          </label>
          <textarea
            id={`challenge-reason-${challengeId}`}
            className="input min-h-14 w-full"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            disabled={tx.busy}
          />
          {touched && rError && (
            <p className="text-sm text-red-600 dark:text-red-400" role="alert">
              {rError}
            </p>
          )}
          <div className="grid grid-cols-2 gap-2">
            <button type="button" className="btn-primary" disabled={tx.busy} onClick={() => vote(true)}>
              Uphold
            </button>
            <button type="button" className="btn-secondary" disabled={tx.busy} onClick={() => vote(false)}>
              Reject
            </button>
          </div>
        </div>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
