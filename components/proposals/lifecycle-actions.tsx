'use client';

import { useRouter } from 'next/navigation';
import { type Address, type Hex, keccak256, maxUint256, toHex, zeroAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { ecoNodeCouncilAbi } from '@/lib/contracts/abis';
import { GOVERNOR_STATES, lifecycleAction, RATIFICATION_STATUSES } from '@/lib/eco-nodes';
import { formatDateTime } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { councilContract, governorContract } from '../eco-nodes/council';
import RatificationVote from '../eco-nodes/ratification-vote';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';

export interface LifecycleProps {
  proposalId: string;
  title: string;
  description: string;
  actions: { target: Address; value: string; calldata: Hex }[];
}

/**
 * What anyone can do next with a proposal once the Commons vote is over (docs/MECHANISMS.md §6): open its
 * ratification, vote on it (Eco Nodes) or settle it, queue it in the timelock once ratified, and
 * execute it once the timelock's delay has passed (with a countdown to that moment before).
 * Reads the governor, the council and the clock live, so the button matches the chain.
 */
export default function LifecycleActions({ proposalId, title, description, actions }: LifecycleProps) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const now = useChainNow(config.l2.chainId);
  const tx = useTransaction();
  useNeedChain('l2');
  const id = BigInt(proposalId);
  const governor = governorContract(config);
  const council = councilContract(config);

  const gov = useReadContracts({
    contracts: [
      { ...governor, functionName: 'state', args: [id] },
      { ...governor, functionName: 'proposalEta', args: [id] },
      { ...governor, functionName: 'ratificationStatus', args: [id] },
      { ...governor, functionName: 'isOverride', args: [id] },
      { ...governor, functionName: 'ratificationDeadline', args: [id] },
      { ...governor, functionName: 'overrideOf', args: [id] },
      { ...governor, functionName: 'overrideCoolOff' },
      { ...governor, functionName: 'proposalDeadline', args: [id] },
    ],
    allowFailure: false,
    query: { refetchInterval: poll },
  });
  const rat = useReadContract({
    address: council?.address ?? zeroAddress,
    abi: ecoNodeCouncilAbi,
    chainId: config.l2.chainId,
    functionName: 'ratification',
    args: [id],
    query: { enabled: Boolean(council), refetchInterval: poll },
  });

  if (!gov.data || !address || (council && !rat.data)) return null;
  const [stateIndex, eta, gateStatus, isOverride, openBy, overrideId, coolOff, voteEnd] = gov.data;
  const state = GOVERNOR_STATES[stateIndex];
  // Without a council (a deployment whose gate is not the council), the governor's gate status alone.
  const r = council
    ? rat.data && {
        openedAt: Number(rat.data.openedAt),
        deadline: Number(rat.data.deadline),
        settled: rat.data.settled,
        status: RATIFICATION_STATUSES[rat.data.status],
      }
    : RATIFICATION_STATUSES[gateStatus] !== 'pending'
      ? { openedAt: 1, deadline: 0, settled: true, status: RATIFICATION_STATUSES[gateStatus] }
      : undefined;
  const next = lifecycleAction(state, r, Number(eta), now, {
    isOverride,
    openBy: openBy === maxUint256 ? undefined : Number(openBy),
    overrideFrom: Number(voteEnd) + Number(coolOff),
    overridden: overrideId !== 0n,
  });
  if (!next) {
    // Keep the outcome of a step that just ended the lifecycle (e.g. Execute) in view.
    if (tx.stage.status === 'idle') return null;
    return (
      <section className="card space-y-3" aria-labelledby="lifecycle" data-testid="lifecycle" data-next="none">
        <h2 id="lifecycle" className="text-lg font-semibold">
          Next step
        </h2>
        <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
      </section>
    );
  }

  const targets = actions.map((a) => a.target);
  const values = actions.map((a) => BigInt(a.value));
  const calldatas = actions.map((a) => a.calldata);
  const descriptionHash = keccak256(toHex(description));

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) {
      await Promise.all([gov.refetch(), rat.refetch()]);
      router.refresh();
    }
  }
  const open = () =>
    council &&
    run(contractStep(wagmiConfig, `Open the ratification of “${title}”`, { ...council, account: address, functionName: 'openRatification', args: [id] }));
  const queue = () =>
    run(
      contractStep(wagmiConfig, `Queue “${title}” in the timelock`, {
        ...governor,
        account: address,
        functionName: 'queue',
        args: [targets, values, calldatas, descriptionHash],
      }),
    );
  const proposeOverride = () =>
    run(
      contractStep(wagmiConfig, `Propose the Commons override of “${title}”`, {
        ...governor,
        account: address,
        functionName: 'proposeOverride',
        args: [
          targets,
          values,
          calldatas,
          descriptionHash,
          `# Override: ${title}\n\nThe Eco Nodes refused this proposal; the Commons decides again, with the higher bar: at least 2/3 of the votes cast and twice the quorum. Same actions as the refused proposal.`,
        ],
      }),
    );
  const execute = () =>
    run(
      contractStep(wagmiConfig, `Execute “${title}”`, {
        ...governor,
        account: address,
        functionName: 'execute',
        args: [targets, values, calldatas, descriptionHash],
      }),
    );

  return (
    <section className="card space-y-3" aria-labelledby="lifecycle" data-testid="lifecycle" data-next={next.kind}>
      <h2 id="lifecycle" className="text-lg font-semibold">
        {next.kind === 'vote' || next.kind === 'settle' ? 'Ratification' : 'Next step'}
      </h2>
      {next.kind === 'open' &&
        (council ? (
          <>
            <p className="muted text-sm">
              The Commons passed it. Before it can be queued, the Eco Nodes must ratify it: anyone can open the ratification
              {next.openBy !== undefined && (
                <>
                  , until <span data-testid="open-by">{formatDateTime(next.openBy)}</span> (after that it expires)
                </>
              )}
              .
            </p>
            <button type="button" className="btn-primary w-full" disabled={tx.busy} onClick={open}>
              Open ratification
            </button>
          </>
        ) : (
          <p className="muted text-sm">The Commons passed it; it waits for ratification by the Eco Nodes.</p>
        ))}
      {(next.kind === 'vote' || next.kind === 'settle') && (
        <>
          {next.kind === 'vote' && (
            <p className="muted text-sm">
              The Eco Nodes are voting: <Countdown at={next.deadline + 1} now={now} verb="closes" ready="closed" />. Anyone can settle it after that.
            </p>
          )}
          <RatificationVote proposalId={proposalId} title={title} />
        </>
      )}
      {next.kind === 'queue' && (
        <>
          <p className="muted text-sm">
            {isOverride
              ? 'The Commons passed this override with the higher bar; it needs no ratification. Queue it in the timelock; it can be executed once the delay has passed.'
              : 'The Eco Nodes ratified it. Queue it in the timelock; it can be executed once the delay has passed.'}
          </p>
          <button type="button" className="btn-primary w-full" disabled={tx.busy} onClick={queue}>
            Queue
          </button>
        </>
      )}
      {(next.kind === 'wait-eta' || next.kind === 'execute') && (
        <>
          <p className="muted text-sm" data-testid="eta">
            {next.kind === 'wait-eta' ? (
              <>
                Queued in the timelock: <Countdown at={next.eta} now={now} verb="executable" ready="executable now" />
              </>
            ) : (
              <>Queued{Number(eta) > 0 ? ` and executable since ${formatDateTime(Number(eta))}` : ''}: anyone can execute it.</>
            )}
          </p>
          <button type="button" className="btn-primary w-full" disabled={tx.busy || next.kind === 'wait-eta'} onClick={execute}>
            Execute
          </button>
        </>
      )}
      {next.kind === 'override' && (
        <>
          <p className="muted text-sm">
            {state === 'expired' ? 'Nobody opened its ratification in time.' : 'The Eco Nodes rejected it.'} The Commons can propose it again as an override,
            with the same actions: it then needs at least 2/3 of the votes cast For and twice the quorum, and no ratification.{' '}
            {now < next.from ? (
              <Countdown at={next.from} now={now} verb="possible" ready="possible now" />
            ) : (
              'Anyone with enough voting power can propose it now.'
            )}
          </p>
          <button type="button" className="btn-primary w-full" disabled={tx.busy || now < next.from} onClick={proposeOverride}>
            Propose the override
          </button>
        </>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
