import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePacked } from 'viem';
import {
  GOVERNOR_STATES,
  meetsOverrideShare,
  PROPOSAL_STATES,
  type ProposalTiming,
  proposalState,
  proposalTitle,
  quorumProgress,
  ratificationDeadline,
  requiredQuorum,
  splitVote,
  tallyShares,
} from './proposals';

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
    canceled: false,
    executed: false,
    snapshot: 100n,
    deadline: 200n,
    quorum: 10n,
    forVotes: 0n,
    againstVotes: 0n,
    abstainVotes: 0n,
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

test('a succeeded proposal whose ratification is not opened within the window is expired (docs/MECHANISMS.md §4.3)', () => {
  const passed: ProposalTiming = {
    canceled: false,
    executed: false,
    snapshot: 100n,
    deadline: 200n,
    quorum: 10n,
    forVotes: 10n,
    againstVotes: 0n,
    abstainVotes: 0n,
    ratificationWindow: 50n,
  };
  assert.equal(proposalState(passed, 250n), 'succeeded', 'openable up to and including deadline + window');
  assert.equal(proposalState(passed, 251n), 'expired');
  assert.equal(proposalState({ ...passed, ratificationStatus: 'open' }, 251n), 'succeeded', 'opened in time: not expired');
  assert.equal(proposalState({ ...passed, ratificationStatus: 'ratified' }, 900n), 'succeeded');
  assert.equal(proposalState({ ...passed, ratificationStatus: 'rejected' }, 900n), 'defeated');
  assert.equal(proposalState({ ...passed, ratificationWindow: null }, 9_000n), 'succeeded', 'no window: never expires');
  assert.equal(ratificationDeadline(passed), 250n);
  assert.ok(PROPOSAL_STATES.includes('expired'), "PROPOSAL_STATES.includes('expired')");
  assert.equal(GOVERNOR_STATES[6], 'expired', "the governor's enum order");
});

test('an override needs For ≥ 2/3 of the votes cast and twice the quorum, and no ratification', () => {
  const o: ProposalTiming = {
    canceled: false,
    executed: false,
    snapshot: 100n,
    deadline: 200n,
    quorum: 10n,
    forVotes: 20n,
    againstVotes: 10n,
    abstainVotes: 0n,
    isOverride: true,
  };
  assert.equal(requiredQuorum(o), 20n);
  assert.equal(proposalState(o, 201n), 'succeeded', 'exactly 2/3 and twice the quorum');
  assert.equal(proposalState({ ...o, abstainVotes: 1n }, 201n), 'defeated', 'abstentions count as cast: below 2/3');
  assert.equal(proposalState({ ...o, forVotes: 19n, againstVotes: 0n }, 201n), 'defeated', 'below twice the quorum');
  assert.equal(proposalState({ ...o, forVotes: 19n, againstVotes: 0n, isOverride: false }, 201n), 'succeeded', 'an ordinary proposal would pass');
  assert.equal(proposalState({ ...o, ratificationStatus: 'rejected', ratificationWindow: 1n }, 9_000n), 'succeeded', 'the council cannot reject or expire it');
  assert.equal(ratificationDeadline(o), null);
  assert.equal(meetsOverrideShare({ forVotes: 2n, againstVotes: 1n, abstainVotes: 0n }), true);
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
