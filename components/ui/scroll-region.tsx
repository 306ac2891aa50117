import type { ReactNode } from 'react';

/**
 * A block that scrolls sideways when its content is wider than the screen (tables, code). It is a
 * named, focusable region, so that keyboard users can scroll it too (WCAG 2.1.1).
 */
export function ScrollRegion({ label, className = '', children }: { label: string; className?: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be reachable by keyboard
    <section aria-label={label} tabIndex={0} className={`overflow-x-auto ${className}`}>
      {children}
    </section>
  );
}
