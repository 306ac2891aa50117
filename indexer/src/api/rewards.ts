import { db } from 'ponder:api';
import schema from 'ponder:schema';
import { Hono } from 'hono';
import { and, asc, desc, eq, gt, sum } from 'ponder';
import type { Address } from 'viem';
import type { OwedRevenue } from '../../../lib/api';
import { feeVaultAbi, rewardsDistributorAbi, sequencerStakingAbi } from '../../../lib/contracts/abis';
import config from '../../ponder.config';
import { recentEarnings, shareHistory } from './account-sql';
import { rewardEpochItem } from './items';
import { live } from './live';
import { parseAddress, parseCursor, parseId, parseLimit } from './params';
import { after, page, reply } from './respond';

// Rewards: what each epoch paid, what an account earned per epoch and can claim, the network's
// revenue and emission against the schedule, and each sequencer's realised APR.
const rewards = new Hono();
const r = schema.rewardEpoch;

const staking = { abi: sequencerStakingAbi, address: config.contracts.SequencerStaking.address as Address } as const;
const distributor = { abi: rewardsDistributorAbi, address: config.contracts.RewardsDistributor.address as Address } as const;
const feeVault = { abi: feeVaultAbi, address: config.contracts.FeeVault.address as Address } as const;

/** Epoch reports in the APR window: the newest APR_EPOCHS, measured from the report before them. */
export const APR_EPOCHS = 100;
const YEAR = 365n * 86_400n;

/**
 * Realised APR per sequencer, an estimate: the delegators' rewards over the window (the newest
 * APR_EPOCHS reports network-wide) ÷ the sequencer's average delegated stake at its reports in the
 * window (its current delegated stake when it had none), annualised by the window's length in time.
 * In basis points; null when there is no window yet (fewer than two reports) or no delegated stake.
 */
export async function realisedApr(current: { id: bigint; delegated: bigint }[]) {
  const rows = await db
    .select({ sequencerId: r.sequencerId, delegatorsReward: r.delegatorsReward, delegated: r.delegated, paid: r.paidToSequencer, timestamp: r.timestamp })
    .from(r)
    .orderBy(desc(r.id))
    .limit(APR_EPOCHS + 1);
  const aprBps = new Map<bigint, number | null>();
  const span = rows.length >= 2 ? rows[0].timestamp - rows[rows.length - 1].timestamp : 0n;
  const window = rows.slice(0, Math.min(APR_EPOCHS, rows.length - 1));
  for (const s of current) {
    const mine = window.filter((x) => x.sequencerId === s.id && x.paid);
    const earned = mine.reduce((sum, x) => sum + x.delegatorsReward, 0n);
    const average = mine.length ? mine.reduce((sum, x) => sum + x.delegated, 0n) / BigInt(mine.length) : s.delegated;
    aprBps.set(s.id, span > 0n && average > 0n ? Number((earned * 10_000n * YEAR) / (average * span)) : null);
  }
  return { aprBps, window: span > 0n ? { epochs: window.length, seconds: Number(span) } : null };
}

/** The revenue applied epochs are still owed, from the index (RevenueShortfall, OwedRevenuePaid), oldest epoch first. */
export async function owedRevenue(): Promise<OwedRevenue> {
  const rows = await db
    .select({ id: r.id, sequencerId: r.sequencerId, owed: r.revenueOwed, due: r.revenueDue, paid: r.revenue })
    .from(r)
    .where(gt(r.revenueOwed, 0n))
    .orderBy(asc(r.id))
    .limit(MAX_OWED_LISTED);
  const [all] = await db.select({ total: sum(r.revenueOwed) }).from(r);
  return {
    total: BigInt(all?.total ?? 0).toString(),
    epochs: rows.map((x) => ({
      epoch: x.id.toString(),
      sequencerId: x.sequencerId.toString(),
      owed: x.owed.toString(),
      due: x.due.toString(),
      paid: x.paid.toString(),
    })),
  };
}
/** Owed epochs listed at most (the total counts them all). */
const MAX_OWED_LISTED = 100;

/** GET /rewards/epochs?sequencer=&limit=&cursor=  Epoch rewards as applied on L1, newest first. */
rewards.get('/rewards/epochs', async (c) => {
  const seq = c.req.query('sequencer');
  const sequencerId = seq === undefined ? undefined : parseId(seq, 'sequencer');
  const limit = parseLimit(c.req.query('limit'));
  const cursor = parseCursor(c.req.query('cursor'));
  const rows = await db
    .select()
    .from(r)
    .where(and(sequencerId === undefined ? undefined : eq(r.sequencerId, sequencerId), after(cursor, r.id, r.id)))
    .orderBy(desc(r.id))
    .limit(limit + 1);
  const result = page(rows, limit, (x) => ({ key: x.id, id: x.id.toString() }));
  return reply(c, '/rewards/epochs', { items: result.items.map(rewardEpochItem), nextCursor: result.nextCursor });
});

/**
 * GET /rewards/network?limit=  The network's rewards: totals and the newest `limit` epochs (mining,
 * revenue), the emission schedule with what each year released, the reserve, escrow and fee vault.
 */
rewards.get('/rewards/network', async (c) => {
  const limit = parseLimit(c.req.query('limit'));
  const l1 = live.l1;
  const l2 = live.l2;
  const [
    owed,
    recent,
    start,
    ceilings,
    currentYear,
    totalMiningPaid,
    totalRevenuePaid,
    miningBalance,
    revenueBalance,
    rewardPerBlock,
    lifetimeCap,
    yearLength,
    nextEpoch,
    feesPending,
    feesReleased,
  ] = await Promise.all([
    owedRevenue(),
    db
      .select({
        id: r.id,
        sequencerId: r.sequencerId,
        mining: r.mining,
        revenue: r.revenue,
        miningDue: r.miningDue,
        revenueDue: r.revenueDue,
        revenueOwed: r.revenueOwed,
        timestamp: r.timestamp,
      })
      .from(r)
      .orderBy(desc(r.id))
      .limit(limit),
    l1.readContract({ ...distributor, functionName: 'emissionStart' }),
    l1.readContract({ ...distributor, functionName: 'yearCeilings' }),
    l1.readContract({ ...distributor, functionName: 'currentYear' }),
    l1.readContract({ ...distributor, functionName: 'totalMiningPaid' }),
    l1.readContract({ ...distributor, functionName: 'totalRevenuePaid' }),
    l1.readContract({ ...distributor, functionName: 'miningBalance' }),
    l1.readContract({ ...distributor, functionName: 'revenueBalance' }),
    l1.readContract({ ...distributor, functionName: 'rewardPerBlock' }),
    l1.readContract({ ...distributor, functionName: 'LIFETIME_CAP' }),
    l1.readContract({ ...distributor, functionName: 'YEAR' }),
    l1.readContract({ ...distributor, functionName: 'nextEpoch' }),
    l2.readContract({ ...feeVault, functionName: 'pending' }),
    l2.readContract({ ...feeVault, functionName: 'totalReleased' }),
  ]);
  const emitted = await Promise.all(ceilings.map((_, i) => l1.readContract({ ...distributor, functionName: 'emittedInYear', args: [BigInt(i + 1)] })));
  return reply(c, '/rewards/network', {
    totals: { mining: totalMiningPaid, revenue: totalRevenuePaid },
    recent: recent.reverse(),
    owed,
    lastAppliedEpoch: nextEpoch - 1n,
    rewardPerBlock,
    reserve: { mining: miningBalance, revenueEscrow: revenueBalance },
    feeVault: { pending: feesPending, released: feesReleased },
    schedule: {
      start,
      yearSeconds: yearLength,
      lifetimeCap,
      currentYear,
      years: ceilings.map((ceiling, i) => ({ year: i + 1, ceiling, emitted: emitted[i] })),
    },
  });
});

/** Epochs of an account's sequencers scanned for its earnings (the newest). */
const EARNINGS_SCAN = 500;

/**
 * GET /accounts/:address/rewards?epochs=  The account's positions with claimable (read from the
 * chain now), claimed, compounded and accrued (their sum); and its reward in each of the newest
 * `epochs` epochs of its sequencers, split mining vs revenue in the epoch's proportion.
 */
rewards.get('/accounts/:address/rewards', async (c) => {
  const account = parseAddress(c.req.param('address'));
  const limit = parseLimit(c.req.query('epochs'), 'epochs');
  const p = schema.position;
  const positions = await db.select().from(p).where(eq(p.account, account));
  const claimable = await Promise.all(
    positions.map((x) => live.l1.readContract({ ...staking, functionName: 'pendingRewards', args: [x.sequencerId, account] })),
  );
  const earned = await recentEarnings(db, await shareHistory(db, account), EARNINGS_SCAN);
  const items = positions.map((x, i) => ({
    sequencerId: x.sequencerId,
    shares: x.shares,
    value: x.value,
    claimable: claimable[i],
    claimed: x.claimed,
    compounded: x.compounded,
    accrued: claimable[i] + x.claimed + x.compounded,
  }));
  return reply(c, '/accounts/:address/rewards', {
    account,
    totalClaimable: claimable.reduce((a, b) => a + b, 0n),
    positions: items.filter((x) => x.shares > 0n || x.accrued > 0n),
    epochs: earned.slice(0, limit).reverse(),
  });
});

export default rewards;
