'use client';

import { pollMs } from '@/lib/polling';
import { useAppConfig } from './app-config';

/** How often the browser's live reads refresh (lib/polling.ts, `live`). */
export function useLivePollMs(): number {
  return pollMs(useAppConfig().network, 'live');
}
