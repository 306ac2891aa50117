'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { type PollPace, pollMs } from '@/lib/polling';
import { useAppConfig } from '../config/app-config';

/**
 * Re-renders the server page at the polling policy's pace (lib/polling.ts: `page` by default, `vote`
 * for pages whose figures move with each vote) while the tab is visible, so live data stays live.
 */
export function AutoRefresh({ pace = 'page' }: { pace?: Extract<PollPace, 'page' | 'vote'> }) {
  const router = useRouter();
  const ms = pollMs(useAppConfig().network, pace);
  useEffect(() => {
    const id = setInterval(() => {
      if (document.visibilityState === 'visible') router.refresh();
    }, ms);
    return () => clearInterval(id);
  }, [ms, router]);
  return null;
}
