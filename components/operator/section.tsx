import type { ReactNode } from 'react';

/** One titled part of the operator panel. */
export function OperatorSection({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="space-y-3 py-5 last:pb-0" aria-labelledby={id}>
      <h3 id={id} className="font-semibold">
        {title}
      </h3>
      {children}
    </section>
  );
}
