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

/** A section whose feature arrives with a later issue: says in one line what will be there. */
export function ComingSoonPage({ title, what }: { title: string; what: string }) {
  return (
    <>
      <PageTitle title={title} />
      <div className="card border-dashed text-sm">
        <p className="font-medium">Coming next</p>
        <p className="muted mt-1">{what}</p>
      </div>
    </>
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
