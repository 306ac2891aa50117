'use client';

import { useRouter } from 'next/navigation';
import { zeroAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { readContract } from 'wagmi/actions';
import { contractOf, groupContract } from '@/lib/contracts/descriptors';
import { formatDateTime, formatMetis } from '@/lib/format';
import { GOVERNOR_STATES, SUPPORT, type Support } from '@/lib/proposals';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { relayDeadline, relayStep, useGasless } from '../tx/relay-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';

const CHOICES: { key: Support; label: string }[] = [
  { key: 'for', label: 'For' },
  { key: 'against', label: 'Against' },
  { key: 'abstain', label: 'Abstain' },
];

/**
 * Voting on one proposal with a reason: directly with the voting power delegated to the account at
 * the snapshot, or, when the account had delegated to a group, inside that group (forwarded to the
 * governor at once) until the group's internal voting closes. An account without METIS on L2 for gas votes
 * without gas: it signs the vote and the relay sends it (components/tx/relay-step.ts, docs/MECHANISMS.md §8).
 */
export default function VotePanel({ proposalId, snapshot }: { proposalId: string; snapshot: number }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const now = useChainNow(config.l2.chainId);
  // One flow for the form and what the panel shows once it is gone (the vote is in): the panel shows it.
  const tx = useTransaction();
  const gasless = useGasless(config, address);
  useNeedChain('l2');
  const id = BigInt(proposalId);
  const governor = contractOf(config, 'l2', 'CommonsGovernor');
  const veMetis = contractOf(config, 'l2', 'VeMetis');
  const started = now > snapshot;

  const reads = useReadContracts({
    contracts: [
      { ...governor, functionName: 'state', args: [id] },
      { ...governor, functionName: 'hasVoted', args: [id, address ?? zeroAddress] },
      { ...governor, functionName: 'getVotes', args: [address ?? zeroAddress, BigInt(snapshot)] },
      { ...veMetis, functionName: 'getPastDelegate', args: [address ?? zeroAddress, BigInt(snapshot)] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address) && started, refetchInterval: poll },
  });
  const delegatee = reads.data?.[3];
  const isGroup = useReadContract({
    ...contractOf(config, 'l2', 'CommonsRegistry'),
    functionName: 'isGroup',
    args: [delegatee ?? zeroAddress],
    query: { enabled: Boolean(delegatee) && delegatee !== zeroAddress },
  });
  const group = isGroup.data ? groupContract(config, delegatee!) : undefined;
  const groupReads = useReadContracts({
    contracts: [
      { ...group!, functionName: 'name' },
      { ...group!, functionName: 'votingWeight', args: [id, address ?? zeroAddress] },
      { ...group!, functionName: 'memberVote', args: [id, address ?? zeroAddress] },
      { ...group!, functionName: 'internalVotingDeadline', args: [id] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(group) && Boolean(address), refetchInterval: poll },
  });
  const form = useTxForm(
    { choice: undefined as Support | undefined, reason: '' },
    {
      tx,
      clear: [],
      onDone: async () => {
        await Promise.all([reads.refetch(), groupReads.refetch()]);
        router.refresh();
      },
    },
  );
  const { choice, reason } = form.values;

  if (!address) return null; // the island asks to connect
  if (!started) {
    return (
      <Card>
        <p className="muted text-sm">Voting opens {formatDateTime(snapshot)}. Your voting power is counted as it stands at that moment.</p>
      </Card>
    );
  }
  if (!reads.data) return <Card>{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</Card>;
  const [state, hasVoted, directWeight] = reads.data;
  const active = GOVERNOR_STATES[state] === 'active';
  const inGroup = group && groupReads.data;
  const [groupName, groupWeight, [, memberWeight], internalDeadline] = inGroup ? groupReads.data : ['', 0n, [0, 0n] as const, 0n];
  const groupOpen = Boolean(inGroup) && now < Number(internalDeadline) && memberWeight === 0n && groupWeight > 0n;

  const route: { kind: 'direct' | 'group'; weight: bigint } | undefined =
    directWeight > 0n && !hasVoted ? { kind: 'direct', weight: directWeight } : groupOpen ? { kind: 'group', weight: groupWeight } : undefined;
  const status = !active
    ? 'Voting is closed.'
    : hasVoted && directWeight > 0n
      ? 'You have voted on this proposal.'
      : inGroup && memberWeight > 0n
        ? `You voted inside ${groupName} with ${formatMetis(memberWeight, { symbol: false })} votes.`
        : inGroup && !groupOpen && groupWeight > 0n
          ? `Voting inside ${groupName} closed on ${formatDateTime(Number(internalDeadline))}.`
          : !route
            ? 'You had no voting power at the snapshot: lock METIS and delegate before the next proposal opens.'
            : undefined;
  const errors = { choice: choice ? undefined : 'Choose For, Against or Abstain.' };
  const error = form.shown(errors.choice);

  function steps() {
    if (!choice || !route) return undefined;
    const support = SUPPORT[choice];
    const label = `Vote ${choice}${route.kind === 'group' ? ` inside ${groupName}` : ''}`;
    const voter = address as NonNullable<typeof address>;
    const inside = group;
    if (gasless && (route.kind === 'direct' || inside)) {
      const signed = `${label} (signed; the relay pays the gas)`;
      return [
        route.kind === 'direct'
          ? relayStep(wagmiConfig, config, voter, signed, async () => ({
              kind: 'vote',
              proposalId: id,
              support,
              voter,
              reason: reason.trim(),
              nonce: await readContract(wagmiConfig, { ...governor, functionName: 'nonces', args: [voter] }),
            }))
          : relayStep(wagmiConfig, config, voter, signed, async () => ({
              kind: 'group-ballot',
              group: (inside as NonNullable<typeof inside>).address,
              proposalId: id,
              support,
              reason: reason.trim(),
              member: voter,
              nonce: await readContract(wagmiConfig, { ...(inside as NonNullable<typeof inside>), functionName: 'nonces', args: [voter] }),
              deadline: await relayDeadline(wagmiConfig, config),
            })),
      ];
    }
    return [
      route.kind === 'direct'
        ? contractStep(wagmiConfig, label, { ...governor, account: address, functionName: 'castVoteWithReason', args: [id, support, reason.trim()] })
        : contractStep(wagmiConfig, label, { ...group!, account: address, functionName: 'castVote', args: [id, support, reason.trim()] }),
    ];
  }

  return (
    <Card>
      {route && active ? (
        <TxForm form={form} errors={errors} steps={steps} label={gasless ? 'Vote without gas' : 'Cast vote'} busyLabel="Voting…">
          {gasless && (
            <p className="muted text-sm" data-testid="gasless-note">
              You have no METIS on L2 to pay gas: your wallet signs the vote (no transaction), and the relay sends it and pays the gas, within a daily quota.
            </p>
          )}
          <p className="text-sm">
            You vote with <span className="font-semibold tabular-nums">{formatMetis(route.weight, { symbol: false })}</span> votes
            {route.kind === 'group' ? (
              <>
                {' '}
                inside <span className="font-semibold">{groupName}</span>, until {formatDateTime(Number(internalDeadline))}; your vote is forwarded to the
                Commons at once.
              </>
            ) : (
              '.'
            )}
          </p>
          <fieldset disabled={form.busy}>
            <legend className="label">Your vote</legend>
            <div className="mt-1 grid grid-cols-3 gap-2">
              {CHOICES.map((c) => (
                <label
                  key={c.key}
                  className={`btn-secondary cursor-pointer has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${choice === c.key ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}
                >
                  <input type="radio" name="support" value={c.key} className="sr-only" checked={choice === c.key} onChange={() => form.set('choice', c.key)} />
                  {c.label}
                </label>
              ))}
            </div>
            {error && (
              <p className="mt-1 text-sm text-red-600 dark:text-red-400" role="alert">
                {error}
              </p>
            )}
          </fieldset>
          <div>
            <label htmlFor="vote-reason" className="label">
              Reason (optional, public)
            </label>
            <textarea
              id="vote-reason"
              className="input mt-1 min-h-20 w-full"
              value={reason}
              maxLength={2_000}
              onChange={(e) => form.set('reason', e.target.value)}
              disabled={form.busy}
            />
          </div>
        </TxForm>
      ) : (
        <p className="text-sm" data-testid="vote-status">
          {status}
        </p>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </Card>
  );
}

function Card({ children }: { children: React.ReactNode }) {
  return (
    <section className="card space-y-3" aria-labelledby="vote">
      <h2 id="vote" className="text-lg font-semibold">
        Vote
      </h2>
      {children}
    </section>
  );
}
