import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import { parseMetisInput } from './amounts';

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
