import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Address, decodeFunctionData, encodeFunctionData, parseEther } from 'viem';
import { governanceExecutorAbi, messageOutboxAbi, sequencerStakingAbi } from './contracts/abis';
import type { Deployment } from './deployment/types';
import { DEFAULT_L1_GAS_LIMIT, l1Call, l1MessageOf, proposalArgs } from './governance-actions';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
const contract = (n: number) => ({ address: addr(n), startBlock: 0 });
const chain = { chainId: 1, name: 'x', rpcUrl: '', nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 } };
const deployment: Deployment = {
  network: 'test',
  apiUrl: '',
  // Only the contracts these tests read.
  l1: { ...chain, contracts: { GovernanceExecutor: contract(0xe1), SequencerStaking: contract(0x51) } as Deployment['l1']['contracts'] },
  l2: { ...chain, chainId: 2, contracts: { MessageOutbox: contract(0x0b) } as Deployment['l2']['contracts'] },
};

test('an L1 call is the L2 outbox sending the executor its execute(target, value, data)', () => {
  const data = encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'setLockBounds', args: [parseEther('25000'), parseEther('100000')] });
  const action = l1Call(deployment, addr(0x51), data);
  assert.equal(action.target, addr(0x0b));
  assert.equal(action.value, 0n);
  const send = decodeFunctionData({ abi: messageOutboxAbi, data: action.calldata });
  assert.equal(send.functionName, 'sendMessage');
  const [to, message, gasLimit] = send.args as [Address, `0x${string}`, bigint];
  assert.equal(to, addr(0xe1));
  assert.equal(gasLimit, DEFAULT_L1_GAS_LIMIT);
  const exec = decodeFunctionData({ abi: governanceExecutorAbi, data: message });
  assert.equal(exec.functionName, 'execute');
  assert.deepEqual(exec.args, [addr(0x51), 0n, data]);
});

test('value and gas limit are passed through; actions become propose arguments', () => {
  const a = l1Call(deployment, addr(0x51), '0x1234', { value: 5n, gasLimit: 900_000n });
  const [, message, gasLimit] = decodeFunctionData({ abi: messageOutboxAbi, data: a.calldata }).args as [Address, `0x${string}`, bigint];
  assert.equal(gasLimit, 900_000n);
  assert.deepEqual(decodeFunctionData({ abi: governanceExecutorAbi, data: message }).args, [addr(0x51), 5n, '0x1234']);
  const b = { target: addr(7), value: 1n, calldata: '0xab' as const };
  assert.deepEqual(proposalArgs([a, b]), [
    [a.target, addr(7)],
    [0n, 1n],
    [a.calldata, '0xab'],
  ]);
});

test('l1MessageOf unwraps what l1Call wraps, and only bus messages', () => {
  const a = l1Call(deployment, addr(0x51), '0x1234', { value: 5n, gasLimit: 900_000n });
  const message = l1MessageOf(deployment, a);
  assert.equal(message?.target, addr(0xe1));
  assert.equal(message?.gasLimit, 900_000n);
  assert.deepEqual(message?.calls, [{ target: addr(0x51), value: 5n, data: '0x1234' }]);
  // Not a bus message: an L2 call, or other calldata to the outbox.
  assert.equal(l1MessageOf(deployment, { target: addr(0x51), calldata: a.calldata }), undefined);
  assert.equal(l1MessageOf(deployment, { target: addr(0x0b), calldata: '0xdeadbeef' }), undefined);
  // A bus message to another L1 contract is delivered as it is: no executor calls.
  const direct = encodeFunctionData({ abi: messageOutboxAbi, functionName: 'sendMessage', args: [addr(0x51), '0xabcd', 1n] });
  assert.deepEqual(l1MessageOf(deployment, { target: addr(0x0b), calldata: direct }), { target: addr(0x51), data: '0xabcd', gasLimit: 1n, calls: undefined });
  // A batch of the executor's: each call in order; another function of the executor: none.
  const batch = encodeFunctionData({
    abi: governanceExecutorAbi,
    functionName: 'executeBatch',
    args: [
      [
        { target: addr(0x51), value: 0n, data: '0x01' },
        { target: addr(0x52), value: 2n, data: '0x02' },
      ],
    ],
  });
  const toBatch = encodeFunctionData({ abi: messageOutboxAbi, functionName: 'sendMessage', args: [addr(0xe1), batch, 1n] });
  assert.deepEqual(l1MessageOf(deployment, { target: addr(0x0b), calldata: toBatch })?.calls, [
    { target: addr(0x51), value: 0n, data: '0x01' },
    { target: addr(0x52), value: 2n, data: '0x02' },
  ]);
  const other = encodeFunctionData({ abi: governanceExecutorAbi, functionName: 'renounceBootstrap' });
  const toOther = encodeFunctionData({ abi: messageOutboxAbi, functionName: 'sendMessage', args: [addr(0xe1), other, 1n] });
  assert.equal(l1MessageOf(deployment, { target: addr(0x0b), calldata: toOther })?.calls, undefined);
});
