/**
 * Reorgs (docs/ARCHITECTURE.md, reorgs): anvil replaces the block of an indexed stake change on L1 and of
 * an indexed transfer on L2 (`anvil_reorg`: the last block is dropped and another is mined in its place,
 * with a different transaction). The indexer's API must then agree with the chain (the orphaned event
 * gone, the new one listed), and the relayer, which waits for confirmations, must carry the stake update
 * the chain now holds under that nonce: once, with no nonce skipped, and never the orphaned one. The
 * relayer's own check for a block replaced under a cached message is run against the same chains.
 * On L2 the blocks from a transfer and a veMETIS delegation to the head are replaced, with mining
 * going on. Its own stack (relayer with confirmations), beside the shared one; part of `npm test`,
 * `npm run test:reorg` alone.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type Address, encodeFunctionData, type Hex, parseEther, zeroAddress } from 'viem';
import { mnemonicToAccount } from 'viem/accounts';
import { ANVIL_MNEMONIC } from '../contracts/script/networks';
import { apiGetPath } from '../lib/api';
import { l2MetisAbi, metisTokenAbi, sequencerSetAbi, sequencerStakingAbi } from '../lib/contracts/abis';
import { contractOf } from '../lib/contracts/descriptors';
import type { ChainKey } from '../lib/deployment/types';
import { localCommitteeKeys } from '../relayer/main';
import { Relayer } from '../relayer/relayer';
import { waitFor } from '../scripts/lib/procs';
import { rpcCall, type Stack, startStack } from '../scripts/lib/stack';
import { apiGet, eventually } from './harness/api';
import { chainClient, PORT_OFFSET, TEST_STATE_DIR, type TestStack } from './harness/stack';

const PORTS = { l1: 25545 + PORT_OFFSET, l2: 26545 + PORT_OFFSET, api: 25069 + PORT_OFFSET, web: 25000 + PORT_OFFSET, relayer: 26547 + PORT_OFFSET };
const STATE_DIR = path.join(TEST_STATE_DIR, 'reorg');
/** Blocks the relayer waits under a `MessageSent` log before attesting it. */
const CONFIRMATIONS = 3;

let stack: Stack;
let t: TestStack;
before(async () => {
  // While developing: E2E_REORG_STACK=<stack.json> reuses a stack started the same way.
  if (process.env.E2E_REORG_STACK) {
    t = JSON.parse(readFileSync(process.env.E2E_REORG_STACK, 'utf8')) as TestStack;
    return;
  }
  stack = await startStack({
    ports: PORTS,
    web: 'none',
    database: 'postgres',
    blockTime: 1,
    stateDir: STATE_DIR,
    deploymentFile: path.join(STATE_DIR, 'deployment.json'),
    relayerEnv: { RELAYER_CONFIRMATIONS_L1: String(CONFIRMATIONS), RELAYER_CONFIRMATIONS_L2: String(CONFIRMATIONS) },
  });
  t = { deployment: stack.deployment, urls: { ...stack.urls, web: '' }, databaseUrl: stack.databaseUrl };
  // Ready means the backfill is done; the test needs the indexer following both heads block by block.
  await eventually(async () => {
    const status = await indexedHeads();
    for (const chain of ['l1', 'l2'] as const) {
      const head = Number(await rpc<Hex>(chain, 'eth_blockNumber'));
      assert.ok(status[chain].block.number >= head - 2, `the indexer follows ${chain}: ${status[chain].block.number} of ${head}`);
    }
  }, 90_000);
});
after(async () => {
  await stack?.stop();
});

const rpc = async <T = unknown>(chain: ChainKey, method: string, params: unknown[] = []): Promise<T> =>
  (await rpcCall(t.deployment[chain].rpcUrl, method, params)) as T;

/** Ponder's own /status (not a route of lib/api.ts ApiRoutes). */
const indexedHeads = async () => (await apiGetPath(t.urls.api, '/status')) as Record<ChainKey, { block: { number: number } }>;

/** Anvil dev account `index` (the node holds its key). */
const dev = (index: number) => mnemonicToAccount(ANVIL_MNEMONIC, { addressIndex: index }).address;

/** Sends a transaction from a dev account with mining paused: it waits in the pool until `mine`. */
async function queue(chain: ChainKey, from: Address, to: Address, data: Hex): Promise<Hex> {
  return rpc<Hex>(chain, 'eth_sendTransaction', [{ from, to, data, gas: '0x7a120' }]);
}

/** Sends and mines a transaction (mining running), asserting success. */
async function sendMined(chain: ChainKey, from: Address, to: Address, data: Hex) {
  const hash = await queue(chain, from, to, data);
  const receipt = await chainClient(t, chain).waitForTransactionReceipt({ hash });
  assert.equal(receipt.status, 'success');
}

const pause = (chain: ChainKey) => rpc(chain, 'evm_setIntervalMining', [0]);
const resume = (chain: ChainKey) => rpc(chain, 'evm_setIntervalMining', [1]);

/** The chain's head replaced by a block holding only `tx` (a dev account's call): `anvil_reorg` depth 1. */
async function replaceHead(chain: ChainKey, tx: { from: Address; to: Address; data: Hex }) {
  await rpc(chain, 'anvil_reorg', [1, [[{ ...tx, gas: '0x7a120' }, 0]]]);
}

async function receiptStatus(chain: ChainKey, hash: Hex) {
  return rpc<{ status: Hex; blockHash: Hex } | null>(chain, 'eth_getTransactionReceipt', [hash]);
}

describe('reorgs under the indexer and the relayer', () => {
  test('L1: a reorged-out stake change disappears from the API, its replacement is indexed and carried to L2 once', { timeout: 240_000 }, async () => {
    const { deployment } = t;
    const l1 = chainClient(t, 'l1');
    const l2 = chainClient(t, 'l2');
    const staking = contractOf(deployment, 'l1', 'SequencerStaking');
    const token = deployment.l1.contracts.MetisToken.address;
    const [orphanStaker, staker] = [dev(31), dev(32)];
    const alice = deployment.demoAccounts![0].address;
    const sequencerId = 1n;
    // Both stakers get METIS and approve the staking contract (mined before the reorg).
    for (const who of [orphanStaker, staker]) {
      await sendMined('l1', alice, token, encodeFunctionData({ abi: metisTokenAbi, functionName: 'transfer', args: [who, parseEther('1000')] }));
      await sendMined('l1', who, token, encodeFunctionData({ abi: metisTokenAbi, functionName: 'approve', args: [staking.address, parseEther('1000')] }));
    }

    const staked = async (who: Address) =>
      (await apiGet(t, '/accounts/:address/positions', { address: who })).items
        .filter((x) => x.sequencerId === String(sequencerId))
        .reduce((sum, x) => sum + BigInt(x.value), 0n);
    const before = { orphan: await staked(orphanStaker), staker: await staked(staker) };

    await pause('l1');
    let resumed = false;
    try {
      const orphanHash = await queue(
        'l1',
        orphanStaker,
        staking.address,
        encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'delegate', args: [sequencerId, parseEther('111')] }),
      );
      await rpc('l1', 'evm_mine');
      assert.equal((await receiptStatus('l1', orphanHash))?.status, '0x1');
      const outbox = contractOf(deployment, 'l1', 'MessageOutbox');
      const nonce = (await l1.readContract({ ...outbox, functionName: 'nextNonce' })) - 1n;
      const [orphanLog] = await l1.getContractEvents({ ...outbox, eventName: 'MessageSent', args: { nonce }, fromBlock: 'latest', strict: true });
      assert.ok(orphanLog, 'the stake change sent its update to L2');
      // The indexer has it.
      await eventually(async () => {
        const { items } = await apiGet(t, '/sequencers/:id/history', { id: String(sequencerId), limit: 10 });
        assert.ok(
          items.some((e) => e.txHash === orphanHash),
          'items.some((e) => e.txHash === orphanHash)',
        );
        assert.equal(await staked(orphanStaker), before.orphan + parseEther('111'));
      }, 90_000);

      // The relayer's check, on the same chains: a scan of the outbox caches the message...
      const relayer = new Relayer({ deployment, keys: localCommitteeKeys(), confirmations: { l1: 0, l2: 0 }, log: () => {} });
      const internals = relayer as unknown as {
        scanOutbox(route: unknown): Promise<void>;
        reorgedOut(route: unknown, next: bigint): Promise<boolean>;
      };
      const route = relayer.routes[0];
      await internals.scanOutbox(route);
      assert.equal(route.messages.get(nonce)?.hash, orphanLog.args.messageHash);
      const next = await l2.readContract({ ...contractOf(deployment, 'l2', 'MessageInbox'), functionName: 'nextNonce' });
      assert.ok(next <= nonce, 'the relayer (3 confirmations) has not carried the message yet');
      assert.equal(await internals.reorgedOut(route, next), false, 'nothing reorged yet');

      // Reorg: the head block is replaced by one holding the other staker's delegation.
      await replaceHead('l1', {
        from: staker,
        to: staking.address,
        data: encodeFunctionData({ abi: sequencerStakingAbi, functionName: 'delegate', args: [sequencerId, parseEther('222')] }),
      });
      assert.equal(await receiptStatus('l1', orphanHash), null, 'the first delegation is gone from the chain');
      // ...and, the block under it replaced, the relayer forgets it and reads the outbox again.
      assert.equal(await internals.reorgedOut(route, next), true);
      assert.equal(route.messages.has(nonce), false);
      await internals.scanOutbox(route);
      const [newLog] = await l1.getContractEvents({ ...outbox, eventName: 'MessageSent', args: { nonce }, fromBlock: 'latest', strict: true });
      assert.ok(newLog && newLog.args.messageHash !== orphanLog.args.messageHash, 'the nonce now carries the new stake update');
      assert.equal(route.messages.get(nonce)?.hash, newLog.args.messageHash);

      await resume('l1');
      resumed = true;
      const newHash = newLog.transactionHash;

      // The API follows the chain: the orphaned delegation gone, the new one listed.
      await eventually(async () => {
        const { items } = await apiGet(t, '/sequencers/:id/history', { id: String(sequencerId), limit: 20 });
        assert.ok(!items.some((e) => e.txHash === orphanHash), 'the orphaned stake change is gone');
        assert.ok(
          items.some((e) => e.txHash === newHash),
          'the new stake change is listed',
        );
        assert.equal(await staked(orphanStaker), before.orphan, 'the orphaned delegation is gone from the position');
        assert.equal(await staked(staker), before.staker + parseEther('222'), 'the new delegation is in the position');
        const onChain = await l1.readContract({ ...staking, functionName: 'getSequencer', args: [sequencerId] });
        const { totalStake } = await apiGet(t, '/sequencers/:id', { id: String(sequencerId) });
        assert.equal(totalStake, onChain.totalStake.toString(), 'total stake as on the chain');
      }, 30_000);

      // The relayer carries the nonce once, with the message the chain holds now.
      const inbox = contractOf(deployment, 'l2', 'MessageInbox');
      await waitFor('the relayer to deliver the L1→L2 backlog', async () => (await l2.readContract({ ...inbox, functionName: 'nextNonce' })) > nonce, {
        timeoutMs: 60_000,
      });
      const logs = await l2.getContractEvents({ ...inbox, fromBlock: BigInt(deployment.l2.contracts.MessageInbox.startBlock), strict: true });
      const outcomes = logs.filter((l) => (l.eventName === 'MessageDelivered' || l.eventName === 'MessageFailed') && l.args.nonce === nonce);
      assert.equal(outcomes.length, 1, 'executed once');
      assert.equal((outcomes[0].args as { messageHash: Hex }).messageHash, newLog.args.messageHash, 'the message the chain holds now');
      assert.ok(
        !logs.some((l) => l.eventName === 'MessageAttested' && l.args.messageHash === orphanLog.args.messageHash),
        'the orphaned message was never attested',
      );
      const executedNonces = logs
        .filter((l) => l.eventName === 'MessageDelivered' || l.eventName === 'MessageFailed')
        .map((l) => (l.args as { nonce: bigint }).nonce);
      const first = new Set(executedNonces);
      const upTo = await l2.readContract({ ...inbox, functionName: 'nextNonce' });
      for (let n = 0n; n < upTo; n++) assert.ok(first.has(n), `nonce ${n} executed (none skipped)`);
      const set = { address: deployment.l2.contracts.SequencerSet.address, abi: sequencerSetAbi } as const;
      await eventually(async () => {
        const [onL1, onL2] = await Promise.all([
          l1.readContract({ ...staking, functionName: 'getSequencer', args: [sequencerId] }),
          l2.readContract({ ...set, functionName: 'getSequencer', args: [sequencerId] }),
        ]);
        assert.equal(onL2.stake, onL1.totalStake, 'L2 has the stake L1 has');
      }, 45_000);
      // The L1 outbox's MessageSent for the nonce is the new one only.
      const sent = await l1.getContractEvents({ ...outbox, eventName: 'MessageSent', args: { nonce }, fromBlock: 0n, strict: true });
      assert.deepEqual(
        sent.map((l) => l.args.messageHash),
        [newLog.args.messageHash],
      );
    } finally {
      if (!resumed) await resume('l1');
    }
  });

  test('L2: a reorged-out transfer and delegation disappear from the API; the replacement is listed', { timeout: 150_000 }, async () => {
    const { deployment } = t;
    const l2 = chainClient(t, 'l2');
    const token = deployment.l2.contracts.L2Metis.address;
    const veMetis = contractOf(deployment, 'l2', 'VeMetis');
    const alice = deployment.demoAccounts![0].address;
    const [orphanTo, to, delegator] = [dev(33), dev(34), dev(35)];
    const delegateeOf = async () => (await apiGet(t, '/accounts/:address/lock', { address: delegator })).delegatee;
    // A transfer and a veMETIS delegation, mined as the chain goes on and indexed; then every block from
    // the first of them to the head is replaced (mining is not paused: the relayer keeps writing to L2).
    const orphanHash = await queue('l2', alice, token, encodeFunctionData({ abi: l2MetisAbi, functionName: 'transfer', args: [orphanTo, parseEther('5')] }));
    const delegationHash = await queue('l2', delegator, veMetis.address, encodeFunctionData({ abi: veMetis.abi, functionName: 'delegate', args: [orphanTo] }));
    const receipts = await Promise.all([orphanHash, delegationHash].map((hash) => l2.waitForTransactionReceipt({ hash })));
    assert.deepEqual(
      receipts.map((r) => r.status),
      ['success', 'success'],
    );
    await eventually(async () => {
      const { items } = await apiGet(t, '/accounts/:address/transfers', { address: orphanTo, chain: 'l2' });
      assert.ok(
        items.some((x) => x.txHash === orphanHash),
        'items.some((x) => x.txHash === orphanHash)',
      );
      assert.equal((await delegateeOf())?.toLowerCase(), orphanTo.toLowerCase());
    }, 90_000);
    const first = receipts.map((r) => r.blockNumber).reduce((a, b) => (a < b ? a : b));
    const depth = Number((await l2.getBlockNumber()) - first) + 1;
    const replacement = { from: alice, to: token, data: encodeFunctionData({ abi: l2MetisAbi, functionName: 'transfer', args: [to, parseEther('7')] }) };
    await rpc('l2', 'anvil_reorg', [depth, [[{ ...replacement, gas: '0x7a120' }, 0]]]);
    assert.equal(await receiptStatus('l2', orphanHash), null, 'the transfer is gone from the chain');
    assert.equal(await receiptStatus('l2', delegationHash), null, 'the delegation is gone from the chain');
    const newHash = ((await l2.getBlock({ blockNumber: first, includeTransactions: true })).transactions[0] as { hash: Hex }).hash;
    await eventually(async () => {
      const orphaned = (await apiGet(t, '/accounts/:address/transfers', { address: orphanTo })).items;
      assert.ok(!orphaned.some((x) => x.txHash === orphanHash), 'the orphaned transfer is gone');
      const { items } = await apiGet(t, '/accounts/:address/transfers', { address: to, chain: 'l2' });
      assert.deepEqual(
        items.filter((x) => x.txHash === newHash).map((x) => x.amount),
        [parseEther('7').toString()],
        'the new transfer is listed',
      );
      // The API lists exactly the transfers the chain has for the account.
      const onChain = await l2.getContractEvents({ address: token, abi: l2MetisAbi, eventName: 'Transfer', args: { to: orphanTo }, fromBlock: 0n });
      assert.deepEqual(orphaned.map((x) => x.txHash).sort(), onChain.map((l) => l.transactionHash).sort());
      // The delegation is gone too: the API's delegatee is the chain's (nobody).
      const delegatee = await l2.readContract({ ...veMetis, functionName: 'delegates', args: [delegator] });
      assert.equal(delegatee, zeroAddress, 'the chain no longer has the delegation');
      assert.ok((await delegateeOf()) === null || (await delegateeOf()) === zeroAddress, 'the API no longer has it either');
    }, 90_000);
  });
});
