import assert from 'node:assert/strict';
import { test } from 'node:test';
import { quorumProgress, tallyShares } from './governance';

test('quorum counts For and Abstain, not Against, and caps the progress', () => {
  assert.deepEqual(quorumProgress({ for: 30n, against: 100n, abstain: 10n }, 80n), { counted: 40n, progressBps: 5_000, reached: false });
  assert.deepEqual(quorumProgress({ for: 70n, against: 0n, abstain: 10n }, 80n), { counted: 80n, progressBps: 10_000, reached: true });
  assert.equal(quorumProgress({ for: 500n, against: 0n, abstain: 0n }, 80n).progressBps, 10_000);
  assert.equal(quorumProgress({ for: 0n, against: 0n, abstain: 0n }, 0n).reached, true);
});

test('shares of the votes cast are in basis points', () => {
  assert.deepEqual(tallyShares({ for: 3n, against: 1n, abstain: 0n }), { for: 7_500, against: 2_500, abstain: 0 });
  assert.deepEqual(tallyShares({ for: 0n, against: 0n, abstain: 0n }), { for: 0, against: 0, abstain: 0 });
});
