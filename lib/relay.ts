import { type Address, getAddress, type Hex, isAddress, isHex, maxUint256, type TypedDataDefinition } from 'viem';

// Gasless votes and delegations (docs/MECHANISMS.md §8, "Gasless"; docs/ARCHITECTURE.md, "Relay"): what the app
// signs and posts to the relayer's `POST /relay`, what the relayer checks and answers. One home for both sides:
// the UI (components/tx/relay-step.ts), the relayer (relayer/relay.ts) and the tests build and read these.

/** What a relayer can send for an account that signed it. */
export const RELAY_KINDS = ['vote', 'delegate', 'group-ballot'] as const;
export type RelayKind = (typeof RELAY_KINDS)[number];

/** The path of the relay endpoint on the relayer (`deployment.relayUrl`). */
export const RELAY_PATH = '/relay';
/** Longest reason a relayed vote carries, in characters (the vote form's limit). */
export const MAX_RELAY_REASON = 2_000;
/** Longest signature, in bytes (an ERC-1271 wallet's may be longer than 65). */
export const MAX_RELAY_SIGNATURE_BYTES = 4_096;
/** Largest request body the relayer reads, in bytes. */
export const MAX_RELAY_BODY_BYTES = 16 * 1024;

/**
 * The EIP-712 domain names and versions of the three contracts (pinned by contracts/test/governance/SignedVotes.t.sol):
 * the governor's OpenZeppelin Governor ("Metis Commons"), veMETIS, and each Commons group (its own clone address).
 */
export const EIP712_DOMAINS = {
  governor: { name: 'Metis Commons', version: '1' },
  veMetis: { name: 'veMETIS', version: '1' },
  group: { name: 'Metis Commons Group', version: '1' },
} as const;

/** A direct vote with a reason: the governor's `castVoteWithReasonAndParamsBySig` (empty params: a nominal vote). */
export interface VoteRelay {
  kind: 'vote';
  proposalId: bigint;
  /** 0 Against, 1 For, 2 Abstain. */
  support: number;
  voter: Address;
  reason: string;
  /** The voter's governor nonce that the signature covers (`nonces(voter)` when signed). */
  nonce: bigint;
  signature: Hex;
}

/** A veMETIS delegation: `delegateBySig` (ECDSA only: veMETIS recovers the signer). */
export interface DelegateRelay {
  kind: 'delegate';
  delegator: Address;
  delegatee: Address;
  nonce: bigint;
  expiry: bigint;
  signature: Hex;
}

/** A member's vote inside a Commons group: the group's `castVoteBySig`. */
export interface GroupBallotRelay {
  kind: 'group-ballot';
  group: Address;
  proposalId: bigint;
  support: number;
  reason: string;
  member: Address;
  nonce: bigint;
  deadline: bigint;
  signature: Hex;
}

/** One relay, parsed: quantities as bigints. */
export type RelayMessage = VoteRelay | DelegateRelay | GroupBallotRelay;
type Unsigned<T> = T extends unknown ? Omit<T, 'signature'> : never;
/** A relay before it is signed. */
export type UnsignedRelay = Unsigned<RelayMessage>;

type Wire<T> = T extends unknown ? { [K in keyof T]: T[K] extends bigint ? string : T[K] } : never;
/** The JSON body of `POST /relay`: quantities as decimal strings. */
export type RelayRequest = Wire<RelayMessage>;

/** `POST /relay` answers 200 with the hash of the transaction the sponsor sent. */
export interface RelayAccepted {
  hash: Hex;
}

/** Any refusal (400 bad body or signature, 409 conflict or revert, 429 quota, 503 sponsor): one sentence. */
export interface RelayRefused {
  error: string;
}

/** Where a relayed transaction stands (`GET /relay/:hash`). */
export type RelayStage = 'pending' | 'mined' | 'reverted';

export interface RelayStatus {
  hash: Hex;
  kind: RelayKind;
  account: Address;
  stage: RelayStage;
  /** L2 block that mined it (decimal), once mined or reverted. */
  blockNumber: string | null;
  /** Unix seconds (the relayer's clock) when the relayer sent it. */
  sentAt: number;
}

/** The account a relay acts for: the one whose signature it must carry and whose quota it uses. */
export function relaySigner(relay: UnsignedRelay | RelayMessage): Address {
  switch (relay.kind) {
    case 'vote':
      return relay.voter;
    case 'delegate':
      return relay.delegator;
    case 'group-ballot':
      return relay.member;
  }
}

/** Where the typed data is verified: the chain and the deployed governor and veMETIS (a group names itself). */
export interface RelayDomainContext {
  chainId: number;
  governor: Address;
  veMetis: Address;
}

/** The governor's `ExtendedBallot` (OpenZeppelin Governor 5) for a direct vote with a reason and no params. */
export function voteTypedData(ctx: RelayDomainContext, vote: Omit<VoteRelay, 'kind' | 'signature'>) {
  return {
    domain: { ...EIP712_DOMAINS.governor, chainId: ctx.chainId, verifyingContract: ctx.governor },
    types: {
      ExtendedBallot: [
        { name: 'proposalId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'voter', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'reason', type: 'string' },
        { name: 'params', type: 'bytes' },
      ],
    },
    primaryType: 'ExtendedBallot',
    message: { proposalId: vote.proposalId, support: vote.support, voter: vote.voter, nonce: vote.nonce, reason: vote.reason, params: '0x' },
  } as const satisfies TypedDataDefinition;
}

/** veMETIS's `Delegation` (the signer is recovered, so `delegator` is not in it). */
export function delegationTypedData(ctx: RelayDomainContext, delegation: Omit<DelegateRelay, 'kind' | 'signature'>) {
  return {
    domain: { ...EIP712_DOMAINS.veMetis, chainId: ctx.chainId, verifyingContract: ctx.veMetis },
    types: {
      Delegation: [
        { name: 'delegatee', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'expiry', type: 'uint256' },
      ],
    },
    primaryType: 'Delegation',
    message: { delegatee: delegation.delegatee, nonce: delegation.nonce, expiry: delegation.expiry },
  } as const satisfies TypedDataDefinition;
}

/** A Commons group's `Ballot`, in the group's own domain (contracts/src/l2/governance/CommonsGroup.sol). */
export function groupBallotTypedData(ctx: RelayDomainContext, ballot: Omit<GroupBallotRelay, 'kind' | 'signature'>) {
  return {
    domain: { ...EIP712_DOMAINS.group, chainId: ctx.chainId, verifyingContract: ballot.group },
    types: {
      Ballot: [
        { name: 'proposalId', type: 'uint256' },
        { name: 'support', type: 'uint8' },
        { name: 'reason', type: 'string' },
        { name: 'member', type: 'address' },
        { name: 'nonce', type: 'uint256' },
        { name: 'deadline', type: 'uint256' },
      ],
    },
    primaryType: 'Ballot',
    message: {
      proposalId: ballot.proposalId,
      support: ballot.support,
      reason: ballot.reason,
      member: ballot.member,
      nonce: ballot.nonce,
      deadline: ballot.deadline,
    },
  } as const satisfies TypedDataDefinition;
}

/** The typed data a relay's signature must be over. */
export function relayTypedData(ctx: RelayDomainContext, relay: UnsignedRelay | RelayMessage): TypedDataDefinition {
  switch (relay.kind) {
    case 'vote':
      return voteTypedData(ctx, relay);
    case 'delegate':
      return delegationTypedData(ctx, relay);
    case 'group-ballot':
      return groupBallotTypedData(ctx, relay);
  }
}

/** A relay as the JSON body of `POST /relay`. */
export function toRelayRequest(relay: RelayMessage): RelayRequest {
  return Object.fromEntries(Object.entries(relay).map(([k, v]) => [k, typeof v === 'bigint' ? v.toString() : v])) as RelayRequest;
}

const FIELDS: Record<RelayKind, readonly string[]> = {
  vote: ['kind', 'proposalId', 'support', 'voter', 'reason', 'nonce', 'signature'],
  delegate: ['kind', 'delegator', 'delegatee', 'nonce', 'expiry', 'signature'],
  'group-ballot': ['kind', 'group', 'proposalId', 'support', 'reason', 'member', 'nonce', 'deadline', 'signature'],
};

/** A body checked field by field: the parsed relay, or the first reason it is refused (a 400), naming the field. */
export function parseRelayRequest(body: unknown): { ok: true; relay: RelayMessage } | { ok: false; error: string } {
  const refuse = (error: string) => ({ ok: false as const, error });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('the body must be a JSON object with a `kind`');
  const b = body as Record<string, unknown>;
  if (typeof b.kind !== 'string' || !(RELAY_KINDS as readonly string[]).includes(b.kind)) {
    return refuse(`\`kind\` must be one of ${RELAY_KINDS.map((k) => `"${k}"`).join(', ')}`);
  }
  const kind = b.kind as RelayKind;
  const fields = FIELDS[kind];
  const extra = Object.keys(b).find((k) => !fields.includes(k));
  if (extra !== undefined) return refuse(`unknown field \`${extra.slice(0, 40)}\` for a ${kind}`);
  const missing = fields.find((k) => !(k in b));
  if (missing) return refuse(`\`${missing}\` is missing`);

  let error: string | undefined;
  const uint = (key: string): bigint => {
    const v = b[key];
    if (typeof v !== 'string' || !/^(0|[1-9]\d{0,77})$/.test(v) || BigInt(v) > maxUint256) {
      error ??= `\`${key}\` must be a uint256 in decimal, as a string`;
      return 0n;
    }
    return BigInt(v);
  };
  const address = (key: string): Address => {
    const v = b[key];
    if (typeof v !== 'string' || !isAddress(v, { strict: false })) {
      error ??= `\`${key}\` must be an address`;
      return '0x0000000000000000000000000000000000000000';
    }
    return getAddress(v);
  };
  const support = (): number => {
    const v = b.support;
    if (v !== 0 && v !== 1 && v !== 2) error ??= '`support` must be 0 (Against), 1 (For) or 2 (Abstain)';
    return Number(v);
  };
  const reason = (): string => {
    const v = b.reason;
    if (typeof v !== 'string') error ??= '`reason` must be a string (empty for none)';
    else if (v.length > MAX_RELAY_REASON) error ??= `\`reason\` is longer than ${MAX_RELAY_REASON} characters`;
    return String(v);
  };
  const signature = (exact?: number): Hex => {
    const v = b.signature;
    if (typeof v !== 'string' || !isHex(v, { strict: true }) || v.length % 2 !== 0 || v.length <= 2) {
      error ??= '`signature` must be 0x-prefixed hex of whole bytes';
    } else if (exact !== undefined && (v.length - 2) / 2 !== exact) {
      error ??= `\`signature\` must be ${exact} bytes (r, s, v) for a delegation`;
    } else if ((v.length - 2) / 2 > MAX_RELAY_SIGNATURE_BYTES) {
      error ??= `\`signature\` is longer than ${MAX_RELAY_SIGNATURE_BYTES} bytes`;
    }
    return v as Hex;
  };

  let relay: RelayMessage;
  switch (kind) {
    case 'vote':
      relay = {
        kind,
        proposalId: uint('proposalId'),
        support: support(),
        voter: address('voter'),
        reason: reason(),
        nonce: uint('nonce'),
        signature: signature(),
      };
      break;
    case 'delegate':
      relay = {
        kind,
        delegator: address('delegator'),
        delegatee: address('delegatee'),
        nonce: uint('nonce'),
        expiry: uint('expiry'),
        signature: signature(65),
      };
      break;
    case 'group-ballot':
      relay = {
        kind,
        group: address('group'),
        proposalId: uint('proposalId'),
        support: support(),
        reason: reason(),
        member: address('member'),
        nonce: uint('nonce'),
        deadline: uint('deadline'),
        signature: signature(),
      };
      break;
  }
  return error ? refuse(error) : { ok: true, relay };
}

/** A refusal of the relay endpoint, with its HTTP status and sentence. */
export class RelayError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Posts a signed relay; the sponsor's transaction hash, or a `RelayError` with the relayer's sentence. */
export async function postRelay(relayUrl: string, relay: RelayMessage): Promise<RelayAccepted> {
  let res: Response;
  try {
    res = await fetch(`${relayUrl}${RELAY_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(toRelayRequest(relay)),
    });
  } catch {
    throw new RelayError(0, 'The relay cannot be reached right now: try again, or vote with your own gas.');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<RelayAccepted & RelayRefused>;
  if (!res.ok || !body.hash) throw new RelayError(res.status, body.error ?? `The relay refused the request (HTTP ${res.status}).`);
  return { hash: body.hash };
}

/** Where a relayed transaction stands, as the relayer sees it. */
export async function getRelayStatus(relayUrl: string, hash: Hex): Promise<RelayStatus> {
  const res = await fetch(`${relayUrl}${RELAY_PATH}/${hash}`);
  const body = (await res.json().catch(() => ({}))) as RelayStatus & Partial<RelayRefused>;
  if (!res.ok) throw new RelayError(res.status, body.error ?? `HTTP ${res.status}`);
  return body;
}

/** Seconds a group ballot or delegation signed in the app stays valid (the relay sends it within seconds). */
export const RELAY_SIGNATURE_TTL_SECONDS = 60 * 60;
