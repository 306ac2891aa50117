import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { maxUint256 } from 'viem';
import { parseAddressParam, parseProposalId, parseSequencerId } from './route-params';

describe('route params', () => {
  test('proposal ids: decimal uint256 only', () => {
    assert.equal(parseProposalId('1'), 1n);
    assert.equal(parseProposalId(maxUint256.toString()), maxUint256);
    for (const bad of ['', '0', '01', '-1', 'abc', '1e99', '1.5', ' 1', '0x1', (maxUint256 + 1n).toString(), '9'.repeat(79), '١', '✓']) {
      assert.equal(parseProposalId(bad), undefined, bad);
    }
  });

  test('sequencer ids: 1 to 19 digits', () => {
    assert.equal(parseSequencerId('7'), '7');
    assert.equal(parseSequencerId('9'.repeat(19)), '9'.repeat(19));
    for (const bad of ['', '0', '007', '-1', '0x12', '1e3', '9'.repeat(20), '😀']) assert.equal(parseSequencerId(bad), undefined, bad);
  });

  test('addresses: any case, checksummed', () => {
    const a = '0x5fbdb2315678afecb367f032d93f642f64180aa3';
    assert.equal(parseAddressParam(a), '0x5FbDB2315678afecb367f032d93F642f64180aa3');
    for (const bad of ['', '0x12', '0xZZ', 'not-an-address', `${a}00`, a.slice(2)]) assert.equal(parseAddressParam(bad), undefined, bad);
  });
});
