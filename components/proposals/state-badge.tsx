import type { ProposalState } from '@/lib/proposals';

const STATE_STYLE: Record<ProposalState, string> = {
  pending: 'bg-zinc-500/15 text-zinc-700 dark:text-zinc-300',
  active: 'bg-brand-500/15 text-brand-700 dark:text-brand-300',
  succeeded: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  executed: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  queued: 'bg-amber-500/15 text-amber-800 dark:text-amber-300',
  defeated: 'bg-red-500/15 text-red-700 dark:text-red-300',
  canceled: 'bg-zinc-500/15 text-zinc-600 dark:text-zinc-400',
  expired: 'bg-zinc-500/15 text-zinc-600 dark:text-zinc-400',
};

/** A proposal's state as a coloured pill. */
export function StateBadge({ state }: { state: string }) {
  return (
    <span className={`rounded-full px-2 py-0.5 text-xs font-semibold capitalize ${STATE_STYLE[state as ProposalState] ?? ''}`} data-testid="proposal-state">
      {state}
    </span>
  );
}
