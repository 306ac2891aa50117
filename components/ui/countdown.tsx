'use client';

import { formatDateTime, formatTimeLeft } from '@/lib/format';

/**
 * "unlocks Mar 3, 2026, 4:05 PM · 12m 05s", or `ready` once the chain's clock has reached `at`.
 * Wagmi-free, so server pages show it in their first load; wallet-side components pass the chain's
 * clock as `now` (useChainNow, ui/use-chain-now.ts).
 */
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
