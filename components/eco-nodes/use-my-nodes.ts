'use client';

import type { Address } from 'viem';
import { useAccount, useReadContract, useReadContracts } from 'wagmi';
import { useLivePollMs } from '../config/use-live-poll';
import type { councilContract } from './council';

/**
 * The seated Eco Nodes the connected account acts for: itself if it is a node, and each group seat whose
 * steward it is (`voterOf`, read at call time as the council does). Also returns every seated node.
 */
export function useMyNodes(council: NonNullable<ReturnType<typeof councilContract>>) {
  const { address } = useAccount();
  const poll = useLivePollMs();
  const nodes = useReadContract({ ...council, functionName: 'nodes', query: { refetchInterval: poll } });
  const list = nodes.data ?? [];
  const voters = useReadContracts({
    contracts: list.map((n) => ({ ...council, functionName: 'voterOf', args: [n] }) as const),
    allowFailure: false,
    query: { enabled: list.length > 0, refetchInterval: poll },
  });
  const mine: Address[] = address && voters.data ? list.filter((_, i) => (voters.data[i] as Address).toLowerCase() === address.toLowerCase()) : [];
  return { address, all: list, mine, loading: nodes.isLoading || voters.isLoading, refetch: () => Promise.all([nodes.refetch(), voters.refetch()]) };
}
