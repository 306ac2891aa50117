'use client';

import { useRouter } from 'next/navigation';
import type { Address } from 'viem';
import { useConfig, useReadContracts } from 'wagmi';
import { type MotionKind, motionState } from '@/lib/council-motions';
import { formatReputation } from '@/lib/eco-nodes';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useAccountLabel } from '../dashboard/use-account-name';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';
import { councilContract } from './council';
import { useMyNodes } from './use-my-nodes';

export interface MotionActionsProps {
  motionId: string;
  kind: MotionKind;
  subject: Address;
  snapshot: string;
  deadline: string;
  executableAt: string | null;
  expiresAt: string | null;
  executed: boolean;
  /** "the peer penalty of Bob" */
  title: string;
}

/**
 * A council motion for the connected account (docs/MECHANISMS.md §4.4): Back it for each node it acts for that has
 * not backed it yet (while voting lasts; the accused cannot), and Execute it once executable (anyone may).
 * The state is lib/council-motions.ts on the chain's clock.
 */
export default function MotionActions(props: MotionActionsProps) {
  const config = useAppConfig();
  const council = councilContract(config);
  if (!council) return null;
  return <Actions {...props} council={council} />;
}

function Actions({ council, ...m }: MotionActionsProps & { council: NonNullable<ReturnType<typeof councilContract>> }) {
  const wagmiConfig = useConfig();
  const router = useRouter();
  const nameOf = useAccountLabel();
  const poll = useLivePollMs();
  const now = BigInt(Math.floor(useChainNow(council.chainId)));
  const tx = useTransaction();
  const { address, mine } = useMyNodes(council);
  useNeedChain('l2');
  const id = BigInt(m.motionId);
  const candidates = mine.filter((n) => !(m.kind === 'penalty' && n.toLowerCase() === m.subject.toLowerCase()));
  const reads = useReadContracts({
    contracts: candidates.flatMap((n) => [
      { ...council, functionName: 'hasVotedOnMotion', args: [id, n] } as const,
      { ...council, functionName: 'reputationAt', args: [n, BigInt(m.snapshot)] } as const,
    ]),
    allowFailure: false,
    query: { enabled: candidates.length > 0, refetchInterval: poll },
  });
  const state = motionState(
    {
      executed: m.executed,
      deadline: BigInt(m.deadline),
      executableAt: m.executableAt === null ? null : BigInt(m.executableAt),
      expiresAt: m.expiresAt === null ? null : BigInt(m.expiresAt),
    },
    now,
  );
  const votingOpen = now <= BigInt(m.deadline) && !m.executed;
  const backable = votingOpen
    ? candidates
        .map((node, i) => ({ node, voted: reads.data?.[2 * i] as boolean | undefined, weight: reads.data?.[2 * i + 1] as bigint | undefined }))
        .filter((x) => x.voted === false && (x.weight ?? 0n) > 0n)
    : [];

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) {
      await reads.refetch();
      router.refresh();
    }
  }
  const back = (node: Address) =>
    run(
      contractStep(wagmiConfig, `Back ${m.title}${node === address ? '' : ` for ${nameOf(node)}`}`, {
        ...council,
        account: address,
        functionName: 'voteMotion',
        args: [node, id],
      }),
    );
  const execute = () =>
    run(
      m.kind === 'penalty'
        ? contractStep(wagmiConfig, `Execute ${m.title}`, { ...council, account: address, functionName: 'executePenaltyMotion', args: [id] })
        : contractStep(wagmiConfig, `Execute ${m.title}`, { ...council, account: address, functionName: 'executeAction', args: [id] }),
    );

  if (!address) return null;
  if (backable.length === 0 && state !== 'executable')
    return tx.stage.status === 'idle' ? null : <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />;
  return (
    <div className="space-y-2" data-testid="motion-actions">
      <div className="flex flex-wrap gap-2">
        {backable.map((b) => (
          <button key={b.node} type="button" className="btn-secondary" disabled={tx.busy} onClick={() => back(b.node)} data-testid="motion-back">
            {b.node === address ? 'Back' : `Back for ${nameOf(b.node)}`} · {formatReputation(b.weight ?? 0n)}
          </button>
        ))}
        {state === 'executable' && (
          <button type="button" className="btn-primary" disabled={tx.busy} onClick={execute} data-testid="motion-execute">
            Execute
          </button>
        )}
      </div>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
