'use client';

import { useId, useRef, useState } from 'react';
import { useAccount, useDisconnect, useSwitchChain } from 'wagmi';
import { shortAddress } from '@/lib/format';
import { knownName } from '@/lib/names';
import { chainKeyOf, useAppConfig } from '../config/app-config';
import { useNeededChain } from './page-chain';
import { useWalletRoot } from './wallet-root';

/** Network indicator (with a switch between L1 and L2) and the account button. */
export default function AccountButtons() {
  return (
    <div className="flex items-center gap-2">
      <NetworkIndicator />
      <AccountButton />
    </div>
  );
}

/** "Connect wallet" (opens the wallet dialog), or the connected account: its name and short address, with copy and disconnect. */
function AccountButton() {
  const config = useAppConfig();
  const { address } = useAccount();
  const { disconnect } = useDisconnect();
  const { connect } = useWalletRoot();
  const menu = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [copied, setCopied] = useState(false);
  if (!address) {
    return (
      <button type="button" className="btn-primary" onClick={connect}>
        Connect wallet
      </button>
    );
  }
  const name = knownName(config, address);
  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => menu.current?.showModal()} data-testid="account-button" aria-haspopup="dialog">
        {name && <span className="hidden sm:inline">{name}</span>}
        <span className="font-mono text-xs">{shortAddress(address)}</span>
      </button>
      <dialog
        ref={menu}
        aria-labelledby={titleId}
        className="m-auto w-[min(24rem,calc(100vw-2rem))] rounded-2xl border border-zinc-200 bg-white p-5 text-zinc-900 shadow-xl backdrop:bg-zinc-950/60 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-100"
      >
        <h2 id={titleId} className="text-lg font-semibold">
          {name ?? 'Your account'}
        </h2>
        <p className="muted mt-1 break-all font-mono text-xs">{address}</p>
        <div className="mt-4 flex flex-wrap gap-2">
          <button
            type="button"
            className="btn-secondary"
            onClick={() =>
              navigator.clipboard?.writeText(address).then(
                () => setCopied(true),
                () => setCopied(false),
              )
            }
          >
            {copied ? 'Copied' : 'Copy address'}
          </button>
          <button
            type="button"
            className="btn-secondary"
            onClick={() => {
              menu.current?.close();
              disconnect();
            }}
          >
            Disconnect
          </button>
          <button type="button" className="btn-secondary ml-auto" onClick={() => menu.current?.close()}>
            Close
          </button>
        </div>
      </dialog>
    </>
  );
}

function NetworkIndicator() {
  const config = useAppConfig();
  const { chainId, isConnected } = useAccount();
  const { switchChain, isPending } = useSwitchChain();
  const needed = useNeededChain();
  if (!isConnected) return null;
  const key = chainKeyOf(config, chainId);
  if (!key || (needed && needed !== key)) {
    const target = config[needed ?? 'l1'];
    return (
      <button
        type="button"
        className="btn bg-amber-500 text-zinc-950 hover:bg-amber-400"
        disabled={isPending}
        onClick={() => switchChain({ chainId: target.chainId })}
        data-testid="network-switch"
      >
        {isPending ? 'Switching…' : `${key ? 'This page uses' : 'Wrong network: switch to'} ${target.name}${key ? ': switch' : ''}`}
      </button>
    );
  }
  const other = key === 'l1' ? config.l2 : config.l1;
  return (
    <div className="flex items-center gap-1 rounded-xl border border-zinc-300 p-1 text-sm dark:border-zinc-700" data-testid="network-indicator">
      <span className="flex items-center gap-1.5 px-2 font-medium">
        <span aria-hidden className={`size-2 rounded-full ${key === 'l1' ? 'bg-indigo-500' : 'bg-brand-500'}`} />
        <span className="hidden sm:inline">{config[key].name}</span>
        <span className="sm:hidden">{key.toUpperCase()}</span>
      </span>
      <button
        type="button"
        className="rounded-lg px-2 py-1 text-xs font-semibold text-brand-700 hover:bg-zinc-100 disabled:opacity-50 dark:text-brand-400 dark:hover:bg-zinc-800"
        disabled={isPending}
        onClick={() => switchChain({ chainId: other.chainId })}
        aria-label={`Switch wallet to ${other.name}`}
      >
        {isPending ? 'Switching…' : `→ ${key === 'l1' ? 'L2' : 'L1'}`}
      </button>
    </div>
  );
}
