'use client';

import { ConnectButton } from '@rainbow-me/rainbowkit';
import { useAccount, useSwitchChain } from 'wagmi';
import { chainKeyOf, useAppConfig } from '../config/app-config';
import { useNeededChain } from './page-chain';

/** Network indicator (with a switch between L1 and L2) and RainbowKit's account button. */
export default function AccountButtons() {
  return (
    <div className="flex items-center gap-2">
      <NetworkIndicator />
      <ConnectButton showBalance={false} chainStatus="none" accountStatus={{ smallScreen: 'avatar', largeScreen: 'full' }} />
    </div>
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
