import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, parseEther, UserRejectedRequestError } from 'viem';
import { metisTokenAbi, sequencerStakingAbi } from './contracts/abis';
import { describeError } from './errors';
import { formatDateTime } from './format';

function revert(errorName: 'ERC20InsufficientBalance', args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: metisTokenAbi, errorName, args: args as never });
  const cause = new ContractFunctionRevertedError({ abi: metisTokenAbi, data, functionName: 'transfer' });
  return new ContractFunctionExecutionError(cause, { abi: metisTokenAbi, functionName: 'transfer', args: [] });
}

test('custom errors become sentences with formatted amounts', () => {
  const err = revert('ERC20InsufficientBalance', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', parseEther('5'), parseEther('12.5')]);
  assert.equal(describeError(err), 'Not enough METIS: you have 5 METIS and this needs 12.5 METIS.');
});

function stakingRevert(errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: sequencerStakingAbi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi: sequencerStakingAbi, data, functionName: 'register' });
  return new ContractFunctionExecutionError(cause, { abi: sequencerStakingAbi, functionName: 'register', args: [] });
}

test('operator errors of the staking contract become sentences', () => {
  const at = 1_900_000_000n;
  assert.equal(
    describeError(stakingRevert('SelfLockOutOfBounds', [parseEther('10'), parseEther('20000'), parseEther('100000')])),
    'The self-lock would be 10 METIS; it must stay between 20,000 METIS and 100,000 METIS.',
  );
  assert.equal(describeError(stakingRevert('CommissionTooHigh', [3_500n, 3_000n])), 'A commission of 35% is above the 30% maximum.');
  assert.equal(
    describeError(stakingRevert('AlreadyOwnsSequencer', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 1n])),
    'This account already runs sequencer #1: an account runs one sequencer at a time.',
  );
  assert.equal(describeError(stakingRevert('NotYetUnlocked', [1n, at])), `The self-lock can be claimed from ${formatDateTime(Number(at))}.`);
  assert.equal(describeError(stakingRevert('CommissionChangeTooSoon', [1n, at])), `You can request another commission change from ${formatDateTime(Number(at))}.`);
  assert.equal(describeError(stakingRevert('SignerUpdateTooSoon', [1n, at])), `The signer can be changed again from ${formatDateTime(Number(at))}.`);
  assert.equal(describeError(stakingRevert('InvalidSigner', ['0x0000000000000000000000000000000000000000'])), 'The signer must be a non-zero address that no sequencer has ever used.');
  assert.equal(describeError(stakingRevert('InvalidStatus', [1n, 2])), 'The sequencer is jailed, so this is not possible now.');
  assert.equal(describeError(stakingRevert('NotWhitelisted', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'])), 'This address is not approved by governance to run a sequencer.');
});

test('a rejection in the wallet is said plainly, however it arrives', () => {
  assert.equal(describeError(new UserRejectedRequestError(new Error('no'))), 'You rejected the request in your wallet.');
  assert.equal(describeError({ code: 4001, message: 'User rejected' }), 'You rejected the request in your wallet.');
});

test('anything else keeps its own message', () => {
  assert.equal(describeError(new Error('network down')), 'network down');
});
