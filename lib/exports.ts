import type { Address } from 'viem';
import { FRACTIONAL_SUPPORT, SUPPORT } from './proposals';

// An account's data as CSV files (docs/ARCHITECTURE.md, "Exports"): one kind per file, one row per event,
// oldest first. The API streams them (`GET /accounts/:address/export/:kind`, indexer/src/api/exports.ts);
// the account page links them; the e2e test reads them back. The columns of each kind are written once, here.

export const EXPORT_KINDS = ['rewards', 'claims', 'stake', 'slashes', 'votes'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

interface ExportInfo {
  /** The file's name for people, and what it holds. */
  title: string;
  holds: string;
  /** Its header row: the CSV column names, in order. */
  columns: readonly string[];
}

/** Each kind of file: how it is described to people, and its header row. */
export const EXPORTS = {
  rewards: {
    title: 'Rewards per epoch',
    holds:
      "Your reward from every epoch a sequencer you stake behind was paid on L1: your pro-rata part of its mining reward and revenue share, the commission the operator took of it, and what was left to you (reward = mining + revenue − commission). The epoch's whole payout to the sequencer's pool is beside it.",
    columns: ['epoch', 'sequencer_id', 'time', 'sequencer_reward_metis', 'mining_metis', 'revenue_metis', 'commission_metis', 'reward_metis', 'chain', 'tx'],
  },
  claims: {
    title: 'Claims and compounds',
    holds: 'Every claim of your staking rewards (paid to your wallet) and every compound (restaked into the same position), with the amount.',
    columns: ['time', 'kind', 'sequencer_id', 'amount_metis', 'chain', 'tx'],
  },
  stake: {
    title: 'Stake changes and unbonding',
    holds:
      'Every change of your stake: delegations, undelegations (the start of unbonding, with the time it unlocks), redelegations, compounds, withdrawals of unbonded METIS and, for an operator, the self-lock and its sequencer’s jails and slashes (the pool’s figure).',
    columns: ['time', 'kind', 'sequencer_id', 'amount_metis', 'unlock_time', 'chain', 'tx'],
  },
  slashes: {
    title: 'Slashes',
    holds:
      'What each slash took from you: your part of a slashed pool, or liable stake that had left it and paid later, with the slash’s cause (the upheld challenge, or the reason given).',
    columns: ['time', 'sequencer_id', 'kind', 'fraction_bps', 'amount_lost_metis', 'cause', 'challenge_id', 'chain', 'tx'],
  },
  votes: {
    title: 'Votes',
    holds: 'Every Commons vote you cast, directly or inside a group: the proposal, your choice, its weight and your reason.',
    columns: ['time', 'proposal_id', 'proposal_title', 'choice', 'weight_votes', 'reason', 'via', 'group', 'group_name', 'chain', 'tx'],
  },
} as const satisfies Record<ExportKind, ExportInfo>;

/** One row of a `kind` file by column name (null: an empty field). */
export type ExportRecord<K extends ExportKind> = Record<(typeof EXPORTS)[K]['columns'][number], string | null>;

/** A record's fields in its file's column order. */
export function exportFields<K extends ExportKind>(kind: K, record: ExportRecord<K>): (string | null)[] {
  return EXPORTS[kind].columns.map((c: keyof ExportRecord<K>) => record[c]);
}

/** The API route of the exports (outside lib/api.ts ApiRoutes: its answers are CSV files, not JSON). */
export const EXPORT_ROUTE = '/accounts/:address/export/:kind';

/** The API path of an account's export of `kind`. */
export function exportPath(address: Address, kind: ExportKind): string {
  return `/accounts/${address}/export/${kind}`;
}

/** The file name the API gives it: `metis-<kind>-<address>.csv` (the address checksummed). */
export function exportFilename(address: Address, kind: ExportKind): string {
  return `metis-${kind}-${address}.csv`;
}

/** The chain column: where the row's transaction is. */
export const EXPORT_CHAIN = { l1: 'L1', l2: 'L2' } as const;

/** A governor vote's choice in words: for, against, abstain, or split (a fractional vote). */
export function choiceName(support: number): string {
  if (support === FRACTIONAL_SUPPORT) return 'split';
  return (Object.keys(SUPPORT) as (keyof typeof SUPPORT)[]).find((k) => SUPPORT[k] === support) ?? `support ${support}`;
}
