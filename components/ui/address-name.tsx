'use client';

import { useAccountLabel } from '../dashboard/use-account-name';

/** An address as people read it (lib/names.ts), with the full address on hover; for components that render on both sides. */
export function AddressName({ address }: { address: string }) {
  const label = useAccountLabel();
  return <span title={address}>{label(address)}</span>;
}
