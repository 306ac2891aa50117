'use client';

import { useRouter } from 'next/navigation';
import { type Address, zeroAddress } from 'viem';
import { useAccount, useConfig, useReadContract, useReadContracts } from 'wagmi';
import { formatReputation, RATIFICATION_CHOICE_LABEL, RATIFICATION_SUPPORT, type RatificationChoice, reasonError } from '@/lib/eco-nodes';

import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useAccountLabel } from '../dashboard/use-account-name';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { errorAria, FieldError } from '../ui/field';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';
import { councilContract } from './council';

const CHOICES: RatificationChoice[] = ['ratify', 'reject', 'abstain'];

/**
 * An open ratification for the connected account: Ratify / Reject / Abstain with a reason for each
 * Eco Node it votes for (itself if it is a node; a group seat whose steward it is, `voterOf`), and
 * Settle for anyone once the period is over. Renders nothing when the account has nothing to do.
 */
export default function RatificationVote({ proposalId, title }: { proposalId: string; title?: string }) {
  const config = useAppConfig();
  const council = councilContract(config);
  if (!council) return null;
  return <Vote proposalId={proposalId} title={title} council={council} />;
}

function Vote({ proposalId, title, council }: { proposalId: string; title?: string; council: NonNullable<ReturnType<typeof councilContract>> }) {
  const nameOf = useAccountLabel();
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const now = useChainNow(config.l2.chainId);
  // One flow for the form and the Settle button; what shows it depends on the ratification's stage.
  const tx = useTransaction();
  useNeedChain('l2');
  const id = BigInt(proposalId);

  const rat = useReadContract({ ...council, functionName: 'ratification', args: [id], query: { refetchInterval: poll } });
  const nodes = useReadContract({ ...council, functionName: 'nodes', query: { refetchInterval: poll } });
  const list = nodes.data ?? [];
  const voters = useReadContracts({
    contracts: list.flatMap((n) => [
      { ...council, functionName: 'voterOf', args: [n] } as const,
      { ...council, functionName: 'hasVoted', args: [id, n] } as const,
      { ...council, functionName: 'reputationAt', args: [n, BigInt(rat.data?.snapshot ?? 0)] } as const,
    ]),
    allowFailure: false,
    query: { enabled: list.length > 0 && Boolean(rat.data), refetchInterval: poll },
  });
  const mine = address
    ? list
        .map((node, i) => ({
          node,
          voter: voters.data?.[3 * i] as Address | undefined,
          voted: voters.data?.[3 * i + 1] as boolean | undefined,
          weight: voters.data?.[3 * i + 2] as bigint | undefined,
        }))
        .filter((x) => x.voter?.toLowerCase() === address.toLowerCase())
    : [];
  const refresh = async () => {
    await Promise.all([rat.refetch(), voters.refetch()]);
    router.refresh();
  };
  const form = useTxForm({ choice: undefined as RatificationChoice | undefined, reason: '', node: '' }, { tx, clear: [], onDone: refresh });
  const { choice, reason } = form.values;

  if (!rat.data || rat.data.openedAt === 0) return null;
  // Settled: nothing left to do here, but keep the outcome of the settle just sent in view.
  if (rat.data.settled) return tx.stage.status === 'idle' ? null : <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />;
  const deadline = Number(rat.data.deadline);
  const open = now <= deadline;
  const unvoted = mine.filter((m) => !m.voted && (m.weight ?? 0n) > 0n);
  const target = unvoted.find((m) => m.node === form.values.node) ?? unvoted[0];
  const errors = { choice: choice ? undefined : 'Choose Ratify, Reject or Abstain.', reason: reasonError(reason) };
  const name = title ? `“${title}”` : `proposal ${proposalId.slice(0, 8)}…`;

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) await refresh();
  }

  function steps() {
    if (!choice || !target || !address) return undefined;
    const support = RATIFICATION_SUPPORT[choice];
    const label = `${RATIFICATION_CHOICE_LABEL[choice]} ${name}${target.node === address ? '' : ` for ${nameOf(target.node)}`}`;
    return [
      target.node === address
        ? contractStep(wagmiConfig, label, { ...council, account: address, functionName: 'castRatification', args: [id, support, reason.trim()] })
        : contractStep(wagmiConfig, label, {
            ...council,
            account: address,
            functionName: 'castRatificationAs',
            args: [target.node, id, support, reason.trim()],
          }),
    ];
  }

  const settle = () =>
    run(
      contractStep(wagmiConfig, `Settle the ratification of ${name}`, {
        ...council,
        account: address ?? zeroAddress,
        functionName: 'settleRatification',
        args: [id],
      }),
    );

  if (!open) {
    return (
      <div className="space-y-2" data-testid="ratification-settle">
        <p className="muted text-sm">Voting closed on the chain&apos;s clock; anyone can settle it, which also applies the missed-vote penalties.</p>
        <button type="button" className="btn-primary w-full" disabled={tx.busy || !address} onClick={settle}>
          Settle ratification
        </button>
        <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
      </div>
    );
  }
  if (mine.length === 0) return tx.stage.status === 'idle' ? null : <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />;

  return (
    <div className="space-y-3" data-testid="ratification-vote">
      {mine
        .filter((m) => m.voted)
        .map((m) => (
          <p key={m.node} className="text-sm" data-testid="ratification-voted">
            {m.node === address ? 'You have voted on this ratification.' : `You have voted for ${nameOf(m.node)} on this ratification.`}
          </p>
        ))}
      {unvoted.length > 0 && target && (
        <TxForm form={form} errors={errors} steps={steps} label="Cast ratification vote" busyLabel="Voting…">
          {unvoted.length > 1 ? (
            <div>
              <label htmlFor={`ratify-node-${proposalId}`} className="label">
                Vote for
              </label>
              <select id={`ratify-node-${proposalId}`} className="input mt-1 w-full" value={target.node} onChange={(e) => form.set('node', e.target.value)}>
                {unvoted.map((m) => (
                  <option key={m.node} value={m.node}>
                    {m.node === address ? 'Yourself' : `Group seat ${nameOf(m.node)}`} · {formatReputation(m.weight ?? 0n)} reputation
                  </option>
                ))}
              </select>
            </div>
          ) : (
            <p className="text-sm">
              {target.node === address ? (
                'You vote'
              ) : (
                <>
                  You vote for the group seat <span className="font-mono">{nameOf(target.node)}</span> as its steward
                </>
              )}{' '}
              with <span className="font-semibold tabular-nums">{formatReputation(target.weight ?? 0n)}</span> reputation (at the opening) ·{' '}
              <Countdown at={deadline} now={now} verb="closes" ready="closed" />
            </p>
          )}
          <fieldset disabled={form.busy}>
            <legend className="label">Your decision</legend>
            <div className="mt-1 grid grid-cols-3 gap-2">
              {CHOICES.map((c) => (
                <label
                  key={c}
                  className={`btn-secondary cursor-pointer has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${choice === c ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}
                >
                  <input
                    type="radio"
                    name={`ratify-${proposalId}`}
                    value={c}
                    className="sr-only"
                    checked={choice === c}
                    onChange={() => form.set('choice', c)}
                  />
                  {RATIFICATION_CHOICE_LABEL[c]}
                </label>
              ))}
            </div>
            {form.shown(errors.choice) && (
              <p className="mt-1 text-sm text-red-600 dark:text-red-400" role="alert">
                {errors.choice}
              </p>
            )}
          </fieldset>
          <div>
            <label htmlFor={`ratify-reason-${proposalId}`} className="label">
              Reason (public)
            </label>
            <textarea
              id={`ratify-reason-${proposalId}`}
              className="input mt-1 min-h-16 w-full"
              value={reason}
              onChange={(e) => form.set('reason', e.target.value)}
              disabled={form.busy}
              {...errorAria(`ratify-reason-${proposalId}`, form.shown(errors.reason))}
            />
            <FieldError id={`ratify-reason-${proposalId}`} error={form.shown(errors.reason)} alert />
          </div>
        </TxForm>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </div>
  );
}
