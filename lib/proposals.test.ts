import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePacked } from 'viem';
import { proposalState, proposalTitle, quorumProgress, splitVote, tallyShares, type ProposalTiming } from './proposals';

test('proposalTitle takes the first line without heading marks', () => {
  assert.equal(proposalTitle('# Lower the threshold\n\nBody'), 'Lower the threshold');
  assert.equal(proposalTitle('\n\n## Second-level  \nx'), 'Second-level');
  assert.equal(proposalTitle('No heading here\nmore'), 'No heading here');
  assert.equal(proposalTitle(''), '');
  assert.equal(proposalTitle(`# ${'a'.repeat(300)}`).length, 200);
});

test('splitVote: nominal votes go to one option, fractional ones unpack (against, for, abstain)', () => {
  assert.deepEqual(splitVote(1, 7n), { againstVotes: 0n, forVotes: 7n, abstainVotes: 0n });
  assert.deepEqual(splitVote(0, 3n, '0x'), { againstVotes: 3n, forVotes: 0n, abstainVotes: 0n });
  const params = encodePacked(['uint128', 'uint128', 'uint128'], [1n, 2n, 3n]);
  assert.deepEqual(splitVote(255, 6n, params), { againstVotes: 1n, forVotes: 2n, abstainVotes: 3n });
});

test('proposalState follows the governor', () => {
  const base: ProposalTiming = {
    canceled: false, executed: false, snapshot: 100n, deadline: 200n, quorum: 10n, forVotes: 0n, againstVotes: 0n, abstainVotes: 0n,
  };
  assert.equal(proposalState(base, 100n), 'pending', 'up to and including the snapshot');
  assert.equal(proposalState(base, 101n), 'active');
  assert.equal(proposalState(base, 200n), 'active', 'up to and including the deadline');
  assert.equal(proposalState(base, 201n), 'defeated', 'no votes');
  assert.equal(proposalState({ ...base, quorum: null }, 201n), 'defeated', 'no quorum read: nobody voted');
  assert.equal(proposalState({ ...base, forVotes: 10n }, 201n), 'succeeded');
  assert.equal(proposalState({ ...base, forVotes: 6n, abstainVotes: 4n, againstVotes: 5n }, 201n), 'succeeded', 'abstain counts toward quorum');
  assert.equal(proposalState({ ...base, forVotes: 9n }, 201n), 'defeated', 'below quorum');
  assert.equal(proposalState({ ...base, forVotes: 10n, againstVotes: 10n }, 201n), 'defeated', 'a tie fails');
  assert.equal(proposalState({ ...base, forVotes: 10n, executed: true }, 500n), 'executed');
  assert.equal(proposalState({ ...base, canceled: true }, 50n), 'canceled');
  assert.equal(proposalState({ ...base, forVotes: 10n, ratificationStatus: 'open' }, 201n), 'succeeded', 'ratification pending');
  assert.equal(proposalState({ ...base, forVotes: 10n, ratificationStatus: 'rejected' }, 201n), 'defeated', 'the Eco Nodes rejected it');
  assert.equal(proposalState({ ...base, forVotes: 10n, ratificationStatus: 'ratified', queued: true }, 201n), 'queued');
  assert.equal(proposalState({ ...base, forVotes: 10n, queued: true, executed: true }, 500n), 'executed');
});

test('quorum counts For and Abstain, not Against, and caps the progress', () => {
  assert.deepEqual(quorumProgress({ forVotes: 30n, againstVotes: 100n, abstainVotes: 10n }, 80n), { counted: 40n, progressBps: 5_000, reached: false });
  assert.deepEqual(quorumProgress({ forVotes: 70n, againstVotes: 0n, abstainVotes: 10n }, 80n), { counted: 80n, progressBps: 10_000, reached: true });
  assert.equal(quorumProgress({ forVotes: 500n, againstVotes: 0n, abstainVotes: 0n }, 80n).progressBps, 10_000);
  assert.equal(quorumProgress({ forVotes: 0n, againstVotes: 0n, abstainVotes: 0n }, 0n).reached, true);
});

test('shares of the votes cast are in basis points', () => {
  assert.deepEqual(tallyShares({ forVotes: 3n, againstVotes: 1n, abstainVotes: 0n }), { for: 7_500, against: 2_500, abstain: 0 });
  assert.deepEqual(tallyShares({ forVotes: 0n, againstVotes: 0n, abstainVotes: 0n }), { for: 0, against: 0, abstain: 0 });
});
