import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Address } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { Deployment } from '../lib/deployment/types';
import { RelayService } from './relay';

// The relay endpoint's refusals that come before any chain read, and its persistent counts. What needs a chain
// (signature, nonce, quota, sponsor floor, simulation, send) is e2e/gasless.test.ts.

const account = '0x00000000000000000000000000000000000000aa' as Address;
// Never contacted: every case here is answered before the relay reads the chain.
const deployment = {
  network: 'test',
  apiUrl: 'http://127.0.0.1:1',
  l1: { chainId: 31337, name: 'L1', rpcUrl: 'http://127.0.0.1:1', nativeCurrency: { name: 'E', symbol: 'E', decimals: 18 }, contracts: {} },
  l2: { chainId: 31338, name: 'L2', rpcUrl: 'http://127.0.0.1:1', nativeCurrency: { name: 'M', symbol: 'METIS', decimals: 18 }, contracts: {} },
} as unknown as Deployment;

const service = (stateFile: string, sponsor = true, now = Date.UTC(2030, 0, 2, 12)) =>
  new RelayService({
    deployment,
    sponsor: sponsor ? privateKeyToAccount(`0x${'22'.repeat(32)}`) : undefined,
    stateFile,
    dailyQuota: 3,
    sponsorFloor: 1n,
    now: () => now,
  });

test('a bad body is a 400 naming the field, a relayer without a sponsor a 503, an unknown hash a 404', async () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'relay-')), 'relay.json');
  const bad = await service(file).relay({ kind: 'vote', proposalId: '1', support: 5, voter: account, reason: '', nonce: '0', signature: '0x01' });
  assert.equal(bad.status, 400);
  assert.match((bad.body as { error: string }).error, /`support`/);
  const unsponsored = await service(file, false).relay({
    kind: 'delegate',
    delegator: account,
    delegatee: account,
    nonce: '0',
    expiry: '1',
    signature: `0x${'ab'.repeat(65)}`,
  });
  assert.equal(unsponsored.status, 503);
  assert.match((unsponsored.body as { error: string }).error, /does not sponsor gas/);
  assert.equal((await service(file).status(`0x${'cd'.repeat(32)}`)).status, 404);
  assert.equal((await service(file).status('not-a-hash')).status, 404);
});

test("the day's counts survive a restart, and start again the next UTC day", () => {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'relay-')), 'relay.json');
  writeFileSync(file, JSON.stringify({ quota: { [account.toLowerCase()]: { day: '2030-01-02', count: 2 } }, relayed: {} }));
  assert.equal(service(file).usedToday(account), 2);
  assert.equal(service(file, true, Date.UTC(2030, 0, 3, 0, 0, 1)).usedToday(account), 0);
  // a damaged file starts empty rather than stopping the relayer
  writeFileSync(file, '{"quota": ');
  assert.equal(service(file).usedToday(account), 0);
});
