import assert from 'node:assert/strict';
import { test } from 'node:test';
import { json } from './respond';

test('json: bigints become decimal strings at any depth; the rest is written as JSON.stringify writes it', () => {
  const value = { a: 1n, b: [2n, { c: 3n, d: -4n }], e: new Date(0), f: undefined, g: null, h: 'x', i: 1.5, j: true, k: [undefined] };
  assert.equal(
    JSON.stringify(json(value)),
    JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)),
  );
  assert.deepEqual(json({ n: 2n ** 255n }), { n: (2n ** 255n).toString() });
});
