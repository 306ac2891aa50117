'use client';

import type { ComponentType, ReactNode } from 'react';
import { ConnectPrompt } from './connect-prompt';
import { useWalletRoot } from './wallet-root';

/** What an island shows until its wallet-side component can render. */
export type IslandOptions<P> =
  /** Until an account is connected: "Connect a wallet" with this sentence and a button (ConnectPrompt). */
  | { why: string | ((props: P) => string) }
  /** Until the wallet stack is loaded (nothing by default); the component itself handles "no account". */
  | { fallback?: ReactNode | ((props: P) => ReactNode) };

/**
 * A wallet island: renders `Component` (which may use wagmi) only inside the wallet stack, with the
 * same props, and before that what `options` says (docs/ARCHITECTURE.md, "A click, end to end").
 *
 * It takes the component, not a loader: pass `dynamic(() => import('./x'), { ssr: false })` made in
 * the feature's islands.tsx. Next's compiler (the next/dynamic transform) only sees a `dynamic()` call
 * whose first argument is an inline `() => import('…')`: for `ssr: false` it then keeps the module out
 * of the server bundle and adds no preload of its chunk to the page's HTML. Called here with a loader
 * passed in, `dynamic()` would still split the chunk (any `import()` does) but the transform would not
 * apply. `ssr: false` matters: with SSR on, the page's HTML would preload the wallet-side chunk, wagmi
 * and all, in the first load. A plain component composing several such dynamic ones works too.
 */
export function walletIsland<P extends object>(Component: ComponentType<P>, options: IslandOptions<P>): ComponentType<P> {
  function WalletIsland(props: P) {
    const { ready, connected } = useWalletRoot();
    if ('why' in options) {
      if (!connected) return <ConnectPrompt why={typeof options.why === 'function' ? options.why(props) : options.why} />;
    } else if (!ready) {
      return typeof options.fallback === 'function' ? options.fallback(props) : (options.fallback ?? null);
    }
    return <Component {...props} />;
  }
  return WalletIsland;
}
