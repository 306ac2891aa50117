'use client';

import dynamic from 'next/dynamic';
import { useWalletRoot, WalletOnly } from './wallet-root';

const AccountButtons = dynamic(() => import('./account-buttons'), { ssr: false, loading: () => <ConnectPlaceholder /> });

function ConnectPlaceholder({ onClick }: { onClick?: () => void }) {
  const { preload } = useWalletRoot();
  return (
    <button type="button" className="btn-primary" onClick={onClick} onPointerEnter={preload} onFocus={preload} disabled={!onClick}>
      Connect wallet
    </button>
  );
}

/** Header wallet controls: a light button until the wallet stack is loaded, then RainbowKit's. */
export function ConnectButton() {
  const { connect } = useWalletRoot();
  return (
    <WalletOnly fallback={<ConnectPlaceholder onClick={connect} />}>
      <AccountButtons />
    </WalletOnly>
  );
}
