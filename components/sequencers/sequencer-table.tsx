import Link from 'next/link';
import { Account } from '@/components/ui/account';
import { formatBps, formatDateTime, formatMetis } from '@/lib/format';
import type { commissionAt } from '@/lib/sequencers';

export interface SequencerRow {
  id: string;
  name: string;
  owner: string;
  status: string;
  selfLock: bigint;
  delegated: bigint;
  totalStake: bigint;
  capUseBps: number;
  commission: ReturnType<typeof commissionAt>;
  epochsRecent: number;
  current: boolean;
  /** Realised APR estimate (API), null until rewards exist. */
  aprBps: number | null;
}

export const SORT_KEYS = ['name', 'status', 'selfLock', 'delegated', 'totalStake', 'capUse', 'commission', 'epochs', 'apr'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

const value: Record<SortKey, (r: SequencerRow) => string | bigint | number> = {
  name: (r) => r.name.toLowerCase(),
  status: (r) => r.status,
  selfLock: (r) => r.selfLock,
  delegated: (r) => r.delegated,
  totalStake: (r) => r.totalStake,
  capUse: (r) => r.capUseBps,
  commission: (r) => r.commission.bps,
  epochs: (r) => r.epochsRecent,
  apr: (r) => r.aprBps ?? -1,
};

export function sortRows(rows: SequencerRow[], key: SortKey, dir: 'asc' | 'desc'): SequencerRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value[key](a);
    const y = value[key](b);
    return (x < y ? -1 : x > y ? 1 : 0) * sign || Number(a.id) - Number(b.id);
  });
}

const STATUS_STYLE: Record<string, string> = {
  active: 'bg-emerald-500/15 text-emerald-700 dark:text-emerald-300',
  jailed: 'bg-red-500/15 text-red-700 dark:text-red-300',
  unlocking: 'bg-amber-500/15 text-amber-800 dark:text-amber-300',
  exited: 'bg-zinc-500/15 text-zinc-600 dark:text-zinc-400',
};

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'name', label: 'Sequencer' },
  { key: 'status', label: 'Status' },
  { key: 'selfLock', label: 'Self-lock', numeric: true },
  { key: 'delegated', label: 'Delegated', numeric: true },
  { key: 'totalStake', label: 'Total stake', numeric: true },
  { key: 'capUse', label: 'Cap use', numeric: true },
  { key: 'commission', label: 'Commission', numeric: true },
  { key: 'epochs', label: 'Recent epochs', numeric: true },
  { key: 'apr', label: 'APR (est.)', numeric: true },
];

/** The sequencer set as a table sortable by any column (links, so it sorts without JavaScript). */
export function SequencerTable({
  rows,
  sort,
  dir,
  recentWindow,
  aprExplained,
}: {
  rows: SequencerRow[];
  sort: SortKey;
  dir: 'asc' | 'desc';
  recentWindow: number;
  /** How the APR estimate was measured, for its column's title. */
  aprExplained: string;
}) {
  return (
    <div className="card overflow-x-auto p-0">
      <table className="w-full min-w-[880px] text-sm" data-testid="sequencer-table">
        <thead className="border-b border-zinc-200 text-left dark:border-zinc-800">
          <tr>
            {COLUMNS.map((c) => {
              const active = c.key === sort;
              const next = active && dir === 'desc' ? 'asc' : 'desc';
              return (
                <th
                  key={c.key}
                  scope="col"
                  className={`px-4 py-3 font-medium ${c.numeric ? 'text-right' : ''}`}
                  aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}
                >
                  <Link
                    href={`?sort=${c.key}&dir=${next}`}
                    scroll={false}
                    className="hover:underline"
                    title={c.key === 'epochs' ? `Epochs produced among the last ${recentWindow}` : c.key === 'apr' ? aprExplained : undefined}
                  >
                    {c.label}
                    {active ? (dir === 'asc' ? ' ↑' : ' ↓') : ''}
                  </Link>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {rows.map((r) => (
            <tr key={r.id} data-testid="sequencer-row" data-current={r.current || undefined} className={r.current ? 'bg-brand-500/5' : undefined}>
              <td className="px-4 py-3">
                <div className="font-medium">
                  <Link href={`/sequencers/${r.id}`} className="hover:underline">
                    {r.name}
                  </Link>
                  {r.current && (
                    <span className="ml-2 rounded-md bg-brand-500/20 px-1.5 py-0.5 text-xs font-semibold text-brand-700 dark:text-brand-400">
                      producing now
                    </span>
                  )}
                </div>
                <div className="text-xs">
                  <Account address={r.owner} />
                </div>
              </td>
              <td className="px-4 py-3">
                <span className={`rounded-md px-1.5 py-0.5 text-xs font-semibold capitalize ${STATUS_STYLE[r.status] ?? ''}`}>{r.status}</span>
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{formatMetis(r.selfLock, { digits: 0, symbol: false })}</td>
              <td className="px-4 py-3 text-right tabular-nums">{formatMetis(r.delegated, { digits: 0, symbol: false })}</td>
              <td className="px-4 py-3 text-right font-medium tabular-nums">{formatMetis(r.totalStake, { digits: 0, symbol: false })}</td>
              <td className="px-4 py-3 text-right">
                <div className="ml-auto flex w-24 items-center gap-2" title={`${formatBps(r.capUseBps)} of the cap`}>
                  <div className="h-1.5 flex-1 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
                    <div
                      className={`h-1.5 rounded-full ${r.capUseBps >= 9_000 ? 'bg-amber-500' : 'bg-brand-500'}`}
                      style={{ width: `${Math.min(r.capUseBps, 10_000) / 100}%` }}
                    />
                  </div>
                  <span className="tabular-nums">{formatBps(r.capUseBps)}</span>
                </div>
              </td>
              <td className="px-4 py-3 text-right tabular-nums">
                {formatBps(r.commission.bps)}
                {r.commission.pending && (
                  <div className="text-xs text-amber-800 dark:text-amber-300" data-testid="pending-commission">
                    → {formatBps(r.commission.pending.bps)} from {formatDateTime(r.commission.pending.effectiveAt)}
                  </div>
                )}
              </td>
              <td className="px-4 py-3 text-right tabular-nums">{r.epochsRecent}</td>
              <td className="px-4 py-3 text-right tabular-nums" data-testid="sequencer-apr" title={aprExplained}>
                {r.aprBps === null ? <span className="muted">—</span> : formatBps(r.aprBps)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
