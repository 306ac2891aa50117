import { type Account, type Address, decodeErrorResult, encodeAbiParameters, type Hex, keccak256, type PublicClient, toHex } from 'viem';
import { Sender } from '../contracts/script/lib/sender';
import { type BusMessage, MESSAGE_STATUSES, toMessage } from '../lib/bus';
import { CHALLENGE_STATUSES } from '../lib/challenges';
import { CONTRACTS, type ContractName, deployedAt } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import type { ChainKey, Deployment } from '../lib/deployment/types';
import { describeError } from '../lib/errors';
import { withHeadroom } from '../lib/gas';

// The bus contracts have one ABI on both chains: `CONTRACTS.l1.MessageInbox` and `.MessageOutbox` serve either route.

export interface RelayerOptions {
  deployment: Deployment;
  /** Committee member keys this process attests with (all three locally). */
  keys: Account[];
  /** Blocks a `MessageSent` log must be buried under before it is attested. */
  confirmations: Record<ChainKey, number>;
  /** Largest block range of one `eth_getLogs`. */
  logRange?: number;
  log?: (line: string) => void;
  /**
   * Local stand-in for the sequencers' nodes (docs/MECHANISMS.md §4.5): before each L2 block, make the
   * current epoch's signer its coinbase (anvil) and send the heartbeat that proves the block was
   * produced by it. Off by default; the local relayer process turns it on.
   */
  produceBlocks?: { account: Account };
}

/** Gas of the inbox's own work around the target call (attest bookkeeping, events, calldata aside). */
const INBOX_OVERHEAD_GAS = 250_000n;
/** `MessageInbox.DELIVERY_GAS_RESERVE`. */
const DELIVERY_GAS_RESERVE = 50_000n;
/** Messages handled per route and tick. */
const BATCH = 64;
const RETRY_BACKOFF_MS = { first: 30_000, max: 600_000 };

/**
 * Gas for an `attest` or `deliver` of `m`, fixed rather than estimated: an attestation that reaches
 * the threshold executes the message and must forward its `gasLimit` (the inbox reverts with
 * `InsufficientGas` otherwise), which an estimate made before the other members' attestations are
 * mined would not include.
 */
function busGas(m: BusMessage): bigint {
  return m.gasLimit + m.gasLimit / 63n + DELIVERY_GAS_RESERVE + INBOX_OVERHEAD_GAS + 16n * BigInt((m.data.length - 2) / 2);
}

/** Custom errors of the contracts that bus messages call, to name a failed message's revert. */
const TARGET_ERRORS = [
  CONTRACTS.l1.GovernanceExecutor,
  CONTRACTS.l1.SequencerStaking,
  CONTRACTS.l2.SequencerSet,
  CONTRACTS.l1.RewardsDistributor,
  CONTRACTS.l1.MetisToken,
]
  .flat()
  .filter((item) => item.type === 'error');

/** A failed target call's revert data (at most 256 bytes, kept by the inbox) as `Name(args)`. */
function describeRevert(reason: Hex): string {
  if (reason === '0x') return 'no revert data';
  try {
    const { errorName, args } = decodeErrorResult({ abi: TARGET_ERRORS, data: reason });
    return `${errorName}(${(args ?? []).map(String).join(', ')})`;
  } catch {
    return reason;
  }
}

/** `BusMessageLib.MESSAGE_TYPEHASH`. */
const MESSAGE_TYPEHASH = keccak256(
  toHex(
    'BusMessage(uint256 sourceChainId,uint256 targetChainId,address outbox,address inbox,uint256 nonce,address sender,address target,uint256 gasLimit,bytes data)',
  ),
);

/** `BusMessageLib.hash`: what the committee attests (binds the route, the inbox included). */
export function hashMessage(m: BusMessage): Hex {
  return keccak256(
    encodeAbiParameters(
      [
        { type: 'bytes32' },
        { type: 'uint256' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'address' },
        { type: 'uint256' },
        { type: 'address' },
        { type: 'address' },
        { type: 'uint256' },
        { type: 'bytes32' },
      ],
      [MESSAGE_TYPEHASH, m.sourceChainId, m.targetChainId, m.outbox, m.inbox, m.nonce, m.sender, m.target, m.gasLimit, keccak256(m.data)],
    ),
  );
}

const same = (a: Address, b: Address) => a.toLowerCase() === b.toLowerCase();

interface Route {
  name: string;
  source: PublicClient;
  sourceKey: ChainKey;
  sourceChainId: bigint;
  targetChainId: bigint;
  outbox: Address;
  inbox: Address;
  target: PublicClient;
  /** One sender per key on the target chain. */
  senders: Sender[];
  /** Outbox logs are read up to here (in memory only: a restart reads them again from the deployment block). */
  scannedTo: bigint;
  failedScannedTo: bigint;
  /** Messages not yet executed, by nonce (a cache of the outbox logs; the inbox decides what is done). */
  messages: Map<bigint, Pending>;
  /** Failed messages to retry, by hash, with the time of the next attempt, the backoff and the inbox's deadline. */
  failed: Map<Hex, { message: BusMessage; nonce: bigint; at: number; backoff: number; deadline: bigint }>;
}

/** A message read from the outbox, with the block that sent it and, once checked, whether the inbox would take it. */
interface Pending {
  message: BusMessage;
  hash: Hex;
  blockNumber: bigint;
  /** The hash of that block: if the source chain no longer has it there, the log was reorged out. */
  blockHash: Hex;
  /** Why the inbox would refuse it (undefined: not checked yet; null: acceptable). */
  refusal?: string | null;
}

/**
 * The committee members' duties in one process: carries the messages of both outboxes to the inbox
 * on the other chain, and rotates the L2 sequencer set at each epoch boundary.
 *
 * Restart safety: nothing is kept across restarts. Every tick derives what to do from the inbox:
 * messages below `nextNonce()` are done; for the others, `hasAttested(hash, member)` and
 * `attestationCount(hash)` tell which members still need to attest, and the inbox itself refuses to
 * execute a nonce twice or out of order. A transaction of a killed process that is mined later is
 * harmless: it is either the attestation still missing, or it reverts (`AlreadyAttested`,
 * `NonceAlreadyProcessed`) without effect.
 */
export class Relayer {
  readonly routes: Route[];
  private readonly l2: { client: PublicClient; sender: Sender; sequencerSet: Address };
  private readonly l1: { client: PublicClient; sender: Sender; beacon: Address };
  private readonly log: (line: string) => void;
  private readonly logRange: bigint;
  private waitingForStake = false;
  private waitingForBeacon = 0n;
  private pausedLogged = new Set<string>();
  /** Challenges not yet resolved (ids), and the count read so far (a restart reads them all again). */
  private readonly openChallenges = new Set<bigint>();
  private challengesSeen = 0n;
  private readonly challenges: Address;
  private readonly producer?: { sender: Sender; coinbase?: Address; block: bigint };

  constructor(private readonly opts: RelayerOptions) {
    const { deployment, keys } = opts;
    if (keys.length === 0) throw new Error('The relayer needs at least one committee key');
    this.log = opts.log ?? ((line) => console.log(`[relayer] ${line}`));
    this.logRange = BigInt(opts.logRange ?? 5_000);
    const senders = (chain: ChainKey) => keys.map((key) => new Sender(toViemChain(deployment[chain]), key));
    const l1Senders = senders('l1');
    const l2Senders = senders('l2');
    const contract = <C extends ChainKey>(chain: C, name: ContractName<C>) => {
      const c = deployedAt(deployment, chain, name);
      if (!c) throw new Error(`The deployment has no ${name} on ${chain.toUpperCase()}`);
      return c;
    };
    const route = (from: ChainKey, to: ChainKey, targetSenders: Sender[], sourceClient: PublicClient): Route => {
      const outbox = contract(from, 'MessageOutbox');
      const inbox = contract(to, 'MessageInbox');
      return {
        name: `${from.toUpperCase()}→${to.toUpperCase()}`,
        source: sourceClient,
        sourceKey: from,
        sourceChainId: BigInt(deployment[from].chainId),
        targetChainId: BigInt(deployment[to].chainId),
        outbox: outbox.address,
        inbox: inbox.address,
        target: targetSenders[0].public,
        senders: targetSenders,
        scannedTo: BigInt(outbox.startBlock) - 1n,
        failedScannedTo: BigInt(inbox.startBlock) - 1n,
        messages: new Map(),
        failed: new Map(),
      };
    };
    this.routes = [route('l1', 'l2', l2Senders, l1Senders[0].public), route('l2', 'l1', l1Senders, l2Senders[0].public)];
    this.l2 = { client: l2Senders[0].public, sender: l2Senders[0], sequencerSet: contract('l2', 'SequencerSet').address };
    this.l1 = { client: l1Senders[0].public, sender: l1Senders[0], beacon: contract('l1', 'RandomnessBeacon').address };
    this.challenges = contract('l2', 'SequencerChallenges').address;
    if (opts.produceBlocks) {
      this.producer = { sender: new Sender(toViemChain(deployment.l2), opts.produceBlocks.account), block: -1n };
    }
  }

  /** One pass over both routes and the keeper duties (rotation, decided challenges, local production). */
  async tick(): Promise<void> {
    await this.produce();
    for (const route of this.routes) await this.relay(route);
    await this.rotateIfDue();
    await this.resolveDecided();
  }

  /** Ticks until both inboxes executed every message their outbox has sent so far. */
  async drain(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      await this.tick();
      const backlog = await Promise.all(this.routes.map((r) => this.backlog(r)));
      if (backlog.every((n) => n === 0n)) return;
      if (Date.now() > deadline) throw new Error(`relayer: messages still pending after ${timeoutMs / 1000}s`);
    }
  }

  /** L2 blocks per epoch of the sequencer set. */
  epochLength(): Promise<bigint> {
    return this.l2.client.readContract({ address: this.l2.sequencerSet, abi: CONTRACTS.l2.SequencerSet, functionName: 'epochLength' });
  }

  /** Messages sent by the route's outbox and not yet consumed by its inbox. */
  async backlog(route: Route): Promise<bigint> {
    const [sent, next] = await Promise.all([
      route.source.readContract({ address: route.outbox, abi: CONTRACTS.l1.MessageOutbox, functionName: 'nextNonce' }),
      route.target.readContract({ address: route.inbox, abi: CONTRACTS.l1.MessageInbox, functionName: 'nextNonce' }),
    ]);
    return sent - next;
  }

  private async relay(route: Route): Promise<void> {
    await this.scanOutbox(route);
    await this.scanFailures(route);
    const inbox = { address: route.inbox, abi: CONTRACTS.l1.MessageInbox } as const;
    const next = await route.target.readContract({ ...inbox, functionName: 'nextNonce' });
    for (const nonce of route.messages.keys()) if (nonce < next) route.messages.delete(nonce);

    if (await this.reorgedOut(route, next)) return;
    const pending: Pending[] = [];
    for (let n = next; pending.length < BATCH && route.messages.has(n); n++) {
      const entry = route.messages.get(n)!;
      if (entry.refusal === undefined) {
        entry.refusal = await this.refusal(route, entry);
        // Delivery is in nonce order: the route waits here (loudly) rather than attest what the
        // inbox or the source outbox's rules would not allow.
        if (entry.refusal !== null) this.log(`${route.name} #${n}: not attesting, ${entry.refusal}`);
      }
      if (entry.refusal !== null) break;
      pending.push(entry);
    }
    // A paused inbox (the council's decisive action) executes nothing: messages wait, in order.
    if (pending.length > 0 && (await route.target.readContract({ address: route.inbox, abi: CONTRACTS.l1.MessageInbox, functionName: 'paused' }))) {
      if (!this.pausedLogged.has(route.name)) this.log(`${route.name}: the inbox is paused; messages wait`);
      this.pausedLogged.add(route.name);
    } else if (pending.length > 0) {
      if (this.pausedLogged.delete(route.name)) this.log(`${route.name}: the inbox is unpaused`);
      const [threshold, memberships] = await Promise.all([
        route.target.readContract({ ...inbox, functionName: 'threshold' }),
        Promise.all(route.senders.map((s) => route.target.readContract({ ...inbox, functionName: 'isMember', args: [s.address] }))),
      ]);
      const members = route.senders.filter((_, i) => memberships[i]);
      if (members.length === 0) throw new Error(`${route.name}: none of the relayer's keys is a committee member`);
      const states = await Promise.all(
        pending.map(async ({ message, hash }) => {
          const [count, attested] = await Promise.all([
            route.target.readContract({ ...inbox, functionName: 'attestationCount', args: [hash] }),
            Promise.all(members.map((s) => route.target.readContract({ ...inbox, functionName: 'hasAttested', args: [hash, s.address] }))),
          ]);
          return { m: message, count, attested };
        }),
      );

      // Attested up to the threshold before their turn (an earlier nonce was pending): deliver them
      // now that the first is next, in one run from one key (its transactions are mined in order).
      const ready = states.findIndex((st) => st.count < threshold);
      const deliverable = states.slice(0, ready === -1 ? states.length : ready);
      if (deliverable.length > 0) {
        await route.target.simulateContract({
          ...inbox,
          functionName: 'deliver',
          args: [deliverable[0].m],
          account: members[0].account,
          gas: busGas(deliverable[0].m),
        });
        for (const { m } of deliverable) {
          await members[0].write(`deliver ${route.name} #${m.nonce}`, { ...inbox, functionName: 'deliver', args: [m], gas: busGas(m) });
        }
        await members[0].settle();
        this.log(`${route.name} #${next}..#${deliverable[deliverable.length - 1].m.nonce} delivered`);
      } else {
        // Only as many attestations as the threshold needs (a later one would revert with
        // `NonceAlreadyProcessed` once the message executed), and only up to the next message that
        // already has them: those after it could not execute on attestation before it is delivered.
        const upTo = states.findIndex((st, i) => i > 0 && st.count >= threshold);
        let attestations = 0;
        for (const { m, count, attested } of states.slice(0, upTo === -1 ? states.length : upTo)) {
          let have = count;
          for (let i = 0; i < members.length && have < threshold; i++) {
            if (attested[i]) continue;
            await members[i].write(`attest ${route.name} #${m.nonce} by ${members[i].address}`, {
              ...inbox,
              functionName: 'attest',
              args: [m],
              gas: busGas(m),
            });
            have++;
            attestations++;
          }
        }
        await Promise.all(members.map((s) => s.settle()));
        if (attestations > 0) this.log(`${route.name} from #${next}: ${attestations} attestations`);
      }
      const now = await route.target.readContract({ ...inbox, functionName: 'nextNonce' });
      if (now > next) this.log(`${route.name} executed through #${now - 1n}`);
    }
    await this.retryFailed(route);
  }

  /** Reads new `MessageSent` logs of the route's outbox into the message cache. */
  private async scanOutbox(route: Route): Promise<void> {
    const head = (await route.source.getBlockNumber({ cacheTime: 0 })) - BigInt(this.opts.confirmations[route.sourceKey]);
    while (route.scannedTo < head) {
      const from = route.scannedTo + 1n;
      const to = from + this.logRange - 1n < head ? from + this.logRange - 1n : head;
      const logs = await route.source.getContractEvents({
        address: route.outbox,
        abi: CONTRACTS.l1.MessageOutbox,
        eventName: 'MessageSent',
        fromBlock: from,
        toBlock: to,
        strict: true,
      });
      for (const { args, address, blockNumber, blockHash } of logs) {
        route.messages.set(args.nonce, { message: toMessage(address, args), hash: args.messageHash, blockNumber, blockHash });
      }
      route.scannedTo = to;
    }
  }

  /**
   * Whether a reorg deeper than the confirmations replaced a block that sent a cached message still to
   * carry (docs/ARCHITECTURE.md, reorgs). If so, the messages from the first such block on are
   * forgotten and the outbox is read again from there on the next pass: the relayer attests only what
   * the source chain holds now, under the same nonce, once.
   */
  private async reorgedOut(route: Route, next: bigint): Promise<boolean> {
    const blocks = new Map<bigint, Hex>();
    for (let n = next; n < next + BigInt(BATCH) && route.messages.has(n); n++) {
      const entry = route.messages.get(n)!;
      if (!blocks.has(entry.blockNumber)) {
        const block = await route.source.getBlock({ blockNumber: entry.blockNumber }).catch(() => undefined);
        blocks.set(entry.blockNumber, block?.hash ?? '0x');
      }
      if (blocks.get(entry.blockNumber) === entry.blockHash) continue;
      const from = entry.blockNumber;
      for (const [nonce, m] of route.messages) if (m.blockNumber >= from) route.messages.delete(nonce);
      if (route.scannedTo >= from) route.scannedTo = from - 1n;
      this.log(`${route.name}: block ${from} of ${route.sourceKey.toUpperCase()} that sent #${n} was reorged out; reading the outbox again from it`);
      return true;
    }
    return false;
  }

  /** Reads new `MessageFailed` logs of the route's inbox into the retry list. */
  private async scanFailures(route: Route): Promise<void> {
    const head = await route.target.getBlockNumber({ cacheTime: 0 });
    while (route.failedScannedTo < head) {
      const from = route.failedScannedTo + 1n;
      const to = from + this.logRange - 1n < head ? from + this.logRange - 1n : head;
      const logs = await route.target.getContractEvents({
        address: route.inbox,
        abi: CONTRACTS.l1.MessageInbox,
        eventName: 'MessageFailed',
        fromBlock: from,
        toBlock: to,
        strict: true,
      });
      for (const { args } of logs) {
        const message = route.messages.get(args.nonce)?.message ?? (await this.findMessage(route, args.nonce));
        route.failed.set(args.messageHash, {
          message,
          nonce: args.nonce,
          at: 0,
          backoff: RETRY_BACKOFF_MS.first,
          deadline: args.retryDeadline,
        });
        this.log(
          `${route.name} #${args.nonce} failed on the target: ${describeRevert(args.reason)}; will retry until ${new Date(Number(args.retryDeadline) * 1000).toISOString()}`,
        );
      }
      route.failedScannedTo = to;
    }
  }

  /**
   * Why the inbox would refuse `entry` (or why the source outbox would not have sent it), or null if
   * it is acceptable: its domain is this route (chains, outbox, and the inbox it is addressed to), its
   * hash is the one the outbox logged, and at the block that sent it the sender was allow-listed and
   * the gas limit within the outbox's cap (the outbox enforces both; the relayer attests nothing
   * that would not pass them).
   */
  private async refusal(route: Route, entry: Pending): Promise<string | null> {
    const m = entry.message;
    if (m.sourceChainId !== route.sourceChainId || m.targetChainId !== route.targetChainId) {
      return `its chains ${m.sourceChainId}→${m.targetChainId} are not this route's`;
    }
    if (!same(m.outbox, route.outbox)) return `it comes from outbox ${m.outbox}, not ${route.outbox}`;
    if (!same(m.inbox, route.inbox)) return `it is addressed to inbox ${m.inbox}, not ${route.inbox}`;
    if (hashMessage(m) !== entry.hash) return `its fields do not hash to the logged ${entry.hash}`;
    const outbox = { address: route.outbox, abi: CONTRACTS.l1.MessageOutbox } as const;
    try {
      const [allowed, cap] = await Promise.all([
        route.source.readContract({ ...outbox, functionName: 'isSenderAllowed', args: [m.sender], blockNumber: entry.blockNumber }),
        route.source.readContract({ ...outbox, functionName: 'maxGasLimit', blockNumber: entry.blockNumber }),
      ]);
      if (!allowed) return `its sender ${m.sender} was not allow-listed on the source`;
      if (m.gasLimit > cap) return `its gas limit ${m.gasLimit} is above the cap ${cap}`;
    } catch (err) {
      // A node without that block's state (not an archive node, the relayer far behind): the outbox
      // itself refused any other sender or gas limit when it emitted the log, so the log is enough.
      this.log(`${route.name} #${m.nonce}: cannot read the outbox at block ${entry.blockNumber} (${describeError(err)}); relying on its check at send`);
    }
    return null;
  }

  private async findMessage(route: Route, nonce: bigint): Promise<BusMessage> {
    const outbox = this.opts.deployment[route.sourceKey].contracts.MessageOutbox;
    const [log] = await route.source.getContractEvents({
      address: route.outbox,
      abi: CONTRACTS.l1.MessageOutbox,
      eventName: 'MessageSent',
      args: { nonce },
      fromBlock: BigInt(outbox.startBlock),
      strict: true,
    });
    if (!log) throw new Error(`${route.name}: no MessageSent log for nonce ${nonce}`);
    return toMessage(log.address, log.args);
  }

  /**
   * A failed message consumed its nonce; the inbox lets anyone `retry` it, at most one success, until
   * its retry deadline. The target reverted once, so it may again: retry with exponential backoff,
   * and stop once the inbox reports it `Executed` (by this or any other caller) or `Cancelled` (by
   * governance), or its deadline has passed (expired: the inbox would refuse it).
   */
  private async retryFailed(route: Route): Promise<void> {
    let now: bigint | undefined;
    for (const [hash, entry] of route.failed) {
      if (Date.now() < entry.at) continue;
      const status =
        MESSAGE_STATUSES[
          await route.target.readContract({
            address: route.inbox,
            abi: CONTRACTS.l1.MessageInbox,
            functionName: 'messageStatus',
            args: [hash],
          })
        ];
      if (status !== 'failed') {
        if (status === 'cancelled') this.log(`${route.name} #${entry.nonce} was cancelled by governance; not retrying`);
        route.failed.delete(hash);
        continue;
      }
      now ??= (await route.target.getBlock({ blockTag: 'latest' })).timestamp;
      if (now > entry.deadline) {
        this.log(`${route.name} #${entry.nonce} expired at ${new Date(Number(entry.deadline) * 1000).toISOString()}; not retrying`);
        route.failed.delete(hash);
        continue;
      }
      try {
        // Simulated first, so that a refusal is reported by its custom error.
        const call = { address: route.inbox, abi: CONTRACTS.l1.MessageInbox, functionName: 'retry', args: [entry.message] } as const;
        await route.target.simulateContract({ ...call, account: route.senders[0].account });
        await route.senders[0].write(`retry ${route.name} #${entry.nonce}`, call);
        await route.senders[0].settle();
        route.failed.delete(hash);
        this.log(`${route.name} #${entry.nonce} executed on retry`);
      } catch (err) {
        entry.at = Date.now() + entry.backoff;
        this.log(`${route.name} #${entry.nonce} retry: ${describeError(err)}; next in ${entry.backoff / 1000}s`);
        entry.backoff = Math.min(entry.backoff * 2, RETRY_BACKOFF_MS.max);
      }
    }
  }

  /**
   * Rotation keeper (docs/MECHANISMS.md §4.5). Each rotation draws with the L1 beacon that the previous rotation
   * requested: the request and the answer are ordinary bus messages (`relay` carries them), so the
   * keeper only starts the chain of requests (`requestFirstBeacon` once a sequencer has stake), resends
   * an answer the L1 outbox refused (the same, already fixed value), and calls `rotate()` once the
   * epoch's last block is mined and the beacon has arrived. A key that is not a rotation keeper waits
   * for the end of the grace period, when anyone may rotate.
   */
  private async rotateIfDue(): Promise<void> {
    const set = { address: this.l2.sequencerSet, abi: CONTRACTS.l2.SequencerSet } as const;
    const { client, sender } = this.l2;
    const [block, current, due, anyoneFrom, weight, keeper] = await Promise.all([
      client.getBlockNumber({ cacheTime: 0 }),
      client.readContract({ ...set, functionName: 'currentEpochNumber' }),
      client.readContract({ ...set, functionName: 'nextRotationBlock' }),
      client.readContract({ ...set, functionName: 'anyoneMayRotateFrom' }),
      client.readContract({ ...set, functionName: 'totalWeight' }),
      client.readContract({ ...set, functionName: 'isRotationKeeper', args: [sender.account.address] }),
    ]);
    const next = current + 1n;
    const beacon = await client.readContract({ ...set, functionName: 'beaconOf', args: [next] });
    if (current === 0n && !beacon.requested) {
      if (weight === 0n) {
        if (!this.waitingForStake) this.log('rotation waits for a sequencer with stake on L2');
        this.waitingForStake = true;
        return;
      }
      this.waitingForStake = false;
      await sender.write('requestFirstBeacon', { ...set, functionName: 'requestFirstBeacon' });
      await sender.settle();
      this.log('requested the L1 beacon of epoch 1');
      return;
    }
    if (block + 1n < due) return;
    if (!keeper && block + 1n < anyoneFrom) return;
    if (!beacon.received) {
      await this.resendBeaconIfRefused(next);
      if (this.waitingForBeacon !== next) this.log(`rotation to epoch ${next} waits for its L1 beacon`);
      this.waitingForBeacon = next;
      return;
    }
    // Estimated against the pending block, where the rotation will be mined.
    const gas = await client.estimateContractGas({ ...set, functionName: 'rotate', account: sender.account, blockTag: 'pending' });
    await sender.write('rotate', { ...set, functionName: 'rotate', gas: gas + gas / 5n });
    await sender.settle();
    const [epoch, info] = await client.readContract({ ...set, functionName: 'currentEpoch' });
    this.log(`epoch ${epoch}: sequencer ${info.sequencerId}, blocks ${info.startBlock}..${info.endBlock}`);
  }

  /**
   * Challenge keeper (docs/MECHANISMS.md §4.5): resolves every challenge whose outcome is certain (a
   * downtime challenge once its epoch ended, a voted one once decided or past its deadline), so that
   * bonds settle and held epoch reports go on. Anyone may resolve; this is only the committee doing it.
   */
  private async resolveDecided(): Promise<void> {
    const { client, sender } = this.l2;
    const challenges = { address: this.challenges, abi: CONTRACTS.l2.SequencerChallenges } as const;
    const count = await client.readContract({ ...challenges, functionName: 'challengeCount' });
    for (; this.challengesSeen < count; this.challengesSeen++) this.openChallenges.add(this.challengesSeen);
    for (const id of this.openChallenges) {
      const outcome = CHALLENGE_STATUSES[await client.readContract({ ...challenges, functionName: 'outcome', args: [id] })];
      if (outcome === 'open') continue;
      const { status } = await client.readContract({ ...challenges, functionName: 'getChallenge', args: [id] });
      if (CHALLENGE_STATUSES[status] === 'open') {
        // With headroom: the estimate can fall short of the bus message's storage writes by the time it is mined.
        const estimate = await client.estimateContractGas({ ...challenges, functionName: 'resolve', args: [id], account: sender.account });
        await sender.write(`resolve challenge #${id}`, { ...challenges, functionName: 'resolve', args: [id], gas: withHeadroom(estimate) });
        await sender.settle();
        this.log(`challenge #${id} resolved: ${outcome}`);
      }
      this.openChallenges.delete(id);
    }
  }

  /**
   * Local block production (see `produceBlocks`): once per L2 block, the current epoch's signer becomes
   * the coinbase of the next block and a heartbeat goes into it.
   */
  private async produce(): Promise<void> {
    const p = this.producer;
    if (!p) return;
    const { client } = this.l2;
    const block = await client.getBlockNumber({ cacheTime: 0 });
    if (block === p.block) return;
    p.block = block;
    const [, epoch] = await client.readContract({ address: this.l2.sequencerSet, abi: CONTRACTS.l2.SequencerSet, functionName: 'currentEpoch' });
    if (epoch.signer !== p.coinbase) {
      await client.request({ method: 'anvil_setCoinbase' as never, params: [epoch.signer] as never });
      p.coinbase = epoch.signer;
    }
    // Not queued on a Sender: nothing waits for a heartbeat, and a lost one only counts one block less.
    await p.sender.wallet.writeContract({
      address: this.challenges,
      abi: CONTRACTS.l2.SequencerChallenges,
      functionName: 'heartbeat',
      gas: 100_000n,
      account: p.sender.account,
      chain: p.sender.chain,
    });
  }

  /** The L1 beacon fixed epoch `epochNumber`'s randomness but the outbox refused the answer: send it again. */
  private async resendBeaconIfRefused(epochNumber: bigint): Promise<void> {
    const beacon = { address: this.l1.beacon, abi: CONTRACTS.l1.RandomnessBeacon } as const;
    const draw = await this.l1.client.readContract({ ...beacon, functionName: 'drawOf', args: [epochNumber] });
    if (draw.l1BlockNumber === 0n) return; // the request has not executed on L1 yet
    const fromBlock = draw.l1BlockNumber;
    const [sent, refused] = await Promise.all([
      this.l1.client.getContractEvents({ ...beacon, eventName: 'RandomnessSent', args: { epochNumber }, fromBlock }),
      this.l1.client.getContractEvents({ ...beacon, eventName: 'RandomnessSendFailed', args: { epochNumber }, fromBlock }),
    ]);
    if (sent.length > 0 || refused.length === 0) return;
    await this.l1.sender.write(`resend the L1 beacon of epoch ${epochNumber}`, { ...beacon, functionName: 'resend', args: [epochNumber] });
    await this.l1.sender.settle();
    this.log(`resent the L1 beacon of epoch ${epochNumber}`);
  }
}
