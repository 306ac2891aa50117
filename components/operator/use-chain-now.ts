'use client';

import { useBlock } from 'wagmi';
import { useLivePollMs } from '../config/use-live-poll';
import { useNow } from '../ui/countdown';

/**
 * The chain's clock, ticking every second: unlock and commission times are chain times, and a test
 * or local chain may run ahead of this browser's clock. `offset` is for `<Countdown>`.
 */
export function useChainNow(chainId: number): { now: number; offset: number } {
  const poll = useLivePollMs();
  const block = useBlock({ chainId, query: { refetchInterval: poll } });
  const offset = block.data ? Number(block.data.timestamp) - block.dataUpdatedAt / 1000 : 0;
  return { now: useNow(offset), offset };
}
