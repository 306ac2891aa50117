import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Abi,
  type AbiParameter,
  ContractFunctionExecutionError,
  ContractFunctionRevertedError,
  encodeErrorResult,
  parseEther,
  UserRejectedRequestError,
  zeroAddress,
} from 'viem';
import { commonsGroupAbi, commonsRegistryAbi, ecoNodeCouncilAbi, metisTokenAbi, profileRegistryAbi, sequencerStakingAbi, veMetisAbi } from './contracts/abis';
import { CONTRACTS } from './contracts/descriptors';
import { describeError, describeRevertData, errorsOf } from './errors';
import { formatDateTime } from './format';
import { profileNameError } from './profiles';

function revert(errorName: 'ERC20InsufficientBalance', args: readonly unknown[]) {
  const data = encodeErrorResult({ abi: metisTokenAbi, errorName, args: args as never });
  const cause = new ContractFunctionRevertedError({ abi: metisTokenAbi, data, functionName: 'transfer' });
  return new ContractFunctionExecutionError(cause, { abi: metisTokenAbi, functionName: 'transfer', args: [] });
}

test('custom errors become sentences with formatted amounts', () => {
  const err = revert('ERC20InsufficientBalance', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', parseEther('5'), parseEther('12.5')]);
  assert.equal(describeError(err), 'Not enough METIS: you have 5 METIS and this needs 12.5 METIS.');
});

/** A revert of `errorName` with `args` from a call to a contract of `abi`, as viem throws it. */
function revertOf(abi: Abi, errorName: string, args: readonly unknown[]) {
  const data = encodeErrorResult({ abi, errorName, args } as never);
  const cause = new ContractFunctionRevertedError({ abi, data, functionName: 'f' });
  return new ContractFunctionExecutionError(cause, { abi, functionName: 'f', args: [] });
}

const stakingRevert = (errorName: string, args: readonly unknown[]) => revertOf(sequencerStakingAbi, errorName, args);

test('operator errors of the staking contract become sentences', () => {
  const at = 1_900_000_000n;
  assert.equal(
    describeError(stakingRevert('SelfLockOutOfBounds', [parseEther('10'), parseEther('20000'), parseEther('100000')])),
    'The self-lock would be 10 METIS; it must stay between 20,000 METIS and 100,000 METIS.',
  );
  assert.equal(describeError(stakingRevert('CommissionTooHigh', [3_500n, 3_000n])), 'A commission of 35% is above the 30% maximum.');
  assert.equal(
    describeError(stakingRevert('AlreadyOwnsSequencer', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8', 1n])),
    'This account already runs sequencer #1: an account runs one sequencer at a time.',
  );
  assert.equal(describeError(stakingRevert('NotYetUnlocked', [1n, at])), `The self-lock can be claimed from ${formatDateTime(Number(at))}.`);
  assert.equal(
    describeError(stakingRevert('CommissionChangeTooSoon', [1n, at])),
    `You can request another commission change from ${formatDateTime(Number(at))}.`,
  );
  assert.equal(describeError(stakingRevert('SignerUpdateTooSoon', [1n, at])), `The signer can be changed again from ${formatDateTime(Number(at))}.`);
  assert.equal(
    describeError(stakingRevert('InvalidSigner', ['0x0000000000000000000000000000000000000000'])),
    'The signer must be a non-zero address that no sequencer has ever used.',
  );
  assert.equal(describeError(stakingRevert('InvalidStatus', [1n, 2])), 'The sequencer is jailed, so this is not possible now.');
  assert.equal(
    describeError(stakingRevert('NotWhitelisted', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'])),
    'This address is not approved by governance to run a sequencer.',
  );
});

test('veMETIS errors become sentences with durations and dates', () => {
  const day = 86_400n;
  const end = 1_900_000_000n;
  const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const ve = (name: string, args: readonly unknown[]) => describeError(revertOf(veMetisAbi, name, args));
  assert.equal(ve('InvalidDuration', [3n * day, 7n * day, 730n * day]), 'A lock must run between 7 days and 730 days; this would be 3d 0h.');
  assert.equal(ve('LockExists', [alice]), 'You already have a lock: add METIS to it or extend it instead.');
  assert.equal(ve('NoLock', [alice]), 'You have no veMETIS lock.');
  assert.equal(ve('LockNotExpired', [alice, end]), `The lock runs until ${formatDateTime(Number(end))}; it can be withdrawn from then.`);
  assert.equal(ve('LockExpired', [alice, end]), `The lock ended on ${formatDateTime(Number(end))}: extend it first.`);
  assert.equal(ve('EndNotLater', [end - 1n, end]), `The new unlock date must be after the current one, ${formatDateTime(Number(end))}.`);
  assert.equal(ve('ZeroAmount', []), 'The amount must be more than zero.');
});

test('group registry and group errors become sentences', () => {
  const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const registry = (name: string, args: readonly unknown[] = []) => describeError(revertOf(commonsRegistryAbi, name, args));
  const group = (name: string) => describeError(revertOf(commonsGroupAbi, name, [alice]));
  assert.equal(registry('InvalidName'), 'A group name must be 1 to 64 bytes long.');
  assert.equal(registry('InvalidMetadataURI'), "The group's description is too long.");
  assert.equal(registry('ZeroSteward'), 'The steward cannot be the zero address.');
  assert.equal(registry('UnknownGroup', [alice]), `${alice} is not a Commons group.`);
  assert.equal(group('AlreadyMember'), 'You are already a member of this group.');
  assert.equal(group('NotMember'), 'You are not a member of this group.');
  assert.equal(group('NotSteward'), "Only the group's steward can do this.");
  assert.equal(group('DelegationFailed'), 'Your veMETIS did not end up delegated to the group.');
});

test('a rejection in the wallet is said plainly, however it arrives', () => {
  assert.equal(describeError(new UserRejectedRequestError(new Error('no'))), 'You rejected the request in your wallet.');
  assert.equal(describeError({ code: 4001, message: 'User rejected' }), 'You rejected the request in your wallet.');
});

test('anything else keeps its own message', () => {
  assert.equal(describeError(new Error('network down')), 'network down');
});

test('message bus and L1 executor errors become sentences (docs/MECHANISMS.md §5)', async () => {
  const { governanceExecutorAbi, messageInboxAbi, messageOutboxAbi } = await import('./contracts/abis');
  const at = 1_900_000_000n;
  const someone = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  assert.match(
    describeError(revertOf(messageOutboxAbi, 'SenderNotAllowed', [someone])),
    /may not send bus messages: only contracts that governance allow-lists can/,
  );
  assert.equal(
    describeError(revertOf(messageOutboxAbi, 'GasLimitTooHigh', [15_000_000n, 2_000_000n])),
    "A gas limit of 15000000 is above the bus's cap of 2000000 (a governance parameter).",
  );
  assert.equal(
    describeError(revertOf(messageInboxAbi, 'MessageExpired', [`0x${'11'.repeat(32)}`, at])),
    `This failed message could be retried until ${formatDateTime(Number(at))}; it has expired.`,
  );
  assert.match(describeError(revertOf(governanceExecutorAbi, 'StaleAction', [3n, 8n])), /#3 is older than one the L1 executor already carried out \(#7\)/);
  assert.equal(
    describeError(stakingRevert('ResyncTooSoon', [2n, at])),
    `Sequencer #2 was re-synced to L2 recently; it can be re-synced again from ${formatDateTime(Number(at))}.`,
  );
});

test('slash liability errors of the staking contract become sentences (docs/MECHANISMS.md §3.2)', () => {
  const until = 1_900_000_000n;
  assert.equal(
    describeError(stakingRevert('StakeStillLiable', [2n, until])),
    `The METIS you redelegated here stays liable for slashes of the sequencer it came from until ${formatDateTime(Number(until))}: you cannot take the position below that amount before then.`,
  );
  assert.equal(
    describeError(stakingRevert('TooManySlashes', [2n, until])),
    `This sequencer was slashed the most times allowed within one exit delay; the next slash is possible from ${formatDateTime(Number(until))}.`,
  );
});

test('council motion errors are read as the council means them, not as a steward motion of a group (docs/MECHANISMS.md §4.4)', () => {
  assert.equal(
    describeError(revertOf(ecoNodeCouncilAbi, 'MotionNotExecutable', [3n, 1])),
    'Council motion #3 cannot be executed now: it passed and is waiting for its delay.',
  );
  assert.equal(
    describeError(revertOf(ecoNodeCouncilAbi, 'AccusedCannotVote', ['0x70997970C51812dc3A010C7d01b50e0d17dc79C8'])),
    'A node cannot accuse itself, and the accused cannot back its own penalty.',
  );
  assert.equal(
    describeError(revertOf(ecoNodeCouncilAbi, 'AlreadyVoted', [3n, '0x70997970C51812dc3A010C7d01b50e0d17dc79C8'])),
    'This Eco Node has already voted on this.',
  );
  assert.match(
    describeError(revertOf(commonsGroupAbi, 'MotionNotExecutable', [3n, 1])),
    /^Steward motion #3 cannot be executed now: it did not reach more than half/,
  );
});

test('profile errors become the sentences the form shows (docs/MECHANISMS.md §8)', () => {
  const alice = '0x70997970C51812dc3A010C7d01b50e0d17dc79C8';
  const registry = (name: string, args: readonly unknown[] = []) => describeError(revertOf(profileRegistryAbi, name, args));
  assert.equal(
    registry('NameReserved', ['ALICE', alice]),
    '"ALICE" is reserved for 0x7099…79C8: it reads like a known name of another account. Choose another name.',
  );
  assert.equal(registry('NameEmpty'), profileNameError(''));
  assert.equal(registry('NameTooLong', [33n, 32n]), profileNameError('a'.repeat(33)));
  assert.equal(registry('NameSpacing', [0n]), profileNameError(' Alice'));
  assert.equal(registry('NameControlCharacter', [3n]), profileNameError('Ali\u0000ce'));
  assert.equal(registry('NameNotAscii', [5n]), profileNameError('Alice\u202e'));
  assert.equal(registry('NameCharacterNotAllowed', [0n, '0x3c']), profileNameError('<b>'));
  assert.equal(registry('LinkScheme', [1n]), 'Link 2 must start with https://.');
});

/** A plain value of an ABI type, for encoding any error. */
function sample(p: AbiParameter): unknown {
  if (p.type.endsWith(']')) return [];
  if (p.type === 'address') return zeroAddress;
  if (p.type === 'bool') return false;
  if (p.type === 'string') return 'x';
  if (p.type === 'bytes') return '0x';
  if (p.type.startsWith('bytes')) return `0x${'00'.repeat(Number(p.type.slice(5)))}`;
  if (p.type === 'tuple') return Object.fromEntries(('components' in p ? p.components : []).map((c) => [c.name, sample(c)]));
  return 1n;
}

test('every custom error of every contract of ours reads as a sentence, none as its bare name', () => {
  const errors = errorsOf([...Object.values(CONTRACTS.l1), ...Object.values(CONTRACTS.l2)] as Abi[]);
  const bare = errors
    .filter((e) => {
      const data = encodeErrorResult({ abi: [e], errorName: e.name, args: e.inputs.map(sample) as never });
      // The council's own errors read when the call went to the council.
      return [false, true].every((council) => {
        const { sentence } = describeRevertData(data, [e], { council });
        return sentence.startsWith('The contract refused:') || sentence.includes('undefined');
      });
    })
    .map((e) => e.name);
  assert.deepEqual(bare, [], 'errors without a sentence');
});
