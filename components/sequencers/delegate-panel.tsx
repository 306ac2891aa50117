'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useAccount, useReadContracts } from 'wagmi';
import { apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatMetis } from '@/lib/format';
import { roomUnderCaps } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Tabs } from '../ui/tabs';
import { useNeedChain } from '../wallet/page-chain';
import { DelegateForm, RedelegateForm, type StakeContext, UndelegateForm } from './stake-forms';
import { UnbondingEntries } from './unbonding-entries';

const TABS = ['Delegate', 'Undelegate', 'Redelegate'] as const;
type Tab = (typeof TABS)[number];

/**
 * The connected account's stake behind one sequencer: live position and sequencer total, the
 * delegate / undelegate / redelegate forms, and the account's unbonding entries here.
 */
export default function DelegatePanel({ sequencerId }: { sequencerId: string }) {
  const config = useAppConfig();
  const queryClient = useQueryClient();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const id = BigInt(sequencerId);
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  // A notice's one-click redelegate links here with #redelegate (notifier/sources.ts, commission rises).
  const [tab, setTab] = useState<Tab>(() => (window.location.hash === '#redelegate' ? 'Redelegate' : 'Delegate'));
  const tx = useTransaction();
  useNeedChain('l1');

  // Chain state: parameters, the sequencer, and the account's balance and position.
  const reads = useReadContracts({
    contracts: [
      { ...staking, functionName: 'getSequencer', args: [id] },
      { ...staking, functionName: 'minPosition' },
      { ...staking, functionName: 'delegationMultiplier' },
      { ...staking, functionName: 'maxSequencerStake' },
      { ...staking, functionName: 'exitDelay' },
      { ...staking, functionName: 'MAX_UNBONDING_ENTRIES' },
      { ...token, functionName: 'balanceOf', args: [address!] },
      { ...staking, functionName: 'positionOf', args: [id, address!] },
      { ...staking, functionName: 'liabilityOf', args: [id, address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });
  // The indexed total, to show what everyone sees in lists.
  const indexed = useQuery({
    queryKey: ['sequencer', config.apiUrl, sequencerId],
    queryFn: () => apiGet(config.apiUrl, '/sequencers/:id', { id: sequencerId }),
    refetchInterval: poll,
  });

  if (!address) return null; // the island asks to connect
  if (!reads.data) return <div className="card muted text-sm">{reads.error ? `Could not read the chain: ${reads.error.message}` : 'Loading…'}</div>;
  const [info, minPosition, multiplier, maxStake, exitDelay, maxEntries, balance, position, [liability]] = reads.data;
  const ctx: StakeContext = {
    account: address,
    sequencerId: id,
    sequencer: info,
    minPosition,
    room: roomUnderCaps(info, BigInt(multiplier), maxStake),
    roomOf: (other) => roomUnderCaps(other, BigInt(multiplier), maxStake),
    exitDelay: Number(exitDelay),
    maxEntries: Number(maxEntries),
    balance,
    position: { value: position[1], lastRedelegationAt: Number(position[3]), openEntries: Number(position[4]) },
    liability: { amount: liability.amount, fromId: liability.fromId, until: liability.until },
    tx,
    async done() {
      await Promise.all([
        reads.refetch(),
        queryClient.invalidateQueries({ queryKey: ['unbonding', config.apiUrl, address] }),
        queryClient.invalidateQueries({ queryKey: ['sequencer', config.apiUrl] }),
      ]);
    },
  };

  return (
    <section className="card space-y-4" aria-labelledby="your-stake">
      <h2 id="your-stake" className="text-lg font-semibold">
        Your stake
      </h2>
      <dl className="grid grid-cols-2 gap-3 text-sm">
        <div>
          <dt className="muted">Your position</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="my-position">
            {formatMetis(position[1])}
          </dd>
        </div>
        <div>
          <dt className="muted">Total stake (indexed)</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid="sequencer-total">
            {indexed.data ? formatMetis(BigInt(indexed.data.totalStake)) : '…'}
          </dd>
        </div>
        <div>
          <dt className="muted">Room left under the caps</dt>
          <dd className="tabular-nums">{formatMetis(ctx.room)}</dd>
        </div>
        <div>
          <dt className="muted">Minimum position</dt>
          <dd className="tabular-nums">{formatMetis(minPosition)}</dd>
        </div>
      </dl>
      <Tabs
        id="stake-tabpanel"
        label="Stake actions"
        tabs={TABS}
        selected={tab}
        onSelect={(t) => {
          setTab(t);
          tx.reset();
        }}
        disabled={tx.busy}
      />
      <div role="tabpanel" id="stake-tabpanel" aria-labelledby={`stake-tabpanel-${tab}`}>
        {tab === 'Delegate' ? <DelegateForm ctx={ctx} /> : tab === 'Undelegate' ? <UndelegateForm ctx={ctx} /> : <RedelegateForm ctx={ctx} />}
      </div>
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
      <UnbondingEntries account={address} sequencerId={sequencerId} />
    </section>
  );
}
