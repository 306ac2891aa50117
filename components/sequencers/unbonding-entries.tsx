'use client';

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import type { Address } from 'viem';
import { useConfig } from 'wagmi';
import { api, type UnbondingItem } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { formatMetis } from '@/lib/format';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';
import { contractStep } from '../tx/contract-step';
import { TxStatus } from '../tx/tx-status';
import { useTransaction } from '../tx/use-transaction';
import { Countdown } from '../ui/countdown';
import { useChainNow } from '../ui/use-chain-now';

/** The account's unbonding entries that are not withdrawn yet, soonest first (from the indexer). */
export function useUnbonding(account: Address) {
  const config = useAppConfig();
  return useQuery({
    queryKey: ['unbonding', config.apiUrl, account],
    queryFn: () => api.unbonding(config.apiUrl, account, { state: 'pending' }),
    refetchInterval: useLivePollMs(),
  });
}

/**
 * Unbonding entries grouped by sequencer, each with its unlock date and a countdown on the chain's
 * clock; matured entries of a sequencer are withdrawn together in one transaction.
 */
export function UnbondingEntries({ account, sequencerId, nameOf }: { account: Address; sequencerId?: string; nameOf?: (id: string) => string }) {
  const config = useAppConfig();
  const wagmiConfig = useConfig();
  const queryClient = useQueryClient();
  const now = useChainNow(config.l1.chainId);
  // One flow for the withdrawals, shown below the list: it outlives the entries it pays out.
  const tx = useTransaction();
  const headingId = useId();
  const entries = (useUnbonding(account).data?.items ?? []).filter((e) => sequencerId === undefined || e.sequencerId === sequencerId);
  if (entries.length === 0 && tx.stage.status === 'idle') return null;
  const groups = new Map<string, UnbondingItem[]>();
  for (const e of entries) groups.set(e.sequencerId, [...(groups.get(e.sequencerId) ?? []), e]);

  async function withdraw(id: string, matured: UnbondingItem[], total: bigint) {
    const ok = await tx.run([
      contractStep(wagmiConfig, `Withdraw ${formatMetis(total)}`, {
        ...stakingContract(config),
        account,
        functionName: 'withdraw',
        args: [BigInt(id), matured.map((e) => BigInt(e.entryId))],
      }),
    ]);
    if (ok) await queryClient.invalidateQueries({ queryKey: ['unbonding', config.apiUrl, account] });
  }

  return (
    <section data-testid="unbonding" aria-labelledby={headingId}>
      <h3 id={headingId} className="text-sm font-semibold">
        Unbonding
      </h3>
      {[...groups].map(([id, group]) => {
        const matured = group.filter((e) => now >= Number(e.maturesAt));
        const total = matured.reduce((sum, e) => sum + BigInt(e.amount), 0n);
        return (
          <div key={id} className="mt-1">
            <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
              {group.map((e) => (
                <li key={e.id} className="flex flex-wrap justify-between gap-x-3 gap-y-1 py-2" data-testid="unbonding-entry">
                  <span className="tabular-nums">
                    {formatMetis(BigInt(e.amount))}
                    {sequencerId === undefined && <span className="muted"> from {nameOf?.(id) ?? `#${id}`}</span>}
                  </span>
                  <span className="muted text-xs sm:text-sm">
                    <Countdown at={Number(e.maturesAt)} now={now} ready="ready to withdraw" />
                  </span>
                </li>
              ))}
            </ul>
            {matured.length > 0 && (
              <button type="button" className="btn-secondary mb-2 w-full" disabled={tx.busy} onClick={() => withdraw(id, matured, total)}>
                {tx.busy ? 'Withdrawing…' : `Withdraw ${formatMetis(total)}${sequencerId === undefined ? ` from ${nameOf?.(id) ?? `#${id}`}` : ''}`}
              </button>
            )}
          </div>
        );
      })}
      <TxStatus stage={tx.stage} steps={tx.steps} onDismiss={tx.reset} />
    </section>
  );
}
