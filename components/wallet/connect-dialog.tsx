'use client';

import { useEffect, useId, useRef } from 'react';
import { type Connector, useAccount, useConnect, useConnectors } from 'wagmi';
import { describeError } from '@/lib/errors';
import { DEMO_CONNECTOR_PREFIX } from './demo-wallets';

/** The generic `window.ethereum` connector's id; shown only when no wallet announced itself. */
const INJECTED_ID = 'injected';

/**
 * The wallets a visitor may connect with: every connector wagmi has (the wallets that announced
 * themselves, `window.ethereum` when none did, WalletConnect with a project id, demo accounts locally).
 */
function walletGroups(connectors: readonly Connector[]): { name: string; connectors: Connector[] }[] {
  const demo = connectors.filter((c) => c.id.startsWith(DEMO_CONNECTOR_PREFIX));
  const announced = connectors.filter((c) => !demo.includes(c) && c.id !== INJECTED_ID);
  const hasWindowEthereum = typeof window !== 'undefined' && 'ethereum' in window && window.ethereum !== undefined;
  const wallets =
    announced.some((c) => c.type === 'injected') || !hasWindowEthereum ? announced : [...connectors.filter((c) => c.id === INJECTED_ID), ...announced];
  return [
    { name: 'Wallets', connectors: wallets },
    { name: 'Demo accounts (local only)', connectors: demo },
  ].filter((g, i) => i === 0 || g.connectors.length > 0);
}

/** The wallet dialog: opens on each new connect request, closes once an account is connected. */
export function ConnectDialog({ request }: { request: number }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const connectors = useConnectors();
  const { connect, isPending, variables, error, reset } = useConnect();
  const { isConnected } = useAccount();

  useEffect(() => {
    if (request === 0) return;
    reset();
    if (!dialog.current?.open) dialog.current?.showModal();
  }, [request, reset]);
  useEffect(() => {
    if (isConnected) dialog.current?.close();
  }, [isConnected]);

  const choosing = isPending ? variables?.connector : undefined;
  return (
    <dialog
      ref={dialog}
      aria-labelledby={titleId}
      className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/60 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
    >
      <div className="flex items-center justify-between gap-3">
        <h2 id={titleId} className="text-lg font-semibold">
          Choose a wallet
        </h2>
        <button type="button" className="btn-secondary min-h-8 px-3" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      {walletGroups(connectors).map((group) => (
        <section key={group.name} className="mt-4">
          <h3 className="muted mb-2 text-xs font-semibold uppercase tracking-wide">{group.name}</h3>
          {group.connectors.length === 0 ? (
            <p className="muted text-sm">
              No browser wallet found in this browser. Install one (MetaMask, Rabby or Coinbase Wallet, for instance) and reload the page.
            </p>
          ) : (
            <ul className="space-y-2">
              {group.connectors.map((c) => (
                <li key={c.uid}>
                  <button
                    type="button"
                    className="btn-secondary w-full justify-start"
                    disabled={isPending}
                    aria-busy={choosing === c}
                    onClick={() => connect({ connector: c })}
                  >
                    {c.icon ? (
                      // biome-ignore lint/performance/noImgElement: a wallet's icon is a small data URI it supplies, nothing to optimise
                      <img src={c.icon} alt="" width={24} height={24} className="size-6 rounded-md" />
                    ) : (
                      <span aria-hidden className="size-6 rounded-md bg-zinc-200 dark:bg-zinc-700" />
                    )}
                    <span>{c.id === INJECTED_ID ? 'Browser wallet' : c.name}</span>
                    {choosing === c && <span className="muted ml-auto text-xs">Confirm in your wallet…</span>}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {error && (
        <p role="alert" className="mt-4 text-sm text-red-700 dark:text-red-400">
          {describeError(error)}
        </p>
      )}
    </dialog>
  );
}
