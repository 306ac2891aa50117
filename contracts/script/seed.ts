import { createTestClient, http, maxUint256, parseEther } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { l2MetisAbi, sequencerStakingAbi } from '../../lib/contracts/abis';
import { metisTokens } from '../../lib/contracts/tokens';
import { encodeSequencerMetadata } from '../../lib/sequencers';
import type { DemoAccount, Deployment } from '../../lib/deployment/types';
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
  { demoIndex: 0, selfLock: '100000', commissionBps: 500, name: 'Aurora Nodes', website: 'https://aurora.example', description: 'Bare-metal sequencer in Frankfurt with a hot standby.' },
  { demoIndex: 1, selfLock: '80000', commissionBps: 1000, name: 'Basalt Staking', website: 'https://basalt.example', description: 'Community-run operator since the first Metis testnet.' },
  { demoIndex: 2, selfLock: '60000', commissionBps: 800, name: 'Cobalt Labs', website: 'https://cobalt.example', description: 'Research team running sequencers on three continents.' },
  { demoIndex: 3, selfLock: '40000', commissionBps: 1500, name: 'Driftwood', website: 'https://driftwood.example', description: 'A small independent operator; low latency, high uptime.' },
  { demoIndex: 4, selfLock: '25000', commissionBps: 300, name: 'Ember Validators', website: 'https://ember.example', description: 'Low-commission operator for long-term delegators.' },
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
  await seedStaking(deployment, l1);
  return accounts;
}

/**
 * Five sequencers, about twenty delegators, some unbonding entries, the stakes carried to L2 by the
 * relayer (run in-process here), and a few rotated epochs (L2 blocks mined ahead to each boundary).
 */
async function seedStaking(deployment: Deployment, l1: Sender): Promise<void> {
  const tokens = metisTokens(deployment);
  const staking = { address: deployment.l1.contracts.SequencerStaking.address, abi: sequencerStakingAbi } as const;
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
    await relayer.tick();
  }
}
