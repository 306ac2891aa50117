import {
  type Address,
  createTestClient,
  type EncodeFunctionDataParameters,
  encodeFunctionData,
  type Hex,
  hexToBigInt,
  http,
  keccak256,
  maxUint256,
  pad,
  parseEther,
  type TestClient,
  toBytes,
  toHex,
  zeroHash,
} from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { MESSAGE_STATUSES } from '../../lib/bus';
import { CHALLENGE_STATUSES, kindValue } from '../../lib/challenges';
import { REMAINDER_POLICIES } from '../../lib/commons';
import {
  commonsGroupAbi,
  commonsRegistryAbi,
  ecoNodeCouncilAbi,
  ecoNodePromotionAbi,
  governanceExecutorAbi,
  l2MetisAbi,
  messageInboxAbi,
  messageOutboxAbi,
  rewardsDistributorAbi,
  timelockControllerAbi,
  veMetisAbi,
} from '../../lib/contracts/abis';
import { CONTRACTS, contractOf } from '../../lib/contracts/descriptors';
import { metisTokens } from '../../lib/contracts/tokens';
import { MOTION_STATES } from '../../lib/council-motions';
import { toViemChain } from '../../lib/deployment/chains';
import type { DemoAccount, Deployment } from '../../lib/deployment/types';
import { RATIFICATION_SUPPORT } from '../../lib/eco-nodes';
import { l1Call } from '../../lib/governance-actions';
import { type InterestKey, interestMask } from '../../lib/interests';
import { encodeStatement } from '../../lib/profiles';
import { SUPPORT } from '../../lib/proposals';
import { encodeSequencerMetadata } from '../../lib/sequencers';
import { localCommitteeKeys } from '../../relayer/main';
import { Relayer } from '../../relayer/relayer';
import { Sender } from './lib/sender';
import { ANVIL_MNEMONIC } from './networks';

/** Seeded accounts: anvil dev accounts 1..10 (account 0 deploys and holds the treasury). */
export const DEMO_NAMES = ['Alice', 'Bob', 'Carol', 'Dave', 'Erin', 'Frank', 'Grace', 'Heidi', 'Ivan', 'Judy'];

const L1_GRANT = parseEther('250000');
const L2_GRANT = parseEther('50000');

export function demoSigner(index: number) {
  return mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index + 1 });
}

/** The five demo sequencers: operator (demo account index), self-lock, commission, metadata. */
export const OPERATORS = [
  {
    demoIndex: 0,
    selfLock: '100000',
    commissionBps: 500,
    name: 'Aurora Nodes',
    website: 'https://aurora.example',
    description: 'Bare-metal sequencer in Frankfurt with a hot standby.',
  },
  {
    demoIndex: 1,
    selfLock: '80000',
    commissionBps: 1000,
    name: 'Basalt Staking',
    website: 'https://basalt.example',
    description: 'Community-run operator since the first Metis testnet.',
  },
  {
    demoIndex: 2,
    selfLock: '60000',
    commissionBps: 800,
    name: 'Cobalt Labs',
    website: 'https://cobalt.example',
    description: 'Research team running sequencers on three continents.',
  },
  {
    demoIndex: 3,
    selfLock: '40000',
    commissionBps: 1500,
    name: 'Driftwood',
    website: 'https://driftwood.example',
    description: 'A small independent operator; low latency, high uptime.',
  },
  {
    demoIndex: 4,
    selfLock: '25000',
    commissionBps: 300,
    name: 'Ember Validators',
    website: 'https://ember.example',
    description: 'Low-commission operator for long-term delegators.',
  },
];

/** Frank: whitelisted by the deploy but not registered, for the "register a sequencer" flow. */
export const SPARE_OPERATOR_DEMO_INDEX = 5;

/** Extra delegators beyond the demo accounts: anvil dev accounts 14..29 (11..13 are the committee). */
export const EXTRA_DELEGATOR_INDEXES = Array.from({ length: 16 }, (_, i) => 14 + i);
const EXTRA_GRANT = parseEther('20000');
/** Epochs the seed rotates through (on top of the first). */
const SEEDED_ROTATIONS = 3;

/** Funds every demo account with METIS on both chains and leaves a little transfer history. */
export async function seedDemo(deployment: Deployment, l1: Sender, l2: Sender): Promise<DemoAccount[]> {
  const tokens = metisTokens(deployment);
  const accounts = DEMO_NAMES.map((name, i) => ({ name, address: demoSigner(i).address }));

  for (const { address, name } of accounts) {
    await l1.write(`fund ${name} on L1`, { ...tokens.l1, functionName: 'transfer', args: [address, L1_GRANT] });
    await l2.write(`fund ${name} on L2`, {
      address: tokens.l2.address,
      abi: l2MetisAbi,
      functionName: 'mint',
      args: [address, L2_GRANT],
    });
  }
  for (const index of EXTRA_DELEGATOR_INDEXES) {
    const address = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).address;
    await l1.write(`fund delegator ${index} on L1`, { ...tokens.l1, functionName: 'transfer', args: [address, EXTRA_GRANT] });
  }
  await Promise.all([l1.settle(), l2.settle()]);

  // A few transfers between demo accounts, so that histories are not empty.
  const history: [number, number, string, 'l1' | 'l2'][] = [
    [0, 1, '1250', 'l1'],
    [1, 2, '400', 'l1'],
    [2, 0, '75.5', 'l2'],
    [3, 0, '3000', 'l2'],
    [0, 4, '12', 'l2'],
  ];
  const senders: Sender[] = [];
  for (const [from, to, amount, side] of history) {
    const chain = side === 'l1' ? l1.chain : l2.chain;
    const sender = new Sender(chain, demoSigner(from));
    senders.push(sender);
    await sender.write(`demo transfer ${DEMO_NAMES[from]} → ${DEMO_NAMES[to]}`, {
      ...tokens[side],
      functionName: 'transfer',
      args: [accounts[to].address, parseEther(amount)],
    });
    await sender.settle();
  }
  await seedProfiles(deployment, l2);
  await seedStaking(deployment, l1);
  await seedCommons(deployment, l2, l1);
  await seedAccountability(deployment);
  return accounts;
}

/**
 * Demo profiles (docs/MECHANISMS.md §8): Alice and Bob, the first Eco Nodes, and Carol, a delegate, each
 * with an inline markdown statement, links and interests; the other accounts have none, so the app's
 * fallbacks (sequencer, group and deployment names) show too.
 */
export const DEMO_PROFILES: { who: string; name: string; statement: string; links: string[]; interests: InterestKey[] }[] = [
  {
    who: 'Alice',
    name: 'Alice',
    statement:
      '## Alice, Eco Node\n\nI run **Aurora Nodes** and sit on the Eco Node council. I vote for proposals that keep sequencing *decentralised* and fees predictable, and I write down why on every ratification.',
    links: ['https://aurora.example', 'https://forum.example/u/alice'],
    interests: ['staking', 'governance', 'security'],
  },
  {
    who: 'Bob',
    name: 'Bob',
    statement:
      '## Bob, Eco Node\n\nOperator of **Basalt Staking** since the first testnet. I care about treasury discipline and a council that explains itself.',
    links: ['https://basalt.example'],
    interests: ['staking', 'treasury', 'infrastructure'],
  },
  {
    who: 'Carol',
    name: 'Carol',
    statement: '## Carol, delegate\n\nPublic goods and grants: delegate to me if you want builders funded and reports published.',
    links: [],
    interests: ['public-goods', 'grants', 'community'],
  },
];

async function seedProfiles(deployment: Deployment, l2: Sender): Promise<void> {
  const registry = contractOf(deployment, 'l2', 'ProfileRegistry');
  for (const p of DEMO_PROFILES) {
    const sender = new Sender(l2.chain, demoSigner(DEMO_NAMES.indexOf(p.who)));
    await sender.write(`profile of ${p.who}`, {
      address: registry.address,
      abi: registry.abi,
      functionName: 'setProfile',
      args: [p.name, encodeStatement(p.statement), p.links, interestMask(p.interests)],
    });
    await sender.settle();
  }
}

/**
 * Five sequencers, about twenty delegators, some unbonding entries, the stakes carried to L2 by the
 * relayer (run in-process here), and a few rotated epochs (L2 blocks mined ahead to each boundary).
 */
async function seedStaking(deployment: Deployment, l1: Sender): Promise<void> {
  const tokens = metisTokens(deployment);
  const staking = contractOf(deployment, 'l1', 'SequencerStaking');
  const sender = (account: ReturnType<typeof mnemonicToAccount>) => new Sender(l1.chain, account);
  const operators = OPERATORS.map((op) => ({ ...op, sender: sender(demoSigner(op.demoIndex)) }));
  const delegators = [
    ...[5, 6, 7, 8, 9].map((i) => sender(demoSigner(i))),
    ...EXTRA_DELEGATOR_INDEXES.map((i) => sender(mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }))),
  ];
  const all = [...operators.map((o) => o.sender), ...delegators];
  const settleAll = () => Promise.all(all.map((s) => s.settle()));

  for (const s of all) {
    await s.write('approve staking', { ...tokens.l1, functionName: 'approve', args: [staking.address, maxUint256] });
  }
  await settleAll();
  for (const [i, op] of operators.entries()) {
    const signer = mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 100 + i }).address;
    await op.sender.write(`register ${op.name}`, {
      ...staking,
      functionName: 'register',
      args: [signer, parseEther(op.selfLock), op.commissionBps, encodeSequencerMetadata(op)],
    });
  }
  await settleAll();
  // Sequencer ids follow registration order: 1..5. Each delegator backs one or two of them.
  const plan = delegators.map((s, i) => ({
    s,
    stakes: [
      [BigInt(1 + (i % 5)), parseEther(String(500 + ((i * 737) % 4000)))],
      ...(i % 3 === 0 ? [[BigInt(1 + ((i + 2) % 5)), parseEther(String(250 + ((i * 311) % 2000)))]] : []),
    ] as [bigint, bigint][],
  }));
  for (const { s, stakes } of plan) {
    for (const [id, amount] of stakes) await s.write(`delegate to ${id}`, { ...staking, functionName: 'delegate', args: [id, amount] });
  }
  await settleAll();
  for (const [i, { s, stakes }] of plan.entries()) {
    if (i % 4 !== 0) continue;
    const [id, amount] = stakes[0];
    await s.write(`undelegate from ${id}`, { ...staking, functionName: 'undelegate', args: [id, amount / 4n] });
  }
  await settleAll();

  const relayer = new Relayer({ deployment, keys: localCommitteeKeys(), confirmations: { l1: 0, l2: 0 }, log: () => {} });
  await relayer.drain(); // also starts epoch 1
  const l2 = createTestClient({ mode: 'anvil', transport: http(deployment.l2.rpcUrl) });
  const epochLength = await relayer.epochLength();
  for (let i = 0; i < SEEDED_ROTATIONS; i++) {
    await l2.mine({ blocks: Number(epochLength) });
    // Rotates, then carries the next epoch's beacon request to L1 and the beacon back (docs/MECHANISMS.md §4.5).
    await relayer.drain();
  }
}

const DAY = 86_400;
const max = (values: bigint[]) => values.reduce((a, b) => (a > b ? a : b));
/** Gas for each Commons seed call: set explicitly so that dependent calls queue without waiting for a block. */
const COMMONS_GAS = 1_500_000n;
const [FOLLOW_MAJORITY, NO_REMAINDER] = REMAINDER_POLICIES.map((p) => p.value);
const { against: AGAINST, for: FOR, abstain: ABSTAIN } = SUPPORT;

/** An account of the Commons seed: a demo account (by name) or an extra dev account (by anvil index). */
type Who = string | number;
const hasLock = (who: Who) => LOCKS.some(([w]) => w === who);
const signerOf = (who: Who) => (typeof who === 'string' ? demoSigner(DEMO_NAMES.indexOf(who)) : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: who }));

/** veMETIS locks: [account, METIS, days]. Judy keeps no lock, so that the lock flow can be tried as her. */
const LOCKS: [Who, number, number][] = [
  ['Alice', 40_000, 730],
  ['Bob', 30_000, 365],
  ['Carol', 20_000, 180],
  ['Dave', 25_000, 540],
  ['Erin', 15_000, 90],
  ['Frank', 35_000, 730],
  ['Grace', 12_000, 30],
  ['Heidi', 18_000, 365],
  ['Ivan', 8_000, 14],
  [14, 6_000, 365],
  [15, 4_000, 120],
  [16, 9_000, 730],
  [17, 5_000, 60],
  [18, 7_500, 200],
  [19, 3_000, 30],
  [20, 10_000, 400],
  [21, 8_000, 730],
  [22, 6_500, 500],
  [23, 4_500, 100],
  [24, 5_500, 250],
  [25, 2_500, 7],
];
/**
 * An expired lock (docs/MECHANISMS.md §4.1): this dev account locks for the minimum week at the start of the Commons seed
 * and delegates to the Public Goods Collective; L2 time then passes the lock's end, so it counts nowhere
 * (no vote, no pooled power, no quorum denominator) and the app shows that it no longer counts.
 */
const EXPIRED_LOCK: { who: number; amount: number; days: number; group: string } = { who: 30, amount: 3_000, days: 7, group: 'Public Goods Collective' };
/** Extra dev accounts in the Commons seed get this much L2 METIS (they have none otherwise). */
const COMMONS_EXTRA_GRANT = parseEther('15000');

/** Six interest groups: creator, steward, remainder policy, members (who also delegate to the group unless powerless). */
const GROUPS: { name: string; focus: string; description: string; creator: Who; steward: Who; policy: number; members: Who[] }[] = [
  {
    name: 'Ecosystem Builders',
    focus: 'Grants and tooling for dApps on Metis',
    description: 'Developers backing proposals that grow the app ecosystem.',
    creator: 'Carol',
    steward: 'Carol',
    policy: FOLLOW_MAJORITY,
    members: ['Carol', 'Dave', 14, 15, 16],
  },
  {
    name: 'Sequencer Operators Guild',
    focus: 'Decentralized sequencing and node economics',
    description: 'Operators and their delegators on staking and rotation parameters.',
    creator: 'Erin',
    steward: 'Erin',
    policy: FOLLOW_MAJORITY,
    members: ['Erin', 17, 18],
  },
  {
    name: 'Long-Term Holders',
    focus: 'Treasury prudence and long locks',
    description: 'Max-lock holders who vote only when members vote.',
    creator: 'Frank',
    steward: 'Frank',
    policy: NO_REMAINDER,
    members: ['Frank', 19, 'Judy'],
  },
  {
    name: 'DeFi Risk Council',
    focus: 'Risk parameters for DeFi on Metis',
    description: 'Risk reviews of proposals touching tokens and collateral.',
    creator: 'Grace',
    steward: 'Heidi',
    policy: FOLLOW_MAJORITY,
    members: ['Grace', 'Heidi', 20],
  },
  {
    name: 'Public Goods Collective',
    focus: 'Public goods and open-source funding',
    description: 'Retroactive funding for open-source work and education.',
    creator: 'Alice',
    steward: 21,
    policy: FOLLOW_MAJORITY,
    members: [21, 22, 23],
  },
  {
    name: 'Security & Audits',
    focus: 'Audits, bug bounties and incident response',
    description: 'Security researchers reviewing every executable proposal.',
    creator: 'Bob',
    steward: 24,
    policy: NO_REMAINDER,
    members: [24, 25],
  },
];

const { reject: REJECT, ratify: RATIFY, abstain: RATIFICATION_ABSTAIN } = RATIFICATION_SUPPORT;
/** Eco Nodes admitted by the deployer (the council's owner until the deploy's handover), with the reasons. */
const ADMITTED_NODES: [Who, string][] = [
  ['Alice', 'Core contributor: led the veMETIS launch and the Commons interest groups.'],
  ['Bob', 'Security lead: runs the audit programme and the incident-response rota.'],
];
/** The seeded group that meets the local promotion criteria and is promoted to an Eco Node seat. */
const PROMOTED_GROUP = 'Ecosystem Builders';
/**
 * A group promoted a ratification period later (the rate limit), whose members 17 and 18 then redelegate to
 * themselves: at the next counted proposal's snapshot it has one member of 100+ units, so anyone demotes it.
 */
const DEMOTED_GROUP = 'Sequencer Operators Guild';

/**
 * The Eco Node council's side of a proposal in the seed: open its ratification (anyone may), have Eco Nodes
 * vote with reasons, settle it once the period is over (anyone may). `votes` are [node, support, reason]: a
 * node is a demo account voting for itself, or a group name whose steward votes for the group's seat.
 */
type RatificationVote = [node: Who, support: number, reason: string];

/**
 * The Commons and the Eco Nodes: veMETIS locks, six interest groups with pooled power, three Eco Nodes
 * (Alice and Bob admitted by the deployer; the Ecosystem Builders promoted once they meet the criteria),
 * and proposals in every state. L2 time is moved forward through the finished proposals' phases first,
 * so the live ones are created last and stay live: the Active ones have about 30 minutes left, the
 * Pending one starts a minute after the seed. Through the upper house:
 * - Executed: ratified, queued in the L2 timelock, executed by Bob once the timelock's delay was over;
 * - Queued: ratified, queued at the end of the seed (executable once the timelock's delay is over);
 * - Defeated by the Eco Nodes: succeeded in the Commons, rejected in ratification (the governor reports Defeated);
 * - Succeeded, ratification open: Alice voted, Bob has not (the Builders, promoted after its vote ended, have
 *   no weight in it), about 8 minutes left;
 * - Succeeded, ratification not opened yet (the local window is an hour after its vote);
 * - Expired: succeeded, but its ratification was not opened within the window (made first, on its own);
 * - An Active Commons override of the rejected proposal (2/3 of the votes cast and twice the quorum, no ratification);
 * - Defeated in the Commons: 'late', whose snapshot shows the Sequencer Operators Guild demotable: the Guild
 *   is promoted a ratification period after the Builders and demoted once 'late' closes.
 */
async function seedCommons(deployment: Deployment, deployer: Sender, l1: Sender): Promise<void> {
  const c = deployment.l2.contracts;
  const ve = { address: c.VeMetis.address, abi: veMetisAbi } as const;
  const governor = { address: c.CommonsGovernor.address, abi: CONTRACTS.l2.CommonsGovernor } as const;
  const registry = { address: c.CommonsRegistry.address, abi: commonsRegistryAbi } as const;
  const council = { address: c.EcoNodeCouncil.address, abi: ecoNodeCouncilAbi } as const;
  const timelock = { address: c.Timelock.address, abi: timelockControllerAbi } as const;
  const metis = { address: c.L2Metis.address, abi: l2MetisAbi } as const;
  const senders = new Map<Who, Sender>();
  const as = (who: Who) => {
    let s = senders.get(who);
    if (!s) {
      s = new Sender(deployer.chain, signerOf(who));
      senders.set(who, s);
    }
    return s;
  };
  const settleAll = () => Promise.all([deployer, ...senders.values()].map((s) => s.settle()));
  const client = createTestClient({ mode: 'anvil', transport: http(deployment.l2.rpcUrl) });
  const now = async () => (await deployer.public.getBlock()).timestamp;
  const advanceTo = (timestamp: bigint) => mineAt(client, now, timestamp);

  // Groups, and L2 METIS for the extra accounts.
  for (const [who] of LOCKS) {
    if (typeof who === 'number') {
      await deployer.write(`fund ${who} on L2`, { ...metis, functionName: 'mint', args: [signerOf(who).address, COMMONS_EXTRA_GRANT] });
    }
  }
  for (const g of GROUPS) {
    const metadataURI = `data:application/json,${encodeURIComponent(JSON.stringify({ focus: g.focus, description: g.description }))}`;
    await as(g.creator).write(`create group ${g.name}`, {
      ...registry,
      functionName: 'createGroup',
      args: [g.name, metadataURI, signerOf(g.steward).address, g.policy],
      gas: COMMONS_GAS,
    });
  }
  await settleAll();
  const groupCount = await deployer.public.readContract({ ...registry, functionName: 'groupCount' });
  const groups = new Map<string, Address>();
  for (let i = 0n; i < groupCount; i++) {
    const address = await deployer.public.readContract({ ...registry, functionName: 'groupAt', args: [i] });
    groups.set(await deployer.public.readContract({ address, abi: commonsGroupAbi, functionName: 'name' }), address);
  }
  const groupOf = (who: Who) => GROUPS.find((g) => g.members.includes(who));

  // The expired lock, first: L2 time is moved past its end before anyone else locks (EXPIRED_LOCK).
  {
    const { who, amount, days, group } = EXPIRED_LOCK;
    await deployer.write(`fund ${who} on L2`, { ...metis, functionName: 'mint', args: [signerOf(who).address, COMMONS_EXTRA_GRANT] });
    await deployer.settle();
    await as(who).write('approve veMETIS', { ...metis, functionName: 'approve', args: [ve.address, maxUint256], gas: COMMONS_GAS });
    await as(who).write('lock (to expire)', { ...ve, functionName: 'createLock', args: [parseEther(String(amount)), BigInt(days * DAY)], gas: COMMONS_GAS });
    await as(who).write(`join ${group}`, { address: groups.get(group)!, abi: commonsGroupAbi, functionName: 'join', gas: COMMONS_GAS });
    await as(who).write(`delegate to ${group}`, { ...ve, functionName: 'delegate', args: [groups.get(group)!], gas: COMMONS_GAS });
    await settleAll();
    const [, end] = await deployer.public.readContract({ ...ve, functionName: 'lockOf', args: [signerOf(who).address] });
    await advanceTo(end + 1n);
  }
  // The first Eco Nodes, after that jump (reputation decays with time).
  for (const [who, reason] of ADMITTED_NODES) {
    await deployer.write(`admit ${who} as an Eco Node`, { ...council, functionName: 'admit', args: [signerOf(who).address, reason], gas: COMMONS_GAS });
  }
  await settleAll();

  // Locks (the first lock self-delegates), roster joins, and delegations: to the member's group,
  // Ivan to Bob, everyone else to self.
  for (const [who, amount, days] of LOCKS) {
    const s = as(who);
    await s.write('approve veMETIS', { ...metis, functionName: 'approve', args: [ve.address, maxUint256], gas: COMMONS_GAS });
    await s.write('lock', { ...ve, functionName: 'createLock', args: [parseEther(String(amount)), BigInt(days * DAY)], gas: COMMONS_GAS });
  }
  for (const g of GROUPS) {
    const group = groups.get(g.name)!;
    for (const who of g.members) {
      await as(who).write(`join ${g.name}`, { address: group, abi: commonsGroupAbi, functionName: 'join', gas: COMMONS_GAS });
      if (hasLock(who)) {
        await as(who).write(`delegate to ${g.name}`, { ...ve, functionName: 'delegate', args: [group], gas: COMMONS_GAS });
      }
    }
  }
  await as('Ivan').write('delegate to Bob', { ...ve, functionName: 'delegate', args: [signerOf('Bob').address], gas: COMMONS_GAS });
  await settleAll();
  await advanceTo((await now()) + 1n); // proposers' votes are read one second back

  type Proposal = { targets: Address[]; values: bigint[]; calldatas: Hex[]; description: string };
  const proposals = new Map<string, { id: bigint } & Proposal>();
  /** A proposal that changes one of the governor's own settings. */
  const setting = (call: Omit<EncodeFunctionDataParameters<typeof governor.abi>, 'abi'>): Omit<Proposal, 'description'> => ({
    targets: [governor.address],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: governor.abi, ...call } as EncodeFunctionDataParameters<typeof governor.abi>)],
  });
  /** A proposal's (targets, values, calldatas, description hash), as cancel and execute take it. */
  const byHash = ({ targets, values, calldatas, description }: Proposal) => [targets, values, calldatas, keccak256(toBytes(description))] as const;
  /** Submits a proposal as `who`, or as the steward of `group`; the id is derived like the governor does. */
  const propose = async (key: string, who: Who, p: Omit<Proposal, 'description'>, title: string, body: string, group?: string) => {
    const description = `# ${title}\n\n${body}`;
    const args = [p.targets, p.values, p.calldatas, description] as const;
    if (group) {
      await as(who).write(`propose ${key}`, { address: groups.get(group)!, abi: commonsGroupAbi, functionName: 'propose', args, gas: COMMONS_GAS });
    } else {
      await as(who).write(`propose ${key}`, { ...governor, functionName: 'propose', args, gas: COMMONS_GAS });
    }
    const id = await deployer.public.readContract({ ...governor, functionName: 'hashProposal', args: byHash({ ...p, description }) });
    proposals.set(key, { id, ...p, description });
  };
  const vote = async (key: string, who: Who, support: number, reason: string) => {
    const { id } = proposals.get(key)!;
    const group = groupOf(who);
    if (group && hasLock(who)) {
      await as(who).write(`${key}: group vote`, {
        address: groups.get(group.name)!,
        abi: commonsGroupAbi,
        functionName: 'castVote',
        args: [id, support, reason],
        gas: COMMONS_GAS,
      });
    } else {
      await as(who).write(`${key}: vote`, { ...governor, functionName: 'castVoteWithReason', args: [id, support, reason], gas: COMMONS_GAS });
    }
  };
  const timepoints = async (key: string) => deployer.public.readContract({ ...governor, functionName: 'proposalTimepoints', args: [proposals.get(key)!.id] });
  /** The latest snapshot (0) or deadline (1) of some proposals. */
  const latest = async (keys: string[], which: 0 | 1) => max(await Promise.all(keys.map(async (k) => (await timepoints(k))[which])));
  const votingDelay = await deployer.public.readContract({ ...governor, functionName: 'votingDelay' });
  const internalWindow = await deployer.public.readContract({ ...registry, functionName: 'internalVotingWindow' });
  /** A proposal that calls the Eco Node council (its owner is the timelock after the deploy). */
  const councilCall = (call: Omit<EncodeFunctionDataParameters<typeof ecoNodeCouncilAbi>, 'abi'>): Omit<Proposal, 'description'> => ({
    targets: [council.address],
    values: [0n],
    calldatas: [encodeFunctionData({ abi: ecoNodeCouncilAbi, ...call } as EncodeFunctionDataParameters<typeof ecoNodeCouncilAbi>)],
  });
  const nodeOf = (node: Who) => (typeof node === 'string' && groups.has(node) ? groups.get(node)! : signerOf(node).address);
  /** Opens the ratification of some proposals (as `opener`), then casts the Eco Nodes' votes. */
  const openRatification = async (opener: Who, ballots: Record<string, RatificationVote[]>) => {
    for (const key of Object.keys(ballots)) {
      await as(opener).write(`${key}: open ratification`, { ...council, functionName: 'openRatification', args: [proposals.get(key)!.id], gas: COMMONS_GAS });
    }
    await settleAll();
    for (const [key, votes] of Object.entries(ballots)) {
      const { id } = proposals.get(key)!;
      for (const [node, support, reason] of votes) {
        const group = GROUPS.find((g) => g.name === node);
        if (group) {
          await as(group.steward).write(`${key}: ${node} ratification vote`, {
            ...council,
            functionName: 'castRatificationAs',
            args: [nodeOf(node), id, support, reason],
            gas: COMMONS_GAS,
          });
        } else {
          await as(node).write(`${key}: ratification vote`, { ...council, functionName: 'castRatification', args: [id, support, reason], gas: COMMONS_GAS });
        }
      }
    }
    await settleAll();
  };

  /**
   * The council's motions (docs/MECHANISMS.md §4.4), once the Ecosystem Builders hold their seat: a decisive action that
   * cancels the queued 'council-cancelled' in the timelock (the allow-listed `Timelock.cancel`; the governor then
   * reports it Canceled), backed by every node and executed after the action delay; then a peer penalty of the
   * Builders' seat, opened by Bob and backed by Alice (2/3 of the reputation without the accused), executed at once.
   */
  const councilMotions = async () => {
    const cancelled = proposals.get('council-cancelled')!;
    // GovernorTimelockControl's salt: the governor's address (left-aligned) XOR the description hash.
    const salt = toHex(hexToBigInt(pad(governor.address, { dir: 'right', size: 32 })) ^ hexToBigInt(keccak256(toBytes(cancelled.description))), { size: 32 });
    const operation = await deployer.public.readContract({
      ...timelock,
      functionName: 'hashOperationBatch',
      args: [cancelled.targets, cancelled.values, cancelled.calldatas, zeroHash, salt],
    });
    if (!(await deployer.public.readContract({ ...timelock, functionName: 'isOperationPending', args: [operation] })))
      throw new Error('seed: the queued council-cancelled operation is not pending in the timelock');
    const motionCount = async () => deployer.public.readContract({ ...council, functionName: 'motionCount' });
    await advanceTo((await now()) + 1n); // a motion's snapshot is one second before it opens
    const action = await motionCount();
    await as('Alice').write('council: propose cancelling the quorum cut', {
      ...council,
      functionName: 'proposeAction',
      args: [
        signerOf('Alice').address,
        timelock.address,
        encodeFunctionData({ abi: timelockControllerAbi, functionName: 'cancel', args: [operation] }),
        'A 1% quorum lets one large holder pass anything; the Commons can propose it again with safeguards.',
      ],
      gas: COMMONS_GAS,
    });
    await settleAll();
    await as('Bob').write('council: back the cancellation', {
      ...council,
      functionName: 'voteMotion',
      args: [signerOf('Bob').address, action],
      gas: COMMONS_GAS,
    });
    await as('Carol').write(`council: back the cancellation for ${PROMOTED_GROUP}`, {
      ...council,
      functionName: 'voteMotion',
      args: [groups.get(PROMOTED_GROUP)!, action],
      gas: COMMONS_GAS,
    });
    await settleAll();
    const { passedAt, delay } = await deployer.public.readContract({ ...council, functionName: 'motion', args: [action] });
    if (passedAt === 0) throw new Error('seed: the cancellation motion did not pass');
    await advanceTo(BigInt(passedAt) + BigInt(delay));
    await as('Dave').write('council: execute the cancellation', { ...council, functionName: 'executeAction', args: [action], gas: COMMONS_GAS });
    await settleAll();
    const penalty = await motionCount();
    await as('Bob').write(`council: open a peer penalty of ${PROMOTED_GROUP}`, {
      ...council,
      functionName: 'openPenaltyMotion',
      args: [signerOf('Bob').address, groups.get(PROMOTED_GROUP)!, parseEther('25'), 'Skipped the incident drill it had signed up to run.'],
      gas: COMMONS_GAS,
    });
    await settleAll();
    await as('Alice').write('council: back the peer penalty', {
      ...council,
      functionName: 'voteMotion',
      args: [signerOf('Alice').address, penalty],
      gas: COMMONS_GAS,
    });
    await settleAll();
    await as('Alice').write('council: execute the peer penalty', { ...council, functionName: 'executePenaltyMotion', args: [penalty], gas: COMMONS_GAS });
    await settleAll();
    for (const id of [action, penalty]) {
      const state = MOTION_STATES[await deployer.public.readContract({ ...council, functionName: 'motionState', args: [id] })];
      if (state !== 'executed') throw new Error(`seed: motion ${id} should be executed, is ${state}`);
    }
  };

  // Expired (docs/MECHANISMS.md §4.3): passed in the Commons, but nobody opened its ratification within the window after
  // the vote (an hour locally), so it can no longer be ratified or queued. On its own and first, so that its
  // window is over before the other proposals are made (the "not opened yet" one below stays openable).
  await propose(
    'expired',
    'Alice',
    setting({ functionName: 'setProposalThreshold', args: [parseEther('12000')] }),
    'Raise the proposal threshold to 12,000 veMETIS',
    'A modest bump. It passed in the Commons, but nobody opened its ratification in time, so it expired.',
  );
  await settleAll();
  await advanceTo((await timepoints('expired'))[0] + 1n);
  await vote('expired', 'Alice', FOR, 'A modest bump keeps spam out.');
  await vote('expired', 'Carol', FOR, '');
  await vote('expired', 'Dave', FOR, '');
  await settleAll();
  await advanceTo((await deployer.public.readContract({ ...governor, functionName: 'ratificationDeadline', args: [proposals.get('expired')!.id] })) + 1n);

  // Finished proposals. The first two carry an L1 action that the L1 contract refuses (a mining reward
  // above RewardsDistributor.MAX_REWARD_PER_BLOCK): both pass, are ratified and executed with 'executed', and
  // their bus messages fail on L1 (docs/MECHANISMS.md §5): governance cancels one, the other's retry window runs out.
  // Proposed before the rest of the batch, so that the promotion window (the newest counted proposals) is the same.
  const maxRewardPerBlock = await l1.public.readContract({
    address: deployment.l1.contracts.RewardsDistributor.address,
    abi: rewardsDistributorAbi,
    functionName: 'MAX_REWARD_PER_BLOCK',
  });
  const tooHighReward = (extra: bigint) => {
    const action = l1Call(
      deployment,
      deployment.l1.contracts.RewardsDistributor.address,
      encodeFunctionData({ abi: rewardsDistributorAbi, functionName: 'setRewardPerBlock', args: [maxRewardPerBlock + extra] }),
    );
    return { targets: [action.target], values: [action.value], calldatas: [action.calldata] };
  };
  await propose(
    'l1-expired',
    'Alice',
    tooHighReward(parseEther('1000')),
    'Double the mining reward cap on L1 (2,000 METIS per block)',
    'Sent to the L1 rewards distributor, which caps the reward at 1,000 METIS per block: the call fails on L1, and nobody retried it before its retry window closed.',
  );
  await propose(
    'l1-cancelled',
    'Alice',
    tooHighReward(parseEther('500')),
    'Set the mining reward to 1,500 METIS per block on L1',
    'Also above the L1 cap: the call fails on L1, and governance cancelled the failed message so that it can never run.',
  );
  const failingL1 = ['l1-expired', 'l1-cancelled'];
  // Passed, ratified and queued, then cancelled in the timelock by the Eco Nodes' decisive action (docs/MECHANISMS.md §4.4).
  await propose(
    'council-cancelled',
    'Alice',
    setting({ functionName: 'updateQuorumNumerator', args: [1n] }),
    'Lower quorum to 1%',
    'Fewer proposals fail for want of turnout.\n\nQueued, then cancelled in the timelock by the Eco Nodes: a quorum this low lets one large holder pass anything.',
  );
  await propose(
    'defeated',
    'Alice',
    setting({ functionName: 'setProposalThreshold', args: [parseEther('50000')] }),
    'Raise the proposal threshold to 50,000 veMETIS',
    'Fewer, better-prepared proposals.\n\n- Threshold: 10,000 → 50,000 veMETIS\n- Groups can still pool power to reach it.',
  );
  await propose(
    'succeeded',
    'Carol',
    setting({ functionName: 'setLateQuorumVoteExtension', args: [600] }),
    'Extend the late-quorum window to 10 minutes',
    'Give late voters more time when quorum is reached at the last moment.',
    'Ecosystem Builders',
  );
  await propose(
    'executed',
    'Alice',
    setting({ functionName: 'setVotingDelay', args: [Number(votingDelay)] }),
    'Confirm the one-minute voting delay',
    'A housekeeping proposal: re-affirms the current voting delay, so that the execution path is exercised.',
  );
  await propose(
    'canceled',
    'Alice',
    setting({ functionName: 'setVotingPeriod', args: [15 * 60] }),
    'Halve the voting period',
    'Withdrawn by the proposer after feedback: too short for groups to deliberate.',
  );
  await propose(
    'queued',
    'Alice',
    councilCall({ functionName: 'award', args: [signerOf('Bob').address, parseEther('200'), 'Wrote the incident-response runbook.'] }),
    'Award 200 Eco Node reputation to Bob for the incident runbook',
    'Bob wrote and drilled the incident-response runbook that the sequencer operators now follow.\n\n- Award: 200 reputation\n- Reason recorded on chain with the award.',
  );
  await propose(
    'rejected',
    'Carol',
    {
      targets: [timelock.address],
      values: [0n],
      calldatas: [encodeFunctionData({ abi: timelockControllerAbi, functionName: 'updateDelay', args: [0n] })],
    },
    'Remove the timelock delay',
    'Execute passed proposals at once, so that operator fixes ship faster.',
    PROMOTED_GROUP,
  );
  await propose(
    'ratifying',
    'Bob',
    councilCall({ functionName: 'admit', args: [signerOf('Erin').address, 'Steward of the Sequencer Operators Guild.'] }),
    'Admit Erin as an Eco Node',
    'Erin has stewarded the Sequencer Operators Guild since launch; operators deserve a voice in ratification.',
  );
  await settleAll();
  await as('Alice').write('cancel', { ...governor, functionName: 'cancel', args: byHash(proposals.get('canceled')!), gas: COMMONS_GAS });
  await settleAll();
  await advanceTo((await latest(['defeated', 'succeeded', 'executed'], 0)) + 1n);
  await vote('defeated', 'Bob', AGAINST, 'A higher bar shuts out smaller holders.');
  await vote('defeated', 'Erin', FOR, 'Less noise for operators.');
  await vote('defeated', 17, AGAINST, 'Groups already filter proposals.');
  await vote('defeated', 'Grace', FOR, '');
  await vote('succeeded', 'Alice', FOR, 'Reasonable protection against last-minute swings.');
  await vote('succeeded', 'Carol', FOR, 'Our members asked for it.');
  await vote('succeeded', 'Dave', FOR, '');
  await vote('succeeded', 14, ABSTAIN, 'No strong view.');
  await vote('succeeded', 'Heidi', AGAINST, 'Longer votes delay risk fixes.');
  await vote('council-cancelled', 'Alice', FOR, 'Turnout is low in summer.');
  await vote('council-cancelled', 'Carol', FOR, '');
  await vote('council-cancelled', 'Grace', FOR, '');
  await vote('council-cancelled', 'Dave', FOR, '');
  await vote('council-cancelled', 'Erin', FOR, '');
  for (const key of failingL1) {
    await vote(key, 'Alice', FOR, 'More mining rewards for stakers.');
    await vote(key, 'Carol', FOR, '');
    await vote(key, 'Grace', FOR, '');
    await vote(key, 'Dave', FOR, '');
    await vote(key, 'Erin', FOR, 'Operators would welcome it.');
  }
  await vote('queued', 'Alice', FOR, 'The runbook already saved us one incident.');
  await vote('queued', 'Carol', FOR, '');
  await vote('queued', 'Grace', FOR, 'Reputation should follow real work.');
  await vote('queued', 'Dave', FOR, 'Builders lean on that runbook too.');
  await vote('queued', 'Erin', FOR, 'Operators follow that runbook every week.');
  await vote('rejected', 'Dave', FOR, 'Operator fixes wait too long.');
  await vote('rejected', 'Carol', FOR, 'Our builders want faster releases.');
  await vote('rejected', 'Erin', FOR, '');
  await vote('rejected', 'Heidi', AGAINST, 'The delay is the only window to cancel a bad proposal.');
  await vote('ratifying', 'Alice', FOR, 'Operators should be heard in the upper house.');
  await vote('ratifying', 'Dave', FOR, 'Erin knows the sequencer set better than anyone.');
  await vote('ratifying', 18, FOR, 'Our steward, our voice.');
  await settleAll();
  // Halfway through: two of the Guild's three members take their votes back (after the finished proposals'
  // snapshots, so the Guild still qualifies over them), and Bob proposes a change that closes after the Guild's
  // promotion: at its snapshot the Guild has one member of 100+ units left, so it is demoted (see below).
  const firstSnapshot = await latest(['defeated', 'succeeded', 'executed'], 0);
  await advanceTo(firstSnapshot + 15n * 60n);
  for (const who of [17, 18]) {
    await as(who).write(`${who}: delegate to self`, { ...ve, functionName: 'delegate', args: [signerOf(who).address], gas: COMMONS_GAS });
  }
  await propose(
    'late',
    'Bob',
    setting({ functionName: 'setProposalThreshold', args: [parseEther('20000')] }),
    'Raise the proposal threshold to 20,000 veMETIS',
    'A middle ground after the 50,000 proposal failed.',
  );
  await settleAll();
  // In the last minutes: after the Ecosystem Builders' internal window their unvoted members' weight
  // follows the majority, and the housekeeping proposal reaches quorum late, which extends its
  // deadline (late-quorum protection; locally the window and the extension are both 5 minutes).
  await advanceTo((await latest(['succeeded', 'executed'], 1)) - BigInt(internalWindow) + 1n);
  await vote('executed', 'Alice', FOR, '');
  await vote('executed', 'Bob', FOR, 'Harmless; good to test execution.');
  await vote('late', 'Bob', FOR, 'Twenty thousand is still within reach of most groups.');
  await vote('late', 'Alice', AGAINST, 'Groups already filter proposals; keep the bar low.');
  await vote('late', 'Carol', AGAINST, 'Builders propose through the group; no need to raise it.');
  await vote('late', 'Dave', AGAINST, '');
  await as('Bob').write('cast remainder', {
    address: groups.get('Ecosystem Builders')!,
    abi: commonsGroupAbi,
    functionName: 'castRemainder',
    args: [proposals.get('succeeded')!.id],
    gas: COMMONS_GAS,
  });
  await settleAll();
  const finished = [...failingL1, 'council-cancelled', 'defeated', 'succeeded', 'executed', 'queued', 'rejected', 'ratifying'];
  await advanceTo((await latest(finished, 1)) + 1n);

  // The Eco Nodes: the Ecosystem Builders now meet the promotion criteria at the snapshot of each of the last
  // closed proposals that reached quorum (locally the window is 3: 'ratifying', 'rejected', 'queued'; pooled
  // power and 3+ members of 100+ units at each, half their units cast in 2 of them; old enough); anyone
  // promotes them. Rate limit: seats promoted within one ratification period hold at most a third of the
  // reputation, so Alice's launch work is recognised first (two admitted seats alone would be just too little).
  await deployer.write('award Alice', {
    ...council,
    functionName: 'award',
    args: [signerOf('Alice').address, parseEther('500'), 'Led the veMETIS launch.'],
    gas: COMMONS_GAS,
  });
  await settleAll();
  const promoted = groups.get(PROMOTED_GROUP)!;
  const promotion = { address: await deployer.public.readContract({ ...council, functionName: 'promotion' }), abi: ecoNodePromotionAbi } as const;
  const progress = await deployer.public.readContract({ ...promotion, functionName: 'progress', args: [council.address, promoted] });
  if (!progress.eligible || !progress.withinRateLimit)
    throw new Error(
      `seed: ${PROMOTED_GROUP} does not meet the promotion criteria: ${JSON.stringify(progress, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`,
    );
  await as('Dave').write(`promote ${PROMOTED_GROUP}`, { ...council, functionName: 'promote', args: [promoted], gas: COMMONS_GAS });
  await settleAll();
  // Ratification weights are the reputation at the end of each Commons vote: these votes ended before the
  // Builders' promotion, so their new seat has no weight in them (it votes from the next proposals on).
  await advanceTo((await now()) + 1n);
  await openRatification('Carol', {
    ...Object.fromEntries(
      failingL1.map((key): [string, RatificationVote[]] => [
        key,
        [
          ['Alice', RATIFY, 'The Commons asked for it; L1 will say whether it is allowed.'],
          ['Bob', RATIFY, ''],
        ],
      ]),
    ),
    'council-cancelled': [
      ['Alice', RATIFY, 'The Commons voted for it.'],
      ['Bob', RATIFY, ''],
    ],
    executed: [
      ['Alice', RATIFY, 'Housekeeping only; safe to execute.'],
      ['Bob', RATIFY, 'Exercises the timelock path end to end.'],
    ],
    queued: [
      ['Alice', RATIFY, 'Contributions like this are what awards are for.'],
      ['Bob', RATIFICATION_ABSTAIN, 'I am the subject of this award: abstaining.'],
    ],
    rejected: [
      ['Alice', REJECT, 'Without a delay nobody can cancel a malicious proposal before it runs.'],
      ['Bob', REJECT, 'The delay is our incident-response window; L1 actions need it most.'],
    ],
  });
  const ratificationDeadline = max(
    await Promise.all(
      [...failingL1, 'council-cancelled', 'executed', 'queued', 'rejected'].map(async (k) =>
        BigInt((await deployer.public.readContract({ ...council, functionName: 'ratification', args: [proposals.get(k)!.id] })).deadline),
      ),
    ),
  );
  await advanceTo(ratificationDeadline + 1n);
  for (const key of [...failingL1, 'council-cancelled', 'executed', 'queued', 'rejected']) {
    await deployer.write(`${key}: settle ratification`, { ...council, functionName: 'settleRatification', args: [proposals.get(key)!.id], gas: COMMONS_GAS });
  }
  await settleAll();
  // A ratification period after the Builders' promotion the rate limit allows another: the Guild qualifies over
  // the same window ('late' has not closed yet) and is promoted; once 'late' closes, it no longer does.
  const guild = groups.get(DEMOTED_GROUP)!;
  const guildProgress = await deployer.public.readContract({ ...promotion, functionName: 'progress', args: [council.address, guild] });
  if (!guildProgress.eligible || !guildProgress.withinRateLimit)
    throw new Error(`seed: ${DEMOTED_GROUP} cannot be promoted: ${JSON.stringify(guildProgress, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  await as('Erin').write(`promote ${DEMOTED_GROUP}`, { ...council, functionName: 'promote', args: [guild], gas: COMMONS_GAS });
  await settleAll();
  await advanceTo((await timepoints('late'))[1] + 1n);
  const guildAfter = await deployer.public.readContract({ ...promotion, functionName: 'progress', args: [council.address, guild] });
  if (!guildAfter.demotable)
    throw new Error(`seed: ${DEMOTED_GROUP} should be demotable: ${JSON.stringify(guildAfter, (_, v) => (typeof v === 'bigint' ? String(v) : v))}`);
  await as('Carol').write(`demote ${DEMOTED_GROUP}`, { ...council, functionName: 'demote', args: [guild], gas: COMMONS_GAS });
  await settleAll();
  for (const key of [...failingL1, 'council-cancelled', 'executed']) {
    await as('Bob').write(`${key}: queue`, { ...governor, functionName: 'queue', args: byHash(proposals.get(key)!), gas: COMMONS_GAS });
  }
  await settleAll();
  const eta = max(
    await Promise.all(
      [...failingL1, 'executed'].map((key) => deployer.public.readContract({ ...governor, functionName: 'proposalEta', args: [proposals.get(key)!.id] })),
    ),
  );
  await advanceTo(eta);
  for (const key of [...failingL1, 'executed']) {
    await as('Bob').write(`${key}: execute`, { ...governor, functionName: 'execute', args: byHash(proposals.get(key)!), gas: COMMONS_GAS });
  }
  await settleAll();
  await councilMotions();
  await failL1Messages(deployment, deployer, l1);
  // A ratification left open: Alice ratifies, Bob has not voted yet.
  await openRatification('Erin', {
    ratifying: [['Alice', RATIFY, 'Erin has run the operators guild well; operators need a seat.']],
  });

  // Live proposals: two Active (with votes), then one Pending.
  await propose(
    'active',
    'Alice',
    setting({ functionName: 'setProposalThreshold', args: [parseEther('5000')] }),
    'Lower the proposal threshold to 5,000 veMETIS',
    'Let smaller holders propose directly.\n\n## Why\nMost groups already pass 10,000; individuals rarely do.\n\n## Risk\nMore proposals to review.',
  );
  await propose(
    'active-group',
    21,
    {
      targets: [metis.address],
      values: [0n],
      calldatas: [encodeFunctionData({ abi: l2MetisAbi, functionName: 'transfer', args: [signerOf(21).address, 0n] })],
    },
    'Signal: a public-goods grants round',
    'A zero-value transfer: a signal vote that the Commons wants a grants round next quarter.',
    'Public Goods Collective',
  );
  // A Commons override (docs/MECHANISMS.md §4.3) of the proposal the Eco Nodes rejected: the same actions, proposed again
  // once the cool-off after its vote is over (ten minutes locally); it passes only with 2/3 of the votes cast
  // and twice the quorum, and then needs no ratification.
  const rejected = proposals.get('rejected')!;
  const overrideDescription =
    '# Override: remove the timelock delay\n\nThe Eco Nodes rejected this; the Commons decides again, with the higher bar: two thirds of the votes cast and twice the quorum.';
  await as('Bob').write('propose the override', {
    ...governor,
    functionName: 'proposeOverride',
    args: [rejected.targets, rejected.values, rejected.calldatas, keccak256(toBytes(rejected.description)), overrideDescription],
    gas: COMMONS_GAS,
  });
  const overrideId = await deployer.public.readContract({
    ...governor,
    functionName: 'hashProposal',
    args: byHash({ ...rejected, description: overrideDescription }),
  });
  proposals.set('override', { ...rejected, id: overrideId, description: overrideDescription });
  await settleAll();
  await advanceTo((await latest(['active', 'active-group', 'override'], 0)) + 1n);
  await vote('override', 'Dave', FOR, 'Operator fixes still wait too long.');
  await vote('override', 'Carol', FOR, 'The Commons should have the last word.');
  await vote('override', 'Erin', FOR, '');
  await vote('override', 'Heidi', AGAINST, 'The Eco Nodes were right: keep the delay.');
  await vote('active', 'Bob', FOR, 'More voices, better Commons.');
  await vote('active', 'Carol', FOR, 'Builders want to propose directly.');
  await vote('active', 'Dave', AGAINST, 'Spam risk.');
  await vote('active', 'Erin', ABSTAIN, '');
  await vote('active', 'Grace', FOR, '');
  await vote('active', 21, FOR, 'Lowers the bar for public goods.');
  await vote('active-group', 22, FOR, 'Yes to a grants round.');
  await settleAll();
  await propose(
    'pending',
    'Alice',
    setting({ functionName: 'updateQuorumNumerator', args: [5n] }),
    'Raise quorum to 5%',
    'Participation has grown; a slightly higher quorum keeps decisions representative.',
  );
  // Queued last, so that it still waits for the timelock's delay when the seed ends.
  await as('Alice').write('queue the award', { ...governor, functionName: 'queue', args: byHash(proposals.get('queued')!), gas: COMMONS_GAS });
  await settleAll();
}

/**
 * The failing L1 actions' bus messages (the seed's 'l1-expired' and 'l1-cancelled', executed on L2 just
 * before): the committee (the relayer, in-process) delivers them and the L1 call reverts, so the L1 inbox
 * records them Failed (docs/MECHANISMS.md §5). Governance cancels the second (during the seed the L1 executor's bootstrap,
 * the deployer, stands in for a governance message; `handover` renounces it), and L1 time moves past the
 * first's retry window (10 minutes locally), so it has expired. Both can never execute.
 */
async function failL1Messages(deployment: Deployment, l2: Sender, l1: Sender): Promise<void> {
  const relayer = new Relayer({ deployment, keys: localCommitteeKeys(), confirmations: { l1: 0, l2: 0 }, log: () => {} });
  await relayer.drain();
  const timelock = deployment.l2.contracts.Timelock.address.toLowerCase();
  const sent = await l2.public.getContractEvents({
    address: deployment.l2.contracts.MessageOutbox.address,
    abi: messageOutboxAbi,
    eventName: 'MessageSent',
    fromBlock: 0n,
    strict: true,
  });
  // The timelock's only bus messages so far: the two failing actions, in the order they were executed.
  const governance = sent.filter((e) => e.args.sender.toLowerCase() === timelock);
  if (governance.length !== 2) throw new Error(`seed: expected the two failing L1 actions' bus messages, found ${governance.length}`);
  const [expiring, cancelled] = governance.map((e) => e.args.messageHash);
  const inbox = { address: deployment.l1.contracts.MessageInbox.address, abi: messageInboxAbi } as const;
  for (const hash of [expiring, cancelled]) {
    const status = MESSAGE_STATUSES[await l1.public.readContract({ ...inbox, functionName: 'messageStatus', args: [hash] })];
    if (status !== 'failed') throw new Error(`seed: the failing L1 action ${hash} should have failed on L1 (status ${status})`);
  }
  await l1.write('cancel the failed L1 action (executor bootstrap)', {
    address: deployment.l1.contracts.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'execute',
    args: [inbox.address, 0n, encodeFunctionData({ abi: messageInboxAbi, functionName: 'cancel', args: [cancelled] })],
  });
  await l1.settle();
  const deadline = await l1.public.readContract({ ...inbox, functionName: 'retryDeadline', args: [expiring] });
  const l1Client = createTestClient({ mode: 'anvil', transport: http(deployment.l1.rpcUrl) });
  await mineAt(l1Client, async () => (await l1.public.getBlock()).timestamp, deadline + 1n);
}

/**
 * Mines a block at `timestamp` (or, if the chain is past it, the next second). The local stack seeds
 * with each block a second after the last (scripts/lib/stack.ts), under which `evm_increaseTime` has
 * no effect: the next block's time is set instead.
 */
async function mineAt(client: TestClient, now: () => Promise<bigint>, timestamp: bigint): Promise<void> {
  if (timestamp > (await now())) await client.setNextBlockTimestamp({ timestamp });
  await client.mine({ blocks: 1 });
}
/** The seeded sequencer whose downtime is upheld (Ember Validators: no e2e flow delegates to it). */
const OFFENDER = 5n;
/** Rotations the seed waits at most for the offender to be drawn (about one in ten epochs is its). */
const MAX_ROTATIONS_FOR_OFFENDER = 60;

/**
 * Accountability (docs/MECHANISMS.md §4.5): Ember Validators' epoch mined with no heartbeat is challenged for
 * downtime by Heidi and upheld by the chain (the keeper resolves it; the bus slashes 1% of its pool, its
 * delegators included, and jails it); Ivan's invalid-blocks challenge is rejected by the Eco Nodes (the
 * bond goes to the treasury); Judy's censorship challenge is left open with one node's vote (the keeper
 * settles it at its deadline, two minutes after the seed).
 */
async function seedAccountability(deployment: Deployment): Promise<void> {
  const relayer = new Relayer({ deployment, keys: localCommitteeKeys(), confirmations: { l1: 0, l2: 0 }, log: () => {} });
  const client = createTestClient({ mode: 'anvil', transport: http(deployment.l2.rpcUrl) });
  const set = contractOf(deployment, 'l2', 'SequencerSet');
  const challenges = contractOf(deployment, 'l2', 'SequencerChallenges');
  const council = contractOf(deployment, 'l2', 'EcoNodeCouncil');
  const tokens = metisTokens(deployment);
  const l2 = (who: Who) => new Sender(toViemChain(deployment.l2), signerOf(who));
  const read = l2('Heidi').public;
  const epochLength = Number(await relayer.epochLength());
  const currentEpoch = () => read.readContract({ ...set, functionName: 'currentEpoch' });

  await relayer.drain();
  let [epoch, info] = await currentEpoch();
  for (let i = 0; info.sequencerId !== OFFENDER && i < MAX_ROTATIONS_FOR_OFFENDER; i++) {
    await client.mine({ blocks: epochLength });
    await relayer.drain();
    [epoch, info] = await currentEpoch();
  }
  // Its epoch's blocks are mined with anvil's coinbase and no heartbeat: the chain shows it produced none.
  const downEpoch = epoch;
  await client.mine({ blocks: epochLength });
  await relayer.drain();
  const file = async (who: Who, target: bigint, kind: number, evidence: string) => {
    const s = l2(who);
    await s.write(`${who}: approve the challenge bond`, { ...tokens.l2, functionName: 'approve', args: [challenges.address, maxUint256] });
    await s.settle();
    await s.write(`${who}: challenge epoch ${target}`, { ...challenges, functionName: 'challenge', args: [target, kind, evidence], gas: COMMONS_GAS });
    await s.settle();
    return (await read.readContract({ ...challenges, functionName: 'challengeCount' })) - 1n;
  };
  await file('Heidi', downEpoch, kindValue('downtime'), 'https://status.example/ember-validators/outage');
  await relayer.drain(); // the keeper resolves it; the slash goes to L1 and the jail comes back

  // The Eco Nodes, by their voters (a demo account for itself, or a group's steward).
  const nodes = await read.readContract({ ...council, functionName: 'nodes' });
  const voters = await Promise.all(nodes.map((node) => read.readContract({ ...council, functionName: 'voterOf', args: [node] })));
  const whoIs = (address: string): Who | undefined =>
    [...DEMO_NAMES, ...Array.from({ length: 40 }, (_, i) => i + 14)].find((w) => signerOf(w).address.toLowerCase() === address.toLowerCase());
  const seats = nodes.flatMap((node, i) => {
    const who = whoIs(voters[i]);
    return who === undefined ? [] : [{ node, who }];
  });

  [epoch] = await currentEpoch();
  const rejected = await file('Ivan', epoch, kindValue('invalid-blocks'), 'https://forum.example/t/invalid-state-root');
  for (const { node, who } of seats) {
    const outcome = CHALLENGE_STATUSES[await read.readContract({ ...challenges, functionName: 'outcome', args: [rejected] })];
    if (outcome === 'rejected') break;
    const s = l2(who);
    await s.write(`${who}: reject challenge #${rejected}`, {
      ...challenges,
      functionName: 'vote',
      args: [node, rejected, false, 'The state root in the evidence matches the canonical chain; nothing invalid.'],
      gas: COMMONS_GAS,
    });
    await s.settle();
  }
  await relayer.drain();

  [epoch] = await currentEpoch(); // the rejection took blocks: the epoch before may have left its window
  const open = await file('Judy', epoch, kindValue('censorship'), 'https://forum.example/t/delayed-withdrawals');
  const last = seats[seats.length - 1];
  if (last) {
    const s = l2(last.who);
    await s.write(`${last.who}: vote on challenge #${open}`, {
      ...challenges,
      functionName: 'vote',
      args: [last.node, open, false, 'The delays match the L1 congestion that day; no sign of censorship yet.'],
      gas: COMMONS_GAS,
    });
    await s.settle();
  }
  const status = CHALLENGE_STATUSES[await read.readContract({ ...challenges, functionName: 'outcome', args: [open] })];
  if (status !== 'open') throw new Error(`seed: challenge #${open} should stay open (outcome ${status})`);
}
