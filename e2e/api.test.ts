import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page, TransferItem } from '../lib/api';
import { apiGet } from './harness/api';
import { demoAccount, type TestStack, useStack } from './harness/stack';

let stack: TestStack;
before(async () => {
  stack = await useStack();
});

async function get(path: string) {
  const res = await fetch(new URL(path, stack.urls.api));
  return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
}

describe('chain-data API', () => {
  test('/health answers 200 and /status names both chains', async () => {
    assert.equal((await fetch(new URL('/health', stack.urls.api))).status, 200);
    const { body } = await get('/status');
    const status = body as Record<string, { id: number; block: { number: number } }>;
    assert.equal(status.l1.id, stack.deployment.l1.chainId);
    assert.equal(status.l2.id, stack.deployment.l2.chainId);
  });

  test("an account's transfers page through with a cursor, newest first, without repeats", async () => {
    const alice = demoAccount(stack, 'Alice').address;
    const seen: TransferItem[] = [];
    let cursor: string | null = null;
    do {
      const page: Page<TransferItem> = await apiGet(stack, '/accounts/:address/transfers', { address: alice, limit: 2, cursor: cursor ?? undefined });
      assert.ok(page.items.length <= 2, 'page.items.length <= 2');
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(seen.length >= 4, `seeded history has at least 4 transfers for Alice, got ${seen.length}`);
    assert.equal(new Set(seen.map((t) => t.id)).size, seen.length, 'no transfer twice');
    for (let i = 1; i < seen.length; i++) assert.ok(BigInt(seen[i - 1].timestamp) >= BigInt(seen[i].timestamp), 'newest first');
    const l2 = (await apiGet(stack, '/accounts/:address/transfers', { address: alice, limit: 100, chain: 'l2' })).items;
    assert.ok(l2.length > 0 && l2.every((t) => t.chain === 'l2'), "l2.length > 0 && l2.every((t) => t.chain === 'l2')");
    assert.equal(l2.length, seen.filter((t) => t.chain === 'l2').length);
  });

  test('bad input answers 400 with the reason', async () => {
    const alice = demoAccount(stack, 'Alice').address;
    const cases: [string, RegExp][] = [
      ['/accounts/0xnot-an-address/transfers', /address must be/],
      [`/accounts/${alice}/transfers?limit=0`, /limit must be between 1 and 100/],
      [`/accounts/${alice}/transfers?limit=lots`, /limit must be a whole number/],
      [`/accounts/${alice}/transfers?cursor=garbage`, /cursor is not one this API issued/],
      [`/accounts/${alice}/transfers?chain=l9`, /chain must be/],
    ];
    for (const [path, reason] of cases) {
      const { status, body } = await get(path);
      assert.equal(status, 400, path);
      assert.match((body as { error: string }).error, reason, path);
    }
    assert.equal((await get('/nope')).status, 404);
  });
});
