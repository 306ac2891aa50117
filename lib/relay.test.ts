import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Address, encodeAbiParameters, getAddress, type Hex, hashTypedData, keccak256, recoverTypedDataAddress, toHex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { commonsGroupAbi, ecoGovernorAbi } from './contracts/abis';
import { describeRevertData, errorsOf } from './errors';
import {
  delegationTypedData,
  groupBallotTypedData,
  MAX_RELAY_REASON,
  parseRelayRequest,
  type RelayMessage,
  relaySigner,
  relayTypedData,
  toRelayRequest,
  voteTypedData,
} from './relay';

const addr = (n: number) => getAddress(`0x${n.toString(16).padStart(40, '0')}`) as Address;
const ctx = { chainId: 31338, governor: addr(0x90), veMetis: addr(0x91) };
const account = privateKeyToAccount(`0x${'11'.repeat(32)}`);
const sig = `0x${'ab'.repeat(65)}` as Hex;

const vote: RelayMessage = { kind: 'vote', proposalId: 42n, support: 1, voter: account.address, reason: 'why not', nonce: 0n, signature: sig };
const delegation: RelayMessage = { kind: 'delegate', delegator: account.address, delegatee: addr(0x70), nonce: 3n, expiry: 1_700_000_000n, signature: sig };
const ballot: RelayMessage = {
  kind: 'group-ballot',
  group: addr(0x80),
  proposalId: 42n,
  support: 2,
  reason: '',
  member: account.address,
  nonce: 1n,
  deadline: 1_700_000_000n,
  signature: sig,
};

test('each kind of relay goes to JSON and back unchanged', () => {
  for (const relay of [vote, delegation, ballot]) {
    const wire = JSON.parse(JSON.stringify(toRelayRequest(relay)));
    assert.deepEqual(parseRelayRequest(wire), { ok: true, relay });
  }
  // addresses in any case are checksummed
  const lower = { ...toRelayRequest(ballot), group: addr(0x80).toLowerCase() };
  assert.deepEqual(parseRelayRequest(lower), { ok: true, relay: ballot });
  assert.equal(relaySigner(vote), account.address);
  assert.equal(relaySigner(delegation), account.address);
  assert.equal(relaySigner(ballot), account.address);
});

test('a malformed relay body is refused with a reason naming the field', () => {
  const refused = (body: unknown) => {
    const r = parseRelayRequest(body);
    assert.equal(r.ok, false, JSON.stringify(body)?.slice(0, 120));
    return r.ok ? '' : r.error;
  };
  const v = toRelayRequest(vote) as Record<string, unknown>;
  const d = toRelayRequest(delegation) as Record<string, unknown>;
  const b = toRelayRequest(ballot) as Record<string, unknown>;
  assert.match(refused(null), /JSON object/);
  assert.match(refused([v]), /JSON object/);
  assert.match(refused({ ...v, kind: 'transfer' }), /`kind`/);
  assert.match(refused({ ...v, extra: 1 }), /unknown field `extra`/);
  assert.match(refused({ ...d, reason: '' }), /unknown field `reason` for a delegate/);
  const { voter: _voter, ...noVoter } = v;
  assert.match(refused(noVoter), /`voter` is missing/);
  assert.match(refused({ ...v, proposalId: 42 }), /`proposalId`/);
  assert.match(refused({ ...v, proposalId: '042' }), /`proposalId`/);
  assert.match(refused({ ...v, proposalId: `1${'0'.repeat(78)}` }), /`proposalId`/);
  assert.match(refused({ ...v, nonce: '-1' }), /`nonce`/);
  assert.match(refused({ ...v, support: 3 }), /`support`/);
  assert.match(refused({ ...v, support: '1' }), /`support`/);
  assert.match(refused({ ...v, voter: '0x1234' }), /`voter`/);
  assert.match(refused({ ...v, reason: 7 }), /`reason`/);
  assert.match(refused({ ...v, reason: 'x'.repeat(MAX_RELAY_REASON + 1) }), /`reason` is longer/);
  assert.match(refused({ ...v, signature: '0x' }), /`signature`/);
  assert.match(refused({ ...v, signature: '0xabc' }), /`signature`/);
  assert.match(refused({ ...v, signature: 'abab' }), /`signature`/);
  assert.match(refused({ ...v, signature: `0x${'ab'.repeat(4097)}` }), /`signature` is longer/);
  assert.match(refused({ ...d, signature: `0x${'ab'.repeat(64)}` }), /65 bytes/);
  assert.match(refused({ ...d, expiry: '1.5' }), /`expiry`/);
  assert.match(refused({ ...d, delegatee: 'nobody' }), /`delegatee`/);
  assert.match(refused({ ...b, group: '' }), /`group`/);
  assert.match(refused({ ...b, deadline: null }), /`deadline`/);
  // an ERC-1271 wallet's longer signature is accepted for votes
  assert.equal(parseRelayRequest({ ...v, signature: `0x${'ab'.repeat(200)}` }).ok, true);
});

test('a signature over the typed data recovers to the signer, and over nothing else', async () => {
  for (const relay of [vote, delegation, ballot]) {
    const typed = relayTypedData(ctx, relay);
    const signature = await account.signTypedData(typed);
    assert.equal(await recoverTypedDataAddress({ ...typed, signature }), account.address, relay.kind);
    // the same signature over the relay with another support / delegatee / chain recovers to someone else
    const altered = relay.kind === 'delegate' ? { ...relay, delegatee: addr(0x71) } : { ...relay, support: 0 };
    assert.notEqual(await recoverTypedDataAddress({ ...relayTypedData(ctx, altered), signature }), account.address);
    const otherChain = relayTypedData({ ...ctx, chainId: 1088 }, relay);
    assert.notEqual(await recoverTypedDataAddress({ ...otherChain, signature }), account.address);
  }
});

/** The EIP-712 digest as Solidity computes it, from the contracts' own type strings. */
function solidityDigest(domain: { name: string; version: string; chainId: number; verifyingContract: Address }, typeString: string, values: Hex) {
  const domainSeparator = keccak256(
    encodeAbiParameters(
      [{ type: 'bytes32' }, { type: 'bytes32' }, { type: 'bytes32' }, { type: 'uint256' }, { type: 'address' }],
      [
        keccak256(toHex('EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)')),
        keccak256(toHex(domain.name)),
        keccak256(toHex(domain.version)),
        BigInt(domain.chainId),
        domain.verifyingContract,
      ],
    ),
  );
  const structHash = keccak256(`${keccak256(toHex(typeString))}${values.slice(2)}` as Hex);
  return keccak256(`0x1901${domainSeparator.slice(2)}${structHash.slice(2)}`);
}

test('the typed data hashes as the contracts do (CommonsGroup.BALLOT_TYPEHASH, the Governor ExtendedBallot, veMETIS Delegation)', () => {
  if (ballot.kind !== 'group-ballot' || vote.kind !== 'vote' || delegation.kind !== 'delegate') throw new Error('fixtures');
  const groupTyped = groupBallotTypedData(ctx, ballot);
  const groupValues = encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint8' }, { type: 'bytes32' }, { type: 'address' }, { type: 'uint256' }, { type: 'uint256' }],
    [ballot.proposalId, ballot.support, keccak256(toHex(ballot.reason)), ballot.member, ballot.nonce, ballot.deadline],
  );
  assert.equal(
    hashTypedData(groupTyped),
    solidityDigest(groupTyped.domain, 'Ballot(uint256 proposalId,uint8 support,string reason,address member,uint256 nonce,uint256 deadline)', groupValues),
  );
  assert.equal(groupTyped.domain.verifyingContract, ballot.group, 'a group signs in its own domain');

  const voteTyped = voteTypedData(ctx, vote);
  const voteValues = encodeAbiParameters(
    [{ type: 'uint256' }, { type: 'uint8' }, { type: 'address' }, { type: 'uint256' }, { type: 'bytes32' }, { type: 'bytes32' }],
    [vote.proposalId, vote.support, vote.voter, vote.nonce, keccak256(toHex(vote.reason)), keccak256('0x')],
  );
  assert.equal(
    hashTypedData(voteTyped),
    solidityDigest(voteTyped.domain, 'ExtendedBallot(uint256 proposalId,uint8 support,address voter,uint256 nonce,string reason,bytes params)', voteValues),
  );

  const delegationTyped = delegationTypedData(ctx, delegation);
  const delegationValues = encodeAbiParameters(
    [{ type: 'address' }, { type: 'uint256' }, { type: 'uint256' }],
    [delegation.delegatee, delegation.nonce, delegation.expiry],
  );
  assert.equal(
    hashTypedData(delegationTyped),
    solidityDigest(delegationTyped.domain, 'Delegation(address delegatee,uint256 nonce,uint256 expiry)', delegationValues),
  );
});

test('the by-signature errors read as sentences, a group ballot already cast as the group says it', () => {
  const errors = errorsOf([commonsGroupAbi, ecoGovernorAbi]);
  const encode = (name: string, args: readonly unknown[], abi: readonly unknown[] = commonsGroupAbi) => {
    const item = (abi as { type: string; name?: string; inputs?: { type: string }[] }[]).find((x) => x.type === 'error' && x.name === name);
    if (!item?.inputs) throw new Error(name);
    const selector = keccak256(toHex(`${name}(${item.inputs.map((i) => i.type).join(',')})`)).slice(0, 10);
    return `${selector}${encodeAbiParameters(item.inputs, args as never).slice(2)}` as Hex;
  };
  assert.match(describeRevertData(encode('BallotExpired', [1_700_000_000n]), errors).sentence, /expired.*sign it again/);
  assert.match(describeRevertData(encode('InvalidBallotSignature', [account.address]), errors).sentence, /not 0x.*'s over this vote/);
  assert.match(describeRevertData(encode('InvalidBallotNonce', [account.address, 2n]), errors).sentence, /next is 2/);
  assert.match(describeRevertData(encode('AlreadyVoted', [42n, account.address]), errors, { group: true }).sentence, /already voted inside the group/);
  assert.match(describeRevertData(encode('GovernorInvalidSignature', [account.address], ecoGovernorAbi), errors).sentence, /not 0x.*'s over this vote/);
});
