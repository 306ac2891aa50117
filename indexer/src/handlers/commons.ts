import { type Context, ponder } from 'ponder:registry';
import {
  ballot,
  commonsGroup,
  delegate,
  delegation,
  delegationSpan,
  groupMember,
  proposal,
  remainderCast,
  stewardMotion,
  veLock,
  vote,
  votingPower,
} from 'ponder:schema';
import { type Address, type Hex, isAddressEqual, maxUint256, zeroAddress } from 'viem';
import { REMAINDER_POLICIES } from '../../../lib/commons';
import { proposalTitle, splitVote } from '../../../lib/proposals';

// veMETIS: each lock event re-reads the lock at its block, so the row is what the contract says
// (units drop to 0 when kicked, amount to 0 when withdrawn) without re-implementing its pricing.
async function refreshLock(context: Context<'VeMetis:LockCreated'>, account: Address, timestamp: bigint) {
  const [amount, end, units] = await context.client.readContract({
    abi: context.contracts.VeMetis.abi,
    address: context.contracts.VeMetis.address as Address,
    functionName: 'lockOf',
    args: [account],
  });
  await context.db
    .insert(veLock)
    .values({ account, amount, end, units, updatedAt: timestamp })
    .onConflictDoUpdate({ amount, end, units, updatedAt: timestamp });
}

/** The store, the same in every handler. */
type Db = Context<'VeMetis:DelegateChanged'>['db'];

/**
 * After a change of `account`'s lock or delegatee: closes its open delegation span at this second and opens
 * one with what now counts (its delegatee, its lock's units and end), if anything does. So a delegatee's votes
 * at any past second can be summed from the spans as the contract's `getPastVotes` gives them.
 */
async function reopenSpan(context: { db: Db }, account: Address, timestamp: bigint, id: string) {
  const [d, lock] = await Promise.all([context.db.find(delegation, { account }), context.db.find(veLock, { account })]);
  if (!d) return; // no delegatee ever chosen: its units count for nobody (createLock self-delegates first)
  if (d.openSpan) await context.db.update(delegationSpan, { id: d.openSpan }).set({ to: timestamp });
  const counts = !isAddressEqual(d.delegatee, zeroAddress) && lock !== null && lock.units > 0n && lock.end > timestamp;
  if (counts) {
    await context.db.insert(delegationSpan).values({ id, account, delegatee: d.delegatee, units: lock.units, end: lock.end, from: timestamp, to: null });
  }
  await context.db.update(delegation, { account }).set({ openSpan: counts ? id : null });
}

/** Creates `address`'s delegate row if it has none, then applies `change` to it. */
async function upsertDelegate(
  context: { db: Db },
  address: Address,
  timestamp: bigint,
  change: (d: typeof delegate.$inferSelect) => Partial<typeof delegate.$inferSelect>,
) {
  const found = await context.db.find(delegate, { address });
  const row = found ?? { address, power: 0n, delegators: 0, votesCast: 0, lastVoteProposal: null, lastVoteAt: null, updatedAt: timestamp };
  const next = { ...change(row), updatedAt: timestamp };
  if (found) await context.db.update(delegate, { address }).set(next);
  else await context.db.insert(delegate).values({ ...row, ...next });
}

const lockChanged = async (context: Context<'VeMetis:LockCreated'>, event: { id: string; block: { timestamp: bigint } }, account: Address) => {
  await refreshLock(context, account, event.block.timestamp);
  await reopenSpan(context, account, event.block.timestamp, event.id);
};

ponder.on('VeMetis:LockCreated', ({ event, context }) => lockChanged(context, event, event.args.account));
ponder.on('VeMetis:LockIncreased', ({ event, context }) => lockChanged(context, event, event.args.account));
ponder.on('VeMetis:LockExtended', ({ event, context }) => lockChanged(context, event, event.args.account));
ponder.on('VeMetis:LockKicked', ({ event, context }) => lockChanged(context, event, event.args.account));
ponder.on('VeMetis:Withdrawn', ({ event, context }) => lockChanged(context, event, event.args.account));

ponder.on('VeMetis:DelegateChanged', async ({ event, context }) => {
  const { delegator, fromDelegate, toDelegate } = event.args;
  const timestamp = event.block.timestamp;
  await context.db
    .insert(delegation)
    .values({ account: delegator, delegatee: toDelegate, updatedAt: timestamp })
    .onConflictDoUpdate({ delegatee: toDelegate, updatedAt: timestamp });
  await reopenSpan(context, delegator, timestamp, event.id);
  // Delegators are the accounts other than the delegate itself whose delegatee it is.
  if (isAddressEqual(fromDelegate, toDelegate)) return;
  if (!isAddressEqual(fromDelegate, zeroAddress) && !isAddressEqual(fromDelegate, delegator)) {
    await upsertDelegate(context, fromDelegate, timestamp, (d) => ({ delegators: d.delegators - 1 }));
  }
  if (!isAddressEqual(toDelegate, zeroAddress) && !isAddressEqual(toDelegate, delegator)) {
    await upsertDelegate(context, toDelegate, timestamp, (d) => ({ delegators: d.delegators + 1 }));
  }
});

ponder.on('VeMetis:DelegateVotesChanged', async ({ event, context }) => {
  const { delegate: delegate_, previousVotes, newVotes } = event.args;
  await context.db.insert(votingPower).values({
    id: event.id,
    account: delegate_,
    votes: newVotes,
    previousVotes,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
  });
  await upsertDelegate(context, delegate_, event.block.timestamp, () => ({ power: newVotes }));
  // A group's pooled power is the votes delegated to its address.
  if (await context.db.find(commonsGroup, { address: delegate_ })) {
    await context.db.update(commonsGroup, { address: delegate_ }).set({ pooledVotes: newVotes });
  }
});

ponder.on('CommonsRegistry:GroupCreated', async ({ event, context }) => {
  const { groupId, group, creator, steward, name, metadataURI, remainderPolicy } = event.args;
  await context.db.insert(commonsGroup).values({
    address: group,
    groupId,
    name,
    metadataURI,
    creator,
    steward,
    remainderPolicy: REMAINDER_POLICIES[remainderPolicy]?.name ?? String(remainderPolicy),
    memberCount: 0,
    pooledVotes: 0n,
    createdAt: event.block.timestamp,
    stewardEpoch: 0n,
    seatVotingFrom: event.block.timestamp,
  });
});

ponder.on('CommonsGroup:MemberJoined', async ({ event, context }) => {
  const group = event.log.address;
  const { account } = event.args;
  await context.db
    .insert(groupMember)
    .values({ id: `${group}-${account}`, group, account, joinedAt: event.block.timestamp })
    .onConflictDoUpdate({ joinedAt: event.block.timestamp, leftAt: null });
  await context.db.update(commonsGroup, { address: group }).set((g) => ({ memberCount: g.memberCount + 1 }));
});

ponder.on('CommonsGroup:MemberLeft', async ({ event, context }) => {
  const group = event.log.address;
  await context.db.update(groupMember, { id: `${group}-${event.args.account}` }).set({ leftAt: event.block.timestamp });
  await context.db.update(commonsGroup, { address: group }).set((g) => ({ memberCount: g.memberCount - 1 }));
});

ponder.on('CommonsGroup:MetadataURIUpdated', async ({ event, context }) => {
  await context.db.update(commonsGroup, { address: event.log.address }).set({ metadataURI: event.args.metadataURI });
});

/** `motionId` of a StewardChanged that was not a motion (a hand-over, or the group's creation). */
const NOT_A_MOTION = 2n ** 256n - 1n;

ponder.on('CommonsGroup:StewardChanged', async ({ event, context }) => {
  // The first StewardChanged comes from the clone's initializer, right after GroupCreated.
  const group = event.log.address;
  const { newSteward, motionId, seatVotingFrom } = event.args;
  const byMotion = motionId !== NOT_A_MOTION;
  await context.db.update(commonsGroup, { address: group }).set((g) => ({
    steward: newSteward,
    seatVotingFrom,
    // Executing a motion voids the motions opened before it.
    stewardEpoch: byMotion ? g.stewardEpoch + 1n : g.stewardEpoch,
  }));
  if (byMotion) {
    await context.db.update(stewardMotion, { id: `${group}-${motionId}` }).set({ executed: true, executedAt: event.block.timestamp });
  }
});

ponder.on('CommonsGroup:StewardMotionOpened', async ({ event, context }) => {
  const group = event.log.address;
  const { motionId, proposer, candidate, snapshot, deadline, pooledVotes } = event.args;
  const row = await context.db.find(commonsGroup, { address: group });
  await context.db.insert(stewardMotion).values({
    id: `${group}-${motionId}`,
    group,
    motionId,
    proposer,
    candidate,
    snapshot,
    openedAt: event.block.timestamp,
    deadline,
    pooledVotes,
    // The opener's support follows as StewardMotionVoted in the same transaction.
    yesWeight: 0n,
    supporters: 0,
    epoch: row?.stewardEpoch ?? 0n,
    executed: false,
    txHash: event.transaction.hash,
  });
});

ponder.on('CommonsGroup:StewardMotionVoted', async ({ event, context }) => {
  const { motionId, yesWeight } = event.args;
  await context.db.update(stewardMotion, { id: `${event.log.address}-${motionId}` }).set((m) => ({ yesWeight, supporters: m.supporters + 1 }));
});

ponder.on('CommonsGroup:MemberVoteCast', async ({ event, context }) => {
  const { proposalId, member, support, weight, reason } = event.args;
  await context.db.insert(vote).values({
    id: event.id,
    proposalId,
    voter: member,
    group: event.log.address,
    support,
    weight,
    reason,
    blockNumber: event.block.number,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on('CommonsGroup:RemainderCast', async ({ event, context }) => {
  const { proposalId, caller, support, weight } = event.args;
  const group = event.log.address;
  await context.db.insert(remainderCast).values({
    id: `${proposalId}-${group}`,
    proposalId,
    group,
    caller,
    support,
    weight,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on('CommonsGovernor:ProposalCreated', async ({ event, context }) => {
  const { proposalId, proposer, targets, values, calldatas, voteStart, voteEnd, description } = event.args;
  // The window recorded with the proposal (docs/MECHANISMS.md §4.3): ratificationDeadline - deadline at creation
  // (no late-quorum extension yet); the maximum uint256 means no window (a governor without a gate).
  const openBy = await context.client
    .readContract({
      abi: context.contracts.CommonsGovernor.abi,
      address: context.contracts.CommonsGovernor.address as Address,
      functionName: 'ratificationDeadline',
      args: [proposalId],
    })
    .catch(() => maxUint256);
  await context.db.insert(proposal).values({
    id: proposalId,
    proposer,
    title: proposalTitle(description),
    description,
    targets: [...targets],
    values: [...values],
    calldatas: [...calldatas],
    snapshot: voteStart,
    deadline: voteEnd,
    extended: false,
    canceled: false,
    executed: false,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
    quorum: null,
    createdAt: event.block.timestamp,
    blockNumber: event.block.number,
    txHash: event.transaction.hash,
    queued: false,
    ratificationWindow: openBy === maxUint256 ? null : openBy - voteEnd,
    isOverride: false,
  });
});

// A Commons override (docs/MECHANISMS.md §4.3): emitted right after the override's ProposalCreated.
ponder.on('CommonsGovernor:OverrideProposed', async ({ event, context }) => {
  const { overrideId, refusedId } = event.args;
  await context.db.update(proposal, { id: overrideId }).set({ isOverride: true, overrides: refusedId, ratificationWindow: null });
  await context.db.update(proposal, { id: refusedId }).set({ overriddenBy: overrideId });
});

ponder.on('CommonsGovernor:ProposalCanceled', async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ canceled: true, canceledAt: event.block.timestamp, canceledTx: event.transaction.hash });
});

ponder.on('CommonsGovernor:ProposalQueued', async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ queued: true, eta: event.args.etaSeconds, queuedAt: event.block.timestamp, queuedTx: event.transaction.hash });
});

ponder.on('CommonsGovernor:ProposalExecuted', async ({ event, context }) => {
  await context.db
    .update(proposal, { id: event.args.proposalId })
    .set({ executed: true, executedAt: event.block.timestamp, executedTx: event.transaction.hash });
});

ponder.on('CommonsGovernor:ProposalExtended', async ({ event, context }) => {
  await context.db.update(proposal, { id: event.args.proposalId }).set({ deadline: event.args.extendedDeadline, extended: true });
});

interface GovernorVote {
  voter: Address;
  proposalId: bigint;
  support: number;
  weight: bigint;
  reason: string;
  params?: Hex;
}

/**
 * A vote counted by the governor: added to the voter's ballot; a direct (non-group) vote is also a
 * person's vote (a group's forwarded votes were recorded from its MemberVoteCast). The proposal's
 * tallies, deadline and quorum are re-read at the block, so they are the governor's own numbers.
 */
async function recordVote(
  context: Context<'CommonsGovernor:VoteCast'>,
  event: { id: string; block: { number: bigint; timestamp: bigint }; transaction: { hash: Hex } },
  v: GovernorVote,
) {
  const isGroup = Boolean(await context.db.find(commonsGroup, { address: v.voter }));
  const first = !(await context.db.find(ballot, { id: `${v.proposalId}-${v.voter}` }));
  const split = splitVote(v.support, v.weight, v.params);
  await context.db
    .insert(ballot)
    .values({
      id: `${v.proposalId}-${v.voter}`,
      proposalId: v.proposalId,
      voter: v.voter,
      isGroup,
      ...split,
      weight: v.weight,
      timestamp: event.block.timestamp,
    })
    .onConflictDoUpdate((b) => ({
      forVotes: b.forVotes + split.forVotes,
      againstVotes: b.againstVotes + split.againstVotes,
      abstainVotes: b.abstainVotes + split.abstainVotes,
      weight: b.weight + v.weight,
    }));
  // The voter's first vote on this proposal (a group forwards one per member): a delegate's vote cast.
  if (first) {
    await upsertDelegate(context, v.voter, event.block.timestamp, (d) => ({
      votesCast: d.votesCast + 1,
      lastVoteProposal: v.proposalId,
      lastVoteAt: event.block.timestamp,
    }));
  }
  if (!isGroup) {
    await context.db.insert(vote).values({
      id: event.id,
      proposalId: v.proposalId,
      voter: v.voter,
      group: null,
      support: v.support,
      weight: v.weight,
      reason: v.reason,
      blockNumber: event.block.number,
      timestamp: event.block.timestamp,
      txHash: event.transaction.hash,
    });
  }
  const governor = { abi: context.contracts.CommonsGovernor.abi, address: context.contracts.CommonsGovernor.address as Address };
  const [againstVotes, forVotes, abstainVotes] = await context.client.readContract({ ...governor, functionName: 'proposalVotes', args: [v.proposalId] });
  const deadline = await context.client.readContract({ ...governor, functionName: 'proposalDeadline', args: [v.proposalId] });
  const row = await context.db.find(proposal, { id: v.proposalId });
  const quorum = row?.quorum ?? (row && (await context.client.readContract({ ...governor, functionName: 'quorum', args: [row.snapshot] })));
  await context.db.update(proposal, { id: v.proposalId }).set({ againstVotes, forVotes, abstainVotes, deadline, quorum: quorum ?? null });
}

ponder.on('CommonsGovernor:VoteCast', ({ event, context }) => recordVote(context, event, event.args));
ponder.on('CommonsGovernor:VoteCastWithParams', ({ event, context }) => recordVote(context, event, event.args));
