import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zeroAddress } from 'viem';
import { addressLabel, knownName, nameBatcher, resolveName } from './names';

const deployment = {
  demoAccounts: [{ name: 'Alice', address: '0x70997970C51812dc3A010C7d01b50e0d17dc79C8' as const }],
  l1: { contracts: { SequencerStaking: { address: '0x610178dA211FEF7D417bC0e6FeD39F05609AD788' as const, startBlock: 1 } } },
  l2: { contracts: { CommonsGovernor: { address: '0x3Aa5ebB10DC797CAC828524e59A333d0A371443c' as const, startBlock: 1 } } },
} as unknown as Parameters<typeof knownName>[0];

test('addresses are named: demo accounts, deployed contracts, the bridge; anyone else by short address', () => {
  assert.equal(knownName(deployment, '0x70997970c51812dc3a010c7d01b50e0d17dc79c8'), 'Alice');
  assert.equal(addressLabel(deployment, '0x610178da211fef7d417bc0e6fed39f05609ad788'), 'SequencerStaking');
  assert.equal(addressLabel(deployment, '0x3aa5ebb10dc797cac828524e59a333d0a371443c'), 'CommonsGovernor');
  assert.equal(addressLabel(deployment, zeroAddress), 'the bridge (minted)');
  assert.equal(addressLabel(deployment, '0x1111111111111111111111111111111111111111'), '0x1111…1111');
});

test('the indexed name comes first, then the deployment name, then none', () => {
  const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  assert.deepEqual(resolveName(deployment, alice, { name: 'Alice of Aurora', source: 'profile' }), { name: 'Alice of Aurora', source: 'profile' });
  assert.deepEqual(resolveName(deployment, alice, { name: null, source: null }), { name: 'Alice', source: 'deployment' });
  assert.deepEqual(resolveName(deployment, alice), { name: 'Alice', source: 'deployment' });
  assert.deepEqual(resolveName(deployment, '0x1111111111111111111111111111111111111111'), { name: null, source: null });
});

test('names asked for in one turn are looked up in one request, each address once, 100 at most per request', async () => {
  const requests: string[][] = [];
  const lookup = nameBatcher(async (addresses) => {
    requests.push(addresses);
    return addresses.map((a) => ({ address: a as `0x${string}`, name: `n${a.slice(-2)}`, source: 'profile' as const }));
  });
  const addresses = Array.from({ length: 150 }, (_, i) => `0x${i.toString(16).padStart(40, '0')}`);
  const answers = await Promise.all([...addresses, addresses[0].toUpperCase().replace('0X', '0x')].map(lookup));
  assert.deepEqual(
    requests.map((r) => r.length),
    [100, 50],
  );
  assert.equal(answers[1]?.name, 'n01');
  assert.equal(answers[150], answers[0]);
  await lookup(addresses[3]);
  assert.equal(requests.length, 2, 'asked once');
  const failing = nameBatcher(async () => {
    throw new Error('down');
  });
  assert.equal(await failing(addresses[0]), undefined);
});
