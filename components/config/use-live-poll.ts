'use client';

import { useAppConfig } from './app-config';

/** How often live data (balances, lists) refreshes: about a block time. */
export function useLivePollMs(): number {
  return useAppConfig().network === 'local' ? 1_000 : 6_000;
}
