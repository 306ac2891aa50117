import assert from 'node:assert/strict';
import { test } from 'node:test';
import { POLL_MS, pollMs } from './polling';

test('one polling policy: local is faster than a network, and each pace is slower than the one before', () => {
  assert.equal(pollMs('local', 'live'), POLL_MS.local.live);
  assert.equal(pollMs('sepolia', 'page'), POLL_MS.network.page);
  for (const pace of Object.keys(POLL_MS.local) as (keyof typeof POLL_MS.local)[]) assert.ok(POLL_MS.local[pace] < POLL_MS.network[pace], pace);
  for (const paces of [POLL_MS.local, POLL_MS.network])
    assert.ok(
      paces.shared <= paces.chain && paces.chain <= paces.live && paces.live <= paces.vote && paces.vote <= paces.page,
      'paces.shared <= paces.chain && paces.chain <= paces.live && paces.live <= paces.vote && paces.vote <= paces.page',
    );
});
