import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { amountOf } from './amount';

test('amountOf gives the value typed, or 0 and why it is not an amount', () => {
  assert.deepEqual(amountOf('1,250.5'), { value: parseEther('1250.5') });
  assert.deepEqual(amountOf(''), { value: 0n, error: 'Enter an amount.' });
  assert.deepEqual(amountOf('abc'), { value: 0n, error: 'Enter a number, like 1250.5.' });
});

test('amountOf counts a blank text as `blank` when one is given, and only a blank one', () => {
  assert.deepEqual(amountOf('  ', 0n), { value: 0n });
  assert.deepEqual(amountOf('2', 0n), { value: parseEther('2') });
  assert.deepEqual(amountOf('0', 0n), { value: 0n, error: 'The amount must be more than zero.' });
});
