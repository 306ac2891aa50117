import { ponder } from 'ponder:registry';
import { challenge, challengeParams, challengeVote, decisiveAction } from 'ponder:schema';
import { CHALLENGE_KINDS, CHALLENGE_STATUSES } from '../../../lib/challenges';

// Sequencer challenges (L2, docs/MECHANISMS.md §4.5): each challenge with its evidence and bond, the
// council's votes with reasons, the outcome and the slash it sent to L1; and the council's decisive
// jail and slash motions. State is written at the event: no read of the chain.

ponder.on('SequencerChallenges:ChallengeOpened', async ({ event, context }) => {
  const { id, epoch, sequencerId, challenger, kind, bond, evidence } = event.args;
  await context.db.insert(challenge).values({
    id,
    epoch,
    sequencerId,
    challenger,
    kind: CHALLENGE_KINDS[kind],
    bond,
    evidence,
    status: 'open',
    openedAt: event.block.timestamp,
    openedTx: event.transaction.hash,
    totalWeight: 0n,
    quorum: 0n,
    upholdWeight: 0n,
    rejectWeight: 0n,
    voters: 0,
  });
});

ponder.on('SequencerChallenges:ChallengeVoteOpened', async ({ event, context }) => {
  const { id, deadline, totalWeight, quorum } = event.args;
  await context.db.update(challenge, { id }).set({ deadline, totalWeight, quorum });
});

ponder.on('SequencerChallenges:ChallengeVoted', async ({ event, context }) => {
  const { id, node, voter, uphold, weight, reason } = event.args;
  await context.db.insert(challengeVote).values({
    id: `${id}-${node}`,
    challengeId: id,
    node,
    voter,
    uphold,
    weight,
    reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
  await context.db.update(challenge, { id }).set((row) => ({
    upholdWeight: row.upholdWeight + (uphold ? weight : 0n),
    rejectWeight: row.rejectWeight + (uphold ? 0n : weight),
    voters: row.voters + 1,
  }));
});

ponder.on('SequencerChallenges:ChallengeResolved', async ({ event, context }) => {
  const { id, status, produced, blocks, bondTo, slashNonce } = event.args;
  const downtime = (await context.db.find(challenge, { id }))?.kind === 'downtime';
  await context.db.update(challenge, { id }).set({
    status: CHALLENGE_STATUSES[status],
    produced: downtime ? produced : null,
    blocks: downtime ? blocks : null,
    resolvedAt: event.block.timestamp,
    resolvedTx: event.transaction.hash,
    bondTo,
    slashNonce: CHALLENGE_STATUSES[status] === 'upheld' ? slashNonce : null,
  });
});

ponder.on('SequencerChallenges:DecisiveAction', async ({ event, context }) => {
  const { sequencerId, fractionBps, nonce, reason } = event.args;
  await context.db.insert(decisiveAction).values({
    id: event.id,
    sequencerId,
    fractionBps: Number(fractionBps),
    nonce,
    reason,
    timestamp: event.block.timestamp,
    txHash: event.transaction.hash,
  });
});

ponder.on('SequencerChallenges:ParamsSet', async ({ event, context }) => {
  const p = event.args.params;
  const row = {
    bond: p.bond,
    window: p.window,
    votingPeriod: p.votingPeriod,
    quorumBps: p.quorumBps,
    minProductionBps: p.minProductionBps,
    rewardBps: p.rewardBps,
    severityBps: [...p.severityBps],
  };
  await context.db
    .insert(challengeParams)
    .values({ id: 'current', ...row })
    .onConflictDoUpdate(row);
});
