import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Address, encodeAbiParameters, encodeErrorResult, getAddress, parseEther } from 'viem';
import { governanceExecutorAbi, rewardsDistributorAbi } from './contracts/abis';
import { CONTRACTS } from './contracts/descriptors';
import { describeRevertData, errorsOf } from './errors';
import { formatParameter, MAX_ACTION_CALLDATA_BYTES, MAX_SIMULATED_ACTIONS, parseSimulationRequest, toJsonValue } from './simulation';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const action = { target: addr(0x60), value: '0', calldata: '0x12345678' };

test('a simulation request: a proposal id, or well-formed actions', () => {
  assert.deepEqual(parseSimulationRequest({ proposalId: '42' }), { ok: true, request: { proposalId: 42n } });
  const parsed = parseSimulationRequest({ actions: [{ ...action, target: addr(0x60).toUpperCase().replace('0X', '0x'), value: '7' }] });
  assert.deepEqual(parsed, { ok: true, request: { actions: [{ target: getAddress(addr(0x60)), value: 7n, calldata: '0x12345678' }] } });
});

test('a malformed simulation request is refused with a reason naming the field', () => {
  const refused = (body: unknown) => {
    const r = parseSimulationRequest(body);
    assert.equal(r.ok, false, JSON.stringify(body)?.slice(0, 80));
    return r.ok ? '' : r.error;
  };
  assert.match(refused(null), /JSON object/);
  assert.match(refused([]), /JSON object/);
  assert.match(refused({}), /proposalId.*actions/);
  assert.match(refused({ proposalId: '1', actions: [action] }), /not both/);
  assert.match(refused({ proposalId: 1 }), /proposalId/);
  assert.match(refused({ proposalId: '01' }), /proposalId/);
  assert.match(refused({ proposalId: `1${'0'.repeat(78)}` }), /proposalId/);
  assert.match(refused({ actions: 'x' }), /must be an array/);
  assert.match(refused({ actions: [] }), /empty/);
  assert.match(refused({ actions: Array(MAX_SIMULATED_ACTIONS + 1).fill(action) }), new RegExp(`at most ${MAX_SIMULATED_ACTIONS}`));
  assert.match(refused({ actions: [{ ...action, target: '0x1234' }] }), /actions\[0\]\.target/);
  assert.match(refused({ actions: [action, { ...action, value: 7 }] }), /actions\[1\]\.value/);
  assert.match(refused({ actions: [{ ...action, value: '-1' }] }), /value/);
  assert.match(refused({ actions: [{ ...action, value: (2n ** 256n).toString() }] }), /value/);
  assert.match(refused({ actions: [{ ...action, calldata: '0x123' }] }), /calldata/);
  assert.match(refused({ actions: [{ ...action, calldata: 'abcd' }] }), /calldata/);
  assert.match(refused({ actions: [{ ...action, calldata: `0x${'00'.repeat(MAX_ACTION_CALLDATA_BYTES + 1)}` }] }), /longer than/);
  assert.match(refused({ actions: [{ ...action, gas: '1' }] }), /unknown field `gas`/);
  assert.match(refused({ proposalId: '1', extra: true }), /unknown field `extra`/);
});

test('an L1 revert inside the executor reads as the inner contract error', () => {
  const errors = errorsOf([...Object.values(CONTRACTS.l1), ...Object.values(CONTRACTS.l2)]);
  const inner = encodeErrorResult({ abi: rewardsDistributorAbi, errorName: 'RewardPerBlockTooHigh', args: [parseEther('2000')] });
  const wrapped = encodeErrorResult({ abi: governanceExecutorAbi, errorName: 'CallFailed', args: [addr(0x51), inner] });
  const read = describeRevertData(wrapped, errors);
  assert.equal(read.errorName, 'RewardPerBlockTooHigh');
  assert.match(read.sentence, /2,000 METIS per block is above/);
  assert.equal(describeRevertData('0x', errors).errorName, null);
  const plain = `0x08c379a0${encodeAbiParameters([{ type: 'string' }], ['no']).slice(2)}` as const;
  assert.equal(describeRevertData(plain, errors).sentence, 'The contract refused: no.');
  assert.match(describeRevertData('0xdeadbeef', errors).sentence, /no known contract/);
});

test('parameters read in their units where known, raw otherwise', () => {
  assert.equal(formatParameter('maxLock', parseEther('600000').toString()), '600,000 METIS');
  assert.equal(formatParameter('votingPeriod', '3600'), '1 hour');
  assert.equal(formatParameter('maxCommissionBps', '1500'), '15%');
  assert.equal(formatParameter('proposalThreshold', parseEther('12000').toString()), '12,000 votes');
  assert.equal(formatParameter('quorumNumerator', '4'), '4');
  assert.equal(formatParameter('members', [addr(1)]), JSON.stringify([addr(1)]));
  assert.deepEqual(toJsonValue({ a: 1n, b: [2n, 'x'], c: undefined }), { a: '1', b: ['2', 'x'], c: null });
});
