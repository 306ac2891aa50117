import Link from 'next/link';
import type { ReactNode } from 'react';

export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
      {children && <p className="muted mt-1 max-w-3xl">{children}</p>}
    </div>
  );
}

/** The way back up to a list, above a page's title ("← Sequencers"). */
export function BackLink({ href, children }: { href: string; children: ReactNode }) {
  return (
    <p className="mb-2 text-sm">
      <Link href={href} className="muted hover:underline">
        ← {children}
      </Link>
    </p>
  );
}
