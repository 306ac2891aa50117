import assert from 'node:assert/strict';
import test from 'node:test';
import { encodeFunctionData } from 'viem';
import { timelockControllerAbi } from './contracts/abis';
import { decodeCall, motionBar, motionPasses, motionProgressBps, motionState } from './council-motions';

const open = { executed: false, deadline: 1_000n, executableAt: null, expiresAt: null };

test('a motion is voting up to and including its deadline, then defeated unless it passed', () => {
  assert.equal(motionState(open, 999n), 'voting');
  assert.equal(motionState(open, 1_000n), 'voting');
  assert.equal(motionState(open, 1_001n), 'defeated');
});

test('a passed action waits for its delay, is executable up to and including expiresAt, then expired', () => {
  const passed = { ...open, executableAt: 900n, expiresAt: 1_500n };
  assert.equal(motionState(passed, 899n), 'passed');
  assert.equal(motionState(passed, 900n), 'executable');
  assert.equal(motionState(passed, 1_000n), 'executable');
  assert.equal(motionState(passed, 1_500n), 'executable');
  assert.equal(motionState(passed, 1_501n), 'expired');
  assert.equal(motionState({ ...passed, executed: true }, 1_501n), 'executed');
});

test('a penalty (no delay) is executable from the second it passes, even while voting goes on', () => {
  assert.equal(motionState({ ...open, executableAt: 500n, expiresAt: 800n }, 500n), 'executable');
  assert.equal(motionState({ ...open, executableAt: 500n, expiresAt: 800n }, 801n), 'expired');
});

test('the bar is 2/3 of the reputation at the snapshot, rounded up, as yes × 3 ≥ total × 2', () => {
  assert.equal(motionBar(300n), 200n);
  assert.equal(motionBar(100n), 67n);
  assert.equal(motionPasses(66n, 100n), false);
  assert.equal(motionPasses(67n, 100n), true);
  for (const total of [1n, 2n, 100n, 301n, 10n ** 21n + 1n]) {
    const bar = motionBar(total);
    assert.equal(motionPasses(bar, total), true);
    assert.equal(motionPasses(bar - 1n, total), false);
  }
  assert.equal(motionProgressBps(100n, 300n), 5_000);
  assert.equal(motionProgressBps(500n, 300n), 10_000);
});

test('an action is decoded against its contract ABI with argument names; foreign data is not', () => {
  const id = `0x${'ab'.repeat(32)}` as const;
  const data = encodeFunctionData({ abi: timelockControllerAbi, functionName: 'cancel', args: [id] });
  const decoded = decodeCall(timelockControllerAbi, data);
  assert.equal(decoded?.functionName, 'cancel');
  assert.equal(decoded?.signature, 'cancel(bytes32 id)');
  assert.deepEqual(decoded?.args, [{ name: 'id', type: 'bytes32', value: id }]);
  assert.equal(decodeCall(timelockControllerAbi, '0xdeadbeef'), undefined);
});
