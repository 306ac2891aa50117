'use client';

import type { Address } from 'viem';
import { useReadContracts } from 'wagmi';
import { metisTokens } from '@/lib/contracts/tokens';
import { useAppConfig } from '../config/app-config';
import { useLivePollMs } from '../config/use-live-poll';

/** The account's METIS on L1 and L2, read from both chains and kept fresh block by block. */
export function useMetisBalances(account: Address | undefined) {
  const config = useAppConfig();
  const tokens = metisTokens(config);
  const query = useReadContracts({
    contracts: [
      { ...tokens.l1, functionName: 'balanceOf', args: [account!] },
      { ...tokens.l2, functionName: 'balanceOf', args: [account!] },
    ],
    allowFailure: false,
    query: { enabled: Boolean(account), refetchInterval: useLivePollMs() },
  });
  return { l1: query.data?.[0], l2: query.data?.[1], isLoading: query.isLoading, error: query.error, refetch: query.refetch };
}
