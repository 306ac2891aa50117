import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ContractFunctionExecutionError, ContractFunctionRevertedError, encodeErrorResult, parseEther, UserRejectedRequestError } from 'viem';
import { metisTokenAbi } from './contracts/abis';
import { describeError } from './errors';

function revert(errorName: 'ERC20InsufficientBalance', args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: metisTokenAbi, errorName, args: args as never });
  const cause = new ContractFunctionRevertedError({ abi: metisTokenAbi, data, functionName: 'transfer' });
  return new ContractFunctionExecutionError(cause, { abi: metisTokenAbi, functionName: 'transfer', args: [] });
}

test('custom errors become sentences with formatted amounts', () => {
  const err = revert('ERC20InsufficientBalance', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', parseEther('5'), parseEther('12.5')]);
  assert.equal(describeError(err), 'Not enough METIS: you have 5 METIS and this needs 12.5 METIS.');
});

test('a rejection in the wallet is said plainly, however it arrives', () => {
  assert.equal(describeError(new UserRejectedRequestError(new Error('no'))), 'You rejected the request in your wallet.');
  assert.equal(describeError({ code: 4001, message: 'User rejected' }), 'You rejected the request in your wallet.');
});

test('anything else keeps its own message', () => {
  assert.equal(describeError(new Error('network down')), 'network down');
});
