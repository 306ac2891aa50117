'use client';

import { createContext, type ReactNode, useContext } from 'react';
import type { ChainKey, Deployment } from '@/lib/deployment/types';

const AppConfigContext = createContext<Deployment | null>(null);

/** Hands the server-read deployment (chains, addresses, API URL) to client components. */
export function AppConfigProvider({ config, children }: { config: Deployment; children: ReactNode }) {
  return <AppConfigContext.Provider value={config}>{children}</AppConfigContext.Provider>;
}

export function useAppConfig(): Deployment {
  const config = useContext(AppConfigContext);
  if (!config) throw new Error('useAppConfig outside AppConfigProvider');
  return config;
}

/** Which side (l1/l2) a chain id is, if it is one of ours. */
export function chainKeyOf(config: Deployment, chainId: number | undefined): ChainKey | undefined {
  if (chainId === config.l1.chainId) return 'l1';
  if (chainId === config.l2.chainId) return 'l2';
  return undefined;
}
