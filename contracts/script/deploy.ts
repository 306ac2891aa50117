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
 * anvil dev accounts 11..13, 2 of 3), TREASURY_ADDRESS (receives slashed METIS; locally the deployer
 * if unset). Off the local network the deploy refuses to run without L1_METIS_ADDRESS, L2_METIS_ADDRESS
 * and a TREASURY_ADDRESS that is not the deployer (docs/MECHANISMS.md §3.3; see deploy-config.ts).
 *
 * Rotation (docs/MECHANISMS.md §4.5): the L1 RandomnessBeacon answers the SequencerSet's beacon requests through the
 * bus; the set's rotation grace period comes from stakingProfile and the committee members (whose
 * relayers are the keepers) may rotate during it.
 *
 * Rewards: FeeVault (L2) and RewardsDistributor (L1; staking's reward distributor, owned by the
 * executor); locally the deployer funds its mining reserve and revenue escrow (see rewardsProfile).
 *
 * Bus (docs/MECHANISMS.md §5): each outbox sends only for the contracts allow-listed in `allowBusSenders` (L1: staking;
 * L2: the sequencer set, the timelock and the Eco Node council) with a gas limit capped by `busProfile`;
 * the outboxes and inboxes end owned by governance like every other contract.
 *
 * Governance (docs/MECHANISMS.md §3.3, §4.3): the governor (EcoGovernor, under the deployment key `CommonsGovernor`)
 * proposes to the L2 timelock (`Timelock`, an OpenZeppelin TimelockController), which owns every L2
 * contract's parameters; the L1 GovernanceExecutor obeys bus messages from that timelock and owns every
 * L1 contract's parameters. The Eco Node council (`EcoNodeCouncil`, docs/MECHANISMS.md §4.4) is the governor's ratification
 * gate and a canceller of the timelock (its decisive action "cancel a queued proposal"). The deployer's
 * temporary powers (the executor's bootstrap, the timelock's admin during wiring, the council's ownership
 * during the seed, which admits the first Eco Nodes) all end in `handover`, the last step:
 * afterwards no externally owned account holds an admin role on either chain (e2e/roles.test.ts checks
 * it). One role stays with the deployer locally: it is the test L2Metis's `bridge` (immutable; a
 * mint/burn role standing in for the native bridge, not an admin role; the traffic generator and the
 * e2e tests mint with it). Off the local network L2_METIS_ADDRESS points at the canonical token.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  type Abi,
  type AbiFunction,
  type Address,
  encodeFunctionData,
  getAbiItem,
  getContractAddress,
  type Hex,
  isAddress,
  keccak256,
  toFunctionSelector,
  toHex,
  zeroHash,
} from 'viem';
import { mnemonicToAccount, privateKeyToAccount } from 'viem/accounts';
import {
  commonsRegistryAbi,
  ecoGovernorAbi,
  ecoNodeCouncilAbi,
  ecoNodePromotionAbi,
  feeVaultAbi,
  governanceExecutorAbi,
  l2MetisAbi,
  messageInboxAbi,
  messageOutboxAbi,
  metisTokenAbi,
  profileRegistryAbi,
  randomnessBeaconAbi,
  rewardsDistributorAbi,
  sequencerChallengesAbi,
  sequencerSetAbi,
  sequencerStakingAbi,
  timelockControllerAbi,
  veMetisAbi,
} from '../../lib/contracts/abis';
import { toViemChain } from '../../lib/deployment/chains';
import type { ChainDeployment, Committee, ContractDeployment, Deployment } from '../../lib/deployment/types';
import { resolveDeployConfig } from './deploy-config';
import { bytecode } from './lib/artifacts';
import { councilProfile } from './lib/council-params';
import { Sender } from './lib/sender';
import {
  ANVIL_MNEMONIC,
  busProfile,
  challengesProfile,
  commonsProfile,
  governanceProfile,
  LOCAL_COMMITTEE,
  NETWORKS,
  rewardsProfile,
  stakingProfile,
} from './networks';
import { DEMO_NAMES, demoSigner, OPERATORS, SPARE_OPERATOR_DEMO_INDEX, seedDemo } from './seed';

export interface DeployOptions {
  network: string;
  l1RpcUrl: string;
  l2RpcUrl: string;
  apiUrl: string;
  /** The notifier's base URL, when one runs beside the API (docs/ARCHITECTURE.md, "Notifier"). */
  notifierUrl?: string;
  /** The relay endpoint the app posts signed votes to (relayer/relay.ts). */
  relayUrl?: string;
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
  // Before anything is sent: off local, canonical METIS on both chains and a treasury that is not the deployer.
  const config = resolveDeployConfig(opts.network, account.address, process.env);

  // Each chain's contracts are filled in below as they are deployed; the file is written once all are.
  const l1Chain: ChainDeployment<'l1'> = { ...preset.l1, rpcUrl: opts.l1RpcUrl, contracts: {} as ChainDeployment<'l1'>['contracts'] };
  const l2Chain: ChainDeployment<'l2'> = { ...preset.l2, rpcUrl: opts.l2RpcUrl, contracts: {} as ChainDeployment<'l2'>['contracts'] };
  const l1 = new Sender(toViemChain(l1Chain), account);
  const l2 = new Sender(toViemChain(l2Chain), account);
  for (const [side, sender, expected] of [
    ['L1', l1, l1Chain.chainId],
    ['L2', l2, l2Chain.chainId],
  ] as const) {
    const actual = await sender.public.getChainId();
    if (actual !== expected) throw new Error(`${side} RPC answers chain id ${actual}, expected ${expected}`);
  }

  // L1: METIS (canonical token where it exists; a capped test token minted to the deployer else).
  l1Chain.contracts.MetisToken = await existingOrDeploy(l1, config.l1Metis, () =>
    l1.deploy('MetisToken', metisTokenAbi, bytecode('MetisToken'), [account.address]),
  );
  // L2: METIS ERC-20. Locally (only) a test token whose bridge is the deployer.
  l2Chain.contracts.L2Metis = await existingOrDeploy(l2, config.l2Metis, () => l2.deploy('L2Metis', l2MetisAbi, bytecode('L2Metis'), [account.address]));

  const committee = committeeFor(local);
  const bus = await deployBus(l1, l2, committee, account.address, busProfile(local));
  Object.assign(l1Chain.contracts, bus.l1);
  Object.assign(l2Chain.contracts, bus.l2);
  const profile = stakingProfile(local);
  const l1c = l1Chain.contracts;
  const l2c = l2Chain.contracts;
  l2c.SequencerSet = await l2.deploy('SequencerSet', sequencerSetAbi, bytecode('SequencerSet'), [
    l2c.MessageInbox.address,
    ZERO,
    account.address,
    profile.epochLength,
  ]);
  // SequencerStaking links its slash ledger (a library of its own, to keep it under the size limit)
  l1c.SlashLedger = await l1.deploy('SlashLedger', [], bytecode('SlashLedger'));
  const stakingCode = bytecode('SequencerStaking', { SlashLedger: l1c.SlashLedger.address });
  l1c.SequencerStaking = await l1.deploy('SequencerStaking', sequencerStakingAbi, stakingCode, [
    l1c.MetisToken.address,
    l1c.MessageOutbox.address,
    l1c.GovernanceExecutor.address,
    config.treasury,
    l2c.SequencerSet.address,
    profile.staking,
  ]);
  await l2.write('SequencerSet.setL1Staking', {
    address: l2c.SequencerSet.address,
    abi: sequencerSetAbi,
    functionName: 'setL1Staking',
    args: [l1c.SequencerStaking.address],
  });
  await deployRotation(l1, l2, l1c, l2c, committee, profile.rotationGracePeriod);
  await deployRewards(l1, l2, l1c, l2c, rewardsProfile(local), local && !config.l1Metis);
  const commons = await deployCommons(l2, l2c.L2Metis.address, account.address, commonsProfile(local), councilProfile(local));
  Object.assign(l2c, commons.contracts);
  await deployChallenges(l1, l2, l1c, l2c, challengesProfile(local));
  l2c.ProfileRegistry = await deployProfiles(l2, l1c, l2c, local);
  await allowBusSenders(l1, l2, l1c, l2c);
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
  const deferred = await wireGovernance(l1, l2, l1c, l2c, governanceProfile(local), commons.cancellers, commons.acceptLater);

  const deployment: Deployment = {
    network: opts.network,
    l1: l1Chain,
    l2: l2Chain,
    apiUrl: opts.apiUrl,
    ...(opts.notifierUrl ? { notifierUrl: opts.notifierUrl } : {}),
    ...(opts.relayUrl ? { relayUrl: opts.relayUrl } : {}),
    committee,
  };
  if (opts.seed) {
    if (!local) throw new Error('--seed only makes sense on the local network');
    deployment.demoAccounts = await seedDemo(deployment, l1, l2);
  }
  await handover(l1, l2, l1c, l2c, deferred);
  mkdirSync(path.dirname(opts.out), { recursive: true });
  writeFileSync(opts.out, JSON.stringify(deployment, null, 2) + '\n');
  return deployment;
}

const ZERO = '0x0000000000000000000000000000000000000000';

/**
 * Rotation randomness and timing (docs/MECHANISMS.md §4.5): the L1 RandomnessBeacon (no owner; bound to the L1 inbox,
 * the L1 outbox and the set) and the set's beacon route, grace period and keepers (the committee
 * members: their relayers rotate and carry the beacon). The set's parameters pass to the timelock with
 * its ownership in `wireGovernance`.
 */
async function deployRotation(
  l1: Sender,
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  committee: Committee,
  gracePeriod: bigint,
): Promise<void> {
  l1c.RandomnessBeacon = await l1.deploy('RandomnessBeacon', randomnessBeaconAbi, bytecode('RandomnessBeacon'), [
    l1c.MessageInbox.address,
    l1c.MessageOutbox.address,
    l2c.SequencerSet.address,
  ]);
  // The beacon answers through the L1 outbox and the set asks through the L2 outbox: both are
  // allow-listed senders (allowBusSenders).
  const set = { address: l2c.SequencerSet.address, abi: sequencerSetAbi } as const;
  await l2.write('SequencerSet.setRandomnessBeacon', {
    ...set,
    functionName: 'setRandomnessBeacon',
    args: [l2c.MessageOutbox.address, l1c.RandomnessBeacon.address],
  });
  await l2.write('SequencerSet.setRotationGracePeriod', { ...set, functionName: 'setRotationGracePeriod', args: [gracePeriod] });
  for (const member of committee.members) {
    await l2.write(`SequencerSet.setRotationKeeper ${member}`, { ...set, functionName: 'setRotationKeeper', args: [member, true] });
  }
  await Promise.all([l1.settle(), l2.settle()]);
}

/**
 * Challenges and the accountability path (docs/MECHANISMS.md §4.4, §4.5): the L2 SequencerChallenges
 * (forfeited bonds go to the timelock, the L2 treasury), the set's reports held for its window, the
 * L1 executor told to obey it for `slash` and `jail` only, and the council's decisive actions on it and
 * on the L2 inbox (the bridge's stand-in: paused, messages wait). Its parameters pass to the timelock
 * in `wireGovernance`.
 */
async function deployChallenges(
  l1: Sender,
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  p: ReturnType<typeof challengesProfile>,
): Promise<void> {
  l2c.SequencerChallenges = await l2.deploy('SequencerChallenges', sequencerChallengesAbi, bytecode('SequencerChallenges'), [
    l2c.L2Metis.address,
    l2c.SequencerSet.address,
    l2c.EcoNodeCouncil.address,
    l2c.MessageOutbox.address,
    l1c.GovernanceExecutor.address,
    l2c.Timelock.address,
    l2.address,
    p,
  ]);
  const challenges = l2c.SequencerChallenges.address;
  await l2.write('SequencerSet.setChallenges', { address: l2c.SequencerSet.address, abi: sequencerSetAbi, functionName: 'setChallenges', args: [challenges] });
  await l2.write('L2 MessageInbox.setPauser(council)', {
    address: l2c.MessageInbox.address,
    abi: messageInboxAbi,
    functionName: 'setPauser',
    args: [l2c.EcoNodeCouncil.address],
  });
  await l1.write('executor.setEnforcer(challenges, staking)', {
    address: l1c.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'setEnforcer',
    args: [challenges, l1c.SequencerStaking.address],
  });
  const decisive = [
    [challenges, sequencerChallengesAbi, 'councilJail'],
    [challenges, sequencerChallengesAbi, 'councilSlash'],
    [l2c.MessageInbox.address, messageInboxAbi, 'pause'],
    [l2c.MessageInbox.address, messageInboxAbi, 'unpause'],
  ] as const;
  for (const [target, abi, name] of decisive) {
    await l2.write(`council: allow the decisive action ${name}`, {
      address: l2c.EcoNodeCouncil.address,
      abi: ecoNodeCouncilAbi,
      functionName: 'setActionAllowed',
      args: [target, toFunctionSelector(getAbiItem({ abi: abi as Abi, name }) as AbiFunction), true],
    });
  }
  await Promise.all([l1.settle(), l2.settle()]);
}

/**
 * Profiles (docs/MECHANISMS.md §8): the ProfileRegistry, owned by nobody, with its reserved names fixed
 * here: the deployed contracts' names (L2 first; an L1-only contract keeps its L1 address, so nobody on
 * L2 can call itself "GovernanceExecutor") and, locally, the demo accounts' names (anvil's accounts, seeded
 * or not). Deployed last on L2, once every contract it names has an address.
 */
async function deployProfiles(
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  local: boolean,
): Promise<ContractDeployment> {
  const reserved = new Map<string, Address>();
  for (const contracts of [l2c, l1c]) {
    for (const [name, c] of Object.entries(contracts)) if (!reserved.has(name)) reserved.set(name, c.address);
  }
  if (local) for (const [i, name] of DEMO_NAMES.entries()) reserved.set(name, demoSigner(i).address);
  const registry = await l2.deploy('ProfileRegistry', profileRegistryAbi, bytecode('ProfileRegistry'), [[...reserved.keys()], [...reserved.values()]]);
  await l2.settle();
  return registry;
}

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
 * The Commons on L2: veMETIS, the L2 timelock, the Eco Node council (see `deployCouncil`), the governor
 * (EcoGovernor: Commons vote → ratification by the council → timelock; deployment key `CommonsGovernor`, so
 * that the app and the indexer read it as before) and the group registry (owned by the timelock from the
 * start; it deploys the group implementation itself).
 *
 * The governor takes its gate (the council) at construction, and the council takes the governor and the
 * registry, which takes the governor: so the council is deployed first, at the deployer's nonce n, with
 * the governor's and the registry's addresses predicted at nonces n + 1 and n + 2 (checked once deployed).
 *
 * The timelock starts with no delay and the deployer as its proposer and admin: `wireGovernance` uses
 * that to accept the two-step ownerships, then sets the real delay, makes the governor the only
 * proposer and gives the deployer's roles up.
 */
async function deployCommons(l2: Sender, metis: Address, deployer: Address, p: ReturnType<typeof commonsProfile>, council: ReturnType<typeof councilProfile>) {
  const VeMetis = await l2.deploy('VeMetis', veMetisAbi, bytecode('VeMetis'), [metis, p.minLockDuration, p.maxLockDuration]);
  // The executor is the deployer until `handover`, then the governor alone (see `wireGovernance`).
  const Timelock = await l2.deploy('Timelock', timelockControllerAbi, bytecode('TimelockController'), [0n, [deployer], [deployer], deployer]);
  await l2.settle();
  const nonce = await l2.public.getTransactionCount({ address: deployer, blockTag: 'pending' });
  const at = (offset: number) => getContractAddress({ from: deployer, nonce: BigInt(nonce + offset) });
  // The council takes two transactions (its promotion-criteria module, then the council itself).
  const predicted = { governor: at(2), registry: at(3) };
  const EcoNodeCouncil = await deployCouncil(l2, {
    veMetis: VeMetis.address,
    governor: predicted.governor,
    registry: predicted.registry,
    deployer,
    params: council,
  });
  const CommonsGovernor = await l2.deploy('EcoGovernor', ecoGovernorAbi, bytecode('EcoGovernor'), [
    VeMetis.address,
    Timelock.address,
    EcoNodeCouncil.address,
    p.votingDelay,
    p.votingPeriod,
    p.proposalThreshold,
    p.quorumPercent,
    p.lateQuorumExtension,
    p.ratificationWindow,
    p.overrideCoolOff,
  ]);
  const CommonsRegistry = await l2.deploy('CommonsRegistry', commonsRegistryAbi, bytecode('CommonsRegistry'), [
    VeMetis.address,
    CommonsGovernor.address,
    Timelock.address,
    p.internalVotingWindow,
    p.stewardMotionPeriod,
    p.stewardVotingPeriod,
    p.stewardMotionThresholdBps,
  ]);
  for (const [name, actual, expected] of [
    ['governor', CommonsGovernor.address, predicted.governor],
    ['registry', CommonsRegistry.address, predicted.registry],
  ] as const) {
    if (actual.toLowerCase() !== expected.toLowerCase()) throw new Error(`${name} deployed at ${actual}, the council was given ${expected}`);
  }
  // Decisive actions the council may take (docs/MECHANISMS.md §4.4): cancel a queued proposal in the timelock (the
  // council is granted the timelock's CANCELLER role in `wireGovernance`). Jailing or slashing a sequencer
  // and pausing the bridge are allowed in `deployChallenges`.
  await l2.write('council: allow the decisive action timelock.cancel', {
    address: EcoNodeCouncil.address,
    abi: ecoNodeCouncilAbi,
    functionName: 'setActionAllowed',
    args: [Timelock.address, toFunctionSelector(getAbiItem({ abi: timelockControllerAbi, name: 'cancel' })), true],
  });
  await l2.settle();
  return {
    contracts: { VeMetis, Timelock, CommonsGovernor, CommonsRegistry, EcoNodeCouncil },
    /** Accounts besides the governor that get the timelock's CANCELLER role: the council (decisive action). */
    cancellers: [EcoNodeCouncil.address],
    /** Contracts (two-step Ownable) the deployer keeps through the seed; `handover` has the timelock accept them. */
    acceptLater: [{ label: 'EcoNodeCouncil', address: EcoNodeCouncil.address }],
  };
}

/**
 * The Eco Node council (docs/MECHANISMS.md §4.4), the governor's ratification gate: deployed before the governor and the
 * registry (their addresses as predicted by `deployCommons`), in exactly two transactions from the deployer:
 * the promotion-criteria module (`EcoNodePromotion`, which reads veMETIS, the governor and the registry, and
 * checks the council's parameters), then the council, which is given it (`council.promotion()`).
 * Owned by the deployer while the deploy and the seed admit the first Eco Nodes; `handover` gives it to the
 * timelock (Ownable2Step: the timelock accepts through an operation scheduled in `wireGovernance`).
 */
async function deployCouncil(
  l2: Sender,
  ctx: { veMetis: Address; governor: Address; registry: Address; deployer: Address; params: ReturnType<typeof councilProfile> },
): Promise<ContractDeployment> {
  const promotion = await l2.deploy('EcoNodePromotion', ecoNodePromotionAbi, bytecode('EcoNodePromotion'), [ctx.veMetis, ctx.governor, ctx.registry]);
  return l2.deploy('EcoNodeCouncil', ecoNodeCouncilAbi, bytecode('EcoNodeCouncil'), [
    ctx.veMetis,
    ctx.governor,
    ctx.registry,
    promotion.address,
    ctx.deployer,
    ctx.params,
  ]);
}

/**
 * Wires governance once everything is deployed: the L1 executor obeys the L2 timelock; the L2 contracts
 * that the deployer still owns (two-step: SequencerSet, L2 MessageInbox) are handed to the timelock,
 * which accepts them in one batch operation it schedules and executes with no delay, the same batch
 * raising its delay to the profile's; the governor (and the council) get the timelock's roles and the
 * deployer gives its own up. The executor's bootstrap is kept for the seed and renounced in `handover`.
 *
 * Executors (docs/MECHANISMS.md §4.3): the governor is the timelock's only executor, so a ready operation can
 * only run through `governor.execute`, which emits ProposalExecuted (anyone may call it). With the role open
 * to everyone, a direct `timelock.execute` ran the actions while the governor and the indexer kept the
 * proposal Queued. The deployer keeps the role until `handover` has executed the deferred acceptances,
 * then renounces it.
 *
 * Contracts the deployer keeps through the seed (`acceptLater`: the council, which the seed uses to admit
 * Eco Nodes) cannot be accepted by the timelock later without a proposal, so their `acceptOwnership` is
 * scheduled here, while the deployer still proposes and the delay is still 0, as a second operation that
 * `handover` executes (the deployer is still an executor) right after transferring them. Until then it
 * can only revert: the timelock is not their pending owner.
 */
async function wireGovernance(
  l1: Sender,
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  p: ReturnType<typeof governanceProfile>,
  cancellers: Address[],
  acceptLater: { label: string; address: Address }[],
): Promise<DeferredAcceptance> {
  const timelock = { address: l2c.Timelock.address, abi: timelockControllerAbi } as const;
  const deployer = l2.address;
  await l1.write('executor.setGovernance(L2 timelock)', {
    address: l1c.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'setGovernance',
    args: [timelock.address],
  });
  const twoStep = [
    { label: 'SequencerSet', address: l2c.SequencerSet.address },
    { label: 'L2 MessageInbox', address: l2c.MessageInbox.address },
    { label: 'L2 MessageOutbox', address: l2c.MessageOutbox.address },
    { label: 'SequencerChallenges', address: l2c.SequencerChallenges.address },
  ] as const;
  for (const c of twoStep) {
    // (Ownable2Step's functions are the same in every ABI; the SequencerSet's serves both.)
    await l2.write(`${c.label}.transferOwnership(timelock)`, {
      address: c.address,
      abi: sequencerSetAbi,
      functionName: 'transferOwnership',
      args: [timelock.address],
    });
  }
  await l2.settle();
  const calls = [
    ...twoStep.map((c) => ({ target: c.address, data: encodeFunctionData({ abi: sequencerSetAbi, functionName: 'acceptOwnership' }) })),
    { target: timelock.address, data: encodeFunctionData({ abi: timelockControllerAbi, functionName: 'updateDelay', args: [p.timelockMinDelay] }) },
  ];
  const batch = [calls.map((c) => c.target), calls.map(() => 0n), calls.map((c) => c.data), zeroHash, keccak256(toHex('metis-hub: deploy wiring'))] as const;
  await l2.write('timelock: schedule the wiring batch', { ...timelock, functionName: 'scheduleBatch', args: [...batch, 0n] });
  const deferred = deferredAcceptance(acceptLater);
  if (deferred.labels.length) {
    await l2.write('timelock: schedule the acceptances after the seed', { ...timelock, functionName: 'scheduleBatch', args: [...deferred.batch, 0n] });
  }
  await l2.settle();
  await l2.write('timelock: execute the wiring batch', { ...timelock, functionName: 'executeBatch', args: batch });
  await l2.settle();

  const [PROPOSER, CANCELLER, ADMIN, EXECUTOR] = await Promise.all(
    (['PROPOSER_ROLE', 'CANCELLER_ROLE', 'DEFAULT_ADMIN_ROLE', 'EXECUTOR_ROLE'] as const).map((fn) =>
      l2.public.readContract({ ...timelock, functionName: fn }),
    ),
  );
  const governor = l2c.CommonsGovernor.address;
  await l2.write('timelock: governor proposes', { ...timelock, functionName: 'grantRole', args: [PROPOSER, governor] });
  await l2.write('timelock: governor executes', { ...timelock, functionName: 'grantRole', args: [EXECUTOR, governor] });
  for (const c of [governor, ...cancellers]) {
    await l2.write(`timelock: ${c} cancels`, { ...timelock, functionName: 'grantRole', args: [CANCELLER, c] });
  }
  await l2.write('timelock: deployer stops proposing', { ...timelock, functionName: 'revokeRole', args: [PROPOSER, deployer] });
  await l2.write('timelock: deployer stops cancelling', { ...timelock, functionName: 'revokeRole', args: [CANCELLER, deployer] });
  await l2.write('timelock: deployer renounces admin', { ...timelock, functionName: 'renounceRole', args: [ADMIN, deployer] });
  await Promise.all([l1.settle(), l2.settle()]);
  return deferred;
}

/** A timelock batch that accepts the two-step ownership of some contracts, scheduled in `wireGovernance`. */
interface DeferredAcceptance {
  labels: string[];
  batch: readonly [Address[], bigint[], Hex[], Hex, Hex];
}

function deferredAcceptance(contracts: { label: string; address: Address }[]): DeferredAcceptance {
  return {
    labels: contracts.map((c) => c.label),
    batch: [
      contracts.map((c) => c.address),
      contracts.map(() => 0n),
      contracts.map(() => encodeFunctionData({ abi: sequencerSetAbi, functionName: 'acceptOwnership' })),
      zeroHash,
      keccak256(toHex('metis-hub: accept after the seed')),
    ],
  };
}

/**
 * The last step of the deploy (after the seed): the contracts the deployer kept through the seed (the
 * council) go to the timelock, which accepts them by executing the operation `wireGovernance` scheduled,
 * the deployer gives up the timelock's executor role (the governor keeps it alone), and the executor's
 * bootstrap is renounced. Then checks that every owner on both chains is a contract
 * and that no ownership transfer is left pending.
 */
async function handover(
  l1: Sender,
  l2: Sender,
  l1c: Record<string, ContractDeployment>,
  l2c: Record<string, ContractDeployment>,
  deferred: DeferredAcceptance,
): Promise<void> {
  const [targets] = deferred.batch;
  for (const [i, target] of targets.entries()) {
    await l2.write(`${deferred.labels[i]}.transferOwnership(timelock)`, {
      address: target,
      abi: sequencerSetAbi,
      functionName: 'transferOwnership',
      args: [l2c.Timelock.address],
    });
  }
  if (targets.length) {
    await l2.settle();
    await l2.write(`timelock: accept ${deferred.labels.join(', ')}`, {
      address: l2c.Timelock.address,
      abi: timelockControllerAbi,
      functionName: 'executeBatch',
      args: deferred.batch,
    });
  }
  await l2.settle();
  // From now on only the governor executes timelock operations (see `wireGovernance`).
  const EXECUTOR = await l2.public.readContract({ address: l2c.Timelock.address, abi: timelockControllerAbi, functionName: 'EXECUTOR_ROLE' });
  await l2.write('timelock: deployer stops executing', {
    address: l2c.Timelock.address,
    abi: timelockControllerAbi,
    functionName: 'renounceRole',
    args: [EXECUTOR, l2.address],
  });
  await l1.write('executor.renounceBootstrap', {
    address: l1c.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'renounceBootstrap',
  });
  await Promise.all([l1.settle(), l2.settle()]);
  for (const [sender, contracts] of [
    [l1, l1c],
    [l2, l2c],
  ] as const) {
    for (const [name, c] of Object.entries(contracts)) {
      let owner: Address;
      try {
        owner = await sender.public.readContract({ address: c.address, abi: OWNER_ABI, functionName: 'owner' });
      } catch {
        continue; // not Ownable
      }
      const code = await sender.public.getCode({ address: owner });
      if (!code || code === '0x') throw new Error(`handover: ${name} is still owned by ${owner}, which is not a contract`);
      const pending = await sender.public.readContract({ address: c.address, abi: OWNER_ABI, functionName: 'pendingOwner' }).catch(() => ZERO);
      if (pending !== ZERO) throw new Error(`handover: ${name} has a pending owner ${pending}`);
    }
  }
}

const OWNER_ABI = [
  { type: 'function', name: 'owner', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
  { type: 'function', name: 'pendingOwner', stateMutability: 'view', inputs: [], outputs: [{ type: 'address' }] },
] as const;

function committeeFor(local: boolean): Committee {
  if (local) {
    return {
      members: LOCAL_COMMITTEE.accountIndexes.map((i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }).address),
      threshold: LOCAL_COMMITTEE.threshold,
    };
  }
  const members = (process.env.COMMITTEE_MEMBERS ?? '')
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
  const threshold = Number(process.env.COMMITTEE_THRESHOLD);
  if (members.length === 0 || !members.every((a) => isAddress(a)) || !Number.isInteger(threshold)) {
    throw new Error('COMMITTEE_MEMBERS (comma-separated addresses) and COMMITTEE_THRESHOLD are required off the local network');
  }
  return { members: members as Address[], threshold };
}

/**
 * Both routes of the message bus and the L1 governance executor. Each outbox addresses its messages to
 * the inbox on the other chain (bound into every message hash) with the profile's gas cap; each inbox
 * gets the profile's retry window. The L1 inbox is deployed owned by the deployer and handed to the
 * executor (2-step) once the executor exists; the outboxes stay with the deployer until
 * `allowBusSenders` has allow-listed the contracts that send, the L2 inbox until `wireGovernance`.
 */
async function deployBus(l1: Sender, l2: Sender, committee: Committee, deployer: Address, p: ReturnType<typeof busProfile>) {
  const threshold = BigInt(committee.threshold);
  const [l1Outbox, l2Outbox] = await Promise.all([
    l1.deploy('L1 MessageOutbox', messageOutboxAbi, bytecode('MessageOutbox'), [BigInt(l2.chain.id)]),
    l2.deploy('L2 MessageOutbox', messageOutboxAbi, bytecode('MessageOutbox'), [BigInt(l1.chain.id)]),
  ]);
  const [l1Inbox, l2Inbox] = await Promise.all([
    l1.deploy('L1 MessageInbox', messageInboxAbi, bytecode('MessageInbox'), [
      BigInt(l2.chain.id),
      l2Outbox.address,
      deployer,
      committee.members,
      threshold,
      0n,
    ]),
    l2.deploy('L2 MessageInbox', messageInboxAbi, bytecode('MessageInbox'), [
      BigInt(l1.chain.id),
      l1Outbox.address,
      deployer,
      committee.members,
      threshold,
      0n,
    ]),
  ]);
  for (const [side, sender, outbox, inbox] of [
    ['L1', l1, l1Outbox, l2Inbox],
    ['L2', l2, l2Outbox, l1Inbox],
  ] as const) {
    await sender.write(`${side} MessageOutbox.setInbox`, { address: outbox.address, abi: messageOutboxAbi, functionName: 'setInbox', args: [inbox.address] });
    await sender.write(`${side} MessageOutbox.setMaxGasLimit`, {
      address: outbox.address,
      abi: messageOutboxAbi,
      functionName: 'setMaxGasLimit',
      args: [p.maxGasLimit],
    });
  }
  for (const [side, sender, inbox] of [
    ['L1', l1, l1Inbox],
    ['L2', l2, l2Inbox],
  ] as const) {
    await sender.write(`${side} MessageInbox.setRetryWindow`, {
      address: inbox.address,
      abi: messageInboxAbi,
      functionName: 'setRetryWindow',
      args: [p.retryWindow],
    });
  }
  const executor = await l1.deploy('GovernanceExecutor', governanceExecutorAbi, bytecode('GovernanceExecutor'), [l1Inbox.address, ZERO, deployer]);
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

/**
 * docs/MECHANISMS.md §5: only allow-listed senders may use the bus. L1: the staking contract (stake syncs). L2: the
 * sequencer set (epoch reports), the timelock (governance actions for the L1 executor) and the
 * challenge contract (the restricted jail/slash path of upheld challenges and council motions). Then
 * the L1 outbox goes to the executor (accepted through the bootstrap); the L2 outbox is handed to the
 * timelock in `wireGovernance`.
 */
async function allowBusSenders(l1: Sender, l2: Sender, l1c: Record<string, ContractDeployment>, l2c: Record<string, ContractDeployment>): Promise<void> {
  const allow = async (sender: Sender, outbox: Address, label: string, who: Address) =>
    sender.write(`${label}: allow ${who} to send`, { address: outbox, abi: messageOutboxAbi, functionName: 'setSenderAllowed', args: [who, true] });
  for (const name of ['SequencerStaking', 'RandomnessBeacon']) {
    await allow(l1, l1c.MessageOutbox.address, 'L1 MessageOutbox', l1c[name].address);
  }
  for (const name of ['SequencerSet', 'Timelock', 'SequencerChallenges']) {
    await allow(l2, l2c.MessageOutbox.address, 'L2 MessageOutbox', l2c[name].address);
  }
  await l1.write('L1 MessageOutbox.transferOwnership', {
    address: l1c.MessageOutbox.address,
    abi: messageOutboxAbi,
    functionName: 'transferOwnership',
    args: [l1c.GovernanceExecutor.address],
  });
  await l1.settle();
  await l1.write('L1 MessageOutbox.acceptOwnership (executor)', {
    address: l1c.GovernanceExecutor.address,
    abi: governanceExecutorAbi,
    functionName: 'execute',
    args: [l1c.MessageOutbox.address, 0n, encodeFunctionData({ abi: messageOutboxAbi, functionName: 'acceptOwnership' })],
  });
  await Promise.all([l1.settle(), l2.settle()]);
}

async function existingOrDeploy(sender: Sender, address: string | undefined, deployIt: () => Promise<ContractDeployment>): Promise<ContractDeployment> {
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
    notifierUrl: process.env.NOTIFIER_URL,
    relayUrl: process.env.RELAY_URL ?? (network === 'local' ? `http://127.0.0.1:${process.env.RELAYER_PORT ?? 9547}` : undefined),
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
