import { and, asc, desc, eq, gt, inArray, isNotNull, or, type SQL } from 'drizzle-orm';
import { type Address, getAddress } from 'viem';
import type { AccountSlashItem } from '../../../lib/api';
import { challengeOfReason } from '../../../lib/challenges';
import { choiceName, EXPORT_CHAIN, type ExportKind, type ExportRecord, exportFields } from '../../../lib/exports';
import { formatDecimal18, formatIsoTime } from '../../../lib/format';
import * as schema from '../../ponder.schema';
import type { Db } from './delegates-sql';

// An account's lists as its exports walk them (docs/ARCHITECTURE.md, "Exports"), and the reward and slash
// arithmetic the JSON routes share with them: apart from the routes (./exports, ./rewards, ./index) so that
// account-sql.test.ts runs them in PGlite. Every walk is oldest first, in keyset pages of EXPORT_PAGE rows
// over the table's account index: an account with a million events costs a million rows streamed, never
// held at once.

/** Rows read per query of an export walk. */
export const EXPORT_PAGE = 500;

type Row<T> = T extends { $inferSelect: infer R } ? R : never;
type SharesRow = Row<typeof schema.positionShares>;
type EpochRow = Row<typeof schema.rewardEpoch>;

/** (key, id) strictly after `last` in ascending order: the keyset condition of an oldest-first walk. */
function afterAsc<K, I>(key: Parameters<typeof gt>[0], id: Parameters<typeof gt>[0], last: { key: K; id: I } | undefined): SQL | undefined {
  if (!last) return undefined;
  return or(gt(key, last.key), and(eq(key, last.key), gt(id, last.id)));
}

/** Every row of a keyset walk: `next(last)` reads the page after the last row read (undefined: the first). */
async function* walk<R>(next: (last: R | undefined) => Promise<R[]>, size = EXPORT_PAGE): AsyncGenerator<R> {
  let last: R | undefined;
  for (;;) {
    const rows = await next(last);
    yield* rows;
    if (rows.length < size) return;
    last = rows[rows.length - 1];
  }
}

/**
 * An account's shares behind each sequencer over time (`position_shares`, one row per change of its own:
 * bounded by its transactions): `before(sequencerId, block, logIndex)` is what it held just before that log.
 */
export async function shareHistory(db: Db, account: Address) {
  const ps = schema.positionShares;
  const rows: SharesRow[] = await db.select().from(ps).where(eq(ps.account, account)).orderBy(ps.sequencerId, ps.blockNumber, ps.logIndex);
  const by = new Map<bigint, SharesRow[]>();
  for (const r of rows) by.set(r.sequencerId, [...(by.get(r.sequencerId) ?? []), r]);
  return {
    sequencerIds: [...by.keys()],
    before(sequencerId: bigint, blockNumber: bigint, logIndex: number): bigint {
      const list = by.get(sequencerId) ?? [];
      let lo = 0;
      let hi = list.length; // the first change at or after the log
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        const h = list[mid];
        if (h.blockNumber < blockNumber || (h.blockNumber === blockNumber && h.logIndex < logIndex)) lo = mid + 1;
        else hi = mid;
      }
      return lo === 0 ? 0n : list[lo - 1].shares;
    },
  };
}
export type ShareHistory = Awaited<ReturnType<typeof shareHistory>>;

/**
 * What a delegator holding `shares` earned from one epoch's payout (docs/MECHANISMS.md §3.2): `reward` is its
 * part of the delegators' reward (already net of commission), split mining vs revenue in the epoch's
 * proportion; `gross` its pro-rata part of the whole payout, split the same way, of which the operator took
 * `commission`: reward = grossMining + grossRevenue − commission. Null when it earned nothing.
 */
export function epochEarning(e: EpochRow, shares: bigint) {
  const delegatedShares = e.totalShares - e.selfShares;
  if (shares === 0n || delegatedShares <= 0n) return null;
  const reward = (shares * e.delegatorsReward) / delegatedShares;
  if (reward === 0n) return null;
  const total = e.mining + e.revenue;
  const mining = total === 0n ? 0n : (reward * e.mining) / total;
  const pro = e.totalShares === 0n ? 0n : (shares * total) / e.totalShares;
  const gross = pro > reward ? pro : reward;
  const grossMining = total === 0n ? 0n : (gross * e.mining) / total;
  return { reward, mining, revenue: reward - mining, gross, grossMining, grossRevenue: gross - grossMining, commission: gross - reward };
}

/** The epochs paid to the sequencers the account held shares behind, oldest first, from `after` (an epoch id) on. */
function paidEpochs(db: Db, sequencerIds: bigint[], last: bigint | undefined, limit: number): Promise<EpochRow[]> {
  const r = schema.rewardEpoch;
  return db
    .select()
    .from(r)
    .where(and(inArray(r.sequencerId, sequencerIds), eq(r.paidToSequencer, true), last === undefined ? undefined : gt(r.id, last)))
    .orderBy(asc(r.id))
    .limit(limit);
}

/**
 * The account's reward in each of the newest `scan` epochs paid to its sequencers in which it earned, newest
 * first (GET /accounts/:address/rewards lists some of them).
 */
export async function recentEarnings(db: Db, history: ShareHistory, scan: number) {
  if (history.sequencerIds.length === 0) return [];
  const r = schema.rewardEpoch;
  const epochs: EpochRow[] = await db
    .select()
    .from(r)
    .where(and(inArray(r.sequencerId, history.sequencerIds), eq(r.paidToSequencer, true)))
    .orderBy(desc(r.id))
    .limit(scan);
  return epochs.flatMap((e) => {
    const earned = epochEarning(e, history.before(e.sequencerId, e.blockNumber, e.logIndex));
    return earned
      ? [{ epoch: e.id, sequencerId: e.sequencerId, timestamp: e.timestamp, reward: earned.reward, mining: earned.mining, revenue: earned.revenue }]
      : [];
  });
}

/**
 * What each slash took from the account, newest first (GET /accounts/:address/slashes): a position's part of a
 * pool slash (its shares at the slash × the pool before it / the shares, × the fraction) and the liable
 * unbonding or redelegated stake it paid later, each with the slash's reason. Slashes are few (the contract
 * allows a bounded number per sequencer per exit delay), so they are read at once.
 */
export async function accountSlashes(db: Db, account: Address, history?: ShareHistory): Promise<AccountSlashItem[]> {
  const shares = history ?? (await shareHistory(db, account));
  const e = schema.stakeEvent;
  const [slashes, direct] = await Promise.all([
    shares.sequencerIds.length ? db.select().from(schema.slash).where(inArray(schema.slash.sequencerId, shares.sequencerIds)) : Promise.resolve([]),
    db
      .select()
      .from(e)
      .where(and(eq(e.account, account), eq(e.kind, 'slash'))),
  ]);
  const items: (AccountSlashItem & { order: string })[] = [];
  for (const s of slashes) {
    const held = shares.before(s.sequencerId, s.blockNumber, s.logIndex);
    if (held === 0n || s.totalShares === 0n) continue;
    const amount = (((held * s.poolBefore) / s.totalShares) * BigInt(s.fractionBps)) / 10_000n;
    items.push({
      sequencerId: s.sequencerId.toString(),
      kind: 'position',
      fractionBps: s.fractionBps,
      amount: amount.toString(),
      reason: s.reason,
      timestamp: s.timestamp.toString(),
      txHash: s.txHash,
      order: s.id,
    });
  }
  for (const d of direct) {
    // the operator's own row of a pool slash is the pool's total, already counted through its shares
    if (slashes.some((s) => s.txHash === d.txHash && s.sequencerId === d.sequencerId)) continue;
    items.push({
      sequencerId: d.sequencerId.toString(),
      kind: 'liable',
      fractionBps: null,
      amount: d.amount.toString(),
      reason: d.reason,
      timestamp: d.timestamp.toString(),
      txHash: d.txHash,
      order: d.id,
    });
  }
  items.sort((a, b) => (a.timestamp === b.timestamp ? (a.order < b.order ? 1 : -1) : BigInt(b.timestamp) > BigInt(a.timestamp) ? 1 : -1));
  return items.map(({ order: _, ...item }) => item);
}

const metis = formatDecimal18;
const time = (seconds: bigint | string) => formatIsoTime(BigInt(seconds));
const checksum = (address: string) => getAddress(address);

/** rewards: one row per epoch paid to a sequencer the account held shares behind, with what the account earned. */
async function* rewardRecords(db: Db, account: Address): AsyncGenerator<ExportRecord<'rewards'>> {
  const history = await shareHistory(db, account);
  if (history.sequencerIds.length === 0) return;
  for await (const e of walk<EpochRow>((last) => paidEpochs(db, history.sequencerIds, last?.id, EXPORT_PAGE))) {
    const earned = epochEarning(e, history.before(e.sequencerId, e.blockNumber, e.logIndex));
    if (!earned) continue;
    yield {
      epoch: e.id.toString(),
      sequencer_id: e.sequencerId.toString(),
      time: time(e.timestamp),
      sequencer_reward_metis: metis(e.mining + e.revenue),
      mining_metis: metis(earned.grossMining),
      revenue_metis: metis(earned.grossRevenue),
      commission_metis: metis(earned.commission),
      reward_metis: metis(earned.reward),
      chain: EXPORT_CHAIN.l1,
      tx: e.txHash,
    };
  }
}

/** claims: one row per claim or compound. */
async function* claimRecords(db: Db, account: Address): AsyncGenerator<ExportRecord<'claims'>> {
  const p = schema.rewardPayout;
  type P = Row<typeof p>;
  const page = (last: P | undefined): Promise<P[]> =>
    db
      .select()
      .from(p)
      .where(and(eq(p.account, account), afterAsc(p.timestamp, p.id, last && { key: last.timestamp, id: last.id })))
      .orderBy(asc(p.timestamp), asc(p.id))
      .limit(EXPORT_PAGE);
  for await (const x of walk(page)) {
    yield {
      time: time(x.timestamp),
      kind: x.kind,
      sequencer_id: x.sequencerId.toString(),
      amount_metis: metis(x.amount),
      chain: EXPORT_CHAIN.l1,
      tx: x.txHash,
    };
  }
}

/**
 * stake: every stake event of the account (stake_event: its kinds as indexed; an undelegate or a withdraw-lock
 * with its entry's unlock time) and every withdrawal of an unbonding entry (kind `withdrawn`, what was paid
 * out), merged oldest first.
 */
async function* stakeRecords(db: Db, account: Address): AsyncGenerator<ExportRecord<'stake'>> {
  const e = schema.stakeEvent;
  const u = schema.unbonding;
  type E = Row<typeof e>;
  type U = Row<typeof u>;
  async function* events(): AsyncGenerator<{ at: bigint; record: ExportRecord<'stake'> }> {
    const page = (last: E | undefined): Promise<E[]> =>
      db
        .select()
        .from(e)
        .where(and(eq(e.account, account), afterAsc(e.timestamp, e.id, last && { key: last.timestamp, id: last.id })))
        .orderBy(asc(e.timestamp), asc(e.id))
        .limit(EXPORT_PAGE);
    let last: E | undefined;
    for (;;) {
      const rows = await page(last);
      const ids = rows.flatMap((r) => (r.unbondingId ? [r.unbondingId] : []));
      const entries: U[] = ids.length ? await db.select().from(u).where(inArray(u.id, ids)) : [];
      for (const r of rows) {
        const entry = r.unbondingId ? entries.find((x) => x.id === r.unbondingId) : undefined;
        yield {
          at: r.timestamp,
          record: {
            time: time(r.timestamp),
            kind: r.kind,
            sequencer_id: r.sequencerId.toString(),
            amount_metis: metis(r.amount),
            unlock_time: entry ? time(entry.maturesAt) : null,
            chain: EXPORT_CHAIN.l1,
            tx: r.txHash,
          },
        };
      }
      if (rows.length < EXPORT_PAGE) return;
      last = rows[rows.length - 1];
    }
  }
  async function* withdrawals(): AsyncGenerator<{ at: bigint; record: ExportRecord<'stake'> }> {
    const page = (last: U | undefined): Promise<U[]> =>
      db
        .select()
        .from(u)
        .where(and(eq(u.account, account), isNotNull(u.withdrawnAt), afterAsc(u.withdrawnAt, u.id, last && { key: last.withdrawnAt, id: last.id })))
        .orderBy(asc(u.withdrawnAt), asc(u.id))
        .limit(EXPORT_PAGE);
    for await (const x of walk(page)) {
      const at = x.withdrawnAt ?? 0n;
      yield {
        at,
        record: {
          time: time(at),
          kind: 'withdrawn',
          sequencer_id: x.sequencerId.toString(),
          amount_metis: metis(x.withdrawnAmount ?? x.amount),
          unlock_time: time(x.maturesAt),
          chain: EXPORT_CHAIN.l1,
          tx: x.withdrawnTx,
        },
      };
    }
  }
  // Merge the two oldest-first walks (a withdrawal after the stake events of the same second).
  const a = events();
  const b = withdrawals();
  let x = await a.next();
  let y = await b.next();
  while (!x.done || !y.done) {
    if (!x.done && (y.done || x.value.at <= y.value.at)) {
      yield x.value.record;
      x = await a.next();
    } else if (!y.done) {
      yield y.value.record;
      y = await b.next();
    }
  }
}

/** slashes: one row per slash that took from the account (see `accountSlashes`), with its cause. */
async function* slashRecords(db: Db, account: Address): AsyncGenerator<ExportRecord<'slashes'>> {
  for (const s of (await accountSlashes(db, account)).reverse()) {
    yield {
      time: time(s.timestamp),
      sequencer_id: s.sequencerId,
      kind: s.kind,
      fraction_bps: s.fractionBps === null ? null : String(s.fractionBps),
      amount_lost_metis: metis(BigInt(s.amount)),
      cause: s.reason,
      challenge_id: challengeOfReason(s.reason),
      chain: EXPORT_CHAIN.l1,
      tx: s.txHash,
    };
  }
}

/** votes: one row per vote the account cast, directly at the governor or inside a group. */
async function* voteRecords(db: Db, account: Address): AsyncGenerator<ExportRecord<'votes'>> {
  const v = schema.vote;
  const p = schema.proposal;
  const g = schema.commonsGroup;
  type V = { vote: Row<typeof v>; title: string | null; groupName: string | null };
  const page = (last: V | undefined): Promise<V[]> =>
    db
      .select({ vote: v, title: p.title, groupName: g.name })
      .from(v)
      .leftJoin(p, eq(p.id, v.proposalId))
      .leftJoin(g, eq(g.address, v.group))
      .where(and(eq(v.voter, account), afterAsc(v.timestamp, v.id, last && { key: last.vote.timestamp, id: last.vote.id })))
      .orderBy(asc(v.timestamp), asc(v.id))
      .limit(EXPORT_PAGE);
  for await (const { vote, title, groupName } of walk(page)) {
    yield {
      time: time(vote.timestamp),
      proposal_id: vote.proposalId.toString(),
      proposal_title: title,
      choice: choiceName(vote.support),
      weight_votes: metis(vote.weight),
      reason: vote.reason,
      via: vote.group ? 'group' : 'direct',
      group: vote.group ? checksum(vote.group) : null,
      group_name: groupName,
      chain: EXPORT_CHAIN.l2,
      tx: vote.txHash,
    };
  }
}

const RECORDS: { [K in ExportKind]: (db: Db, account: Address) => AsyncGenerator<ExportRecord<K>> } = {
  rewards: rewardRecords,
  claims: claimRecords,
  stake: stakeRecords,
  slashes: slashRecords,
  votes: voteRecords,
};

/** The rows of the account's `kind` file after its header, oldest first, as fields in the header's order. */
export async function* exportRows(db: Db, kind: ExportKind, account: Address): AsyncGenerator<(string | null)[]> {
  for await (const record of RECORDS[kind](db, account) as AsyncGenerator<ExportRecord<typeof kind>>) yield exportFields(kind, record);
}
