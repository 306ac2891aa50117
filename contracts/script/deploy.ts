/**
 * Deploys Metis Hub's contracts to both chains of a network and writes deployments/<network>.json.
 * With --seed (local only) it then funds the demo accounts.
 *
 *   tsx contracts/script/deploy.ts --network local [--seed] [--out FILE]
 *
 * Environment: L1_RPC_URL, L2_RPC_URL (defaults: local anvil ports), API_URL (the indexer),
 * DEPLOYER_PRIVATE_KEY (required off local; locally anvil's first dev account),
 * L1_METIS_ADDRESS / L2_METIS_ADDRESS (use the canonical METIS instead of deploying a test token),
 * COMMITTEE_MEMBERS (comma-separated addresses) and COMMITTEE_THRESHOLD (required off local; locally
 * anvil dev accounts 11..13, 2 of 3), TREASURY_ADDRESS (receives slashed METIS; the deployer if unset).
 *
 * Rewards: FeeVault (L2) and RewardsDistributor (L1; staking's reward distributor, owned by the
 * executor); locally the deployer funds its mining reserve and revenue escrow (see rewardsProfile).
 *
 * The deployer keeps two temporary roles until the governance issue wires the L2 timelock: it is the
 * GovernanceExecutor's bootstrap (the executor's only caller, used here to whitelist operators) and
 * the owner of the L2 inbox, SequencerSet and CommonsRegistry. None is renounced yet.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { encodeFunctionData, isAddress, type Address, type Hex } from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import {
  commonsGovernorAbi,
  commonsRegistryAbi,
  feeVaultAbi,
  governanceExecutorAbi,
  l2MetisAbi,
  messageInboxAbi,
  messageOutboxAbi,
  metisTokenAbi,
  rewardsDistributorAbi,
  sequencerSetAbi,
  sequencerStakingAbi,
  veMetisAbi,
} from '../../lib/contracts/abis';
import { toViemChain } from '../../lib/deployment/chains';
import type { ChainDeployment, Committee, ContractDeployment, Deployment } from '../../lib/deployment/types';
import { bytecode } from './lib/artifacts';
import { Sender } from './lib/sender';
import { ANVIL_MNEMONIC, LOCAL_COMMITTEE, NETWORKS, commonsProfile, rewardsProfile, stakingProfile } from './networks';
import { OPERATORS, SPARE_OPERATOR_DEMO_INDEX, demoSigner, seedDemo } from './seed';

export interface DeployOptions {
  network: string;
  l1RpcUrl: string;
  l2RpcUrl: string;
  apiUrl: string;
  out: string;
  seed: boolean;
}

export async function deploy(opts: DeployOptions): Promise<Deployment> {
  const preset = NETWORKS[opts.network];
  if (!preset) throw new Error(`Unknown network "${opts.network}" (known: ${Object.keys(NETWORKS).join(', ')})`);
  const local = opts.network === 'local';
  const key = process.env.DEPLOYER_PRIVATE_KEY as Hex | undefined;
  if (!local && !key) throw new Error('DEPLOYER_PRIVATE_KEY is required to deploy off the local network');
  const account = key ? privateKeyToAccount(key) : mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: 0 });

  const l1Chain: ChainDeployment = { ...preset.l1, rpcUrl: opts.l1RpcUrl, contracts: {} };
  const l2Chain: ChainDeployment = { ...preset.l2, rpcUrl: opts.l2RpcUrl, contracts: {} };
  const l1 = new Sender(toViemChain(l1Chain), account);
  const l2 = new Sender(toViemChain(l2Chain), account);
  for (const [side, sender, expected] of [['L1', l1, l1Chain.chainId], ['L2', l2, l2Chain.chainId]] as const) {
    const actual = await sender.public.getChainId();
    if (actual !== expected) throw new Error(`${side} RPC answers chain id ${actual}, expected ${expected}`);
  }

  // L1: METIS (canonical token where it exists; a capped test token minted to the deployer else).
  l1Chain.contracts.MetisToken = await existingOrDeploy(l1, process.env.L1_METIS_ADDRESS, () =>
    l1.deploy('MetisToken', metisTokenAbi, bytecode('MetisToken'), [account.address]),
  );
  // L2: METIS ERC-20. Until the message bus exists the deployer acts as its bridge.
  l2Chain.contracts.L2Metis = await existingOrDeploy(l2, process.env.L2_METIS_ADDRESS, () =>
    l2.deploy('L2Metis', l2MetisAbi, bytecode('L2Metis'), [account.address]),
  );

  const committee = committeeFor(local);
  const bus = await deployBus(l1, l2, committee, account.address);
  Object.assign(l1Chain.contracts, bus.l1);
  Object.assign(l2Chain.contracts, bus.l2);
  const profile = stakingProfile(local);
  const l1c = l1Chain.contracts;
  const l2c = l2Chain.contracts;
  l2c.SequencerSet = await l2.deploy('SequencerSet', sequencerSetAbi, bytecode('SequencerSet'), [
    l2c.MessageInbox.address, ZERO, account.address, profile.epochLength,
  ]);
  l1c.SequencerStaking = await l1.deploy('SequencerStaking', sequencerStakingAbi, bytecode('SequencerStaking'), [
    l1c.MetisToken.address,
    l1c.MessageOutbox.address,
    l1c.GovernanceExecutor.address,
    (process.env.TREASURY_ADDRESS as Address | undefined) ?? account.address,
    l2c.SequencerSet.address,
    profile.staking,
  ]);
  await l2.write('SequencerSet.setL1Staking', {
    address: l2c.SequencerSet.address,
    abi: sequencerSetAbi,
    functionName: 'setL1Staking',
    args: [l1c.SequencerStaking.address],
  });
  await deployRewards(l1, l2, l1c, l2c, rewardsProfile(local), local && !process.env.L1_METIS_ADDRESS);
  Object.assign(l2c, await deployCommons(l2, l2c.L2Metis.address, account.address, commonsProfile(local)));
  if (local) {
    // Whitelisting is a governance decision; locally the bootstrap takes it for the demo operators
    // and one spare account that has not registered yet.
    await l1.write('whitelist the demo operators', {
      address: l1c.GovernanceExecutor.address,
      abi: governanceExecutorAbi,
      functionName: 'executeBatch',
      args: [
        [...OPERATORS.map((op) => op.demoIndex), SPARE_OPERATOR_DEMO_INDEX].map((index) => ({
          target: l1c.SequencerStaking.address,
          value: 0n,
          data: encodeFunctionData({
            abi: sequencerStakingAbi,
            functionName: 'setWhitelist',
            args: [demoSigner(index).address, true],
          }),
        })),
      ],
    });
  }
  await Promise.all([l1.settle(), l2.settle()]);

  const deployment: Deployment = {
    network: opts.network,
    l1: l1Chain,
    l2: l2Chain,
    apiUrl: opts.apiUrl,
    committee,
  };
  if (opts.seed) {
    if (!local) throw new Error('--seed only makes sense on the local network');
    deployment.demoAccounts = await seedDemo(deployment, l1, l2);
  }
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(deployment, null, 2) + '\n');
  return deployment;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Rewards: the L2 fee vault and the L1 rewards distributor (mining reserve + revenue escrow), the
 * sequencer set's epoch reports wired to it through the L2 outbox, and the distributor made the
 * staking contract's reward distributor through the GovernanceExecutor's bootstrap. With `fund`
 * (local test token only) the deployer funds the mining reserve and the revenue escrow (standing in
 * for the L1 lockbox that the native bridge fills from the fee vault's withdrawals).
 */
async function deployRewards(
  l1: Sender,
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  p: ReturnType<typeof rewardsProfile>,
  fund: boolean,
): Promise<void> {
  l2c.FeeVault = await l2.deploy('FeeVault', feeVaultAbi, bytecode('FeeVault'), [l2c.L2Metis.address, l2c.SequencerSet.address]);
  const now = (await l1.public.getBlock()).timestamp;
  l1c.RewardsDistributor = await l1.deploy('RewardsDistributor', rewardsDistributorAbi, bytecode('RewardsDistributor'), [
    l1c.MetisToken.address,
    l1c.SequencerStaking.address,
    l1c.MessageInbox.address,
    l2c.SequencerSet.address,
    l1c.GovernanceExecutor.address,
    now + p.emissionStartDelay,
    p.yearCeilings as unknown as readonly [bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint, bigint],
    p.rewardPerBlock,
    1n, // the set is new: its first report is epoch 1
  ]);
  await l2.write('SequencerSet.setRewardReporting', {
    address: l2c.SequencerSet.address,
    abi: sequencerSetAbi,
    functionName: 'setRewardReporting',
    args: [l2c.FeeVault.address, l2c.MessageOutbox.address, l1c.RewardsDistributor.address],
  });
  await l1.write('staking.setRewardDistributor (executor bootstrap)', {
    address: l1c.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'executeBatch',
    args: [
      [
        {
          target: l1c.SequencerStaking.address,
          value: 0n,
          data: encodeFunctionData({
            abi: sequencerStakingAbi,
            functionName: 'setRewardDistributor',
            args: [l1c.RewardsDistributor.address],
          }),
        },
      ],
    ],
  });
  if (fund) {
    const distributor = { address: l1c.RewardsDistributor.address, abi: rewardsDistributorAbi } as const;
    await l1.write('approve the rewards distributor', {
      address: l1c.MetisToken.address,
      abi: metisTokenAbi,
      functionName: 'approve',
      args: [distributor.address, p.localMiningFunding + p.localRevenueFunding],
    });
    await l1.settle();
    await l1.write('fund the mining reserve', { ...distributor, functionName: 'fundMining', args: [p.localMiningFunding] });
    await l1.write('fund the revenue escrow', { ...distributor, functionName: 'depositRevenue', args: [p.localRevenueFunding] });
  }
  await Promise.all([l1.settle(), l2.settle()]);
}

/**
 * The Commons on L2: veMETIS, its governor and the group registry (which deploys the group
 * implementation itself). The deployer owns the registry until the governance issue hands it to
 * the timelock.
 */
async function deployCommons(l2: Sender, metis: Address, owner: Address, p: ReturnType<typeof commonsProfile>) {
  const VeMetis = await l2.deploy('VeMetis', veMetisAbi, bytecode('VeMetis'), [metis, p.minLockDuration, p.maxLockDuration]);
  const CommonsGovernor = await l2.deploy('CommonsGovernor', commonsGovernorAbi, bytecode('CommonsGovernor'), [
    VeMetis.address,
    p.votingDelay,
    p.votingPeriod,
    p.proposalThreshold,
    p.quorumPercent,
    p.lateQuorumExtension,
  ]);
  const CommonsRegistry = await l2.deploy('CommonsRegistry', commonsRegistryAbi, bytecode('CommonsRegistry'), [
    VeMetis.address,
    CommonsGovernor.address,
    owner,
    p.internalVotingWindow,
    p.stewardMotionPeriod,
  ]);
  return { VeMetis, CommonsGovernor, CommonsRegistry };
}

function committeeFor(local: boolean): Committee {
  if (local) {
    return {
      members: LOCAL_COMMITTEE.accountIndexes.map((i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }).address),
      threshold: LOCAL_COMMITTEE.threshold,
    };
  }
  const members = (process.env.COMMITTEE_MEMBERS ?? '').split(',').map((a) => a.trim()).filter(Boolean);
  const threshold = Number(process.env.COMMITTEE_THRESHOLD);
  if (members.length === 0 || !members.every((a) => isAddress(a)) || !Number.isInteger(threshold)) {
    throw new Error('COMMITTEE_MEMBERS (comma-separated addresses) and COMMITTEE_THRESHOLD are required off the local network');
  }
  return { members: members as Address[], threshold };
}

/**
 * Both routes of the message bus and the L1 governance executor. The L1 inbox is deployed owned by
 * the deployer and handed to the executor (2-step) once the executor exists.
 */
async function deployBus(l1: Sender, l2: Sender, committee: Committee, deployer: Address) {
  const threshold = BigInt(committee.threshold);
  const [l1Outbox, l2Outbox] = await Promise.all([
    l1.deploy('L1 MessageOutbox', messageOutboxAbi, bytecode('MessageOutbox'), [BigInt(l2.chain.id)]),
    l2.deploy('L2 MessageOutbox', messageOutboxAbi, bytecode('MessageOutbox'), [BigInt(l1.chain.id)]),
  ]);
  const [l1Inbox, l2Inbox] = await Promise.all([
    l1.deploy('L1 MessageInbox', messageInboxAbi, bytecode('MessageInbox'), [
      BigInt(l2.chain.id), l2Outbox.address, deployer, committee.members, threshold,
    ]),
    l2.deploy('L2 MessageInbox', messageInboxAbi, bytecode('MessageInbox'), [
      BigInt(l1.chain.id), l1Outbox.address, deployer, committee.members, threshold,
    ]),
  ]);
  const executor = await l1.deploy('GovernanceExecutor', governanceExecutorAbi, bytecode('GovernanceExecutor'), [
    l1Inbox.address, ZERO, deployer,
  ]);
  await l1.write('L1 MessageInbox.transferOwnership', {
    address: l1Inbox.address,
    abi: messageInboxAbi,
    functionName: 'transferOwnership',
    args: [executor.address],
  });
  await l1.settle();
  await l1.write('L1 MessageInbox.acceptOwnership (executor)', {
    address: executor.address,
    abi: governanceExecutorAbi,
    functionName: 'execute',
    args: [l1Inbox.address, 0n, encodeFunctionData({ abi: messageInboxAbi, functionName: 'acceptOwnership' })],
  });
  return {
    l1: { MessageOutbox: l1Outbox, MessageInbox: l1Inbox, GovernanceExecutor: executor },
    l2: { MessageOutbox: l2Outbox, MessageInbox: l2Inbox },
  };
}

async function existingOrDeploy(
  sender: Sender,
  address: string | undefined,
  deployIt: () => Promise<ContractDeployment>,
): Promise<ContractDeployment> {
  if (!address) return deployIt();
  const code = await sender.public.getCode({ address: address as Address });
  if (!code || code === '0x') throw new Error(`No contract at ${address} on chain ${sender.chain.id}`);
  return { address: address as Address, startBlock: Number(await sender.public.getBlockNumber()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      network: { type: 'string', default: 'local' },
      seed: { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const network = values.network!;
  deploy({
    network,
    l1RpcUrl: process.env.L1_RPC_URL ?? `http://127.0.0.1:${process.env.L1_PORT ?? 8545}`,
    l2RpcUrl: process.env.L2_RPC_URL ?? `http://127.0.0.1:${process.env.L2_PORT ?? 9545}`,
    apiUrl: process.env.API_URL ?? `http://127.0.0.1:${process.env.API_PORT ?? 42069}`,
    out: values.out ?? path.resolve('deployments', `${network}.json`),
    seed: values.seed!,
  }).then(
    (d) => console.log(`Deployed ${d.network}: ${JSON.stringify({ l1: d.l1.contracts, l2: d.l2.contracts })}`),
    (err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    },
  );
}
