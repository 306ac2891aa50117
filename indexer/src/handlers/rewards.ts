import { ponder } from 'ponder:registry';
import { rewardEpoch, rewardFunding, rewardShortfall } from 'ponder:schema';
import { type Address, parseEventLogs } from 'viem';
import { rewardsDistributorAbi } from '../../../lib/contracts/abis';
import { refreshSequencer, type StakingContext } from './staking';

// Rewards on L1: each epoch report the RewardsDistributor applies (mining + revenue for the epoch's
// sequencer), completed by the staking contract's RewardDistributed of the same transaction, which
// says how much went to commission and over how many shares the rest was spread. Revenue an epoch
// was owed (not yet arrived at its report, docs/MECHANISMS.md §3.2) is paid later by OwedRevenuePaid, each
// followed by its own RewardDistributed when it goes to the sequencer's stakers.

for (const [name, kind] of [
  ['RewardsDistributor:MiningShortfall', 'mining'],
  ['RewardsDistributor:RevenueShortfall', 'revenue'],
] as const) {
  ponder.on(name, async ({ event, context }) => {
    const { epoch, due, paid } = event.args;
    await context.db
      .insert(rewardShortfall)
      .values({ id: `${epoch}-${kind}`, due, paid })
      .onConflictDoNothing();
  });
}

ponder.on('RewardsDistributor:EpochRewarded', async ({ event, context }) => {
  const { epoch, sequencerId, blocks, mining, revenue, paidToSequencer } = event.args;
  const [miningShort, revenueShort] = await Promise.all([
    context.db.find(rewardShortfall, { id: `${epoch}-mining` }),
    context.db.find(rewardShortfall, { id: `${epoch}-revenue` }),
  ]);
  await context.db.insert(rewardEpoch).values({
    id: epoch,
    sequencerId,
    blocks,
    mining,
    revenue,
    paidToSequencer,
    miningDue: miningShort?.due ?? mining,
    revenueDue: revenueShort?.due ?? revenue,
    revenueOwed: revenueShort ? revenueShort.due - revenueShort.paid : 0n,
    commission: 0n,
    stakersPart: 0n,
    totalShares: 0n,
    selfShares: 0n,
    delegatorsReward: 0n,
    delegated: 0n,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on('SequencerStaking:RewardDistributed', async ({ event, context }) => {
  const { sequencerId, amount, commission } = event.args;
  const staking = context as unknown as StakingContext;
  await refreshSequencer(staking, sequencerId, event);
  // The shares the stakers' part was spread over (distribution does not change them).
  const info = await staking.client.readContract({
    abi: staking.contracts.SequencerStaking.abi,
    address: staking.contracts.SequencerStaking.address as Address,
    functionName: 'getSequencer',
    args: [sequencerId],
  });
  // The epoch this payout belongs to: the distributor's EpochRewarded in the same transaction (read
  // from the receipt, not the database: rows written in this batch may not be flushed yet).
  const receipt = await context.client.getTransactionReceipt({ hash: event.transaction.hash });
  const [rewarded] = parseEventLogs({ abi: rewardsDistributorAbi, eventName: 'EpochRewarded', logs: receipt.logs }).filter(
    (log) => log.address.toLowerCase() === (context.contracts.RewardsDistributor.address as string).toLowerCase() && log.args.sequencerId === sequencerId,
  );
  // Only the distributor's own payouts are epochs; anything else (none today) just refreshes the sequencer.
  // The payout belongs to the distributor event just before it: EpochRewarded (the epoch's own
  // payout) or OwedRevenuePaid (revenue an earlier epoch was owed, settled in this transaction).
  const distributorAddress = (context.contracts.RewardsDistributor.address as string).toLowerCase();
  const [preceding] = parseEventLogs({ abi: rewardsDistributorAbi, logs: receipt.logs })
    .filter(
      (log) =>
        log.address.toLowerCase() === distributorAddress &&
        log.logIndex < event.log.logIndex &&
        (log.eventName === 'EpochRewarded' || log.eventName === 'OwedRevenuePaid') &&
        log.args.sequencerId === sequencerId,
    )
    .sort((a, b) => b.logIndex - a.logIndex);
  const epoch = preceding ? (preceding.args as { epoch: bigint }).epoch : rewarded?.args.epoch;
  const report = epoch !== undefined ? await context.db.find(rewardEpoch, { id: epoch }) : null;
  if (!report) return;
  const stakersPart = amount - commission;
  // docs/MECHANISMS.md §3.2: the delegators' pro-rata part of the amount, less the commission on it.
  const delegatorsPart = info.totalShares === 0n ? 0n : (amount * (info.totalShares - info.selfShares)) / info.totalShares;
  const delegatorsReward = delegatorsPart > commission ? delegatorsPart - commission : 0n;
  // Accumulated: an epoch with owed revenue gets several payouts (its own, then the owed parts).
  await context.db.update(rewardEpoch, { id: report.id }).set((row) => ({
    commission: row.commission + commission,
    stakersPart: row.stakersPart + stakersPart,
    totalShares: info.totalShares,
    selfShares: info.selfShares,
    delegatorsReward: row.delegatorsReward + delegatorsReward,
    delegated: info.delegated,
  }));
});

// Revenue an epoch was owed arrived and was paid (to its sequencer's stakers or the treasury).
ponder.on('RewardsDistributor:OwedRevenuePaid', async ({ event, context }) => {
  const { epoch, amount, remaining } = event.args;
  const row = await context.db.find(rewardEpoch, { id: epoch });
  if (!row) return;
  await context.db.update(rewardEpoch, { id: epoch }).set({ revenue: row.revenue + amount, revenueOwed: remaining });
});

for (const [name, kind] of [
  ['RewardsDistributor:MiningFunded', 'mining'],
  ['RewardsDistributor:RevenueDeposited', 'revenue'],
] as const) {
  ponder.on(name, async ({ event, context }) => {
    await context.db.insert(rewardFunding).values({ id: event.id, kind, from: event.args.from, amount: event.args.amount, timestamp: event.block.timestamp });
  });
}
