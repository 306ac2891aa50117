import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stewardMotionExecutableUntil, stewardMotionStatus } from './steward-motions';

// A motion opened at 1,000 with a 100-second voting period: support until 1,100, executable until 1,200.
const motion = { executed: false, epoch: 2n, openedAt: 1_000n, deadline: 1_100n, yesWeight: 51n, pooledVotes: 100n };

test('a steward motion is active through its deadline, then succeeded for one voting period, then expired', () => {
  assert.equal(stewardMotionExecutableUntil(motion), 1_200n);
  assert.equal(stewardMotionStatus(motion, 2n, 1_000n), 'active');
  assert.equal(stewardMotionStatus(motion, 2n, 1_100n), 'active');
  assert.equal(stewardMotionStatus(motion, 2n, 1_101n), 'succeeded');
  assert.equal(stewardMotionStatus(motion, 2n, 1_200n), 'succeeded');
  assert.equal(stewardMotionStatus(motion, 2n, 1_201n), 'expired');
});

test('half of the units at the snapshot is not enough; execution and another execution close it', () => {
  assert.equal(stewardMotionStatus({ ...motion, yesWeight: 50n }, 2n, 1_101n), 'defeated');
  assert.equal(stewardMotionStatus({ ...motion, executed: true }, 3n, 1_101n), 'executed');
  assert.equal(stewardMotionStatus(motion, 3n, 1_050n), 'voided');
});
