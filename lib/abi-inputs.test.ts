import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseAbiInput } from './abi-inputs';

const p = (type: string) => ({ name: 'x', type });

test('addresses, numbers with their range, booleans, bytes and strings', () => {
  assert.deepEqual(parseAbiInput(p('address'), ' 0x70997970C51812dc3A010C7d01b50e0d17dc79C8 '), {
    ok: true,
    value: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8',
  });
  assert.equal(parseAbiInput(p('address'), '0x123').ok, false);
  assert.deepEqual(parseAbiInput(p('uint256'), '5000000000000000000000'), { ok: true, value: 5_000_000_000_000_000_000_000n });
  assert.equal(parseAbiInput(p('uint8'), '256').ok, false);
  assert.equal(parseAbiInput(p('uint48'), '-1').ok, false);
  assert.deepEqual(parseAbiInput(p('int8'), '-128'), { ok: true, value: -128n });
  assert.equal(parseAbiInput(p('uint256'), '1.5').ok, false);
  assert.deepEqual(parseAbiInput(p('bool'), 'true'), { ok: true, value: true });
  assert.deepEqual(parseAbiInput(p('bytes'), '0xabcd'), { ok: true, value: '0xabcd' });
  assert.equal(parseAbiInput(p('bytes32'), '0xabcd').ok, false);
  assert.deepEqual(parseAbiInput(p('string'), 'hello'), { ok: true, value: 'hello' });
});

test('arrays as JSON, numbers in strings become bigints', () => {
  assert.deepEqual(parseAbiInput(p('uint256[]'), '["1", "2"]'), { ok: true, value: [1n, 2n] });
  assert.equal(parseAbiInput(p('address[]'), '[oops').ok, false);
});
