'use client';

import { useQuery } from '@tanstack/react-query';
import type { Address } from 'viem';
import { useReadContracts } from 'wagmi';
import { apiGet } from '@/lib/api';
import { stakingContract } from '@/lib/contracts/staking';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';

/**
 * The account's rewards: positions and per-epoch earnings from the API, and what each position can
 * claim now read from the chain (so a claim pays exactly what is shown, up to an epoch landing in
 * between).
 */
export function useRewards(account: Address) {
  const config = useAppConfig();
  const poll = useLivePollMs();
  const staking = stakingContract(config);
  const indexed = useQuery({
    queryKey: ['rewards', config.apiUrl, account],
    queryFn: () => apiGet(config.apiUrl, '/accounts/:address/rewards', { address: account, epochs: 30 }),
    refetchInterval: poll,
  });
  const positions = indexed.data?.positions ?? [];
  const live = useReadContracts({
    contracts: positions.map((p) => ({ ...staking, functionName: 'pendingRewards', args: [BigInt(p.sequencerId), account] }) as const),
    allowFailure: false,
    query: { enabled: positions.length > 0, refetchInterval: poll },
  });
  const claimable = positions.map((p, i) => (live.data?.[i] as bigint | undefined) ?? BigInt(p.claimable));
  return {
    indexed,
    positions: positions.map((p, i) => ({ ...p, claimableNow: claimable[i] })),
    totalClaimable: claimable.reduce((a, b) => a + b, 0n),
    lastEarning: indexed.data?.epochs.at(-1),
    refetch: async () => {
      await Promise.all([indexed.refetch(), live.refetch()]);
    },
  };
}
