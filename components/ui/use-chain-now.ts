'use client';

import { useEffect, useState } from 'react';
import { useBlock } from 'wagmi';
import { useLivePollMs } from '../config/use-live-poll';

/**
 * The chain's clock, ticking every second: wall time, moved forward by how far the latest block's
 * timestamp is ahead of it (a chain's clock can run ahead, e.g. a local chain whose time was
 * advanced). Timers count against this, since the contracts do. It reads wagmi, so only wallet-side
 * components (loaded with the wallet stack) import it; `Countdown` (ui/countdown.tsx) stays wagmi-free.
 */
export function useChainNow(chainId: number): number {
  const poll = useLivePollMs();
  const block = useBlock({ chainId, query: { refetchInterval: poll } });
  const [wall, setWall] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const id = setInterval(() => setWall(Date.now() / 1000), 1_000);
    return () => clearInterval(id);
  }, []);
  const ahead = block.data ? Math.max(0, Number(block.data.timestamp) - block.dataUpdatedAt / 1000) : 0;
  return wall + ahead;
}
