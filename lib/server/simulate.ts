import 'server-only';
import os from 'node:os';
import path from 'node:path';
import {
  type Abi,
  type Address,
  createPublicClient,
  decodeEventLog,
  decodeFunctionData,
  encodeAbiParameters,
  encodeFunctionData,
  getAddress,
  type Hex,
  http,
  keccak256,
  type Log,
  numberToHex,
  type PublicClient,
  parseEventLogs,
  toHex,
} from 'viem';
import { freePort, type Proc, spawnProc, waitFor } from '../../scripts/lib/procs';
import { ApiError, ApiUnavailable } from '../api';
import { type BusMessage, toMessage } from '../bus';
import { commonsGroupAbi, messageInboxAbi, messageOutboxAbi } from '../contracts/abis';
import { CONTRACTS, contractAt } from '../contracts/descriptors';
import type { ChainKey, Deployment } from '../deployment/types';
import { type AbiError, describeRevertData, errorsOf } from '../errors';
import { l1MessageOf, type ProposalAction } from '../governance-actions';
import {
  type JsonValue,
  type ParameterChange,
  type ParsedSimulationRequest,
  type SimulatedAction,
  type SimulatedCall,
  type SimulatedEvent,
  type SimulatedL1Delivery,
  type SimulationResult,
  toJsonValue,
} from '../simulation';
import { apiGet } from './api';
import { serverClient } from './chain';
import { getDeployment } from './deployment';

// Proposal simulation on local forks (docs/ARCHITECTURE.md): the proposal's actions run on an anvil fork of L2 as the
// timelock's executeBatch runs them, and an action that crosses the bus is delivered on an anvil fork of L1
// as the committee and the L1 executor would deliver it (docs/MECHANISMS.md §5). Nothing touches the real
// chains: the forks read them and keep every write to themselves, and are killed after each run.

/** How long one simulation may take before its forks are killed. */
export const SIMULATION_TIMEOUT_MS = 60_000;
/** Simulations that may wait behind the one running (one at a time per server process); more are refused. */
const MAX_WAITING = 8;
/** Answers kept, by (proposal id or actions, L2 block). */
const CACHE_SIZE = 64;
/** Bus messages sent before the proposal's and not yet executed on L1 that a simulation delivers first, at most. */
const MAX_IN_FLIGHT = 32;

/** The simulation could not run: `status` is the HTTP status the route answers with. */
export class SimulationError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404 | 503 | 504,
  ) {
    super(message);
  }
}

// ------------------------------------------------------------------ queue, cache, timeout

let queue: Promise<unknown> = Promise.resolve();
let waiting = 0;
const cache = new Map<string, Promise<SimulationResult>>();

/**
 * Simulates a proposal (its actions read from the chain-data API) or a list of actions, at the current L2
 * block. One simulation at a time per server process; the same proposal (or actions) at the same L2 block is
 * answered from the cache, a run in progress included.
 */
export async function simulate(request: ParsedSimulationRequest): Promise<SimulationResult> {
  const deployment = getDeployment();
  const actions = 'actions' in request ? request.actions : await proposalActions(request.proposalId);
  if (actions.length === 0) throw new SimulationError('this proposal has no actions to simulate', 400);
  const block = await serverClient('l2').getBlockNumber();
  const what =
    'proposalId' in request
      ? `proposal:${request.proposalId}`
      : `actions:${keccak256(toHex(JSON.stringify(actions, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))))}`;
  const key = `${what}@${block}`;
  const hit = cache.get(key);
  if (hit) return { ...(await hit), cached: true };
  if (waiting >= MAX_WAITING) throw new SimulationError('the simulator is busy: try again in a minute', 503);
  waiting += 1;
  const run = queue.then(() => {
    waiting -= 1;
    return withTimeout(deployment, actions, block);
  });
  queue = run.catch(() => {});
  cache.set(key, run);
  run.catch(() => cache.delete(key));
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
  return run;
}

async function proposalActions(id: bigint): Promise<ProposalAction[]> {
  const detail = await apiGet('/proposals/:id', { id: id.toString() }).catch((e: unknown) => {
    if (e instanceof ApiError && !(e instanceof ApiUnavailable) && e.status === 404) throw new SimulationError(`no proposal ${id}`, 404);
    throw new SimulationError('the chain-data API cannot give the proposal’s actions right now', 503);
  });
  return detail.actions.map((a) => ({ target: getAddress(a.target), value: BigInt(a.value), calldata: a.calldata }));
}

/** One run with its forks, killed on timeout, on error and after success alike. */
async function withTimeout(deployment: Deployment, actions: ProposalAction[], block: bigint): Promise<SimulationResult> {
  const forks: Forks = { procs: [], stopped: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new SimulationError(`the simulation took longer than ${SIMULATION_TIMEOUT_MS / 1000} s and was stopped`, 504)),
      SIMULATION_TIMEOUT_MS,
    );
  });
  const run = runSimulation(deployment, actions, block, forks);
  run.catch(() => {}); // after a timeout its failure (the forks killed under it) is not the answer
  try {
    return await Promise.race([run, timeout]);
  } catch (e) {
    if (e instanceof SimulationError) throw e;
    throw new SimulationError(`the simulation failed: ${e instanceof Error ? e.message.split('\n')[0].slice(0, 300) : String(e)}`, 503);
  } finally {
    clearTimeout(timer);
    forks.stopped = true; // a fork still starting is not started after this
    await Promise.all(forks.procs.map((p) => stopFork(p)));
  }
}

// ------------------------------------------------------------------ forks

/** Forks alive in this process, killed if it exits (they run in their own process groups). */
const alive = new Set<Proc>();
let exitHook = false;

/** The forks of one run; once `stopped`, no more start. */
interface Forks {
  procs: Proc[];
  stopped: boolean;
}

interface Fork {
  chain: ChainKey;
  url: string;
  client: PublicClient;
  /** The block the fork started from, and its timestamp (every simulated block keeps it). */
  block: bigint;
  timestamp: bigint;
  gasLimit: bigint;
}

/** The anvil of the npm package `@foundry-rs/anvil` (ANVIL_BIN overrides). */
function anvilBin(): string {
  return process.env.ANVIL_BIN ?? path.join(/*turbopackIgnore: true*/ process.cwd(), 'node_modules', '.bin', 'anvil');
}

async function startFork(deployment: Deployment, chain: ChainKey, block: bigint, forks: Forks): Promise<Fork> {
  if (!exitHook) {
    exitHook = true;
    process.once('exit', () => {
      for (const p of alive) {
        try {
          if (p.child.pid) process.kill(-p.child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    });
  }
  const port = await freePort();
  if (forks.stopped) throw new Error('the simulation was stopped');
  const proc = spawnProc(
    `simulate-${chain}-${port}`,
    anvilBin(),
    [
      '--port',
      String(port),
      '--host',
      '127.0.0.1',
      '--fork-url',
      deployment[chain].rpcUrl,
      '--fork-block-number',
      block.toString(),
      '--no-storage-caching',
      '--no-rate-limit',
      // Gas is free on the fork, so no account's balance has to be changed to pay for it: the timelock's
      // METIS is what the real one holds, and an action sending more than it has fails as it would.
      '--base-fee',
      '0',
      '--silent',
    ],
    { cwd: process.cwd(), logDir: path.join(os.tmpdir(), 'metis-hub-simulate') },
  );
  forks.procs.push(proc);
  alive.add(proc);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`the ${chain} fork`, async () => Boolean(await rpc(url, 'eth_chainId')), { proc, timeoutMs: 30_000, intervalMs: 100 });
  const client = createPublicClient({ transport: http(url) });
  const head = await client.getBlock({ blockNumber: block });
  return { chain, url, client, block, timestamp: head.timestamp, gasLimit: head.gasLimit };
}

/**
 * Kills a fork's whole process group at once: the npm `anvil` is a node wrapper around the binary, so the
 * wrapper's exit alone does not mean the node is gone, and a fork keeps nothing worth a graceful stop.
 */
async function stopFork(proc: Proc): Promise<void> {
  try {
    if (proc.child.pid) process.kill(-proc.child.pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  await proc.exited;
  alive.delete(proc);
}

class RpcError extends Error {
  constructor(
    message: string,
    readonly data: Hex | undefined,
  ) {
    super(message);
  }
}

/** One JSON-RPC call to a fork: its result, or an `RpcError` with the revert data when the node gives it. */
async function rpc(url: string, method: string, params: unknown[] = []): Promise<unknown> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }),
  });
  const body = (await res.json()) as { result?: unknown; error?: { message: string; data?: unknown } };
  if (body.error) {
    const data = typeof body.error.data === 'string' && body.error.data.startsWith('0x') ? (body.error.data as Hex) : undefined;
    throw new RpcError(`${method}: ${body.error.message}`, data);
  }
  return body.result;
}

interface Sent {
  ok: boolean;
  /** Revert data of a call that reverted. */
  revert?: Hex;
  logs: Log[];
}

/**
 * Sends `data` to `to` from `from` (impersonated) on the fork, in a block at the fork's timestamp: as one
 * more transaction of the same moment, so time-based views do not move. A call that would revert is not
 * sent; its revert data is returned.
 */
async function sendAs(fork: Fork, from: Address, to: Address, data: Hex, value = 0n, gas?: bigint): Promise<Sent> {
  const tx = { from, to, data, value: numberToHex(value), gasPrice: '0x0', gas: numberToHex(gas ?? fork.gasLimit) };
  await rpc(fork.url, 'anvil_impersonateAccount', [from]);
  try {
    await rpc(fork.url, 'eth_call', [tx, 'latest']);
  } catch (e) {
    if (e instanceof RpcError) return { ok: false, revert: e.data ?? '0x', logs: [] };
    throw e;
  }
  await pinTime(fork);
  const hash = (await rpc(fork.url, 'eth_sendTransaction', [tx])) as Hex;
  const receipt = await fork.client.waitForTransactionReceipt({ hash, pollingInterval: 20 });
  await rpc(fork.url, 'anvil_stopImpersonatingAccount', [from]);
  return { ok: receipt.status === 'success', revert: receipt.status === 'success' ? undefined : '0x', logs: receipt.logs };
}

/** The next block at the fork's timestamp, with no base fee. */
async function pinTime(fork: Fork): Promise<void> {
  await rpc(fork.url, 'evm_setNextBlockTimestamp', [Number(fork.timestamp)]);
  await rpc(fork.url, 'anvil_setNextBlockBaseFeePerGas', ['0x0']);
}

// ------------------------------------------------------------------ reading what changed

/** Every error the deployment's contracts (and a Commons group) can revert with, to decode any revert. */
let knownErrors: AbiError[] | undefined;
function errors(): AbiError[] {
  knownErrors ??= errorsOf([...Object.values(CONTRACTS.l1), ...Object.values(CONTRACTS.l2), commonsGroupAbi] as Abi[]);
  return knownErrors;
}

function describe(deployment: Deployment, target: Address, revert: Hex | undefined) {
  const council = deployment.l2.contracts.EcoNodeCouncil?.address.toLowerCase() === target.toLowerCase();
  return describeRevertData(revert, errors(), { council });
}

/** The zero-input views of the deployed contract at `address` (none for an address the deployment does not name). */
function viewsOf(deployment: Deployment, chain: ChainKey, address: Address) {
  const known = contractAt(chain, deployment[chain].contracts, address);
  if (!known) return undefined;
  const fns = known.abi.filter((x) => x.type === 'function' && x.stateMutability === 'view' && x.inputs.length === 0).map((x) => (x as { name: string }).name);
  return { name: known.name as string, abi: known.abi, fns };
}

type Snapshot = Map<string, string>;

/** Every zero-input view of the contract in one multicall (deployless: the forks need no Multicall3). */
async function readViews(fork: Fork, views: NonNullable<ReturnType<typeof viewsOf>>, address: Address): Promise<Snapshot> {
  const results = await fork.client.multicall({
    contracts: views.fns.map((functionName) => ({ address, abi: views.abi, functionName })),
    allowFailure: true,
    deployless: true,
  });
  const out: Snapshot = new Map();
  results.forEach((r, i) => {
    if (r.status === 'success') out.set(views.fns[i], JSON.stringify(toJsonValue(r.result)));
  });
  return out;
}

/**
 * What `act` changed in the views of the contract at `address`: read before, after an empty block at the same
 * moment (views that move with the block alone, such as a block-numbered epoch, are left out), and after `act`.
 */
async function changesAround<T>(
  fork: Fork,
  deployment: Deployment,
  address: Address,
  act: () => Promise<T>,
): Promise<{ result: T; changes: ParameterChange[] }> {
  const views = viewsOf(deployment, fork.chain, address);
  if (!views || views.fns.length === 0) return { result: await act(), changes: [] };
  const before = await readViews(fork, views, address);
  await pinTime(fork);
  await rpc(fork.url, 'evm_mine', []);
  const idle = await readViews(fork, views, address);
  const result = await act();
  const after = await readViews(fork, views, address);
  const changes: ParameterChange[] = [];
  for (const [name, was] of before) {
    const now = after.get(name);
    if (now === undefined || now === was || idle.get(name) !== was) continue;
    changes.push({ chain: fork.chain, address, contract: views.name, name, before: JSON.parse(was) as JsonValue, after: JSON.parse(now) as JsonValue });
  }
  return { result, changes };
}

function decodeLogs(deployment: Deployment, chain: ChainKey, logs: Log[]): SimulatedEvent[] {
  return logs.map((log) => {
    const address = getAddress(log.address);
    const known = contractAt(chain, deployment[chain].contracts, address);
    for (const abi of known ? [known.abi] : [commonsGroupAbi as Abi]) {
      try {
        const decoded = decodeEventLog({ abi, data: log.data, topics: log.topics as [Hex, ...Hex[]] });
        const args = decoded.args as unknown;
        const named = Array.isArray(args)
          ? Object.fromEntries(args.map((v, i) => [String(i), toJsonValue(v)]))
          : (toJsonValue(args ?? {}) as { [k: string]: JsonValue });
        return { chain, address, contract: known?.name ?? null, name: decoded.eventName ?? null, args: named };
      } catch {
        /* not this ABI's */
      }
    }
    return { chain, address, contract: known?.name ?? null, name: null, args: { topics: log.topics as string[], data: log.data } };
  });
}

function callOf(deployment: Deployment, chain: ChainKey, target: Address, data: Hex): { contract: string; functionName: string } | null {
  const known = contractAt(chain, deployment[chain].contracts, target);
  if (!known) return null;
  try {
    return { contract: known.name, functionName: decodeFunctionData({ abi: known.abi, data }).functionName };
  } catch {
    return null;
  }
}

// ------------------------------------------------------------------ the run

function messagesIn(deployment: Deployment, logs: Log[]): BusMessage[] {
  const outbox = deployment.l2.contracts.MessageOutbox.address.toLowerCase();
  return parseEventLogs({ abi: messageOutboxAbi, eventName: 'MessageSent', logs })
    .filter((e) => e.address.toLowerCase() === outbox)
    .map((e) => toMessage(getAddress(e.address), e.args));
}

/** An L1 action's call, as the simulator delivers it: the one call of an executor `execute` (lib/governance-actions.ts `l1MessageOf`). */
interface L1Action {
  target: Address;
  value: bigint;
  data: Hex;
  gasLimit: bigint;
}

/**
 * The L1 call an action makes through the bus, or null: an L2 action, or a message that is not one `execute` of the
 * executor (a batch, or a message to another L1 contract, which the executor would not obey) is simulated on L2 alone.
 */
function l1ActionOf(deployment: Deployment, action: ProposalAction): L1Action | null {
  const message = l1MessageOf(deployment, action);
  const [call, ...more] = message?.calls ?? [];
  return message && call && more.length === 0 ? { ...call, gasLimit: message.gasLimit } : null;
}

async function runSimulation(deployment: Deployment, actions: ProposalAction[], l2Block: bigint, forks: Forks): Promise<SimulationResult> {
  const started = Date.now();
  const timelock = deployment.l2.contracts.Timelock.address;
  const crossing = actions.map((a) => l1ActionOf(deployment, a));
  // The L1 fork starts beside the L2 one when an action crosses the bus (at L1's head now).
  const l1Fork = crossing.some(Boolean)
    ? serverClient('l1')
        .getBlockNumber()
        .then((b) => startFork(deployment, 'l1', b, forks))
    : undefined;
  l1Fork?.catch(() => {}); // awaited below
  const l2 = await startFork(deployment, 'l2', l2Block, forks);

  // L2: the actions in order, each as the timelock (impersonated) calls it in executeBatch. A revert there
  // reverts the whole batch, so nothing after it runs and no bus message leaves.
  await queueGovernanceCalls(deployment, l2, actions);
  const results: SimulatedAction[] = [];
  const sent: (BusMessage | undefined)[] = [];
  let reverted = false;
  for (const [index, a] of actions.entries()) {
    const base = {
      index,
      target: a.target,
      value: a.value.toString(),
      calldata: a.calldata,
      call: callOf(deployment, 'l2', a.target, a.calldata),
      crossesBus: Boolean(crossing[index]),
      l1: null,
    };
    if (reverted) {
      results.push({ ...base, status: 'not-run', reason: null, errorName: null, events: [], changes: [] });
      continue;
    }
    const { result, changes } = await changesAround(l2, deployment, a.target, () => sendAs(l2, timelock, a.target, a.calldata, a.value));
    if (!result.ok) {
      reverted = true;
      const { sentence, errorName } = describe(deployment, a.target, result.revert);
      results.push({ ...base, status: 'reverted', reason: sentence, errorName, events: [], changes: [] });
      continue;
    }
    results.push({ ...base, status: 'ok', reason: null, errorName: null, events: decodeLogs(deployment, 'l2', result.logs), changes });
    sent[index] = crossing[index] ? messagesIn(deployment, result.logs)[0] : undefined;
  }
  const l2Done = Date.now();

  // L1: each bus message delivered in nonce order on the L1 fork, only if the batch went through on L2.
  let l1Ms: number | null = null;
  let l1Block: bigint | null = null;
  if (l1Fork) {
    const l1 = await l1Fork;
    l1Block = l1.block;
    const l1Started = Date.now();
    if (!reverted) {
      let delivered = false;
      for (const [index, m] of sent.entries()) {
        const inner = crossing[index];
        if (!m || !inner) continue;
        const deliveredBefore = delivered ? 0 : await deliverInFlight(deployment, l2, l1, m.nonce);
        delivered = true;
        results[index].l1 = await deliverProposalMessage(deployment, l1, m, inner, deliveredBefore);
      }
    }
    l1Ms = Date.now() - Math.max(l1Started, l2Done);
  }
  return {
    forkBlock: { l2: l2Block.toString(), l1: l1Block?.toString() ?? null },
    durationMs: { total: Date.now() - started, l2: l2Done - started, l1: l1Ms },
    simulatedAt: Date.now(),
    cached: false,
    actions: results,
  };
}

/**
 * Storage of the governor's `_governanceCall` queue (OpenZeppelin Governor; EcoGovernor's layout, pinned by
 * `test_simulatorGovernanceCallSlots` in contracts/test/governance/EcoGovernor.t.sol): one slot holding `_begin`
 * (low 128 bits) and `_end` (high), then the `_data` mapping of index to hash.
 */
const GOVERNANCE_CALL_SLOT = 5n;
const GOVERNANCE_CALL_DATA_SLOT = 6n;
const slotHex = (n: bigint) => numberToHex(n, { size: 32 });

/**
 * Every ready operation runs through `governor.execute` (docs/MECHANISMS.md §4.3), which, before the timelock's
 * executeBatch, queues the hash of each call the proposal makes to the governor itself; the governor's
 * `onlyGovernance` settings accept a call from the timelock only if its hash is next in that queue. The fork has
 * no queued proposal to execute (a builder's actions are not even proposed), so the simulator does that one step
 * of `execute` itself: it writes the same hashes into the queue's storage, in order, behind what is there.
 */
async function queueGovernanceCalls(deployment: Deployment, l2: Fork, actions: ProposalAction[]): Promise<void> {
  const governor = deployment.l2.contracts.CommonsGovernor.address.toLowerCase();
  const own = actions.filter((a) => a.target.toLowerCase() === governor);
  if (own.length === 0) return;
  const at = deployment.l2.contracts.CommonsGovernor.address;
  const packed = BigInt((await rpc(l2.url, 'eth_getStorageAt', [at, slotHex(GOVERNANCE_CALL_SLOT), 'latest'])) as Hex);
  const mask = (1n << 128n) - 1n;
  const begin = packed & mask;
  let end = packed >> 128n;
  for (const a of own) {
    const slot = keccak256(encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [end, GOVERNANCE_CALL_DATA_SLOT]));
    await rpc(l2.url, 'anvil_setStorageAt', [at, slot, keccak256(a.calldata)]);
    end += 1n;
  }
  await rpc(l2.url, 'anvil_setStorageAt', [at, slotHex(GOVERNANCE_CALL_SLOT), slotHex((end << 128n) | begin)]);
}

const inboxOf = (deployment: Deployment) => ({ address: deployment.l1.contracts.MessageInbox.address, abi: messageInboxAbi }) as const;

/**
 * Delivers, in nonce order, the bus messages the L2 outbox sent before `nonce` that L1 has not executed yet
 * (the inbox executes strictly in order: they would go first). Returns how many.
 */
async function deliverInFlight(deployment: Deployment, l2: Fork, l1: Fork, nonce: bigint): Promise<number> {
  const next = await l1.client.readContract({ ...inboxOf(deployment), functionName: 'nextNonce' });
  if (next >= nonce) return 0;
  if (nonce - next > BigInt(MAX_IN_FLIGHT)) {
    throw new SimulationError(`${nonce - next} earlier bus messages are still waiting for L1; the simulation delivers at most ${MAX_IN_FLIGHT} first`, 503);
  }
  const nonces = Array.from({ length: Number(nonce - next) }, (_, i) => next + BigInt(i));
  const logs = await l2.client.getContractEvents({
    address: deployment.l2.contracts.MessageOutbox.address,
    abi: messageOutboxAbi,
    eventName: 'MessageSent',
    args: { nonce: nonces },
    fromBlock: BigInt(deployment.l2.contracts.MessageOutbox.startBlock),
    toBlock: l2.block,
  });
  const byNonce = new Map(messagesIn(deployment, logs).map((m) => [m.nonce, m]));
  for (const n of nonces) {
    const m = byNonce.get(n);
    if (!m) throw new SimulationError(`bus message #${n}, sent before this proposal's, was not found on L2`, 503);
    await deliver(deployment, l1, m);
  }
  return nonces.length;
}

/**
 * Delivers `m` on the L1 fork through the real inbox, as the committee does: the current members, impersonated,
 * attest it until the threshold is reached (the attestation that reaches it executes the message), or, if it had
 * reached it already, anyone delivers it. Nothing is written into the inbox's or the executor's storage: the
 * committee check, the nonce order, the forwarded gas limit and the executor's `_authorize` (the inbox as caller,
 * `xDomainMessageSender()` the L2 timelock, the governance nonce) all run as on the real chain (docs/MECHANISMS.md
 * §5). That is why this path, not an impersonated inbox with its sender set by anvil_setStorageAt: a message too
 * short of gas, or stale, fails here as it would there.
 * Returns the logs of the transactions that carried it, and whether the inbox is paused (then nothing executes).
 */
async function deliver(deployment: Deployment, l1: Fork, m: BusMessage): Promise<{ logs: Log[]; paused: boolean; refused?: Hex }> {
  const inbox = inboxOf(deployment);
  const [hash, threshold, members, paused] = await Promise.all([
    l1.client.readContract({ ...inbox, functionName: 'hashMessage', args: [m] }),
    l1.client.readContract({ ...inbox, functionName: 'threshold' }),
    l1.client.readContract({ ...inbox, functionName: 'members' }),
    l1.client.readContract({ ...inbox, functionName: 'paused' }),
  ]);
  if (paused) return { logs: [], paused: true };
  // Enough gas for the inbox to forward the message's limit (MessageInbox._gasNeeded) and its bookkeeping.
  const gas = m.gasLimit + m.gasLimit / 63n + 400_000n;
  const logs: Log[] = [];
  let count = await l1.client.readContract({ ...inbox, functionName: 'attestationCount', args: [hash] });
  for (const member of members) {
    if (count >= threshold) break;
    if (await l1.client.readContract({ ...inbox, functionName: 'hasAttested', args: [hash, member] })) continue;
    const r = await sendAs(l1, member, inbox.address, encodeFunctionData({ ...inbox, functionName: 'attest', args: [m] }), 0n, gas);
    if (!r.ok) return { logs, paused: false, refused: r.revert };
    logs.push(...r.logs);
    count += 1n;
  }
  if (count < threshold) return { logs, paused: false, refused: '0x' };
  const status = await l1.client.readContract({ ...inbox, functionName: 'messageStatus', args: [hash] });
  if (status === 0) {
    // It had reached the threshold before its turn: anyone delivers it now that it is next.
    const r = await sendAs(l1, members[0], inbox.address, encodeFunctionData({ ...inbox, functionName: 'deliver', args: [m] }), 0n, gas);
    if (!r.ok) return { logs, paused: false, refused: r.revert };
    logs.push(...r.logs);
  }
  return { logs, paused: false };
}

async function deliverProposalMessage(deployment: Deployment, l1: Fork, m: BusMessage, inner: L1Action, deliveredBefore: number): Promise<SimulatedL1Delivery> {
  const call = callOf(deployment, 'l1', inner.target, inner.data);
  const base = {
    target: inner.target,
    contract: call?.contract ?? null,
    functionName: call?.functionName ?? null,
    value: inner.value.toString(),
    gasLimit: inner.gasLimit.toString(),
    nonce: m.nonce.toString(),
    deliveredBefore,
  };
  const { result, changes } = await changesAround(l1, deployment, inner.target, () => deliver(deployment, l1, m));
  if (result.paused) {
    return {
      ...base,
      status: 'not-run',
      reason: 'The L1 inbox is paused (a decisive action of the Eco Nodes): the message would wait in order until it is unpaused.',
      errorName: null,
      events: [],
      changes: [],
    };
  }
  if (result.refused !== undefined) {
    const { sentence, errorName } = describe(deployment, deployment.l1.contracts.MessageInbox.address, result.refused);
    return { ...base, status: 'reverted', reason: `The L1 inbox refused the message: ${sentence}`, errorName, events: [], changes: [] };
  }
  const events = decodeLogs(deployment, 'l1', result.logs);
  const failed = parseEventLogs({ abi: messageInboxAbi, eventName: 'MessageFailed', logs: result.logs }).find((e) => e.args.nonce === m.nonce);
  if (failed) {
    const { sentence, errorName } = describe(deployment, inner.target, failed.args.reason);
    return { ...base, status: 'reverted', reason: sentence, errorName, events, changes };
  }
  return { ...base, status: 'ok', reason: null, errorName: null, events, changes } satisfies SimulatedCall & typeof base;
}
