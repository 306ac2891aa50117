import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  BadRequest,
  encodeCursor,
  parseAddress,
  parseChain,
  parseCount,
  parseCursor,
  parseEnum,
  parseId,
  parseLimit,
  parseSearch,
  parseUint256,
} from './params';

test('parseAddress checksums valid addresses and refuses others', () => {
  assert.equal(parseAddress('0x70997970c51812dc3a010c7d01b50e0d17dc79c8'), '0x70997970C51812dc3A010C7d01b50e0d17dc79C8');
  assert.throws(() => parseAddress('0x1234'), BadRequest);
  assert.throws(() => parseAddress(undefined), /must be a 0x-prefixed 20-byte hex address/);
});

test('parseLimit defaults, bounds and refuses non-numbers', () => {
  assert.equal(parseLimit(undefined), 20);
  assert.equal(parseLimit('100'), 100);
  assert.throws(() => parseLimit('0'), /between 1 and 100/);
  assert.throws(() => parseLimit('101'), /between 1 and 100/);
  assert.throws(() => parseLimit('ten'), /whole number/);
  assert.throws(() => parseLimit('1.5'), /whole number/);
});

test('parseCount is optional, whole and bounded', () => {
  assert.equal(parseCount(undefined, 'minParticipation', 10), undefined);
  assert.equal(parseCount('0', 'minParticipation', 10), 0);
  assert.equal(parseCount('10', 'minParticipation', 10), 10);
  assert.throws(() => parseCount('11', 'minParticipation', 10), /minParticipation must be between 0 and 10/);
  assert.throws(() => parseCount('-1', 'minParticipation', 10), /whole number/);
});

test('cursors round-trip and forged ones are refused', () => {
  const cursor = { key: 1795317230n, id: '31338-000000000011-000000-in' };
  assert.deepEqual(parseCursor(encodeCursor(cursor)), cursor);
  assert.equal(parseCursor(undefined), undefined);
  assert.throws(() => parseCursor('not-a-cursor'), /cursor is not one this API issued/);
  assert.throws(() => parseCursor(Buffer.from("1|x' OR 1=1").toString('base64url')), BadRequest);
});

test('parseChain takes l1 or l2 only', () => {
  assert.equal(parseChain('l2'), 'l2');
  assert.equal(parseChain(''), undefined);
  assert.throws(() => parseChain('l3'), /chain must be one of l1, l2/);
});

test('parseId and parseEnum refuse what they do not know', () => {
  assert.equal(parseId('12'), 12n);
  assert.throws(() => parseId('0'), /positive whole number/);
  assert.throws(() => parseId('-3'), /positive whole number/);
  assert.equal(parseEnum('active', 'status', ['active', 'jailed'] as const), 'active');
  assert.equal(parseEnum(undefined, 'status', ['active'] as const), undefined);
  assert.throws(() => parseEnum('gone', 'status', ['active', 'jailed'] as const), /status must be one of active, jailed/);
});

test('parseUint256 takes proposal-sized ids and refuses others', () => {
  const id = '98374926718233471297845123981273981273981273912873918273918273';
  assert.equal(parseUint256(id), BigInt(id));
  assert.equal(parseUint256('0'), 0n);
  assert.throws(() => parseUint256((2n ** 256n).toString()), /below 2\^256/);
  assert.throws(() => parseUint256('0x12'), /whole number/);
  assert.throws(() => parseUint256(undefined), BadRequest);
});

test('parseSearch trims, drops blanks and bounds the length', () => {
  assert.equal(parseSearch('  quorum '), 'quorum');
  assert.equal(parseSearch('   '), undefined);
  assert.throws(() => parseSearch('x'.repeat(101)), /at most 100 characters/);
});

test('parseSearch refuses control characters (NUL cannot reach PostgreSQL text)', () => {
  assert.throws(() => parseSearch('a\u0000b'), /q must not contain control characters/);
  assert.throws(() => parseSearch('x\u001bx'), BadRequest);
  assert.equal(parseSearch("' OR 1=1 --"), "' OR 1=1 --");
});

test('refused values are quoted at most 100 characters long, under the parameter name', () => {
  assert.throws(
    () => parseLimit('x'.repeat(5_000), 'epochs'),
    (err: Error) => /^epochs must be/.test(err.message) && err.message.length < 200,
  );
});
