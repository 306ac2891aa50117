/**
 * The relayer neither skips nor repeats a message when it is killed (SIGKILL) at random moments and
 * restarted, and keeps the epochs rotating. Real anvil chains with the deployed and seeded contracts.
 *
 *   node --import tsx --test relayer/relayer.test.ts
 */
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, test } from 'node:test';
import { type Address, createTestClient, createWalletClient, decodeFunctionData, encodeFunctionData, http, parseEther, zeroAddress } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { Sender } from '../contracts/script/lib/sender';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { EXTRA_DELEGATOR_INDEXES } from '../contracts/script/seed';
import { chainClient, PORT_OFFSET, TEST_STATE_DIR, type TestStack } from '../e2e/harness/stack';
import { toMessage } from '../lib/bus';
import { governanceExecutorAbi, messageInboxAbi, messageOutboxAbi, metisTokenAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import { type Proc, waitFor } from '../scripts/lib/procs';
import { ROOT, type Stack, spawnRelayer, startStack } from '../scripts/lib/stack';
import { localCommitteeKeys } from './main';

// Its own stack, beside the shared one; E2E_PORT_OFFSET moves it too, so that two test runs do not collide.
const PORTS = { l1: 23545 + PORT_OFFSET, l2: 24545 + PORT_OFFSET, api: 23069 + PORT_OFFSET, web: 23000 + PORT_OFFSET, relayer: 24547 + PORT_OFFSET };
const STATE_DIR = path.join(TEST_STATE_DIR, 'relayer');
const KILLS = 8;

let stack: Stack | undefined;
let relayer: Proc | undefined;
after(async () => {
  if (relayer) await kill(relayer);
  await stack?.stop();
});

async function kill(proc: Proc): Promise<void> {
  try {
    process.kill(-proc.child.pid!, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await proc.exited;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('relayer killed at random moments: every message executes once, in order; stakes match; epochs rotate', { timeout: 420_000 }, async () => {
  stack = await startStack({
    ports: PORTS,
    web: 'none',
    indexer: false,
    blockTime: 1,
    stateDir: STATE_DIR,
    deploymentFile: path.join(STATE_DIR, 'deployment.json'),
  });
  const { deployment } = stack;
  relayer = stack.procs.find((p) => p.name === 'relayer')!;
  const clients = {
    l1: chainClient({ deployment, urls: stack.urls } as TestStack, 'l1'),
    l2: chainClient({ deployment, urls: stack.urls } as TestStack, 'l2'),
  };
  const set = contractOf(deployment, 'l2', 'SequencerSet');
  const firstEpoch = await clients.l2.readContract({ ...set, functionName: 'currentEpochNumber' });

  const staking = contractOf(deployment, 'l1', 'SequencerStaking');
  const delegators = EXTRA_DELEGATOR_INDEXES.map((i) => new Sender(toViemChain(deployment.l1), mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: i })));
  const l2Outbox = contractOf(deployment, 'l2', 'MessageOutbox');

  // L2 → L1: one message that executes, and one whose target reverts (the executor obeys only the L2
  // timelock): it must end Failed, once, without blocking the route. Only allow-listed contracts may
  // send (docs/MECHANISMS.md §5), so the test sends as the sequencer set, impersonated on anvil.
  const l2Sender = deployment.l2.contracts.SequencerSet.address;
  const anvilL2 = createTestClient({ mode: 'anvil', transport: http(deployment.l2.rpcUrl) });
  await anvilL2.impersonateAccount({ address: l2Sender });
  await anvilL2.setBalance({ address: l2Sender, value: parseEther('10') });
  const asSet = createWalletClient({ chain: toViemChain(deployment.l2), transport: http(deployment.l2.rpcUrl), account: l2Sender });
  const l1Executor = deployment.l1.contracts.GovernanceExecutor.address;
  const l1Outbox = contractOf(deployment, 'l1', 'MessageOutbox');
  const l2Inbox = contractOf(deployment, 'l2', 'MessageInbox');
  const backlog = async () =>
    (await clients.l1.readContract({ ...l1Outbox, functionName: 'nextNonce' })) - (await clients.l2.readContract({ ...l2Inbox, functionName: 'nextNonce' }));
  for (const args of [
    [deployment.l1.contracts.MetisToken.address, encodeFunctionData({ abi: metisTokenAbi, functionName: 'totalSupply' }), 100_000n],
    [l1Executor, encodeFunctionData({ abi: governanceExecutorAbi, functionName: 'execute', args: [zeroAddress, 0n, '0x'] }), 200_000n],
  ] as const) {
    const hash = await asSet.writeContract({ ...l2Outbox, functionName: 'sendMessage', args, gas: 300_000n });
    const receipt = await clients.l2.waitForTransactionReceipt({ hash });
    assert.equal(receipt.status, 'success', 'the allow-listed sequencer set sends');
  }
  await anvilL2.stopImpersonatingAccount({ address: l2Sender });
  // Its nonce: the keeper's rotations send epoch reports through the same outbox meanwhile.
  const [unauthorized] = await clients.l2.getContractEvents({
    ...l2Outbox,
    eventName: 'MessageSent',
    args: { sender: l2Sender, target: l1Executor },
    fromBlock: BigInt(deployment.l2.contracts.MessageOutbox.startBlock),
    strict: true,
  });

  // The seed's failing L1 actions (seed.ts `failL1Messages`: sent by the L2 timelock, refused on L1) failed too.
  const seededFailures = (
    await clients.l2.getContractEvents({
      ...l2Outbox,
      eventName: 'MessageSent',
      args: { sender: deployment.l2.contracts.Timelock.address },
      fromBlock: BigInt(deployment.l2.contracts.MessageOutbox.startBlock),
      strict: true,
    })
  ).map((e) => e.args.nonce);

  // Stake changes on L1 all along (a delegation or an undelegation every ~750 ms), while the relayer
  // is killed at random moments and restarted. Enough to have messages in flight at every kill; more only
  // grows the backlog the relayer must drain at the end (on a loaded machine a restart takes seconds).
  let driving = true;
  const driver = (async () => {
    for (let k = 0; driving; k++) {
      const i = k % delegators.length;
      const d = delegators[i];
      if (k % 5 === 4) {
        await d.write('undelegate', { ...staking, functionName: 'undelegate', args: [BigInt(1 + (i % 5)), parseEther('10')] });
      } else {
        await d.write('delegate', { ...staking, functionName: 'delegate', args: [BigInt(1 + (k % 5)), parseEther(String(20 + i))] });
      }
      await sleep(750);
    }
    await Promise.all(delegators.map((d) => d.settle()));
  })();
  // While the relayer is down once: one member attests the next message, and two members attest the
  // one after it, which so reaches the threshold before its turn. The relayer must add the one missing
  // attestation (executing the next message) and then `deliver` the other.
  const committee = localCommitteeKeys().map((k) => new Sender(toViemChain(deployment.l2), k));
  let preDelivered: bigint | undefined;
  const attestAhead = async (): Promise<bigint> => {
    // What the killed relayer had sent must be mined first: a transaction of its still in the pool could
    // execute the next message between the reads below and the attestations, or attest it a second time.
    await waitFor(
      "the killed relayer's transactions mined",
      async () => {
        const { pending, queued } = await anvilL2.getTxpoolStatus();
        return pending === 0 && queued === 0;
      },
      { timeoutMs: 20_000 },
    );
    await waitFor('two pending L1→L2 messages', async () => (await backlog()) >= 2n, { timeoutMs: 10_000 });
    const next = await clients.l2.readContract({ ...l2Inbox, functionName: 'nextNonce' });
    const logs = await clients.l1.getContractEvents({
      ...l1Outbox,
      eventName: 'MessageSent',
      args: { nonce: [next, next + 1n] },
      fromBlock: BigInt(deployment.l1.contracts.MessageOutbox.startBlock),
      strict: true,
    });
    const [first, second] = [next, next + 1n].map((n) => logs.find((l) => l.args.nonce === n)!);
    // The next message gets one attestation in all, the one after it the threshold (2).
    for (const [log, wanted] of [
      [first, 1n],
      [second, 2n],
    ] as const) {
      let count = await clients.l2.readContract({ ...l2Inbox, functionName: 'attestationCount', args: [log.args.messageHash] });
      for (const member of committee) {
        if (count >= wanted) break;
        if (await clients.l2.readContract({ ...l2Inbox, functionName: 'hasAttested', args: [log.args.messageHash, member.address] })) continue;
        await member.write('attest ahead', { ...l2Inbox, functionName: 'attest', args: [toMessage(log.address, log.args)] });
        count++;
      }
    }
    await Promise.all(committee.map((c) => c.settle()));
    return second.args.nonce;
  };
  const backlogAtKill: bigint[] = [];
  for (let round = 0; round < KILLS; round++) {
    const delay = 300 + Math.floor(Math.random() * 4_000);
    await sleep(delay);
    await kill(relayer);
    backlogAtKill.push(await backlog());
    console.log(`round ${round}: relayer killed after ${delay} ms, ${backlogAtKill.at(-1)} L1→L2 messages pending`);
    if (round === 3) preDelivered = await attestAhead();
    relayer = spawnRelayer({
      cwd: ROOT,
      logDir: path.join(STATE_DIR, 'logs', `restart-${round}`),
      env: { METIS_HUB_DEPLOYMENT: stack.deploymentFile, RELAYER_PORT: String(PORTS.relayer) },
    });
  }
  driving = false;
  await driver;
  assert.ok(backlogAtKill.filter((n) => n > 0n).length >= 2, 'the relayer was killed with messages in flight');

  const routes = [
    { name: 'L1→L2', source: clients.l1, target: clients.l2, outbox: deployment.l1.contracts.MessageOutbox, inbox: deployment.l2.contracts.MessageInbox },
    { name: 'L2→L1', source: clients.l2, target: clients.l1, outbox: deployment.l2.contracts.MessageOutbox, inbox: deployment.l1.contracts.MessageInbox },
  ];
  const nonces = (r: (typeof routes)[number]) =>
    Promise.all([
      r.source.readContract({ address: r.outbox.address, abi: messageOutboxAbi, functionName: 'nextNonce' }),
      r.target.readContract({ address: r.inbox.address, abi: messageInboxAbi, functionName: 'nextNonce' }),
    ]);
  const drainFrom = Date.now();
  await waitFor(
    'both routes delivered and two more epochs',
    async () => {
      const done = await Promise.all(
        routes.map(async (r) => {
          const [sent, next] = await nonces(r);
          return sent === next;
        }),
      );
      const epoch = await clients.l2.readContract({ ...set, functionName: 'currentEpochNumber' });
      return done.every(Boolean) && epoch >= firstEpoch + 2n;
    },
    { proc: relayer, timeoutMs: 240_000, intervalMs: 500 },
  );
  console.log(`the relayer drained both routes and rotated two epochs in ${Date.now() - drainFrom} ms`);
  // The message attested ahead of its turn was executed by a `deliver` transaction.
  const [delivered] = await clients.l2.getContractEvents({
    ...l2Inbox,
    eventName: 'MessageDelivered',
    args: { nonce: preDelivered },
    fromBlock: BigInt(deployment.l2.contracts.MessageInbox.startBlock),
  });
  const deliverTx = await clients.l2.getTransaction({ hash: delivered.transactionHash });
  assert.equal(decodeFunctionData({ abi: messageInboxAbi, data: deliverTx.input }).functionName, 'deliver');

  for (const r of routes) {
    const [sent, next] = await nonces(r);
    assert.equal(next, sent, `${r.name}: inbox nextNonce equals outbox nextNonce`);
    const logs = await r.target.getContractEvents({
      address: r.inbox.address,
      abi: messageInboxAbi,
      fromBlock: BigInt(r.inbox.startBlock),
      strict: true,
    });
    // The first outcome of each nonce (Delivered or Failed), in chain order, must be 0, 1, 2, … once each;
    // a later Delivered is only allowed as the successful retry of a Failed one.
    const outcome = new Map<bigint, string>();
    const order: bigint[] = [];
    for (const log of logs) {
      if (log.eventName !== 'MessageDelivered' && log.eventName !== 'MessageFailed') continue;
      const { nonce } = log.args as { nonce: bigint };
      const previous = outcome.get(nonce);
      if (previous === undefined) {
        outcome.set(nonce, log.eventName);
        order.push(nonce);
      } else {
        assert.ok(previous === 'MessageFailed' && log.eventName === 'MessageDelivered', `${r.name} #${nonce} executed twice`);
        outcome.set(nonce, 'retried');
      }
    }
    assert.deepEqual(
      order,
      Array.from({ length: Number(sent) }, (_, i) => BigInt(i)),
      `${r.name}: executed once each, in nonce order`,
    );
    const failed = [...outcome].filter(([, e]) => e === 'MessageFailed').map(([n]) => n);
    const expected = r.name === 'L2→L1' ? [...seededFailures, unauthorized.args.nonce].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)) : [];
    assert.deepEqual(failed, expected, `${r.name}: only the expected messages failed`);
    const attested = new Set<string>();
    for (const log of logs) {
      if (log.eventName !== 'MessageAttested') continue;
      const { messageHash, member } = log.args as { messageHash: string; member: Address };
      assert.ok(!attested.has(messageHash + member), `${r.name}: ${member} attested ${messageHash} twice`);
      attested.add(messageHash + member);
    }
  }

  const count = await clients.l1.readContract({ ...staking, functionName: 'sequencerCount' });
  for (let id = 1n; id <= count; id++) {
    const [l1, l2] = await Promise.all([
      clients.l1.readContract({ ...staking, functionName: 'getSequencer', args: [id] }),
      clients.l2.readContract({ ...set, functionName: 'getSequencer', args: [id] }),
    ]);
    assert.deepEqual([l2.stake, l2.status, l2.signer.toLowerCase()], [l1.totalStake, l1.status, l1.signer.toLowerCase()], `sequencer ${id} on L2`);
  }

  const last = await clients.l2.readContract({ ...set, functionName: 'currentEpochNumber' });
  for (let n = 2n; n <= last; n++) {
    const [prev, cur] = await Promise.all([
      clients.l2.readContract({ ...set, functionName: 'getEpoch', args: [n - 1n] }),
      clients.l2.readContract({ ...set, functionName: 'getEpoch', args: [n] }),
    ]);
    assert.equal(cur.startBlock, prev.endBlock + 1n, `epoch ${n} follows epoch ${n - 1n}`);
    assert.ok(cur.sequencerId >= 1n && cur.sequencerId <= count, `epoch ${n} has a sequencer`);
  }
});
