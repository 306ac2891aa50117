'use client';

import { useWalletRoot } from './wallet-root';

/** Asks to connect a wallet; `why` completes "Connect a wallet …" for the place it is in. */
export function ConnectPrompt({ why }: { why: string }) {
  const { connect, preload } = useWalletRoot();
  return (
    <div className="card flex flex-col items-start gap-3 sm:flex-row sm:items-center sm:justify-between">
      <div>
        <h2 className="text-lg font-semibold">Connect a wallet</h2>
        <p className="muted text-sm">{why}</p>
      </div>
      <button type="button" className="btn-primary" onClick={connect} onPointerEnter={preload}>
        Connect wallet
      </button>
    </div>
  );
}
