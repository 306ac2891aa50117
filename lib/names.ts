import { zeroAddress } from 'viem';
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
