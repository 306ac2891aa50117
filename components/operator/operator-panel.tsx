'use client';

import { useAccount, useConfig, useReadContracts } from 'wagmi';
import { stakingContract } from '@/lib/contracts/staking';
import { metisTokens } from '@/lib/contracts/tokens';
import { formatDateTime, formatMetis } from '@/lib/format';
import { SEQUENCER_STATUS } from '@/lib/sequencers';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { useChainNow } from '../ui/use-chain-now';
import { useNeedChain } from '../wallet/page-chain';
import { ExitSection } from './exit-section';
import { CommissionForm, SignerForm } from './settings-forms';
import { RelockForm, WithdrawLockForm } from './stake-forms';
import type { OperatorView } from './types';
import { UnjailSection } from './unjail-section';

/** The owner's controls of a sequencer; renders nothing for anyone else. */
export default function OperatorPanel({ sequencerId }: { sequencerId: string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const { address } = useAccount();
  const poll = useLivePollMs();
  const id = BigInt(sequencerId);
  const staking = stakingContract(config);
  const token = metisTokens(config).l1;
  const now = useChainNow(config.l1.chainId);
  useNeedChain('l1');

  const reads = useReadContracts({
    contracts: [
      { ...staking, functionName: 'getSequencer', args: [id] },
      { ...staking, functionName: 'minLock' },
      { ...staking, functionName: 'maxLock' },
      { ...staking, functionName: 'maxSequencerStake' },
      { ...staking, functionName: 'maxCommissionBps' },
      { ...staking, functionName: 'exitDelay' },
      { ...staking, functionName: 'signerUpdateThrottle' },
      { ...staking, functionName: 'delegationMultiplier' },
      { ...token, functionName: 'balanceOf', args: [address!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(address), refetchInterval: poll },
  });

  if (!address || !reads.data || reads.data[0].owner.toLowerCase() !== address.toLowerCase()) return null;
  const [info, minLock, maxLock, maxSequencerStake, maxCommissionBps, exitDelay, signerUpdateThrottle, delegationMultiplier, balance] = reads.data;
  const view: OperatorView = {
    id,
    owner: address,
    info,
    params: {
      minLock,
      maxLock,
      maxSequencerStake,
      maxCommissionBps,
      exitDelay: Number(exitDelay),
      signerUpdateThrottle: Number(signerUpdateThrottle),
      delegationMultiplier,
    },
    balance,
    now,
    staking,
    wagmiConfig,
    refresh: () => void reads.refetch(),
  };
  const status = SEQUENCER_STATUS[info.status];
  const running = status === 'active' || status === 'jailed';

  return (
    <section className="card divide-y divide-zinc-200 dark:divide-zinc-800" aria-labelledby="operator" data-testid="operator-panel">
      <div className="pb-5">
        <h2 id="operator" className="text-lg font-semibold">
          Your sequencer
        </h2>
        <dl className="mt-3 grid grid-cols-2 gap-3 text-sm">
          <div>
            <dt className="muted">Status</dt>
            <dd className="font-semibold capitalize" data-testid="operator-status">
              {status}
            </dd>
          </div>
          <div>
            <dt className="muted">Self-lock</dt>
            <dd className="text-lg font-semibold tabular-nums" data-testid="operator-self-lock">
              {formatMetis(info.selfLock)}
            </dd>
          </div>
          <div>
            <dt className="muted">Operator rewards</dt>
            <dd className="tabular-nums">{formatMetis(info.operatorRewards)}</dd>
          </div>
          <div>
            <dt className="muted">Self-lock bounds</dt>
            <dd className="tabular-nums">
              {formatMetis(minLock, { digits: 0, symbol: false })}–{formatMetis(maxLock, { digits: 0 })}
            </dd>
          </div>
          {status === 'jailed' && (
            <div className="col-span-2">
              <dt className="muted">Jailed until</dt>
              <dd>{formatDateTime(Number(info.jailedUntil))}</dd>
            </div>
          )}
        </dl>
      </div>
      {running && <UnjailSection view={view} />}
      {running && <RelockForm view={view} />}
      {running && <WithdrawLockForm view={view} />}
      {running && <CommissionForm view={view} />}
      {status !== 'exited' && <SignerForm view={view} />}
      <ExitSection view={view} />
    </section>
  );
}
