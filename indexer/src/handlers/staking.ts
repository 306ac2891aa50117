import { type Context, ponder } from 'ponder:registry';
import { epoch, position, positionShares, rewardPayout, sequencer, slash, stakeEvent, unbonding } from 'ponder:schema';
import type { Address, Hash } from 'viem';
import { SEQUENCER_STATUS } from '../../../lib/sequencers';

export type StakingContext = Context<'SequencerStaking:Delegated'>;
export interface At {
  block: { number: bigint; timestamp: bigint };
  transaction: { hash: Hash };
  log: { logIndex: number };
  id: string;
}

/** Re-reads a sequencer's state at this block and stores it; returns the stored row. */
export async function refreshSequencer(context: StakingContext, id: bigint, at: At) {
  const info = await context.client.readContract({
    abi: context.contracts.SequencerStaking.abi,
    address: context.contracts.SequencerStaking.address as Address,
    functionName: 'getSequencer',
    args: [id],
  });
  const row = {
    owner: info.owner,
    signer: info.signer,
    status: SEQUENCER_STATUS[info.status] ?? 'none',
    selfLock: info.selfLock,
    delegated: info.delegated,
    totalStake: info.totalStake,
    unbonding: info.unbonding,
    commissionBps: info.commissionBps,
    pendingCommissionBps: info.pendingCommissionBps,
    commissionEffectiveAt: info.commissionEffectiveAt,
    jailedUntil: info.jailedUntil,
    unlockAt: info.unlockAt,
    metadataURI: info.metadataURI,
    updatedAt: at.block.timestamp,
  };
  return context.db
    .insert(sequencer)
    .values({ id, ...row, delegatorCount: 0, registeredAt: at.block.timestamp })
    .onConflictDoUpdate(row);
}

/** Re-reads a delegator's position and keeps the sequencer's delegator count in step. */
async function refreshPosition(context: StakingContext, sequencerId: bigint, account: Address, at: At) {
  const [shares, value] = await context.client.readContract({
    abi: context.contracts.SequencerStaking.abi,
    address: context.contracts.SequencerStaking.address as Address,
    functionName: 'positionOf',
    args: [sequencerId, account],
  });
  const id = `${sequencerId}-${account}`;
  // Read before the upsert: Ponder's cache may update the found row object in place.
  const before = (await context.db.find(position, { id }))?.shares ?? 0n;
  const had = before > 0n;
  await context.db
    .insert(position)
    .values({ id, sequencerId, account, shares, value, claimed: 0n, compounded: 0n, updatedAt: at.block.timestamp })
    .onConflictDoUpdate({ shares, value, updatedAt: at.block.timestamp });
  if (shares !== before) {
    await context.db
      .insert(positionShares)
      // One row per (log, sequencer): a redelegation changes two positions at the same log.
      .values({ id: `${at.id}-${sequencerId}`, sequencerId, account, shares, blockNumber: at.block.number, logIndex: at.log.logIndex })
      .onConflictDoUpdate({ shares });
  }
  if (had !== shares > 0n) {
    await context.db.update(sequencer, { id: sequencerId }).set((s) => ({ delegatorCount: s.delegatorCount + (had ? -1 : 1) }));
  }
}

/** Adds a claim or a compound to the position's totals (the position exists: it earned the rewards). */
async function addPaidOut(context: StakingContext, sequencerId: bigint, account: Address, field: 'claimed' | 'compounded', amount: bigint) {
  await context.db.update(position, { id: `${sequencerId}-${account}` }).set((p) => ({ [field]: p[field] + amount }));
}

/** One claim or compound, for the account's export (docs/ARCHITECTURE.md, "Exports"). */
async function payout(context: StakingContext, at: At, sequencerId: bigint, account: Address, kind: 'claim' | 'compound', amount: bigint) {
  await context.db.insert(rewardPayout).values({
    id: at.id,
    sequencerId,
    account,
    kind,
    amount,
    blockNumber: at.block.number,
    timestamp: at.block.timestamp,
    txHash: at.transaction.hash,
  });
}

async function record(
  context: StakingContext,
  at: At,
  sequencerId: bigint,
  account: Address,
  kind: string,
  amount: bigint,
  { reason, unbondingId }: { reason?: string; unbondingId?: string } = {},
) {
  const s = await refreshSequencer(context, sequencerId, at);
  await context.db.insert(stakeEvent).values({
    id: `${at.id}-${kind}`,
    sequencerId,
    account,
    kind,
    amount,
    totalStakeAfter: s.totalStake,
    reason: reason ?? null,
    unbondingId: unbondingId ?? null,
    blockNumber: at.block.number,
    timestamp: at.block.timestamp,
    txHash: at.transaction.hash,
  });
}

ponder.on('SequencerStaking:SequencerRegistered', async ({ event, context }) => {
  await record(context, event, event.args.sequencerId, event.args.owner, 'register', event.args.selfLock);
});
ponder.on('SequencerStaking:Relocked', async ({ event, context }) => {
  const s = await context.db.find(sequencer, { id: event.args.sequencerId });
  await record(context, event, event.args.sequencerId, s!.owner, 'relock', event.args.amount);
});
ponder.on('SequencerStaking:SelfLockWithdrawn', async ({ event, context }) => {
  const s = await context.db.find(sequencer, { id: event.args.sequencerId });
  const { sequencerId, amount, entryId } = event.args;
  await record(context, event, sequencerId, s!.owner, 'withdraw-lock', amount, { unbondingId: `${sequencerId}-${s!.owner}-${entryId}` });
  const [, , maturesAt] = await context.client.readContract({
    abi: context.contracts.SequencerStaking.abi,
    address: context.contracts.SequencerStaking.address as Address,
    functionName: 'unbondingEntry',
    args: [sequencerId, s!.owner, entryId],
  });
  await context.db.insert(unbonding).values({
    id: `${sequencerId}-${s!.owner}-${entryId}`,
    sequencerId,
    account: s!.owner,
    entryId,
    amount,
    maturesAt,
    createdAt: event.block.timestamp,
  });
});
ponder.on('SequencerStaking:SequencerUnlocked', async ({ event, context }) => {
  const s = await context.db.find(sequencer, { id: event.args.sequencerId });
  await record(context, event, event.args.sequencerId, s!.owner, 'unlock', 0n);
});
ponder.on('SequencerStaking:SequencerExited', async ({ event, context }) => {
  await record(context, event, event.args.sequencerId, event.args.owner, 'exit', event.args.amount);
});
for (const name of [
  'SequencerStaking:CommissionChangeRequested',
  'SequencerStaking:SignerUpdated',
  'SequencerStaking:SequencerOwnershipTransferred',
  'SequencerStaking:MetadataURIUpdated',
] as const) {
  ponder.on(name, async ({ event, context }) => {
    await refreshSequencer(context as StakingContext, event.args.sequencerId, event);
  });
}
// A slash takes its fraction of the pool at once (stakeSlashed; refundReserved of it is kept for stake
// that arrived after the offence, SlashRefunded); stake that left after the offence
// pays later, when its unbonding entry is withdrawn (UnbondingSlashed) or its redelegation settled
// (RedelegationSlashed), docs/MECHANISMS.md §3.2.
ponder.on('SequencerStaking:Slashed', async ({ event, context }) => {
  const { sequencerId, fractionBps, stakeSlashed, reason } = event.args;
  const s = await context.db.find(sequencer, { id: sequencerId });
  await record(context, event, sequencerId, s!.owner, 'slash', stakeSlashed, { reason });
  const info = await context.client.readContract({
    abi: context.contracts.SequencerStaking.abi,
    address: context.contracts.SequencerStaking.address as Address,
    functionName: 'getSequencer',
    args: [sequencerId],
  });
  await context.db.insert(slash).values({
    id: event.id,
    sequencerId,
    fractionBps: Number(fractionBps),
    poolBefore: info.selfLock + info.delegated + stakeSlashed,
    totalShares: info.totalShares,
    reason,
    blockNumber: event.block.number,
    logIndex: event.log.logIndex,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});
ponder.on('SequencerStaking:RedelegationSlashed', async ({ event, context }) => {
  const { account, fromSequencerId, toSequencerId, amount } = event.args;
  await record(context, event, fromSequencerId, account, 'slash', amount);
  await refreshPosition(context, toSequencerId, account, event);
});
// Stake that arrived after the offence is refunded the slash into its claimable rewards (docs/MECHANISMS.md §3.2).
ponder.on('SequencerStaking:SlashRefunded', async ({ event, context }) => {
  const { account, sequencerId, amount } = event.args;
  await record(context, event, sequencerId, account, 'slash-refund', amount);
});
ponder.on('SequencerStaking:Jailed', async ({ event, context }) => {
  const s = await context.db.find(sequencer, { id: event.args.sequencerId });
  await record(context, event, event.args.sequencerId, s!.owner, 'jail', 0n, { reason: event.args.reason });
});
ponder.on('SequencerStaking:Unjailed', async ({ event, context }) => {
  const s = await context.db.find(sequencer, { id: event.args.sequencerId });
  await record(context, event, event.args.sequencerId, s!.owner, 'unjail', 0n);
});

ponder.on('SequencerStaking:Delegated', async ({ event, context }) => {
  const { account, sequencerId, amount } = event.args;
  await record(context, event, sequencerId, account, 'delegate', amount);
  await refreshPosition(context, sequencerId, account, event);
});
ponder.on('SequencerStaking:Undelegated', async ({ event, context }) => {
  const { account, sequencerId, amount, entryId, maturesAt } = event.args;
  await record(context, event, sequencerId, account, 'undelegate', amount, { unbondingId: `${sequencerId}-${account}-${entryId}` });
  await refreshPosition(context, sequencerId, account, event);
  await context.db.insert(unbonding).values({
    id: `${sequencerId}-${account}-${entryId}`,
    sequencerId,
    account,
    entryId,
    amount,
    maturesAt,
    createdAt: event.block.timestamp,
  });
});
ponder.on('SequencerStaking:UnbondingWithdrawn', async ({ event, context }) => {
  const { account, sequencerId, entryId, amount } = event.args;
  await refreshSequencer(context, sequencerId, event);
  await context.db
    .update(unbonding, { id: `${sequencerId}-${account}-${entryId}` })
    .set({ withdrawnAt: event.block.timestamp, withdrawnAmount: amount, withdrawnTx: event.transaction.hash });
});
ponder.on('SequencerStaking:Redelegated', async ({ event, context }) => {
  const { account, fromSequencerId, toSequencerId, amount } = event.args;
  await record(context, event, fromSequencerId, account, 'redelegate-out', amount);
  await record(context, event, toSequencerId, account, 'redelegate-in', amount);
  await refreshPosition(context, fromSequencerId, account, event);
  await refreshPosition(context, toSequencerId, account, event);
});
ponder.on('SequencerStaking:RewardsCompounded', async ({ event, context }) => {
  const { account, sequencerId, amount } = event.args;
  await record(context, event, sequencerId, account, 'compound', amount);
  await refreshPosition(context, sequencerId, account, event);
  await addPaidOut(context, sequencerId, account, 'compounded', amount);
  await payout(context, event, sequencerId, account, 'compound', amount);
});

ponder.on('SequencerStaking:RewardsClaimed', async ({ event, context }) => {
  const { account, sequencerId, amount } = event.args;
  await addPaidOut(context, sequencerId, account, 'claimed', amount);
  await payout(context, event, sequencerId, account, 'claim', amount);
});

ponder.on('SequencerSet:EpochStarted', async ({ event, context }) => {
  const { epochNumber, sequencerId, signer, startBlock, endBlock } = event.args;
  await context.db
    .insert(epoch)
    .values({
      id: epochNumber,
      sequencerId,
      signer,
      startBlock: BigInt(startBlock),
      endBlock: BigInt(endBlock),
      startedAt: event.block.timestamp,
      txHash: event.transaction.hash,
    })
    .onConflictDoUpdate({ sequencerId, signer, startBlock: BigInt(startBlock), endBlock: BigInt(endBlock) });
});
ponder.on('SequencerSet:EpochEnded', async ({ event, context }) => {
  await context.db.update(epoch, { id: event.args.epochNumber }).set({ endBlock: BigInt(event.args.endBlock) });
});
