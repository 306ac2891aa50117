'use client';

import { useEffect, useState } from 'react';
import { useBlock } from 'wagmi';
import { formatDateTime, formatTimeLeft } from '@/lib/format';
import { useLivePollMs } from '../config/use-live-poll';

/**
 * The chain's clock, ticking every second: wall time, moved forward by how far the latest block's
 * timestamp is ahead of it (a chain's clock can run ahead, e.g. a local chain whose time was
 * advanced). Timers count against this, since the contracts do.
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

/** "unlocks Mar 3, 2026, 4:05 PM · 12m 05s", or `ready` once the chain's clock has reached `at`. */
export function Countdown({ at, now, verb = 'unlocks', ready = 'ready' }: { at: number; now: number; verb?: string; ready?: React.ReactNode }) {
  if (now >= at)
    return (
      <span data-testid="countdown" data-ready="">
        {ready}
      </span>
    );
  return (
    <span data-testid="countdown" title={formatDateTime(at)}>
      {verb} {formatDateTime(at)} · <span className="tabular-nums">{formatTimeLeft(at - now)}</span>
    </span>
  );
}
