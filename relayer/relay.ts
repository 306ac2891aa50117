/**
 * The relay endpoint of the relayer process (docs/ARCHITECTURE.md, "Relay"; docs/MECHANISMS.md §8, "Gasless"):
 * `POST /relay` sends a vote, a delegation or a group ballot that an account signed, paying the gas from a sponsor
 * key, within a per-account daily quota; `GET /relay/:hash` tells where a relayed transaction stands. The request
 * and answer shapes and the typed data live in lib/relay.ts, shared with the app.
 *
 * Order of the checks: body (400, naming the field) → signature already relayed (409) → the target exists →
 * the account's nonce on chain (409 used / 400 ahead) → the signature recovers to the account (400) → what a
 * delegation has to delegate (403) → the account's quota today (429) → the sponsor's balance against its floor
 * (503) → a simulation of the call as the sponsor (409 with the contract's error in words) → send (200 `{ hash }`).
 * Nothing costs the sponsor gas before the last step. Requests are handled one at a time, so two copies of one
 * signature cannot both pass the checks, and the sponsor's nonces follow each other.
 *
 * The quota and what was relayed are kept in a JSON file (`stateFile`), rewritten atomically (temporary file,
 * then rename) after every relay, so a restart keeps the counts.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import {
  type Abi,
  type Account,
  type Address,
  createPublicClient,
  createWalletClient,
  encodeFunctionData,
  type Hex,
  http,
  type PublicClient,
  parseSignature,
  recoverTypedDataAddress,
  type WalletClient,
} from 'viem';
import { commonsGroupAbi } from '../lib/contracts/abis';
import { CONTRACTS, contractOf, groupContract } from '../lib/contracts/descriptors';
import { toViemChain } from '../lib/deployment/chains';
import type { Deployment } from '../lib/deployment/types';
import { describeError, errorsOf } from '../lib/errors';
import { formatDateTime, formatMetis, shortAddress } from '../lib/format';
import { withHeadroom } from '../lib/gas';
import {
  MAX_RELAY_BODY_BYTES,
  parseRelayRequest,
  RELAY_PATH,
  type RelayKind,
  type RelayMessage,
  type RelayStatus,
  relaySigner,
  relayTypedData,
} from '../lib/relay';

export interface RelayOptions {
  deployment: Deployment;
  /** The key that pays the gas; none: the endpoint refuses every relay with 503. */
  sponsor: Account | undefined;
  /** The JSON file of quotas and relayed signatures. */
  stateFile: string;
  /** Relays per account per UTC day. */
  dailyQuota: number;
  /** Below this L2 balance (wei) the sponsor sends nothing. */
  sponsorFloor: bigint;
  /** Wall clock in ms (tests). */
  now?: () => number;
}

interface RelayedEntry {
  kind: RelayKind;
  account: Address;
  signature: Hex;
  sentAt: number;
}

interface RelayState {
  /** Relays sent per account (lowercase) on one UTC day. */
  quota: Record<string, { day: string; count: number }>;
  /** Relayed transactions by hash. */
  relayed: Record<string, RelayedEntry>;
}

/** Relayed signatures are remembered this long (after that the on-chain nonce alone refuses a replay). */
const KEEP_RELAYED_MS = 7 * 24 * 3600 * 1000;

type Answer = { status: number; body: unknown };

/** A relay's contract call. */
function callOf(deployment: Deployment, relay: RelayMessage): { address: Address; abi: Abi; functionName: string; args: readonly unknown[] } {
  switch (relay.kind) {
    case 'vote': {
      const governor = contractOf(deployment, 'l2', 'CommonsGovernor');
      return {
        address: governor.address,
        abi: governor.abi,
        functionName: 'castVoteWithReasonAndParamsBySig',
        args: [relay.proposalId, relay.support, relay.voter, relay.reason, '0x', relay.signature],
      };
    }
    case 'delegate': {
      const ve = contractOf(deployment, 'l2', 'VeMetis');
      const { v, r, s, yParity } = parseSignature(relay.signature);
      return {
        address: ve.address,
        abi: ve.abi,
        functionName: 'delegateBySig',
        args: [relay.delegatee, relay.nonce, relay.expiry, Number(v ?? BigInt(yParity + 27)), r, s],
      };
    }
    case 'group-ballot': {
      const group = groupContract(deployment, relay.group);
      return {
        address: group.address,
        abi: group.abi,
        functionName: 'castVoteBySig',
        args: [relay.proposalId, relay.support, relay.reason, relay.member, relay.nonce, relay.deadline, relay.signature],
      };
    }
  }
}

const WHAT: Record<RelayKind, string> = { vote: 'vote', delegate: 'delegation', 'group-ballot': 'vote inside the group' };

export class RelayService {
  private readonly client: PublicClient;
  private readonly wallet: WalletClient | undefined;
  private readonly errors = errorsOf([...Object.values(CONTRACTS.l2), commonsGroupAbi] as Abi[]);
  private state: RelayState;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly opts: RelayOptions) {
    const chain = toViemChain(opts.deployment.l2);
    const transport = http(opts.deployment.l2.rpcUrl);
    this.client = createPublicClient({ chain, transport });
    this.wallet = opts.sponsor ? createWalletClient({ chain, transport, account: opts.sponsor }) : undefined;
    this.state = this.load();
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private load(): RelayState {
    try {
      const raw = JSON.parse(readFileSync(this.opts.stateFile, 'utf8')) as Partial<RelayState>;
      return { quota: raw.quota ?? {}, relayed: raw.relayed ?? {} };
    } catch {
      return { quota: {}, relayed: {} };
    }
  }

  /** Writes the state to a temporary file and renames it over the old one: a crash leaves one or the other whole. */
  private save() {
    const cutoff = this.now() - KEEP_RELAYED_MS;
    for (const [hash, entry] of Object.entries(this.state.relayed)) if (entry.sentAt * 1000 < cutoff) delete this.state.relayed[hash];
    const today = utcDay(this.now());
    for (const [account, q] of Object.entries(this.state.quota)) if (q.day !== today) delete this.state.quota[account];
    mkdirSync(path.dirname(this.opts.stateFile), { recursive: true });
    const tmp = `${this.opts.stateFile}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.state));
    renameSync(tmp, this.opts.stateFile);
  }

  /** Relays the account has sent today (UTC). */
  usedToday(account: Address): number {
    const q = this.state.quota[account.toLowerCase()];
    return q && q.day === utcDay(this.now()) ? q.count : 0;
  }

  /** Handles `/relay` requests (with CORS: the app posts from its own origin); false for any other path. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? '/', 'http://relayer');
    if (url.pathname !== RELAY_PATH && !url.pathname.startsWith(`${RELAY_PATH}/`)) return false;
    const cors = { 'access-control-allow-origin': '*', 'access-control-allow-methods': 'GET, POST, OPTIONS', 'access-control-allow-headers': 'content-type' };
    const send = ({ status, body }: Answer) => res.writeHead(status, { ...cors, 'content-type': 'application/json' }).end(JSON.stringify(body));
    if (req.method === 'OPTIONS') {
      res.writeHead(204, cors).end();
      return true;
    }
    try {
      if (req.method === 'POST' && url.pathname === RELAY_PATH) {
        send(await this.post(req));
      } else if (req.method === 'GET' && url.pathname.startsWith(`${RELAY_PATH}/`)) {
        send(await this.status(url.pathname.slice(RELAY_PATH.length + 1)));
      } else {
        send({ status: 405, body: { error: `Use POST ${RELAY_PATH} or GET ${RELAY_PATH}/:hash.` } });
      }
    } catch (err) {
      send({ status: 502, body: { error: `The relay could not reach the chain: ${describeError(err)}` } });
    }
    return true;
  }

  private async post(req: IncomingMessage): Promise<Answer> {
    const text = await readBody(req);
    if (text === undefined) return { status: 413, body: { error: `The body is larger than ${MAX_RELAY_BODY_BYTES} bytes.` } };
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return { status: 400, body: { error: 'Bad request: the body is not JSON.' } };
    }
    return this.serialized(() => this.relay(body));
  }

  private serialized<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => {});
    return run;
  }

  /** One relay request, checked then sent (see the order in the header). */
  async relay(body: unknown): Promise<Answer> {
    const refuse = (status: number, error: string): Answer => ({ status, body: { error } });
    const parsed = parseRelayRequest(body);
    if (!parsed.ok) return refuse(400, `Bad request: ${parsed.error}.`);
    const { relay } = parsed;
    if (!this.wallet || !this.opts.sponsor) return refuse(503, 'This relayer does not sponsor gas (it has no sponsor key): vote with your own gas.');
    const account = relaySigner(relay);
    const signature = relay.signature.toLowerCase();
    const earlier = Object.entries(this.state.relayed).find(([, e]) => e.signature.toLowerCase() === signature);
    if (earlier) return refuse(409, `This signature was already relayed (transaction ${earlier[0]}): a signed ${WHAT[relay.kind]} is sent once.`);

    const { deployment } = this.opts;
    const l2 = deployment.l2;
    if (relay.kind === 'group-ballot') {
      const isGroup = await this.client.readContract({ ...contractOf(deployment, 'l2', 'CommonsRegistry'), functionName: 'isGroup', args: [relay.group] });
      if (!isGroup) return refuse(400, `Bad request: \`group\` ${relay.group} is not a Commons group.`);
    }
    const nonceOf = {
      vote: () => contractOf(deployment, 'l2', 'CommonsGovernor'),
      delegate: () => contractOf(deployment, 'l2', 'VeMetis'),
      'group-ballot': () => groupContract(deployment, (relay as { group: Address }).group),
    }[relay.kind]();
    const nonce = (await this.client.readContract({ address: nonceOf.address, abi: nonceOf.abi, functionName: 'nonces', args: [account] } as never)) as bigint;
    if (relay.nonce < nonce)
      return refuse(409, `This signature's nonce (${relay.nonce}) is already used: the ${WHAT[relay.kind]} was sent or replaced. Sign again if needed.`);
    if (relay.nonce > nonce)
      return refuse(400, `The signature is for nonce ${relay.nonce}, but ${shortAddress(account)}'s next nonce is ${nonce}: sign again.`);

    const typed = relayTypedData({ chainId: l2.chainId, governor: l2.contracts.CommonsGovernor.address, veMetis: l2.contracts.VeMetis.address }, relay);
    const signed =
      relay.kind === 'delegate'
        ? (await recoverTypedDataAddress({ ...typed, signature: relay.signature }).catch(() => undefined))?.toLowerCase() === account.toLowerCase()
        : await this.client.verifyTypedData({ address: account, ...typed, signature: relay.signature }).catch(() => false);
    if (!signed) return refuse(400, `The signature is not ${shortAddress(account)}'s over this ${WHAT[relay.kind]}: sign it again.`);

    if (relay.kind === 'delegate') {
      // Free identities (docs/MECHANISMS.md §0): an account with nothing locked has nothing to delegate, so the sponsor does not pay for it.
      const units = await this.client.readContract({ ...contractOf(deployment, 'l2', 'VeMetis'), functionName: 'unitsOf', args: [account] });
      if (units === 0n) return refuse(403, `${shortAddress(account)} has no veMETIS lock: the relay sponsors delegations of locked METIS only.`);
    }

    const used = this.usedToday(account);
    if (used >= this.opts.dailyQuota) {
      const tomorrow = Math.floor(this.now() / 86_400_000 + 1) * 86_400;
      return refuse(
        429,
        `${shortAddress(account)} has used its ${this.opts.dailyQuota} sponsored transactions for today: the relay sends more from ${formatDateTime(tomorrow)}. Until then, pay your own gas.`,
      );
    }

    const sponsor = this.opts.sponsor.address;
    const balance = await this.client.getBalance({ address: sponsor });
    if (balance < this.opts.sponsorFloor) {
      return refuse(
        503,
        `The relay's sponsor has run low on gas money (${formatMetis(balance)}, below its ${formatMetis(this.opts.sponsorFloor)} floor), so it is not relaying now: vote with your own gas or try later.`,
      );
    }

    const call = callOf(deployment, relay);
    const abi = [...call.abi, ...this.errors];
    try {
      await this.client.simulateContract({ ...call, abi, account: sponsor } as never);
    } catch (err) {
      return refuse(409, describeError(err));
    }
    const data = encodeFunctionData({ abi: call.abi, functionName: call.functionName, args: call.args } as never);
    const estimate = await this.client.estimateGas({ account: sponsor, to: call.address, data });
    const txNonce = await this.client.getTransactionCount({ address: sponsor, blockTag: 'pending' });
    const hash = await this.wallet.sendTransaction({
      account: this.opts.sponsor,
      chain: this.wallet.chain,
      to: call.address,
      data,
      gas: withHeadroom(estimate),
      nonce: txNonce,
    });

    const key = account.toLowerCase();
    this.state.quota[key] = { day: utcDay(this.now()), count: used + 1 };
    this.state.relayed[hash] = { kind: relay.kind, account, signature: relay.signature, sentAt: Math.floor(this.now() / 1000) };
    this.save();
    console.log(`[relay] ${relay.kind} for ${account}: ${hash} (${used + 1}/${this.opts.dailyQuota} today)`);
    return { status: 200, body: { hash } };
  }

  /** Where a relayed transaction stands: 404 for a hash this relayer did not send. */
  async status(hash: string): Promise<Answer> {
    const entry = /^0x[0-9a-fA-F]{64}$/.test(hash) ? this.state.relayed[hash.toLowerCase()] : undefined;
    if (!entry) return { status: 404, body: { error: `This relayer has not relayed ${hash.slice(0, 80)}.` } };
    const receipt = await this.client.getTransactionReceipt({ hash: hash as Hex }).catch(() => undefined);
    const answer: RelayStatus = {
      hash: hash.toLowerCase() as Hex,
      kind: entry.kind,
      account: entry.account,
      stage: !receipt ? 'pending' : receipt.status === 'success' ? 'mined' : 'reverted',
      blockNumber: receipt ? receipt.blockNumber.toString() : null,
      sentAt: entry.sentAt,
    };
    return { status: 200, body: answer };
  }
}

function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** The request body, or undefined when it is longer than the limit. */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_RELAY_BODY_BYTES) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}
