'use client';

import { useState } from 'react';
import type { Address } from 'viem';
import { useAccount, useBlock, useReadContracts } from 'wagmi';
import { commonsContracts } from '@/lib/contracts/commons';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatMetis, formatVotes } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { Tabs } from '../ui/tabs';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';
import { AddForm, CreateLockForm, DelegateForm, delegateeName, ExtendForm, type LockContext, WithdrawLock } from './lock-forms';

const FORMS = { Lock: CreateLockForm, Add: AddForm, Extend: ExtendForm, Delegate: DelegateForm };
type Tab = keyof typeof FORMS;

/**
 * The connected account's veMETIS: its lock (amount, unlock on the chain's clock, units), its
 * votes and delegatee, and the forms to lock, add, extend, withdraw and delegate. `groups` are the
 * registry's groups, for naming the delegatee and picking one.
 */
export default function VotingPower({ groups }: { groups: readonly { address: Address; name: string }[] }) {
  const config = useAppConfig();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const { veMetis } = commonsContracts(config);
  const token = metisTokens(config).l2;
  const now = useChainNow(config.l2.chainId);
  const block = useBlock({ chainId: config.l2.chainId, query: { refetchInterval: poll } });
  const [picked, setPicked] = useState<Tab>();
  const tx = useTransaction();
  useNeedChain('l2');

  const reads = useReadContracts({
    contracts: [
      { ...veMetis, functionName: 'minLockDuration' },
      { ...veMetis, functionName: 'maxLockDuration' },
      { ...veMetis, functionName: 'lockOf', args: [address!] },
      { ...veMetis, functionName: 'getVotes', args: [address!] },
      { ...veMetis, functionName: 'delegates', args: [address!] },
      { ...token, functionName: 'balanceOf', args: [address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });

  if (!address) return null; // the island asks to connect
  if (!reads.data || !block.data)
    return <div className="card muted text-sm">{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</div>;
  const [minDuration, maxDuration, [amount, end, units], votes, delegatee, balance] = reads.data;
  const ctx: LockContext = {
    account: address,
    minDuration: Number(minDuration),
    maxDuration: Number(maxDuration),
    lock: { amount, end: Number(end), units },
    delegatee,
    balance,
    blockTime: Number(block.data.timestamp),
    now,
    groups,
    tx,
    async done() {
      await Promise.all([reads.refetch(), block.refetch()]);
    },
  };
  const hasLock = amount > 0n;
  const ended = hasLock && now >= ctx.lock.end;
  // Without a lock, there is only a lock to create; an ended lock can only be extended (revived) or withdrawn.
  const tabs: Tab[] = !hasLock ? ['Lock', 'Delegate'] : ended ? ['Extend', 'Delegate'] : ['Add', 'Extend', 'Delegate'];
  const tab = picked && tabs.includes(picked) ? picked : tabs[0];
  const Form = FORMS[tab];

  return (
    <section className="card space-y-4" aria-labelledby="voting-power">
      <h2 id="voting-power" className="text-lg font-semibold">
        Your voting power
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="muted">Locked</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="lock-amount">
            {formatMetis(amount)}
          </dd>
        </div>
        <div>
          <dt className="muted">Your units</dt>
          {/* A lock's units stop counting at its end (docs/MECHANISMS.md §4.1), whether or not anyone kicked it. */}
          <dd className="text-lg font-semibold tabular-nums" data-testid="lock-units" data-value={(ended ? 0n : units).toString()}>
            {formatVotes(ended ? 0n : units)}
          </dd>
          {ended && (
            <dd className="text-xs font-medium text-amber-800 dark:text-amber-300" data-testid="lock-expired">
              Expired: no longer counts{units > 0n ? ` (was ${formatVotes(units)})` : ''}. Withdraw, or extend to count again.
            </dd>
          )}
        </div>
        <div>
          <dt className="muted">Votes delegated to you</dt>
          <dd className="tabular-nums" data-testid="my-votes" data-value={votes.toString()}>
            {formatVotes(votes)}
          </dd>
        </div>
        <div>
          <dt className="muted">Your units count for</dt>
          <dd className="break-all" data-testid="my-delegatee" data-value={delegatee}>
            {delegateeName(delegatee, address, groups)}
          </dd>
        </div>
        <div className="col-span-2">
          <dt className="muted">Unlock</dt>
          <dd data-testid="lock-end" data-value={ctx.lock.end}>
            {hasLock ? <Countdown at={ctx.lock.end} now={now} ready="ended: withdraw, or extend to lock again" /> : 'No lock yet'}
          </dd>
        </div>
      </dl>
      {ended && <WithdrawLock ctx={ctx} />}
      <Tabs
        id="lock-tabpanel"
        label="Lock actions"
        tabs={tabs}
        selected={tab}
        onSelect={(t) => {
          setPicked(t);
          tx.reset();
        }}
        disabled={tx.busy}
      />
      <div role="tabpanel" id="lock-tabpanel" aria-labelledby={`lock-tabpanel-${tab}`}>
        <Form ctx={ctx} />
      </div>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
