import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { type Address, getAddress, type PublicClient, parseAbi, parseAbiItem, toFunctionSelector, zeroAddress } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { ecoNodeCouncilAbi, governanceExecutorAbi, messageInboxAbi, messageOutboxAbi, timelockControllerAbi } from '../lib/contracts/abis';
import { CONTRACTS, contractOf } from '../lib/contracts/descriptors';
import type { ChainKey } from '../lib/deployment/types';
import { chainClient, type TestStack, useStack } from './harness/stack';

/**
 * docs/MECHANISMS.md §3.3: after the deploy (and the demo seed) no externally owned account holds an admin
 * role on either chain. Every contract of the deployment is probed for `owner()` / `pendingOwner()`,
 * every AccessControl role is rebuilt from its RoleGranted / RoleRevoked events, and each holder must
 * be a contract (the L2 timelock on L2, the GovernanceExecutor on L1). The one deliberate exception is
 * the local test L2Metis's immutable `bridge` (the deployer, standing in for the native bridge: a
 * mint/burn role, not an admin one).
 */
let stack: TestStack;
before(async () => {
  stack = await useStack();
});

const OWNABLE = parseAbi(['function owner() view returns (address)', 'function pendingOwner() view returns (address)']);
const ROLE_GRANTED = parseAbiItem('event RoleGranted(bytes32 indexed role, address indexed account, address indexed sender)');
const ROLE_REVOKED = parseAbiItem('event RoleRevoked(bytes32 indexed role, address indexed account, address indexed sender)');

/** Anvil dev accounts the local stack uses: deployer 0, demo 1..10, committee 11..13, seeded 14..29, traffic 49. */
const EOAS = [...Array.from({ length: 30 }, (_, i) => i), 49].map((i) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i }).address);

async function read<T>(client: PublicClient, address: Address, functionName: 'owner' | 'pendingOwner'): Promise<T | undefined> {
  try {
    return (await client.readContract({ address, abi: OWNABLE, functionName })) as T;
  } catch {
    return undefined; // not (two-step) Ownable
  }
}

async function isContract(client: PublicClient, address: Address): Promise<boolean> {
  const code = await client.getCode({ address });
  return !!code && code !== '0x';
}

/** Current holders of every role of `address`, from its events. */
async function roleHolders(client: PublicClient, address: Address, fromBlock: bigint): Promise<Map<string, Set<Address>>> {
  const logs = await client.getLogs({ address, events: [ROLE_GRANTED, ROLE_REVOKED], fromBlock, toBlock: 'latest' });
  const holders = new Map<string, Set<Address>>();
  for (const log of logs) {
    const { role, account } = log.args as { role: string; account: Address };
    const set = holders.get(role) ?? new Set<Address>();
    holders.set(role, set);
    if (log.eventName === 'RoleGranted') set.add(account);
    else set.delete(account);
  }
  return holders;
}

describe('roles after the deploy', () => {
  test('every owner and pending owner on both chains is a contract, the timelock (L2) or the executor (L1)', async () => {
    const expected: Record<ChainKey, Address> = {
      l1: getAddress(stack.deployment.l1.contracts.GovernanceExecutor.address),
      l2: getAddress(stack.deployment.l2.contracts.Timelock.address),
    };
    let owned = 0;
    for (const chain of ['l1', 'l2'] as const) {
      const client = chainClient(stack, chain);
      for (const [name, c] of Object.entries(stack.deployment[chain].contracts)) {
        const owner = await read<Address>(client, c.address, 'owner');
        if (owner === undefined) continue;
        owned++;
        assert.ok(await isContract(client, owner), `${chain} ${name}: owner ${owner} is a contract`);
        assert.equal(owner, expected[chain], `${chain} ${name} is owned by ${chain === 'l1' ? 'the executor' : 'the timelock'}`);
        const pending = await read<Address>(client, c.address, 'pendingOwner');
        if (pending !== undefined) assert.equal(pending, zeroAddress, `${chain} ${name}: no pending owner`);
      }
    }
    // L1: inbox, outbox, staking, rewards distributor; L2: inbox, outbox, sequencer set, registry, Eco Node council.
    assert.ok(owned >= 9, `found ${owned} owned contracts`);
    assert.ok(stack.deployment.l2.contracts.EcoNodeCouncil, 'the Eco Node council is in the deployment (and so was checked above)');
  });

  test('the L2 timelock administers itself; only the governor proposes and executes; no EOA holds a role', async () => {
    const client = chainClient(stack, 'l2');
    const c = stack.deployment.l2.contracts;
    const timelock = { address: getAddress(c.Timelock.address), abi: timelockControllerAbi } as const;
    const [ADMIN, PROPOSER, CANCELLER, EXECUTOR] = await Promise.all(
      (['DEFAULT_ADMIN_ROLE', 'PROPOSER_ROLE', 'CANCELLER_ROLE', 'EXECUTOR_ROLE'] as const).map((fn) => client.readContract({ ...timelock, functionName: fn })),
    );
    const holders = await roleHolders(client, timelock.address, BigInt(c.Timelock.startBlock));
    const governor = getAddress(c.CommonsGovernor.address);
    assert.deepEqual([...(holders.get(ADMIN) ?? [])], [timelock.address], 'admin: the timelock itself');
    assert.deepEqual([...(holders.get(PROPOSER) ?? [])], [governor], 'proposer: the governor alone');
    const council = getAddress(c.EcoNodeCouncil.address);
    assert.deepEqual([...(holders.get(CANCELLER) ?? [])].sort(), [governor, council].sort(), 'cancellers: the governor and the Eco Node council');
    // Only the governor executes (docs/MECHANISMS.md §4.3): a direct timelock.execute would skip ProposalExecuted.
    assert.deepEqual([...(holders.get(EXECUTOR) ?? [])], [governor], 'executor: the governor alone');
    for (const [role, set] of holders) {
      for (const account of set) {
        if (account === zeroAddress) continue;
        assert.ok(await isContract(client, account), `role ${role} holder ${account} is a contract`);
      }
    }
    for (const eoa of EOAS) {
      for (const role of [ADMIN, PROPOSER, CANCELLER]) {
        assert.equal(await client.readContract({ ...timelock, functionName: 'hasRole', args: [role, eoa] }), false, `${eoa} holds no timelock role`);
      }
    }
    assert.ok((await client.readContract({ ...timelock, functionName: 'getMinDelay' })) > 0n, 'the timelock has a delay');
    const eco = { address: governor, abi: CONTRACTS.l2.CommonsGovernor } as const;
    assert.equal(await client.readContract({ ...eco, functionName: 'timelock' }), timelock.address, "the governor's executor is the timelock");
    const gate = await client.readContract({ ...eco, functionName: 'ratificationGate' });
    assert.equal(gate, council, 'the ratification gate is the Eco Node council');
    const cancelAllowed = await client.readContract({
      address: council,
      abi: ecoNodeCouncilAbi,
      functionName: 'isActionAllowed',
      args: [timelock.address, toFunctionSelector('cancel(bytes32)')],
    });
    assert.ok(cancelAllowed, "the council's decisive actions include cancelling a queued proposal in the timelock");
  });

  test('the L1 executor obeys only the L2 timelock: bootstrap renounced', async () => {
    const client = chainClient(stack, 'l1');
    const executor = contractOf(stack.deployment, 'l1', 'GovernanceExecutor');
    assert.equal(await client.readContract({ ...executor, functionName: 'bootstrap' }), zeroAddress);
    assert.equal(await client.readContract({ ...executor, functionName: 'governance' }), getAddress(stack.deployment.l2.contracts.Timelock.address));
  });

  test('the accountability path: the L1 executor slashes and jails only for the challenge contract; the council alone may pause the L2 inbox', async () => {
    const c = { l1: stack.deployment.l1.contracts, l2: stack.deployment.l2.contracts };
    const l1 = chainClient(stack, 'l1');
    const l2 = chainClient(stack, 'l2');
    const executor = { address: c.l1.GovernanceExecutor.address, abi: governanceExecutorAbi } as const;
    assert.equal(await l1.readContract({ ...executor, functionName: 'enforcer' }), getAddress(c.l2.SequencerChallenges.address));
    assert.equal(await l1.readContract({ ...executor, functionName: 'staking' }), getAddress(c.l1.SequencerStaking.address));
    const pauser = await l2.readContract({ address: c.l2.MessageInbox.address, abi: messageInboxAbi, functionName: 'pauser' });
    assert.equal(pauser, getAddress(c.l2.EcoNodeCouncil.address));
  });

  test('each outbox allow-lists exactly the contracts that send (docs/MECHANISMS.md §5), none an EOA', async () => {
    const c = { l1: stack.deployment.l1.contracts, l2: stack.deployment.l2.contracts };
    const expected: Record<ChainKey, Address[]> = {
      l1: [c.l1.SequencerStaking.address, c.l1.RandomnessBeacon.address],
      l2: [c.l2.SequencerSet.address, c.l2.Timelock.address, c.l2.SequencerChallenges.address],
    };
    for (const chain of ['l1', 'l2'] as const) {
      const client = chainClient(stack, chain);
      const outbox = c[chain].MessageOutbox;
      const logs = await client.getContractEvents({
        address: outbox.address,
        abi: messageOutboxAbi,
        eventName: 'SenderAllowed',
        fromBlock: BigInt(outbox.startBlock),
        strict: true,
      });
      const allowed = new Set<Address>();
      for (const { args } of logs) {
        if (args.allowed) allowed.add(getAddress(args.sender));
        else allowed.delete(getAddress(args.sender));
      }
      assert.deepEqual([...allowed].sort(), expected[chain].map((a) => getAddress(a)).sort(), `${chain} outbox senders`);
      for (const eoa of EOAS) {
        const ok = await client.readContract({ address: outbox.address, abi: messageOutboxAbi, functionName: 'isSenderAllowed', args: [eoa] });
        assert.equal(ok, false, `${chain}: ${eoa} may not send`);
      }
      const cap = await client.readContract({ address: outbox.address, abi: messageOutboxAbi, functionName: 'maxGasLimit' });
      assert.ok(cap <= 2_000_000n, `${chain}: the gas cap is ${cap}`);
    }
  });

  test('the only role an EOA keeps is the local test L2Metis bridge (mint/burn, immutable)', async () => {
    const client = chainClient(stack, 'l2');
    const bridge = await client.readContract({
      address: stack.deployment.l2.contracts.L2Metis.address,
      abi: parseAbi(['function bridge() view returns (address)']),
      functionName: 'bridge',
    });
    assert.equal(bridge, EOAS[0], 'locally the deployer stands in for the native bridge');
  });
});
