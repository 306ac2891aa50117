import Link from 'next/link';
import { NotificationBellIsland } from '../notifications/islands';
import { ConnectButtonIsland } from '../wallet/islands';
import { NavLinks } from './nav-links';
import { ThemeToggle } from './theme';

/** Logo, wallet controls, and the navigation: on one row on wide screens, below on phones. */
export function Header({ networkName }: { networkName: string }) {
  return (
    <header className="sticky top-0 z-30 border-b border-zinc-200 bg-white/85 backdrop-blur dark:border-zinc-800 dark:bg-zinc-950/85">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
        <Link href="/" className="order-1 flex items-center gap-2 text-lg font-bold tracking-tight">
          <img src="/logo.svg" alt="" width={28} height={28} />
          Metis Hub
          {networkName !== 'mainnet' && (
            <span className="rounded-md bg-amber-400/20 px-1.5 py-0.5 text-xs font-semibold uppercase text-amber-800 dark:text-amber-300">{networkName}</span>
          )}
        </Link>
        <div className="order-2 ml-auto flex items-center gap-2 lg:order-3">
          <ThemeToggle />
          <NotificationBellIsland />
          <ConnectButtonIsland />
        </div>
        <div className="order-3 w-full min-w-0 lg:order-2 lg:w-auto lg:flex-1">
          <NavLinks />
        </div>
      </div>
    </header>
  );
}
