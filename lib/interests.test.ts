import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { INTERESTS, interestMask, interestsOf } from './interests';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

test('the vocabulary names exactly the bits the contract accepts, in order', () => {
  const source = readFileSync(path.join(ROOT, 'contracts/src/l2/ProfileRegistry.sol'), 'utf8');
  const count = Number(/INTEREST_COUNT\s*=\s*(\d+)/.exec(source)?.[1]);
  assert.equal(INTERESTS.length, count);
  for (const [n, i] of INTERESTS.entries()) assert.equal(i.bit, n);
  assert.equal(new Set(INTERESTS.map((i) => i.key)).size, INTERESTS.length);
});

test('masks and topics convert both ways', () => {
  const mask = interestMask(['governance', 'security']);
  assert.equal(mask, 0b1010n);
  assert.deepEqual(
    interestsOf(mask).map((i) => i.key),
    ['governance', 'security'],
  );
  assert.deepEqual(interestsOf(1n << 40n), []);
});
