'use client';

import { useEffect, useState } from 'react';
import { formatCountdown } from '@/lib/format';

/** The current unix time in seconds, ticking every second; `offset` moves it (e.g. onto a chain's clock). */
export function useNow(offset = 0): number {
  const [now, setNow] = useState(() => Date.now() / 1000);
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now() / 1000), 1_000);
    return () => clearInterval(id);
  }, []);
  return now + offset;
}

/** Time left until `at` (unix seconds), live; `offset` as for `useNow`. */
export function Countdown({ at, offset }: { at: number; offset?: number }) {
  return <span className="tabular-nums">{formatCountdown(at - useNow(offset))}</span>;
}
