'use client';

import Link from 'next/link';
import { useRouter } from 'next/navigation';
import type { Address } from 'viem';
import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { commonsContracts, groupContract } from '@/lib/contracts/commons';
import { formatVotes } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { type TxStep, useTransaction } from '../tx/use-transaction';
import { useNeedChain } from '../wallet/page-chain';
import { delegateeName } from './lock-forms';

/**
 * The connected account and one group: whether it is on the roster and whether its veMETIS is
 * delegated here. Joining pools power only with a delegation, so both go in one flow; leaving
 * does not touch the delegation, so the panel then offers to delegate back to yourself.
 */
export default function GroupMembership({ group, name }: { group: Address; name: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const router = useRouter();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const { veMetis } = commonsContracts(config);
  const groupC = groupContract(config, group);
  const tx = useTransaction();
  useNeedChain('l2');

  const reads = useReadContracts({
    contracts: [
      { ...groupC, functionName: 'isMember', args: [address!] },
      { ...veMetis, functionName: 'delegates', args: [address!] },
      { ...veMetis, functionName: 'unitsOf', args: [address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });

  if (!address) return null; // the island asks to connect
  if (!reads.data) return <div className="card muted text-sm">{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</div>;
  const [member, delegatee, units] = reads.data;
  const delegatedHere = delegatee.toLowerCase() === group.toLowerCase();
  const account = address;

  const join = contractStep(wagmiConfig, `Join ${name}`, { ...groupC, account, functionName: 'join' });
  const delegateTo = (to: Address, label: string) => contractStep(wagmiConfig, label, { ...veMetis, account, functionName: 'delegate', args: [to] });
  const toGroup = delegateTo(group, `Delegate your veMETIS to ${name}`);
  const leave = contractStep(wagmiConfig, `Leave ${name}`, { ...groupC, account, functionName: 'leave' });
  const toSelf = delegateTo(account, 'Delegate your veMETIS back to yourself');

  async function run(steps: TxStep[]) {
    if (await tx.run(steps)) {
      await reads.refetch();
      // The group's facts (members, pooled power) come from the server page.
      router.refresh();
    }
  }

  return (
    <section className="card space-y-4" aria-labelledby="membership">
      <h2 id="membership" className="text-lg font-semibold">
        Your membership
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="muted">Roster</dt>
          <dd className="font-semibold" data-testid="my-membership">
            {member ? 'Member' : 'Not a member'}
          </dd>
        </div>
        <div>
          <dt className="muted">Your units</dt>
          <dd className="font-semibold tabular-nums">{formatVotes(units)}</dd>
        </div>
        <div className="col-span-2">
          <dt className="muted">Your veMETIS</dt>
          <dd className="break-all" data-testid="my-delegation">
            counts for {delegatedHere ? 'this group' : delegateeName(delegatee, account, [])}
          </dd>
        </div>
      </dl>
      {units === 0n && (
        <p className="muted text-sm">
          You have no veMETIS that counts (no lock, or it has ended):{' '}
          <Link href="/commons" className="underline">
            lock METIS
          </Link>{' '}
          to bring voting power to the group.
        </p>
      )}
      <div className="flex flex-col gap-2">
        {!member && (
          <button type="button" className="btn-primary" disabled={tx.busy} onClick={() => run(delegatedHere ? [join] : [join, toGroup])}>
            {delegatedHere ? 'Join' : 'Join and delegate'}
          </button>
        )}
        {member && !delegatedHere && (
          <button type="button" className="btn-primary" disabled={tx.busy} onClick={() => run([toGroup])}>
            Delegate to this group
          </button>
        )}
        {member && (
          <button type="button" className="btn-secondary" disabled={tx.busy} onClick={() => run([leave])}>
            Leave
          </button>
        )}
        {!member && delegatedHere && (
          <>
            <p className="text-sm" data-testid="redelegate-offer">
              You are not on the roster, but your veMETIS counts for this group until you delegate it elsewhere.
            </p>
            <button type="button" className="btn-secondary" disabled={tx.busy} onClick={() => run([toSelf])}>
              Delegate back to myself
            </button>
          </>
        )}
      </div>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
