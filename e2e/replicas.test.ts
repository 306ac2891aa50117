/**
 * Scale-out: one `ponder start` indexes (the stack's indexer), N `ponder serve` replicas answer over
 * the same PostgreSQL. Two replicas are started on the test stack's database; each must answer what
 * the indexer's own API answers, also after the indexer has moved on.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { freePort, httpOk, type Proc, stopProc, waitFor } from '../scripts/lib/procs';
import { spawnApiReplica } from '../scripts/lib/stack';
import { demoAccount, TEST_STATE_DIR, type TestStack, useStack } from './harness/stack';

let stack: TestStack;
const replicas: { proc: Proc; url: string }[] = [];
let dir: string | undefined;

before(async () => {
  stack = await useStack();
  if (!stack.databaseUrl) return; // PGlite (E2E_DATABASE=pglite): `ponder serve` needs PostgreSQL
  dir = mkdtempSync(path.join(tmpdir(), 'metis-hub-replicas-'));
  const deploymentFile = path.join(dir, 'deployment.json');
  writeFileSync(deploymentFile, JSON.stringify(stack.deployment));
  for (const name of ['api-replica-1', 'api-replica-2']) {
    const port = await freePort();
    const proc = spawnApiReplica({ name, port, databaseUrl: stack.databaseUrl, deploymentFile, logDir: path.join(TEST_STATE_DIR, 'logs') });
    replicas.push({ proc, url: `http://127.0.0.1:${port}` });
  }
  await Promise.all(replicas.map(({ proc, url }) => waitFor(`${proc.name} to answer`, () => httpOk(`${url}/ready`), { proc, timeoutMs: 120_000 })));
});

after(async () => {
  await Promise.all(replicas.splice(0).map(({ proc }) => stopProc(proc)));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function answer(base: string, route: string) {
  const res = await fetch(new URL(route, base));
  return { status: res.status, body: (await res.json()) as unknown };
}

/**
 * Asks the indexer's API and every replica at once until they agree (a block indexed between two of
 * the requests makes them differ for a moment); returns the agreed answer.
 */
async function sameEverywhere(route: string) {
  let last: { status: number; body: unknown }[] = [];
  for (let attempt = 0; attempt < 20; attempt++) {
    last = await Promise.all([stack.urls.api, ...replicas.map((r) => r.url)].map((base) => answer(base, route)));
    if (last.every((x) => JSON.stringify(x) === JSON.stringify(last[0]))) return last[0];
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.deepEqual(last.slice(1), [last[0], last[0]], `${route}: the replicas answer what the indexer's API answers`);
  return last[0];
}

const l2Block = (status: unknown) => (status as { l2: { block: { number: number } } }).l2.block.number;

describe('API replicas (ponder serve over the same PostgreSQL)', () => {
  test('two replicas answer as the indexer does, and follow it as it indexes', async (t) => {
    if (!stack.databaseUrl) return t.skip('the stack runs on PGlite (E2E_DATABASE=pglite)');
    const alice = demoAccount(stack, 'Alice').address;
    const routes = [
      '/status',
      '/proposals?limit=50',
      '/proposals?state=active',
      '/sequencers',
      '/commons/groups',
      '/epochs?limit=5',
      `/accounts/${alice}/transfers?limit=10`,
      `/accounts/${alice}/votes`,
    ];
    for (const route of routes) {
      const { status, body } = await sameEverywhere(route);
      assert.equal(status, 200, route);
      assert.ok(body && typeof body === 'object', route);
    }
    // The replicas do not index, yet they see what the indexer writes from then on.
    const before = l2Block((await sameEverywhere('/status')).body);
    await waitFor('the indexer to index two more L2 blocks', async () => l2Block((await answer(stack.urls.api, '/status')).body) >= before + 2, {
      timeoutMs: 30_000,
    });
    assert.ok(l2Block((await sameEverywhere('/status')).body) >= before + 2, "l2Block((await sameEverywhere('/status')).body) >= before + 2");
    await sameEverywhere('/epochs?limit=5');
  });

  test('a replica answers bad input as the indexer does: 400 with the reason', async (t) => {
    if (!stack.databaseUrl) return t.skip('the stack runs on PGlite (E2E_DATABASE=pglite)');
    for (const route of ['/proposals?limit=0', '/sequencers?status=sleeping', '/accounts/0xnope/votes']) {
      const { status, body } = await sameEverywhere(route);
      assert.equal(status, 400, route);
      assert.match((body as { error: string }).error, /must be/, route);
    }
  });
});
