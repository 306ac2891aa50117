'use client';

import { useWalletRoot } from '../wallet/wallet-root';

/** The "Delegate" button of a directory row before an account is connected: it asks to connect. */
export function ConnectToDelegate({ name }: { name: string }) {
  const { connect, preload } = useWalletRoot();
  return (
    <button type="button" className="btn-secondary w-full" onClick={connect} onPointerEnter={preload} aria-label={`Connect a wallet to delegate to ${name}`}>
      Delegate
    </button>
  );
}
