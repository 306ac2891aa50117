'use client';

import { type ComponentType, createContext, type ReactNode, useCallback, useContext, useEffect, useState } from 'react';

/** What WalletRoot hands the wallet stack (components/wallet/wallet-stack.tsx). */
export type StackProps = {
  children: ReactNode;
  /** How many times the visitor asked to connect (0: not yet): each new request opens the wallet dialog. */
  connectRequest: number;
  /** Called with whether an account is connected, at mount and on every change. */
  onAccount(connected: boolean): void;
};

interface WalletRootState {
  /** The wallet stack (wagmi and the wallet dialog) is loaded and wraps the page. */
  ready: boolean;
  /** An account is connected (so wagmi's `useAccount().address` is set); false until the stack is loaded. */
  connected: boolean;
  /** Loads the wallet stack if needed and opens the connect dialog. */
  connect(): void;
  /** Starts downloading the wallet stack (e.g. on hover of a connect button). */
  preload(): void;
}

const WalletRootContext = createContext<WalletRootState>({ ready: false, connected: false, connect() {}, preload() {} });

/** Set while a wallet is connected, so that the next visit loads the stack and reconnects at once. */
export const REMEMBER_WALLET_KEY = 'metis-hub.wallet';

let loading: Promise<ComponentType<StackProps>> | undefined;

/**
 * The wallet stack, loaded once: every later call (a second connect, a preload) gets the same
 * component, so the page under it is never remounted. A failed load (say, offline) may be retried.
 */
function loadStack(): Promise<ComponentType<StackProps>> {
  loading ??= import('./wallet-stack')
    .then((m) => m.loadWalletStack())
    .catch((err: unknown) => {
      loading = undefined;
      throw err;
    });
  return loading;
}

/**
 * Keeps the wallet stack out of the first load: pages render and read without it, and it is
 * fetched only when the visitor asks to connect, or at once when a wallet was connected before.
 * Components that need wagmi render as wallet islands (walletIsland, ./wallet-island.tsx).
 */
export function WalletRoot({ children }: { children: ReactNode }) {
  const [Stack, setStack] = useState<ComponentType<StackProps> | null>(null);
  const [connectRequest, setConnectRequest] = useState(0);
  const [connected, setConnected] = useState(false);

  const load = useCallback(() => {
    loadStack().then((stack) => setStack(() => stack));
  }, []);
  const connect = useCallback(() => {
    setConnectRequest((n) => n + 1);
    load();
  }, [load]);
  const preload = useCallback(() => void loadStack(), []);

  useEffect(() => {
    if (localStorage.getItem(REMEMBER_WALLET_KEY)) load();
  }, [load]);

  return (
    <WalletRootContext.Provider value={{ ready: Stack !== null, connected: Stack !== null && connected, connect, preload }}>
      {Stack ? (
        <Stack connectRequest={connectRequest} onAccount={setConnected}>
          {children}
        </Stack>
      ) : (
        children
      )}
    </WalletRootContext.Provider>
  );
}

export function useWalletRoot(): WalletRootState {
  return useContext(WalletRootContext);
}
