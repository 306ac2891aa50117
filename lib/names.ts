import { zeroAddress } from 'viem';
import { NAMES_MAX, type NameItem, type NameSource } from './api';
import type { Deployment } from './deployment/types';
import { shortAddress } from './format';

/**
 * What to call an address in a deployment: a demo account's name (local), a deployed contract's name,
 * "the bridge (minted)" for the zero address; undefined for anyone else.
 */
export function knownName(deployment: Pick<Deployment, 'demoAccounts' | 'l1' | 'l2'>, address: string): string | undefined {
  const a = address.toLowerCase();
  if (a === zeroAddress) return 'the bridge (minted)';
  const demo = deployment.demoAccounts?.find((d) => d.address.toLowerCase() === a);
  if (demo) return demo.name;
  for (const chain of ['l2', 'l1'] as const) {
    for (const [name, c] of Object.entries(deployment[chain].contracts)) if (c.address.toLowerCase() === a) return name;
  }
  return undefined;
}

/** A label for an address: its known name, else the short address (`0x1234…abcd`). */
export function addressLabel(deployment: Pick<Deployment, 'demoAccounts' | 'l1' | 'l2'>, address: string): string {
  return knownName(deployment, address) ?? shortAddress(address);
}

/** Where a shown name comes from: the index (lib/api.ts `NameSource`) or the deployment (`knownName`). */
export type AccountNameSource = NameSource | 'deployment';

/** An address's best name for people, and where it comes from (null: none, show the short address alone). */
export interface AccountName {
  name: string | null;
  source: AccountNameSource | null;
}

/**
 * The one resolver (docs/MECHANISMS.md §8): the indexed name (`/names`: profile, sequencer metadata, group
 * name), else the deployment's name for a demo account or a contract, else none.
 */
export function resolveName(
  deployment: Pick<Deployment, 'demoAccounts' | 'l1' | 'l2'>,
  address: string,
  indexed?: Pick<NameItem, 'name' | 'source'>,
): AccountName {
  if (indexed?.name && indexed.source) return { name: indexed.name, source: indexed.source };
  const known = knownName(deployment, address);
  return known ? { name: known, source: 'deployment' } : { name: null, source: null };
}

/**
 * Collects the addresses asked for within one turn of the event loop and looks them up in `/names`
 * requests of at most NAMES_MAX each (`fetchNames`), so that a render naming fifty addresses costs one
 * request, not fifty. Each address is asked once per batcher; a failed lookup answers undefined (the
 * caller falls back to `knownName`). The server makes one per request (React `cache`), the browser one per page.
 */
export function nameBatcher(fetchNames: (addresses: string[]) => Promise<NameItem[]>) {
  const known = new Map<string, Promise<NameItem | undefined>>();
  let queue: { address: string; resolve: (item: NameItem | undefined) => void }[] = [];
  const flush = async () => {
    const batch = queue;
    queue = [];
    for (let i = 0; i < batch.length; i += NAMES_MAX) {
      const part = batch.slice(i, i + NAMES_MAX);
      const items = await fetchNames(part.map((q) => q.address)).catch(() => [] as NameItem[]);
      const by = new Map(items.map((item) => [item.address.toLowerCase(), item]));
      for (const q of part) q.resolve(by.get(q.address));
    }
  };
  return (address: string): Promise<NameItem | undefined> => {
    const key = address.toLowerCase();
    let found = known.get(key);
    if (!found) {
      found = new Promise((resolve) => {
        if (queue.length === 0) setTimeout(flush, 0);
        queue.push({ address: key, resolve });
      });
      known.set(key, found);
    }
    return found;
  };
}
