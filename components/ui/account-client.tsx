'use client';

import { useEffect, useState } from 'react';
import { apiGet } from '@/lib/api';
import type { Deployment } from '@/lib/deployment/types';
import { type AccountName, nameBatcher, resolveName } from '@/lib/names';
import { useAppConfig } from '../config/app-config';
import { AccountView } from './account-view';

/** How long the browser keeps the names it looked up (a new profile shows on the next page, or after this). */
const NAMES_TTL_MS = 30_000;
let batcher: { make: ReturnType<typeof nameBatcher>; at: number; apiUrl: string } | undefined;

/** The page's name batcher: every `<ClientAccount>` rendered in one turn is named by one `/names` request. */
function lookup(config: Deployment) {
  if (!batcher || batcher.apiUrl !== config.apiUrl || Date.now() - batcher.at > NAMES_TTL_MS) {
    const make = nameBatcher(async (addresses) => (await apiGet(config.apiUrl, '/names', { addresses: addresses.join(',') })).items);
    batcher = { make, at: Date.now(), apiUrl: config.apiUrl };
  }
  return batcher.make;
}

/** An address's best name in the browser: the deployment's at once, the indexed one once looked up. */
export function useAccountName(address: string): AccountName {
  const config = useAppConfig();
  const [name, setName] = useState<AccountName>(() => resolveName(config, address));
  useEffect(() => {
    let live = true;
    lookup(config)(address).then((indexed) => {
      if (live) setName(resolveName(config, address, indexed));
    });
    return () => {
      live = false;
    };
  }, [config, address]);
  return name;
}

/** `<Account>` for client components: the same view, named through the page's batched lookup. */
export function ClientAccount({ address, link }: { address: string; link?: boolean }) {
  return <AccountView address={address} name={useAccountName(address)} link={link} />;
}
