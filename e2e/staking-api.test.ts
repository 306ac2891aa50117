import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { BusMessageItem, Page } from '../lib/api';
import { contractOf } from '../lib/contracts/descriptors';
import { apiGet, apiRefusal, eventually } from './harness/api';
import { chainClient, type TestStack, useStack } from './harness/stack';

let stack: TestStack;
before(async () => {
  stack = await useStack();
});

describe('staking API', () => {
  test('every seeded sequencer is listed with the stake the chain reports', async () => {
    const staking = contractOf(stack.deployment, 'l1', 'SequencerStaking');
    const l1 = chainClient(stack, 'l1');
    await eventually(async () => {
      const count = await l1.readContract({ ...staking, functionName: 'sequencerCount' });
      const body = await apiGet(stack, '/sequencers');
      assert.equal(BigInt(body.items.length), count);
      assert.ok(body.items.length >= 5, 'the seed registers five sequencers');
      for (const s of body.items) {
        const info = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [BigInt(s.id)] });
        assert.equal(s.totalStake, info.totalStake.toString(), `sequencer ${s.id} total`);
        assert.equal(s.delegated, info.delegated.toString(), `sequencer ${s.id} delegated`);
        const delegators = await apiGet(stack, '/sequencers/:id/delegators', { id: s.id, limit: 100 });
        assert.equal(delegators.items.length, s.delegatorCount, `sequencer ${s.id} delegator count`);
      }
    });
  });

  test('epochs rotate and each names its producer', async () => {
    await eventually(async () => {
      const body = await apiGet(stack, '/epochs', { limit: 5 });
      assert.ok(body.items.length >= 2, 'the seed rotates a few epochs');
      const ids = body.items.map((e) => Number(e.id));
      assert.deepEqual(
        ids,
        [...ids].sort((a, b) => b - a),
        'newest first',
      );
    });
  });

  test('bus messages show delivery state matching the inboxes', async () => {
    const l1Outbox = contractOf(stack.deployment, 'l1', 'MessageOutbox');
    const l2Inbox = contractOf(stack.deployment, 'l2', 'MessageInbox');
    await eventually(async () => {
      const sent = await chainClient(stack, 'l1').readContract({ ...l1Outbox, functionName: 'nextNonce' });
      const executed = await chainClient(stack, 'l2').readContract({ ...l2Inbox, functionName: 'nextNonce' });
      // every page of the list (the seed and the running stack send more than one page)
      const items: BusMessageItem[] = [];
      for (let cursor: string | null = ''; cursor !== null; ) {
        const body: Page<BusMessageItem> = await apiGet(stack, '/bus/messages', { from: 'l1', limit: 100, cursor: cursor || undefined });
        items.push(...body.items);
        cursor = body.nextCursor;
      }
      assert.ok(items.length > 0, 'items.length > 0');
      const delivered = items.filter((m) => m.status === 'delivered').length;
      assert.equal(BigInt(items.length), sent, 'every sent message is listed');
      assert.equal(BigInt(delivered), executed, 'delivered as the L2 inbox says');
    }, 20_000);
  });

  test('bad input answers 400 with the reason, unknown ids 404', async () => {
    assert.equal((await apiRefusal(stack, '/sequencers/abc')).status, 400);
    assert.equal((await apiRefusal(stack, '/sequencers/999999')).status, 404);
    assert.match((await apiRefusal(stack, '/sequencers?status=zombie')).error, /status must be one of/);
    assert.match((await apiRefusal(stack, '/bus/messages?from=l3')).error, /from must be one of l1, l2/);
    assert.match((await apiRefusal(stack, '/epochs?sequencer=-1')).error, /sequencer must be a positive whole number/);
  });

  test('many readers of one URL share one answer for the pace; and no-cache asks afresh', async () => {
    const url = new URL(`/epochs?limit=3&n=${Date.now()}`, stack.urls.api);
    const answers = await Promise.all(Array.from({ length: 20 }, () => fetch(url)));
    const bodies = await Promise.all(answers.map((r) => r.text()));
    assert.ok(
      bodies.every((b) => b === bodies[0]),
      'the same answer for all',
    );
    const hits = answers.filter((r) => r.headers.get('x-answer-cache') === 'hit').length;
    assert.equal(hits, 19, 'one made, nineteen shared');
    assert.equal(answers.find((r) => r.headers.get('x-answer-cache'))?.headers.get('access-control-allow-origin'), '*', 'a shared answer keeps CORS');
    const fresh = await fetch(url, { headers: { 'cache-control': 'no-cache' } });
    assert.equal(fresh.headers.get('x-answer-cache'), null);
    // Past the pace (lib/polling.ts: 250 ms locally), the URL is answered anew.
    await new Promise((r) => setTimeout(r, 400));
    assert.equal((await fetch(url)).headers.get('x-answer-cache'), null);
  });
});
