'use client';

import { addressLabel } from '@/lib/names';
import { useAppConfig } from '../config/app-config';

/** A label for an address in the browser: a demo account's or a contract's name, else the short address (lib/names.ts). */
export function useAccountLabel() {
  const config = useAppConfig();
  return (address: string) => addressLabel(config, address);
}
