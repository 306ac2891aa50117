'use client';

import { useRouter } from 'next/navigation';
import { type Address, getAddress } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { addressError } from '@/lib/amounts';
import { commonsContracts, groupContract } from '@/lib/contracts/commons';
import { formatBps, formatDateTime, formatDuration, formatVotes } from '@/lib/format';
import { stewardMotionExecutableUntil, stewardMotionStatus } from '@/lib/steward-motions';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useAccountLabel } from '../dashboard/use-account-name';
import { contractStep } from '../tx/contract-step';
import { TxForm, useTxForm } from '../tx/tx-form';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { Field } from '../ui/field';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';

/** How many of the latest motions the panel looks at (older ones are long closed). */
const RECENT = 5;

/**
 * Replacing the steward by the members' vote (docs/MECHANISMS.md §4.2): each open or passed motion with the snapshot
 * at which members' units count (one motion period before it opened), its support against the group's
 * units then (more than half passes), the voting period's end and time left; Support while it runs,
 * Execute only once it is over and passed. A form opens one; the steward can hand over directly, but
 * not while a members' motion is open. A new steward votes the group's Eco Node seat only after a delay.
 */
export default function StewardMotions({ group, name }: { group: Address; name: string }) {
  const label = useAccountLabel();
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const now = useChainNow(config.l2.chainId);
  const { registry } = commonsContracts(config);
  const groupC = groupContract(config, group);
  // One flow for the form and the Support and Execute buttons; the section shows it.
  const tx = useTransaction();
  useNeedChain('l2');

  const base = useReadContracts({
    contracts: [
      { ...groupC, functionName: 'stewardMotionCount' },
      { ...groupC, functionName: 'stewardEpoch' },
      { ...groupC, functionName: 'steward' },
      { ...groupC, functionName: 'isMember', args: [address!] },
      { ...groupC, functionName: 'motionsOpenUntil' },
      { ...groupC, functionName: 'seatVotingFrom' },
      { ...registry, functionName: 'stewardMotionPeriod' },
      { ...registry, functionName: 'stewardVotingPeriod' },
      { ...registry, functionName: 'stewardMotionThresholdBps' },
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
    contracts: (motions.data ?? []).map((_, i) => ({ ...groupC, functionName: 'hasVotedOnMotion', args: [ids[i], address!] }) as const),
    allowFailure: false,
    query: { enabled: Boolean(motions.data?.length && address), refetchInterval: poll },
  });
  const refresh = async () => {
    await Promise.all([base.refetch(), motions.refetch(), details.refetch()]);
    router.refresh();
  };
  const form = useTxForm({ candidate: '' }, { tx, onDone: refresh });
  const candidate = form.values.candidate.trim();

  if (!address || !base.data) return null;
  const [, epoch, steward, member, openUntil, seatFrom, motionPeriod, votingPeriod, thresholdBps] = base.data;
  const isSteward = steward.toLowerCase() === address.toLowerCase();
  const chainNow = BigInt(Math.floor(now));
  const open = (motions.data ?? [])
    .map((m, i) => {
      const motion = { ...m, openedAt: BigInt(m.openedAt), deadline: BigInt(m.deadline) };
      return {
        id: ids[i],
        ...m,
        status: stewardMotionStatus(motion, epoch, chainNow),
        executableUntil: Number(stewardMotionExecutableUntil(motion)),
        voted: details.data?.[i],
      };
    })
    .filter((m) => m.status === 'active' || m.status === 'succeeded');
  const handOverBlocked = Number(openUntil) >= now;
  function candidateError() {
    const invalid = addressError(candidate, 'The candidate');
    if (invalid) return invalid;
    if (candidate.toLowerCase() === steward.toLowerCase()) return `${label(steward)} is already the steward.`;
    return undefined;
  }
  const errors = { candidate: candidateError() };
  if (!member && !isSteward && open.length === 0) return null;

  async function run(step: ReturnType<typeof contractStep>) {
    if (await tx.run([step])) await refresh();
  }
  const steps = () => {
    const to = getAddress(candidate);
    return [
      isSteward
        ? contractStep(wagmiConfig, `Hand the stewardship to ${label(to)}`, { ...groupC, account: address, functionName: 'transferStewardship', args: [to] })
        : contractStep(wagmiConfig, `Open a motion to make ${label(to)} steward`, {
            ...groupC,
            account: address,
            functionName: 'openStewardMotion',
            args: [to],
          }),
    ];
  };

  return (
    <section className="card space-y-4" aria-labelledby="steward-motions">
      <h2 id="steward-motions" className="text-lg font-semibold">
        Steward
      </h2>
      {Number(seatFrom) > now && (
        <p className="muted text-xs" data-testid="seat-voting-from">
          A new steward votes the group&apos;s Eco Node seat (if it holds one) only after a delay:{' '}
          <Countdown at={Number(seatFrom)} now={now} verb="from" ready="now" />.
        </p>
      )}
      {open.length === 0 ? (
        <p className="muted text-sm">No open motion to replace the steward.</p>
      ) : (
        <ul className="space-y-3 text-sm" data-testid="steward-motions">
          {open.map((m) => {
            const passing = m.yesWeight * 2n > m.pooledVotes;
            const active = m.status === 'active';
            return (
              <li
                key={m.id.toString()}
                className="rounded-lg border border-zinc-200 p-3 dark:border-zinc-800"
                data-testid="steward-motion"
                data-motion={m.id.toString()}
                data-status={m.status}
              >
                <p>
                  Make <span className="font-mono">{label(m.candidate)}</span> steward
                </p>
                <p className="muted text-xs tabular-nums">
                  Support {formatVotes(m.yesWeight)} of {formatVotes(m.pooledVotes)} (more than half passes) · {passing ? 'passing' : 'not passing'}
                </p>
                <p className="muted text-xs" data-testid="motion-snapshot">
                  Units counted as delegated at {formatDateTime(m.snapshot)} (the snapshot, one motion period before it opened)
                </p>
                <p className="muted text-xs" data-testid="motion-voting-period">
                  Voting period {formatDateTime(m.openedAt)} to {formatDateTime(m.deadline)} ·{' '}
                  {active ? (
                    <Countdown at={Number(m.deadline) + 1} now={now} verb="ends" ready="over" />
                  ) : (
                    <>
                      over; <Countdown at={m.executableUntil + 1} now={now} verb="executable until" ready="no longer executable" />
                    </>
                  )}
                </p>
                <div className="mt-2 flex flex-wrap gap-2">
                  {active && member && !m.voted && (
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={tx.busy}
                      onClick={() =>
                        run(
                          contractStep(wagmiConfig, `Support motion #${m.id}`, {
                            ...groupC,
                            account: address,
                            functionName: 'voteStewardMotion',
                            args: [m.id],
                          }),
                        )
                      }
                    >
                      Support
                    </button>
                  )}
                  {m.voted && <span className="muted text-xs">You support it.</span>}
                  {active && passing && <span className="muted text-xs">It can be executed once its voting period is over.</span>}
                  {m.status === 'succeeded' && (
                    <button
                      type="button"
                      className="btn-primary"
                      disabled={tx.busy}
                      onClick={() =>
                        run(
                          contractStep(wagmiConfig, `Execute motion #${m.id}`, {
                            ...groupC,
                            account: address,
                            functionName: 'executeStewardMotion',
                            args: [m.id],
                          }),
                        )
                      }
                    >
                      Execute: make {label(m.candidate)} steward of {name}
                    </button>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {(member || isSteward) && (
        <TxForm
          form={form}
          errors={errors}
          steps={steps}
          label={isSteward ? 'Hand over' : 'Open a motion'}
          busyLabel={isSteward ? 'Hand over' : 'Open a motion'}
          disabled={isSteward && handOverBlocked}
          secondary
          className="space-y-2"
          footer={
            <>
              {isSteward && handOverBlocked && (
                <p className="muted text-xs" data-testid="hand-over-blocked">
                  A members&apos; motion is open until {formatDateTime(Number(openUntil))}: you cannot hand over before it closes.
                </p>
              )}
              {!isSteward && (
                <p className="muted text-xs">
                  Your veMETIS delegated to the group {formatDuration(motionPeriod)} ago (the snapshot) supports the motion; opening one needs{' '}
                  {formatBps(thresholdBps)} of the group&apos;s units then. It stays open for {formatDuration(votingPeriod)} and passes with more than half of
                  the group&apos;s units at the snapshot.
                </p>
              )}
            </>
          }
        >
          <Field
            id="steward-candidate"
            label={isSteward ? 'Hand the stewardship to' : 'Propose a new steward'}
            className="font-mono text-sm"
            placeholder="0x…"
            {...form.field('candidate', errors.candidate)}
          />
        </TxForm>
      )}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
