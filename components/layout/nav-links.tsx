'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export const NAV = [
  { href: '/', label: 'Dashboard' },
  { href: '/sequencers', label: 'Sequencers' },
  { href: '/rewards', label: 'Rewards' },
  { href: '/commons', label: 'Commons' },
  { href: '/proposals', label: 'Proposals' },
  { href: '/delegates', label: 'Delegates' },
  { href: '/eco-nodes', label: 'Eco Nodes' },
  { href: '/trust', label: 'Trust' },
] as const;

export function NavLinks() {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="-mx-1 flex gap-1 overflow-x-auto">
      {NAV.map(({ href, label }) => {
        const active = href === '/' ? pathname === '/' : pathname.startsWith(href);
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? 'page' : undefined}
            className={`whitespace-nowrap rounded-lg px-2.5 py-2 text-sm font-medium ${
              active ? 'bg-brand-500/15 text-brand-700 dark:text-brand-400' : 'text-zinc-600 hover:bg-zinc-100 dark:text-zinc-400 dark:hover:bg-zinc-800'
            }`}
          >
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
