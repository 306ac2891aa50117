import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type Abi, type AbiFunction, type AbiParameter, type Address, encodeFunctionData, parseEther } from 'viem';
import { ACTION_WORDS, currentValueReads, currentValues, describeAction, describeCall, readKey, type Unit } from './action-words';
import {
  ecoGovernorAbi,
  ecoNodeCouncilAbi,
  governanceExecutorAbi,
  rewardsDistributorAbi,
  sequencerChallengesAbi,
  sequencerStakingAbi,
  timelockControllerAbi,
} from './contracts/abis';
import { CONTRACTS } from './contracts/descriptors';
import type { ChainKey, Deployment } from './deployment/types';
import { l1Call, l1MessageOf } from './governance-actions';

const addr = (n: number) => `0x${n.toString(16).padStart(40, '0')}` as Address;
let next = 0x100;
const contracts = (names: string[]) => Object.fromEntries(names.map((n) => [n, { address: addr(next++), startBlock: 0 }]));
const chain = { name: 'x', rpcUrl: '' };
const deployment: Deployment = {
  network: 'test',
  apiUrl: '',
  l1: {
    ...chain,
    chainId: 1,
    nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 },
    contracts: contracts(Object.keys(CONTRACTS.l1)) as Deployment['l1']['contracts'],
  },
  l2: {
    ...chain,
    chainId: 2,
    nativeCurrency: { name: 'Metis', symbol: 'METIS', decimals: 18 },
    contracts: contracts(Object.keys(CONTRACTS.l2)) as Deployment['l2']['contracts'],
  },
  demoAccounts: [{ name: 'Bob', address: addr(0xb0b) }],
};
const { l1, l2 } = { l1: deployment.l1.contracts, l2: deployment.l2.contracts };
const bob = addr(0xb0b);

const fns = (abi: Abi, name: string) => abi.filter((x): x is AbiFunction => x.type === 'function' && x.name === name);
const writes = (abi: Abi) =>
  abi.filter((x): x is AbiFunction => x.type === 'function' && (x.stateMutability === 'nonpayable' || x.stateMutability === 'payable'));

/** Whether `unit` can format a value of ABI type `param`. */
function fits(unit: Unit, param: AbiParameter): boolean {
  const type = param.type;
  if (typeof unit === 'object') {
    if ('bool' in unit) return type === 'bool';
    if ('list' in unit) {
      const item = { ...param, type: type.replace(/\[\d*\]$/, '') } as AbiParameter;
      const size = /\[(\d+)\]$/.exec(type)?.[1];
      return /\]$/.test(type) && fits(unit.list, item) && (!unit.labels || unit.labels.length === Number(size));
    }
    const components = 'components' in param ? param.components : [];
    return (
      type === 'tuple' &&
      Object.keys(unit.fields).join() === components.map((c) => c.name).join() &&
      components.every((c) => fits((unit.fields[c.name ?? ''] as readonly [string, Unit])[1], c))
    );
  }
  const byType: Record<string, (t: string) => boolean> = {
    address: (t) => t === 'address',
    text: (t) => t === 'string',
    hash: (t) => t === 'bytes32',
    role: (t) => t === 'bytes32',
    selector: (t) => t === 'bytes4',
    bytes: (t) => t === 'bytes',
  };
  return (byType[unit] ?? ((t: string) => /^u?int\d*$/.test(t)))(type);
}

test('every entry of the table is a function of its contract, with a unit of the right type for each argument, and real getters', () => {
  let entries = 0;
  for (const c of ['l1', 'l2'] as ChainKey[]) {
    for (const [contract, table] of Object.entries(ACTION_WORDS[c])) {
      const abi = (CONTRACTS[c] as Record<string, Abi>)[contract];
      assert.ok(abi, `${c} ${contract} is a deployed contract`);
      for (const [name, w] of Object.entries(table)) {
        const found = fns(abi, name).filter((f) => f.stateMutability === 'nonpayable' || f.stateMutability === 'payable');
        assert.equal(found.length, 1, `${contract}.${name} is one state-changing function`);
        const [fn] = found;
        assert.equal(w.units.length, fn.inputs.length, `${contract}.${name} formats each of its ${fn.inputs.length} arguments`);
        for (const [i, u] of w.units.entries()) {
          assert.ok(fits(u, fn.inputs[i]), `${contract}.${name} argument ${i} (${fn.inputs[i].type}) reads as ${JSON.stringify(u)}`);
        }
        for (const [index, g] of Object.entries(w.now ?? {})) {
          assert.ok(Number(index) < fn.inputs.length, `${contract}.${name}: its getter is for an argument`);
          const getter = typeof g === 'string' ? g : g.fn;
          const args = typeof g === 'string' ? [] : g.args(fn.inputs.map(() => 0n));
          const views = fns(abi, getter).filter((f) => f.stateMutability === 'view' && f.inputs.length === args.length);
          assert.equal(views.length, 1, `${contract}.${name}: ${getter}(${args.length} arguments) is a view of ${contract}`);
          assert.ok(views[0].outputs.length >= 1, `${contract}.${getter} answers a value`);
        }
        entries++;
      }
    }
  }
  assert.ok(entries > 80, `the table covers the governance surface (${entries} entries)`);
});

test('every setter governance owns is in the table', () => {
  // Everything a proposal changes is a set…/update… (or ownership) on a contract the timelock or the L1 executor owns;
  // these are each sequencer's operator's own settings, not governance's.
  const operators = ['setCommission', 'updateSigner', 'setRewardRecipient', 'setMetadataURI'].map((f) => `l1 SequencerStaking.${f}`);
  const missing = (['l1', 'l2'] as ChainKey[]).flatMap((c) =>
    Object.entries(CONTRACTS[c] as Record<string, Abi>).flatMap(([contract, abi]) =>
      writes(abi)
        .filter((f) => /^(set|update)[A-Z]|^(grant|revoke)Role$|^transferOwnership$/.test(f.name))
        .map((f) => `${c} ${contract}.${f.name}`)
        .filter((key) => !operators.includes(key) && !ACTION_WORDS[key.slice(0, 2) as ChainKey][key.slice(3).split('.')[0]]?.[key.split('.')[1]]),
    ),
  );
  assert.deepEqual(missing, [], 'every governance setter reads in words');
});

const governorCall = (functionName: 'setProposalThreshold' | 'castVote', args: readonly unknown[]) => ({
  target: l2.CommonsGovernor.address,
  value: 0n,
  calldata: encodeFunctionData({ abi: ecoGovernorAbi, functionName, args } as never),
});

test('an L2 setting reads in its unit, with its current value once read', () => {
  const action = governorCall('setProposalThreshold', [parseEther('5000')]);
  const plain = describeAction(deployment, action);
  assert.equal(plain.text, 'CommonsGovernor · set the proposal threshold to 5,000 veMETIS');
  assert.equal(plain.described, true);
  assert.equal(plain.l1, false);
  assert.equal(plain.calls[0].call, 'CommonsGovernor.setProposalThreshold(5000000000000000000000)');

  const reads = currentValueReads(deployment, [action]);
  assert.deepEqual(
    reads.map((r) => [r.chain, r.address, r.functionName, r.args]),
    [['l2', l2.CommonsGovernor.address, 'proposalThreshold', []]],
  );
  const now = currentValues(reads, [{ ok: true, value: parseEther('10000') }]);
  assert.equal(describeAction(deployment, action, { now }).calls[0].words, 'set the proposal threshold to 5,000 veMETIS (now 10,000 veMETIS)');
  // A failed read leaves "(now …)" out.
  assert.equal(
    describeAction(deployment, action, { now: currentValues(reads, [{ ok: false }]) }).calls[0].words,
    'set the proposal threshold to 5,000 veMETIS',
  );
});

test('durations, percentages, reputation and names read as such', () => {
  const say = (target: Address, data: `0x${string}`) => describeCall(deployment, 'l2', { target, value: 0n, data }).words;
  assert.equal(
    say(l2.CommonsGovernor.address, encodeFunctionData({ abi: ecoGovernorAbi, functionName: 'setLateQuorumVoteExtension', args: [600] })),
    'set the late-quorum extension to 10 minutes',
  );
  assert.equal(
    say(l2.CommonsGovernor.address, encodeFunctionData({ abi: ecoGovernorAbi, functionName: 'updateQuorumNumerator', args: [5n] })),
    'set the quorum to 5% of the veMETIS voting supply',
  );
  assert.equal(
    say(l2.EcoNodeCouncil.address, encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'award', args: [bob, parseEther('200'), 'Wrote the runbook.'] })),
    'award 200 reputation to Bob (“Wrote the runbook.”)',
  );
  assert.equal(
    say(l2.Timelock.address, encodeFunctionData({ abi: timelockControllerAbi, functionName: 'updateDelay', args: [0n] })),
    'set the timelock delay to 0 seconds',
  );
  assert.equal(
    say(
      l2.EcoNodeCouncil.address,
      encodeFunctionData({ abi: ecoNodeCouncilAbi, functionName: 'setActionAllowed', args: [l2.Timelock.address, '0xc4d252f5', true] }),
    ),
    'the council may take Timelock.cancel(bytes32) as a decisive action: yes',
  );
});

test('a struct of parameters says what each field becomes, and "(now …)" only where it changes', () => {
  const params = {
    bond: parseEther('100'),
    window: 50,
    votingPeriod: 600,
    quorumBps: 2000,
    minProductionBps: 5000,
    rewardBps: 1000,
    severityBps: [100, 500, 1000] as const,
  };
  const action = {
    target: l2.SequencerChallenges.address,
    value: 0n,
    calldata: encodeFunctionData({ abi: sequencerChallengesAbi, functionName: 'setParams', args: [params] }),
  };
  const reads = currentValueReads(deployment, [action]);
  const now = currentValues(reads, [{ ok: true, value: { ...params, bond: parseEther('50') } }]);
  assert.equal(
    describeAction(deployment, action, { now }).calls[0].words,
    "set the challenge parameters: bond 100 METIS (now 50 METIS), window 50 blocks, voting period 10 minutes, quorum 20%, downtime below 50%, challenger's share 10%, slash 1% for downtime, 5% for censorship, 10% for invalid blocks",
  );
});

test('an L1 action reads as the L1 call the executor makes, with its current value read on L1', () => {
  const data = encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'setLockBounds', args: [parseEther('15000'), parseEther('100000')] });
  const action = l1Call(deployment, l1.SequencerStaking.address, data);
  const message = l1MessageOf(deployment, action);
  assert.deepEqual(message?.calls, [{ target: l1.SequencerStaking.address, value: 0n, data }]);
  assert.equal(message?.target, l1.GovernanceExecutor.address);

  const reads = currentValueReads(deployment, [action]);
  assert.deepEqual(
    reads.map((r) => [r.chain, r.address, r.functionName]),
    [
      ['l1', l1.SequencerStaking.address, 'minLock'],
      ['l1', l1.SequencerStaking.address, 'maxLock'],
    ],
  );
  const words = describeAction(deployment, action, { now: currentValues(reads, [{ ok: true, value: parseEther('20000') }, { ok: false }]) });
  assert.equal(words.l1, true);
  assert.equal(words.text, 'On Ethereum: SequencerStaking · set the minimum self-lock to 15,000 METIS (now 20,000 METIS) and the maximum to 100,000 METIS');

  const reward = l1Call(
    deployment,
    l1.RewardsDistributor.address,
    encodeFunctionData({ abi: rewardsDistributorAbi, functionName: 'setRewardPerBlock', args: [parseEther('2000')] }),
  );
  assert.equal(describeAction(deployment, reward).text, 'On Ethereum: RewardsDistributor · set the mining reward per block to 2,000 METIS');
});

test('an executor batch reads as each of its L1 calls, and ETH sent on L1 is named as ETH', () => {
  const jail = encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'jail', args: [3n, 'downtime'] });
  const batch = encodeFunctionData({
    abi: governanceExecutorAbi,
    functionName: 'executeBatch',
    args: [
      [
        { target: l1.SequencerStaking.address, value: 0n, data: jail },
        {
          target: l1.RewardsDistributor.address,
          value: parseEther('1'),
          data: encodeFunctionData({ abi: rewardsDistributorAbi, functionName: 'settleOwed', args: [4n] }),
        },
      ],
    ],
  });
  // l1Call wraps one execute; a proposer may send the executor a batch instead.
  const calldata = encodeFunctionData({
    abi: CONTRACTS.l2.MessageOutbox,
    functionName: 'sendMessage',
    args: [l1.GovernanceExecutor.address, batch, 500_000n],
  });
  const words = describeAction(deployment, { target: l2.MessageOutbox.address, value: 0n, calldata });
  assert.equal(
    words.text,
    'On Ethereum: SequencerStaking · jail sequencer #3 without slashing (“downtime”); RewardsDistributor · pay owed revenue, looking at up to 4 epochs, sending 1 ETH',
  );
});

test('unknown calls are shown as they are, marked "Not described"', () => {
  // A function the table does not describe: its decoded signature and raw values.
  const vote = describeAction(deployment, governorCall('castVote', [1n, 1]));
  assert.equal(vote.described, false);
  assert.equal(vote.calls[0].words, undefined);
  assert.equal(vote.text, 'Not described: CommonsGovernor.castVote(1, 1)');
  // A contract we do not know: its raw calldata.
  const stranger = describeAction(deployment, { target: addr(0x99), value: 0n, calldata: '0x12345678' });
  assert.equal(stranger.text, 'Not described: call 0x0000…0099 with 0x12345678');
  // Data that does not decode against a contract we know.
  assert.equal(
    describeAction(deployment, { target: l2.CommonsGovernor.address, value: 0n, calldata: '0xdeadbeef' }).text,
    `Not described: call CommonsGovernor with 0xdeadbeef`,
  );
  // A bus message to an L1 contract other than the executor is the outbox's call, in its words.
  const direct = describeAction(deployment, {
    target: l2.MessageOutbox.address,
    value: 0n,
    calldata: encodeFunctionData({ abi: CONTRACTS.l2.MessageOutbox, functionName: 'sendMessage', args: [l1.SequencerStaking.address, '0x', 100_000n] }),
  });
  assert.equal(direct.l1, false);
  assert.equal(direct.text, 'MessageOutbox · send a bus message to SequencerStaking on the other chain, with no data and 100,000 gas');
  // An L1 call of an unknown L1 contract through the executor.
  const unknownL1 = describeAction(deployment, l1Call(deployment, addr(0x77), '0xabcdef01'));
  assert.equal(unknownL1.text, 'On Ethereum: Not described: call 0x0000…0077 with 0xabcdef01');
  assert.equal(unknownL1.described, false);
});

test('reads are asked once however many actions need them, keyed by chain, address, getter and arguments', () => {
  const a = governorCall('setProposalThreshold', [1n]);
  const reads = currentValueReads(deployment, [a, a, governorCall('setProposalThreshold', [2n])]);
  assert.equal(reads.length, 1);
  assert.equal(readKey(reads[0]), `l2:${l2.CommonsGovernor.address.toLowerCase()}:proposalThreshold:[]`);
});
