import assert from 'node:assert/strict';
import { test } from 'node:test';
import { encodePacked } from 'viem';
import {
  GOVERNOR_STATES,
  meetsOverrideShare,
  PROPOSAL_STATES,
  type ProposalTiming,
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

test('the bars: an override needs twice the quorum and For ≥ 2/3 of the votes cast, and has no ratification window', () => {
  const ordinary: ProposalTiming = { deadline: 200n, quorum: 10n, ratificationWindow: 50n };
  assert.equal(requiredQuorum(ordinary), 10n);
  assert.equal(ratificationDeadline(ordinary), 250n);
  assert.equal(ratificationDeadline({ ...ordinary, ratificationWindow: null }), null, 'no window: never expires');
  assert.equal(requiredQuorum({ ...ordinary, quorum: null }), null, 'no quorum read: nobody voted');
  const override: ProposalTiming = { ...ordinary, isOverride: true };
  assert.equal(requiredQuorum(override), 20n);
  assert.equal(ratificationDeadline(override), null);
  assert.equal(meetsOverrideShare({ forVotes: 2n, againstVotes: 1n, abstainVotes: 0n }), true, 'exactly 2/3');
  assert.equal(meetsOverrideShare({ forVotes: 2n, againstVotes: 1n, abstainVotes: 1n }), false, 'abstentions count as cast');
  assert.ok(PROPOSAL_STATES.includes('expired'), "PROPOSAL_STATES.includes('expired')");
  assert.equal(GOVERNOR_STATES[6], 'expired', "the governor's enum order");
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
