import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { parseMetisInput, parsePercentInput } from './amounts';

test('parseMetisInput accepts what people type', () => {
  assert.deepEqual(parseMetisInput('1,250.5'), { ok: true, value: parseEther('1250.5') });
  assert.deepEqual(parseMetisInput(' 3 '), { ok: true, value: parseEther('3') });
  assert.deepEqual(parseMetisInput('.5'), { ok: true, value: parseEther('0.5') });
  assert.deepEqual(parseMetisInput('0.000000000000000001'), { ok: true, value: 1n });
});

test('parseMetisInput refuses with a reason', () => {
  assert.deepEqual(parseMetisInput(''), { ok: false, error: 'Enter an amount.' });
  assert.deepEqual(parseMetisInput('abc'), { ok: false, error: 'Enter a number, like 1250.5.' });
  assert.deepEqual(parseMetisInput('1e5'), { ok: false, error: 'Enter a number, like 1250.5.' });
  assert.deepEqual(parseMetisInput('-1'), { ok: false, error: 'Enter a number, like 1250.5.' });
  assert.deepEqual(parseMetisInput('0'), { ok: false, error: 'The amount must be more than zero.' });
  assert.deepEqual(parseMetisInput('1.0000000000000000001'), { ok: false, error: 'METIS has at most 18 decimals.' });
});

test('parsePercentInput turns a percentage into basis points within the maximum', () => {
  assert.deepEqual(parsePercentInput('7.5', 3_000), { ok: true, value: 750 });
  assert.deepEqual(parsePercentInput(' 12 % ', 3_000), { ok: true, value: 1_200 });
  assert.deepEqual(parsePercentInput('0', 3_000), { ok: true, value: 0 });
  assert.deepEqual(parsePercentInput('.25', 3_000), { ok: true, value: 25 });
  assert.deepEqual(parsePercentInput('30', 3_000), { ok: true, value: 3_000 });
  assert.deepEqual(parsePercentInput('30.01', 3_000), { ok: false, error: 'The commission can be at most 30%.' });
  assert.deepEqual(parsePercentInput('', 3_000), { ok: false, error: 'Enter a percentage.' });
  assert.deepEqual(parsePercentInput('1.234', 3_000), { ok: false, error: 'Enter a percentage with at most two decimals, like 7.5.' });
  assert.deepEqual(parsePercentInput('-1', 3_000), { ok: false, error: 'Enter a percentage with at most two decimals, like 7.5.' });
});
