import { ponder } from 'ponder:registry';
import { councilAction, councilMotion, ecoNode, l1Execution, motionVote, proposal, ratification, ratificationVote, reputationEvent } from 'ponder:schema';
import { parseEventLogs } from 'viem';
import { ecoNodeCouncilAbi } from '../../../lib/contracts/abis';
import { RATIFICATION_STATUSES, RATIFICATION_SUPPORT, REPUTATION_CAUSES, SEAT_ORIGINS } from '../../../lib/eco-nodes';

// The Eco Node council (L2): seats, every reputation change with its cause, ratifications with each
// node's vote and reason; motions (peer penalties, decisive actions) with their backers and the action
// allow-list (docs/MECHANISMS.md §4.4); and the L1 executor's calls (governance decisions relayed from L2).

ponder.on('EcoNodeCouncil:NodeAdmitted', async ({ event, context }) => {
  const { node, origin, groupSeat, by, reason } = event.args;
  const row = {
    origin: SEAT_ORIGINS[origin] ?? 'admitted',
    groupSeat,
    seated: true,
    admittedAt: event.block.timestamp,
    admittedBy: by,
    reason,
    removedAt: null,
    removedReason: null,
  };
  await context.db
    .insert(ecoNode)
    .values({ address: node, ...row, reputation: 0n, votesCast: 0, missed: 0 })
    .onConflictDoUpdate(row);
});

ponder.on('EcoNodeCouncil:NodeRemoved', async ({ event, context }) => {
  const { node, belowFloor, reason } = event.args;
  await context.db
    .update(ecoNode, { address: node })
    .set({ seated: false, removedAt: event.block.timestamp, removedReason: belowFloor ? `below the reputation floor${reason ? `: ${reason}` : ''}` : reason });
});

ponder.on('EcoNodeCouncil:ReputationChanged', async ({ event, context }) => {
  const { node, delta, newReputation, cause, reason } = event.args;
  const name = REPUTATION_CAUSES[cause] ?? 'other';
  // A peer penalty's motion: the PenaltyMotionExecuted for this node in the same transaction.
  let motionId: bigint | null = null;
  if (name === 'peer-penalty') {
    const receipt = await context.client.getTransactionReceipt({ hash: event.transaction.hash });
    const council = event.log.address.toLowerCase();
    const executed = parseEventLogs({ abi: ecoNodeCouncilAbi, eventName: 'PenaltyMotionExecuted', logs: receipt.logs }).filter(
      (l) => l.address.toLowerCase() === council && l.args.accused.toLowerCase() === node.toLowerCase() && l.logIndex < event.log.logIndex,
    );
    motionId = executed.at(-1)?.args.motionId ?? null;
  }
  await context.db.insert(reputationEvent).values({
    id: event.id,
    node,
    delta,
    reputation: newReputation,
    cause: name,
    reason,
    motionId,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  // The node row exists unless this is the admission grant itself, emitted before NodeAdmitted.
  await context.db
    .insert(ecoNode)
    .values({
      address: node,
      origin: 'admitted',
      groupSeat: false,
      seated: true,
      reputation: newReputation,
      votesCast: 0,
      missed: name === 'missed-ratification' ? 1 : 0,
      admittedAt: event.block.timestamp,
      admittedBy: node,
      reason: '',
    })
    .onConflictDoUpdate((row) => ({ reputation: newReputation, missed: row.missed + (name === 'missed-ratification' ? 1 : 0) }));
});

ponder.on('EcoNodeCouncil:RatificationOpened', async ({ event, context }) => {
  const { proposalId, opener, snapshot, deadline, totalReputation } = event.args;
  await context.db.insert(ratification).values({
    proposalId,
    opener,
    openedAt: event.block.timestamp,
    openedTx: event.transaction.hash,
    snapshot,
    deadline,
    totalReputation,
    ratify: 0n,
    reject: 0n,
    abstain: 0n,
    voters: 0,
    status: 'open',
  });
  await context.db.update(proposal, { id: proposalId }).set({ ratificationStatus: 'open' });
});

ponder.on('EcoNodeCouncil:RatificationVoteCast', async ({ event, context }) => {
  const { proposalId, node, voter, support, weight, reason } = event.args;
  await context.db.insert(ratificationVote).values({
    id: `${proposalId}-${node}`,
    proposalId,
    node,
    voter,
    support,
    weight,
    reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await context.db.update(ratification, { proposalId }).set((r) => ({
    voters: r.voters + 1,
    reject: r.reject + (support === RATIFICATION_SUPPORT.reject ? weight : 0n),
    ratify: r.ratify + (support === RATIFICATION_SUPPORT.ratify ? weight : 0n),
    abstain: r.abstain + (support === RATIFICATION_SUPPORT.abstain ? weight : 0n),
  }));
  await context.db.update(ecoNode, { address: node }).set((n) => ({ votesCast: n.votesCast + 1 }));
});

ponder.on('EcoNodeCouncil:RatificationSettled', async ({ event, context }) => {
  const { proposalId, status, ratify, reject, abstain } = event.args;
  // A settled ratification is ratified or rejected; the API calls one not settled yet 'open'.
  const settled = RATIFICATION_STATUSES[status];
  const name = settled === undefined || settled === 'pending' ? 'open' : settled;
  await context.db
    .update(ratification, { proposalId })
    .set({ status: name, ratify, reject, abstain, settledAt: event.block.timestamp, settledTx: event.transaction.hash });
  await context.db.update(proposal, { id: proposalId }).set({ ratificationStatus: name });
});

// Motions. The opening transaction also carries the opener's MotionVoted (and MotionPassed when it alone
// holds 2/3), after the opening event.
const opened = (event: { block: { timestamp: bigint }; transaction: { hash: `0x${string}` } }) => ({
  yesWeight: 0n,
  backers: 0,
  openedAt: event.block.timestamp,
  openedTx: event.transaction.hash,
  executed: false,
});

ponder.on('EcoNodeCouncil:PenaltyMotionOpened', async ({ event, context }) => {
  const { motionId, node, accused, amount, snapshot, deadline, totalReputation, reason } = event.args;
  await context.db
    .insert(councilMotion)
    .values({ motionId, kind: 'penalty', opener: node, subject: accused, amount, reason, snapshot, deadline, totalReputation, ...opened(event) });
});

ponder.on('EcoNodeCouncil:ActionProposed', async ({ event, context }) => {
  const { motionId, node, target, selector, data, snapshot, deadline, totalReputation, reason } = event.args;
  await context.db
    .insert(councilMotion)
    .values({ motionId, kind: 'action', opener: node, subject: target, selector, data, reason, snapshot, deadline, totalReputation, ...opened(event) });
});

ponder.on('EcoNodeCouncil:MotionVoted', async ({ event, context }) => {
  const { motionId, node, voter, weight, yesWeight } = event.args;
  await context.db
    .insert(motionVote)
    .values({ id: `${motionId}-${node}`, motionId, node, voter, weight, timestamp: event.block.timestamp, txHash: event.transaction.hash });
  await context.db.update(councilMotion, { motionId }).set((m) => ({ yesWeight, backers: m.backers + 1 }));
});

ponder.on('EcoNodeCouncil:MotionPassed', async ({ event, context }) => {
  const { motionId, executableAt, expiresAt } = event.args;
  await context.db.update(councilMotion, { motionId }).set({ passedAt: event.block.timestamp, executableAt, expiresAt });
});

const executed = (event: { block: { timestamp: bigint }; transaction: { hash: `0x${string}` } }, executor: `0x${string}`) => ({
  executed: true,
  executedAt: event.block.timestamp,
  executedTx: event.transaction.hash,
  executor,
});

ponder.on('EcoNodeCouncil:PenaltyMotionExecuted', async ({ event, context }) => {
  await context.db.update(councilMotion, { motionId: event.args.motionId }).set(executed(event, event.args.executor));
});

ponder.on('EcoNodeCouncil:ActionExecuted', async ({ event, context }) => {
  await context.db.update(councilMotion, { motionId: event.args.motionId }).set(executed(event, event.args.executor));
});

ponder.on('EcoNodeCouncil:ActionAllowedSet', async ({ event, context }) => {
  const { target, selector, allowed } = event.args;
  const row = { allowed, updatedAt: event.block.timestamp, txHash: event.transaction.hash };
  await context.db
    .insert(councilAction)
    .values({ id: `${target}-${selector}`, target, selector, ...row })
    .onConflictDoUpdate(row);
});

ponder.on('GovernanceExecutor:CallExecuted', async ({ event, context }) => {
  const { target, value, data } = event.args;
  await context.db.insert(l1Execution).values({ id: event.id, target, value, data, timestamp: event.block.timestamp, txHash: event.transaction.hash });
});
