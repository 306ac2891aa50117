'use client';

import dynamic from 'next/dynamic';
import { walletIsland } from './wallet-island';
import { useWalletRoot } from './wallet-root';

// RainbowKit's account and network buttons load with the wallet stack, never in a page's first load.
const AccountButtons = dynamic(() => import('./account-buttons'), { ssr: false, loading: () => <ConnectPlaceholder /> });

/** A light "Connect wallet" button: it loads the stack and opens the dialog (disabled while the buttons load). */
function ConnectPlaceholder({ active = false }: { active?: boolean }) {
  const { connect, preload } = useWalletRoot();
  return (
    <button type="button" className="btn-primary" onClick={active ? connect : undefined} onPointerEnter={preload} onFocus={preload} disabled={!active}>
      Connect wallet
    </button>
  );
}

/** Header wallet controls: a light button until the wallet stack is loaded, then RainbowKit's. */
export const ConnectButtonIsland = walletIsland(AccountButtons, { fallback: <ConnectPlaceholder active /> });
