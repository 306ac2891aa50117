import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDevAccountProvider } from './dev-account-provider';

const address = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
const make = () => createDevAccountProvider({ address, chainId: 31337, rpcUrls: { 31337: 'http://127.0.0.1:1', 31338: 'http://127.0.0.1:2' } });

test('exposes no account until the site asks, like a real wallet', async () => {
  const provider = make();
  assert.deepEqual(await provider.request({ method: 'eth_accounts' }), []);
  assert.deepEqual(await provider.request({ method: 'eth_requestAccounts' }), [address]);
  assert.deepEqual(await provider.request({ method: 'eth_accounts' }), [address]);
  await provider.request({ method: 'wallet_revokePermissions', params: [{ eth_accounts: {} }] });
  assert.deepEqual(await provider.request({ method: 'eth_accounts' }), []);
});

test('switches only between its chains and says so to listeners', async () => {
  const provider = make();
  const seen: unknown[] = [];
  provider.on('chainChanged', (id) => seen.push(id));
  await provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x7a6a' }] });
  assert.equal(await provider.request({ method: 'eth_chainId' }), '0x7a6a');
  assert.deepEqual(seen, ['0x7a6a']);
  await assert.rejects(provider.request({ method: 'wallet_switchEthereumChain', params: [{ chainId: '0x1' }] }), { code: 4902 });
});

test('rejectNext makes the next signing request fail with code 4001', async () => {
  const provider = make();
  provider.rejectNext();
  await assert.rejects(provider.request({ method: 'eth_sendTransaction', params: [{}] }), { code: 4001 });
});
