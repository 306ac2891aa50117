import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseEther } from 'viem';
import {
  aprExplanation,
  bindingLiability,
  capUseBps,
  commissionAt,
  encodeSequencerMetadata,
  parseSequencerMetadata,
  roomUnderCaps,
  signerError,
} from './sequencers';

test('inline JSON metadata is read, in base64 or percent-encoding; anything else gives nothing', () => {
  const json = JSON.stringify({ name: 'Aurora Nodes', website: 'https://aurora.example', description: 'Frankfurt' });
  assert.deepEqual(parseSequencerMetadata(`data:application/json;base64,${Buffer.from(json).toString('base64')}`), {
    name: 'Aurora Nodes',
    website: 'https://aurora.example',
    description: 'Frankfurt',
  });
  assert.equal(parseSequencerMetadata(`data:application/json,${encodeURIComponent(json)}`).name, 'Aurora Nodes');
  assert.deepEqual(parseSequencerMetadata('ipfs://bafy'), {});
  assert.deepEqual(parseSequencerMetadata('data:application/json;base64,!!!'), {});
});

test('encoded metadata reads back, matches the seed format, drops blanks and keeps non-ASCII', () => {
  const meta = { name: 'Aurora Nodes', website: 'https://aurora.example', description: 'Frankfurt' };
  const uri = encodeSequencerMetadata(meta);
  assert.equal(uri, `data:application/json;base64,${Buffer.from(JSON.stringify(meta)).toString('base64')}`);
  assert.deepEqual(parseSequencerMetadata(uri), meta);
  assert.deepEqual(parseSequencerMetadata(encodeSequencerMetadata({ name: ' Zürich Nœuds ', website: '', description: '  ' })), {
    name: 'Zürich Nœuds',
    website: undefined,
    description: undefined,
  });
  assert.equal(encodeSequencerMetadata({ website: 'https://x.example', name: 'X' }), encodeSequencerMetadata({ name: 'X', website: 'https://x.example' }));
});

test('cap use is the tighter of the delegation cap and the per-sequencer maximum', () => {
  const s = { selfLock: parseEther('20000'), delegated: parseEther('100000'), totalStake: parseEther('120000') };
  assert.equal(capUseBps(s, 10n, parseEther('1000000')), 5_000); // 100k of 200k delegation cap
  assert.equal(capUseBps(s, 10n, parseEther('150000')), 8_000); // 120k of 150k maximum
  assert.equal(capUseBps({ ...s, selfLock: 0n }, 10n, parseEther('150000')), 10_000);
});

test('room under the caps is the smaller headroom, and never negative', () => {
  const s = { selfLock: parseEther('20000'), delegated: parseEther('100000'), totalStake: parseEther('120000') };
  assert.equal(roomUnderCaps(s, 10n, parseEther('1000000')), parseEther('100000'));
  assert.equal(roomUnderCaps(s, 10n, parseEther('150000')), parseEther('30000'));
  assert.equal(roomUnderCaps(s, 4n, parseEther('1000000')), 0n);
});

test('a requested commission change is pending until its effective time, then applies', () => {
  const s = { commissionBps: 500, pendingCommissionBps: 800, commissionEffectiveAt: '1000' };
  assert.deepEqual(commissionAt(s, 999), { bps: 500, pending: { bps: 800, effectiveAt: 1000 } });
  assert.deepEqual(commissionAt(s, 1000), { bps: 800 });
  assert.deepEqual(commissionAt({ ...s, commissionEffectiveAt: '0' }, 5_000), { bps: 500 });
});

test('a signer must be a well-formed, non-zero, never-used address', () => {
  const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  assert.equal(signerError(alice, false), undefined);
  assert.equal(signerError(alice.toLowerCase(), undefined), undefined);
  assert.equal(signerError('0x1234', false), 'Enter an address: 0x and 40 hexadecimal digits.');
  assert.equal(signerError('0x0000000000000000000000000000000000000000', false), 'The signer cannot be the zero address.');
  assert.equal(signerError(alice, true), 'This address has signed for a sequencer before, and signers are never reused.');
});

test('the APR explanation names its window, or says it is not there yet', () => {
  assert.match(aprExplanation(null), /appears once epoch rewards/);
  assert.match(
    aprExplanation({ epochs: 100, seconds: 7_200 }),
    /^Estimate: delegators' rewards over the last 100 epoch reports \(2 hours?\) ÷ average delegated stake, annualised\./,
  );
});

test('a redelegation liability binds until its end and leaves only the rest of the position movable', () => {
  const l = { amount: parseEther('300'), fromId: 2n, until: 1_000n };
  assert.deepEqual(bindingLiability(l, parseEther('1000'), 999), { amount: parseEther('300'), fromId: 2n, until: 1_000, movable: parseEther('700') });
  assert.equal(bindingLiability(l, parseEther('1000'), 1_000), null, 'the window is over at `until` (the contract settles it then)');
  assert.equal(bindingLiability({ amount: 0n, fromId: 0n, until: 0n }, parseEther('1000'), 0), null, 'no record');
  assert.equal(bindingLiability(l, parseEther('200'), 0)?.movable, 0n, 'a position slashed below its liability can move nothing');
});
