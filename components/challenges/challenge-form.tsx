'use client';

import { useRouter } from 'next/navigation';
import { useAccount, useBlockNumber, useConfig } from 'wagmi';
import type { ChallengeParamsItem } from '@/lib/api';
import { CHALLENGE_KINDS, type ChallengeKind, evidenceError, KIND_INFO, kindValue } from '@/lib/challenges';
import { contractOf } from '@/lib/contracts/descriptors';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatBps, formatDuration, formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { approvalSteps, contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { errorAria, FieldError } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** An epoch of this sequencer that may still be challenged (`endBlock` is the planned end while it runs). */
export interface ChallengeableEpoch {
  epoch: string;
  endBlock: string;
  current: boolean;
}

/**
 * "Challenge this sequencer" (docs/MECHANISMS.md §4.5): the claim, the epoch (the current one, or an
 * ended one within the window on the L2 block clock), an evidence link, and the bond from the chain;
 * approve the bond if needed, then file. Says what happens next and when.
 */
export default function ChallengeForm({ sequencerId, epochs, params }: { sequencerId: string; epochs: ChallengeableEpoch[]; params: ChallengeParamsItem }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const block = useBlockNumber({ chainId: config.l2.chainId, query: { refetchInterval: poll } });
  // The claim and the epoch stay once filed; the evidence clears.
  const form = useTxForm({ kind: 'downtime' as ChallengeKind, epoch: '', evidence: '' }, { clear: ['evidence'], onDone: () => router.refresh() });
  const { kind, evidence } = form.values;
  useNeedChain('l2');
  const challenges = contractOf(config, 'l2', 'SequencerChallenges');
  const token = metisTokens(config).l2;
  const head = block.data ?? 0n;
  const open = epochs.filter((e) => e.current || BigInt(e.endBlock) + BigInt(params.window) >= head);
  const epoch = open.find((e) => e.epoch === form.values.epoch) ?? open[0];
  const errors = { evidence: evidenceError(evidence) };
  const bond = BigInt(params.bond);

  async function steps() {
    if (!address || !epoch) return undefined;
    return [
      ...(await approvalSteps(wagmiConfig, token, address, challenges.address, bond, 'Approve the METIS bond')),
      contractStep(wagmiConfig, `Challenge epoch ${epoch.epoch}: ${KIND_INFO[kind].label.toLowerCase()}`, {
        ...challenges,
        account: address,
        functionName: 'challenge',
        args: [BigInt(epoch.epoch), kindValue(kind), evidence.trim()],
      }),
    ];
  }

  return (
    <section className="card space-y-3" aria-labelledby={`challenge-${sequencerId}`} data-testid="challenge-form">
      <h2 id={`challenge-${sequencerId}`} className="text-lg font-semibold">
        Challenge this sequencer
      </h2>
      {open.length === 0 ? (
        <p className="muted text-sm">None of its epochs can be challenged now: an epoch can be, while it runs and for {params.window} L2 blocks after.</p>
      ) : (
        <TxForm form={form} errors={errors} steps={steps} label="File the challenge" busyLabel="Filing…" disabled={!address}>
          <fieldset disabled={form.busy}>
            <legend className="label">What went wrong</legend>
            <div className="mt-1 grid gap-2 sm:grid-cols-3">
              {CHALLENGE_KINDS.map((k) => (
                <label
                  key={k}
                  className={`btn-secondary cursor-pointer text-sm has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-500 ${kind === k ? '!border-brand-500 ring-2 ring-brand-500/30' : ''}`}
                >
                  <input type="radio" name={`kind-${sequencerId}`} value={k} className="sr-only" checked={kind === k} onChange={() => form.set('kind', k)} />
                  {KIND_INFO[k].label}
                </label>
              ))}
            </div>
          </fieldset>
          <div>
            <label htmlFor={`challenge-epoch-${sequencerId}`} className="label">
              Epoch
            </label>
            <select
              id={`challenge-epoch-${sequencerId}`}
              className="input mt-1 w-full"
              value={epoch?.epoch}
              onChange={(e) => form.set('epoch', e.target.value)}
              disabled={form.busy}
            >
              {open.map((e) => (
                <option key={e.epoch} value={e.epoch}>
                  Epoch {e.epoch}
                  {e.current ? ' (running now)' : ` (window closes at L2 block ${BigInt(e.endBlock) + BigInt(params.window)})`}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor={`challenge-evidence-${sequencerId}`} className="label">
              Evidence link
            </label>
            <input
              id={`challenge-evidence-${sequencerId}`}
              className="input mt-1 w-full"
              placeholder="https://… or ipfs://…"
              value={evidence}
              onChange={(e) => form.set('evidence', e.target.value)}
              disabled={form.busy}
              {...errorAria(`challenge-evidence-${sequencerId}`, form.shown(errors.evidence))}
            />
            <FieldError id={`challenge-evidence-${sequencerId}`} error={form.shown(errors.evidence)} alert />
          </div>
          <p className="muted text-xs" data-testid="challenge-next">
            You post {formatMetis(bond)}.{' '}
            {KIND_INFO[kind].decidedBy === 'chain'
              ? 'Downtime is decided by the chain: once the epoch has ended, anyone resolves it from the blocks the sequencer proved it produced.'
              : `The Eco Nodes decide within ${formatDuration(params.votingPeriod)}, weighted by their reputation now; without their quorum by then, your bond comes back.`}{' '}
            Upheld, the sequencer is slashed {formatBps(params.severityBps[kind])} and jailed on L1, is not paid for the epoch, and you get the bond back and{' '}
            {formatBps(params.rewardBps)} of the slash (on L1). Rejected, the bond goes to the treasury.
          </p>
        </TxForm>
      )}
    </section>
  );
}
