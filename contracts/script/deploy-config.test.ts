/**
 * The deploy's refusals off the local network (docs/MECHANISMS.md §3.3), without a chain:
 *
 *   node --import tsx --test contracts/script/deploy-config.test.ts
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DeployConfigError, resolveDeployConfig } from './deploy-config';

const DEPLOYER = '0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266';
const TREASURY = '0x000000000000000000000000000000000000dEaD';
const L1_METIS = '0x1111111111111111111111111111111111111111';
const L2_METIS = '0x2222222222222222222222222222222222222222';
const ZERO = '0x0000000000000000000000000000000000000000';
const complete = { L1_METIS_ADDRESS: L1_METIS, L2_METIS_ADDRESS: L2_METIS, TREASURY_ADDRESS: TREASURY };

function refuses(env: Record<string, string | undefined>, pattern: RegExp, network = 'sepolia') {
  assert.throws(
    () => resolveDeployConfig(network, DEPLOYER, env),
    (err: unknown) => {
      assert.ok(err instanceof DeployConfigError, `a DeployConfigError, got ${String(err)}`);
      assert.match(err.message, /^Refusing to deploy to /);
      assert.match(err.message, pattern);
      return true;
    },
  );
}

test('deploy refuses a testnet deploy whose treasury is the deployer', () => {
  refuses({ ...complete, TREASURY_ADDRESS: DEPLOYER }, /TREASURY_ADDRESS must not be the deployer/);
  refuses({ ...complete, TREASURY_ADDRESS: DEPLOYER.toLowerCase() }, /must not be the deployer/, 'mainnet');
});

test('deploy refuses a testnet deploy with no treasury (it would have defaulted to the deployer)', () => {
  refuses({ ...complete, TREASURY_ADDRESS: undefined }, /TREASURY_ADDRESS must be set/);
  refuses({ ...complete, TREASURY_ADDRESS: '' }, /TREASURY_ADDRESS must be set/);
  refuses({ ...complete, TREASURY_ADDRESS: ZERO }, /TREASURY_ADDRESS must be set/);
});

test('deploy refuses to mint a test METIS (bridge = the deployer) off the local network', () => {
  refuses({ ...complete, L1_METIS_ADDRESS: undefined }, /L1_METIS_ADDRESS must be the canonical METIS token on L1/);
  refuses({ ...complete, L2_METIS_ADDRESS: undefined }, /L2_METIS_ADDRESS must be the canonical METIS token on L2/);
  refuses({ ...complete, L2_METIS_ADDRESS: ZERO }, /L2_METIS_ADDRESS/, 'mainnet');
  refuses({}, /L1_METIS_ADDRESS[\s\S]*L2_METIS_ADDRESS[\s\S]*TREASURY_ADDRESS/);
});

test('deploy refuses a malformed address', () => {
  assert.throws(() => resolveDeployConfig('sepolia', DEPLOYER, { ...complete, TREASURY_ADDRESS: '0x1234' }), /TREASURY_ADDRESS is not an address/);
});

test('a complete testnet configuration is accepted as given', () => {
  assert.deepEqual(resolveDeployConfig('sepolia', DEPLOYER, complete), { l1Metis: L1_METIS, l2Metis: L2_METIS, treasury: TREASURY });
});

test('locally, unset tokens are deployed and the treasury defaults to the deployer', () => {
  assert.deepEqual(resolveDeployConfig('local', DEPLOYER, {}), { l1Metis: undefined, l2Metis: undefined, treasury: DEPLOYER });
  assert.equal(resolveDeployConfig('local', DEPLOYER, { TREASURY_ADDRESS: TREASURY }).treasury, TREASURY);
});
