'use client';

import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { getAddress, type Address } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { addressError } from '@/lib/amounts';
import { commonsContracts, groupContract } from '@/lib/contracts/commons';
import { formatVotes, shortAddress } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown, useChainNow } from '../ui/countdown';
import { Field } from '../ui/field';
import { useNeedChain } from '../wallet/page-chain';

/** How many of the latest motions the panel looks at (older ones are long closed). */
const RECENT = 5;

/**
 * Replacing the steward by the members' vote: open motions with their support against the group's
 * votes at the snapshot (a motion passes with more than half), support and execute buttons, and a
 * form to open one. The steward can also hand over the role directly.
 */
export default function StewardMotions({ group, name }: { group: Address; name: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const now = useChainNow(config.l2.chainId);
  const { veMetis } = commonsContracts(config);
  const groupC = groupContract(config, group);
  const tx = useTransaction();
  const [candidate, setCandidate] = useState('');
  const [touched, setTouched] = useState(false);
  useNeedChain('l2');

  const base = useReadContracts({
    contracts: [
      { ...groupC, functionName: 'stewardMotionCount' },
      { ...groupC, functionName: 'stewardEpoch' },
      { ...groupC, functionName: 'steward' },
      { ...groupC, functionName: 'isMember', args: [address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });
  const count = base.data?.[0] ?? 0n;
  const ids = Array.from({ length: Number(count < BigInt(RECENT) ? count : BigInt(RECENT)) }, (_, i) => count - 1n - BigInt(i));
  const motions = useReadContracts({
    contracts: ids.map((id) => ({ ...groupC, functionName: 'stewardMotion', args: [id] }) as const),
    allowFailure: false,
    query: { enabled: ids.length > 0, refetchInterval: poll },
  });
  const details = useReadContracts({
    contracts: (motions.data ?? []).flatMap((m, i) => [
      { ...veMetis, functionName: 'getPastVotes', args: [group, BigInt(m.snapshot)] } as const,
      { ...groupC, functionName: 'hasVotedOnMotion', args: [ids[i], address!] } as const,
    ]),
    allowFailure: false,
    query: { enabled: Boolean(motions.data?.length && address), refetchInterval: poll },
  });

  if (!address || !base.data) return null;
  const [, epoch, steward, member] = base.data;
  const isSteward = steward.toLowerCase() === address.toLowerCase();
  const open = (motions.data ?? [])
    .map((m, i) => ({ id: ids[i], ...m, pooled: details.data?.[2 * i] as bigint | undefined, voted: details.data?.[2 * i + 1] as boolean | undefined }))
    .filter((m) => !m.executed && m.epoch === epoch && Number(m.deadline) > now);
  const candidateError = addressError(candidate.trim(), 'The candidate') ?? (candidate.trim().toLowerCase() === steward.toLowerCase() ? `${shortAddress(steward)} is already the steward.` : undefined);
  if (!member && !isSteward && open.length === 0) return null;

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) {
      await Promise.all([base.refetch(), motions.refetch(), details.refetch()]);
      router.refresh();
    }
  }
  function submit(e: React.FormEvent) {
    e.preventDefault();
    setTouched(true);
    if (candidateError) return;
    const to = getAddress(candidate.trim());
    void run(
      isSteward
        ? contractStep(wagmiConfig, `Hand the stewardship to ${shortAddress(to)}`, { ...groupC, account: address, functionName: 'transferStewardship', args: [to] })
        : contractStep(wagmiConfig, `Open a motion to make ${shortAddress(to)} steward`, { ...groupC, account: address, functionName: 'openStewardMotion', args: [to] }),
    );
  }

  return (
    <section className="card space-y-4" aria-labelledby="steward-motions">
      <h2 id="steward-motions" className="text-lg font-semibold">
        Steward
      </h2>
      {open.length === 0 ? (
        <p className="muted text-sm">No open motion to replace the steward.</p>
      ) : (
        <ul className="space-y-3 text-sm" data-testid="steward-motions">
          {open.map((m) => {
            const passed = m.pooled !== undefined && m.yesWeight * 2n > m.pooled;
            return (
              <li key={m.id.toString()} className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800" data-testid="steward-motion" data-motion={m.id.toString()}>
                <p>
                  Make <span className="font-mono">{shortAddress(m.candidate)}</span> steward
                </p>
                <p className="muted text-xs tabular-nums">
                  Support {formatVotes(m.yesWeight)} of {m.pooled === undefined ? '…' : formatVotes(m.pooled)} (more than half passes) · <Countdown at={Number(m.deadline)} now={now} verb="closes" ready="closed" />
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {member && !m.voted && (
                    <button type="button" className="btn-secondary" disabled={tx.busy} onClick={() => run(contractStep(wagmiConfig, `Support motion #${m.id}`, { ...groupC, account: address, functionName: 'voteStewardMotion', args: [m.id] }))}>
                      Support
                    </button>
                  )}
                  {m.voted && <span className="muted text-xs">You support it.</span>}
                  {passed && (
                    <button type="button" className="btn-primary" disabled={tx.busy} onClick={() => run(contractStep(wagmiConfig, `Execute motion #${m.id}`, { ...groupC, account: address, functionName: 'executeStewardMotion', args: [m.id] }))}>
                      Execute: make {shortAddress(m.candidate)} steward of {name}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {(member || isSteward) && (
        <form className="space-y-2" onSubmit={submit} noValidate>
          <Field
            id="steward-candidate"
            label={isSteward ? 'Hand the stewardship to' : 'Propose a new steward'}
            className="font-mono text-sm"
            placeholder="0x…"
            value={candidate}
            onChange={(e) => setCandidate(e.target.value)}
            error={touched ? candidateError : undefined}
          />
          <button type="submit" className="btn-secondary w-full" disabled={tx.busy}>
            {isSteward ? 'Hand over' : 'Open a motion'}
          </button>
          {!isSteward && <p className="muted text-xs">Your veMETIS delegated to the group supports the motion; it passes with more than half of the group&apos;s votes.</p>}
        </form>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
