'use client';

import { zeroAddress } from 'viem';
import { useAppConfig } from '../config/app-config';
import { shortAddress } from '@/lib/format';

/** A label for an address: the demo account's name locally, "the bridge" for mints, else the short address. */
export function useAccountLabel() {
  const { demoAccounts = [] } = useAppConfig();
  const names = new Map(demoAccounts.map((a) => [a.address.toLowerCase(), a.name]));
  names.set(zeroAddress, 'the bridge (minted)');
  return (address: string) => names.get(address.toLowerCase()) ?? shortAddress(address);
}
