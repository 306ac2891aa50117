import { type Address, getAddress, type Hex, isAddress, isHex, maxUint256 } from 'viem';
import type { ChainKey } from './deployment/types';
import { formatBps, formatDuration, formatMetis, formatVoteCount } from './format';
import type { ProposalAction } from './governance-actions';
import { parseProposalId } from './route-params';

// Proposal simulation on local forks of both chains (docs/ARCHITECTURE.md): the shapes
// that POST /api/simulate takes and answers (app/api/simulate/route.ts), shared with the page that shows
// them (components/proposals/simulate-panel.tsx). The forks themselves are lib/server/simulate.ts.

/** Most actions one simulation runs (a proposal with more is refused before any fork starts). */
export const MAX_SIMULATED_ACTIONS = 32;
/** Longest calldata of one action, in bytes (a whole contract's init code is 48 KiB; a call is far less). */
export const MAX_ACTION_CALLDATA_BYTES = 24 * 1024;
/** Largest request body the route reads, in bytes. */
export const MAX_SIMULATION_BODY_BYTES = 2 * MAX_SIMULATED_ACTIONS * MAX_ACTION_CALLDATA_BYTES + 4096;

/** What the client sends: a proposal by id (its actions read from the API), or actions from the builder. */
export type SimulationRequest = { proposalId: string } | { actions: { target: Address; value: string; calldata: Hex }[] };

/** A request after validation: a proposal id, or the actions themselves. */
export type ParsedSimulationRequest = { proposalId: bigint } | { actions: ProposalAction[] };

/** A request body checked field by field: the parsed request, or the first reason it is refused (a 400). */
export function parseSimulationRequest(body: unknown): { ok: true; request: ParsedSimulationRequest } | { ok: false; error: string } {
  const refuse = (error: string) => ({ ok: false as const, error });
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return refuse('the body must be a JSON object with `proposalId` or `actions`');
  const b = body as Record<string, unknown>;
  const extra = Object.keys(b).filter((k) => k !== 'proposalId' && k !== 'actions');
  if (extra.length > 0) return refuse(`unknown field \`${extra[0].slice(0, 40)}\``);
  if ('proposalId' in b && 'actions' in b) return refuse('give either `proposalId` or `actions`, not both');
  if ('proposalId' in b) {
    const id = typeof b.proposalId === 'string' ? parseProposalId(b.proposalId) : undefined;
    if (id === undefined) return refuse('`proposalId` must be a proposal id: a uint256 in decimal, as a string');
    return { ok: true, request: { proposalId: id } };
  }
  if (!('actions' in b)) return refuse('the body must have `proposalId` or `actions`');
  if (!Array.isArray(b.actions)) return refuse('`actions` must be an array');
  if (b.actions.length === 0) return refuse('`actions` is empty: add at least one action');
  if (b.actions.length > MAX_SIMULATED_ACTIONS) return refuse(`at most ${MAX_SIMULATED_ACTIONS} actions can be simulated at once (got ${b.actions.length})`);
  const actions: ProposalAction[] = [];
  for (const [i, raw] of b.actions.entries()) {
    const where = `actions[${i}]`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return refuse(`${where} must be an object with target, value and calldata`);
    const a = raw as Record<string, unknown>;
    const unknown = Object.keys(a).find((k) => k !== 'target' && k !== 'value' && k !== 'calldata');
    if (unknown) return refuse(`${where} has an unknown field \`${unknown.slice(0, 40)}\``);
    if (typeof a.target !== 'string' || !isAddress(a.target, { strict: false })) return refuse(`${where}.target must be an address`);
    if (typeof a.value !== 'string' || !/^(0|[1-9]\d{0,77})$/.test(a.value) || BigInt(a.value) > maxUint256) {
      return refuse(`${where}.value must be an amount in wei: a uint256 in decimal, as a string`);
    }
    if (typeof a.calldata !== 'string' || !isHex(a.calldata, { strict: true }) || a.calldata.length % 2 !== 0) {
      return refuse(`${where}.calldata must be 0x-prefixed hex of whole bytes`);
    }
    if ((a.calldata.length - 2) / 2 > MAX_ACTION_CALLDATA_BYTES) return refuse(`${where}.calldata is longer than ${MAX_ACTION_CALLDATA_BYTES} bytes`);
    actions.push({ target: getAddress(a.target), value: BigInt(a.value), calldata: a.calldata as Hex });
  }
  return { ok: true, request: { actions } };
}

/** A value as JSON carries it: bigints as decimal strings, arrays and records of those. */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** Any decoded value (viem's: bigints, arrays, records) made JSON-safe. */
export function toJsonValue(value: unknown): JsonValue {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) return value;
  if (value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toJsonValue(v)]));
  return String(value);
}

/** One event a simulated call emitted, decoded against the emitter's ABI when it is a deployed contract. */
export interface SimulatedEvent {
  chain: ChainKey;
  address: Address;
  /** The emitter's deployment name (null: not a contract of the deployment). */
  contract: string | null;
  /** The event's name (null: not decodable against the emitter's ABI). */
  name: string | null;
  /** The event's arguments by name (or position), JSON-safe; the raw topics and data when not decodable. */
  args: { [key: string]: JsonValue };
}

/** A zero-input view of a touched contract whose value differs after the call. */
export interface ParameterChange {
  chain: ChainKey;
  address: Address;
  /** The contract's deployment name, or its address. */
  contract: string;
  /** The view function's name. */
  name: string;
  before: JsonValue;
  after: JsonValue;
}

/** How a simulated call ended: ok, reverted (with the sentence), or not run (an earlier action reverted). */
export type SimulatedStatus = 'ok' | 'reverted' | 'not-run';

/** What one call did on one chain's fork. */
export interface SimulatedCall {
  status: SimulatedStatus;
  /** A revert in words (lib/errors.ts), with the custom error's name when there is one. */
  reason: string | null;
  errorName: string | null;
  events: SimulatedEvent[];
  changes: ParameterChange[];
}

/** The L1 half of an action that crosses the bus: the message delivered on the L1 fork as the committee would. */
export interface SimulatedL1Delivery extends SimulatedCall {
  /** The call the L1 governance executor makes. */
  target: Address;
  contract: string | null;
  functionName: string | null;
  value: string;
  gasLimit: string;
  /** The bus nonce the L2 outbox gave the message. */
  nonce: string | null;
  /**
   * Earlier bus messages still in flight (sent on L2, not yet executed on L1) that were delivered first, in
   * nonce order, as the inbox requires.
   */
  deliveredBefore: number;
}

export interface SimulatedAction extends SimulatedCall {
  index: number;
  target: Address;
  value: string;
  calldata: Hex;
  /** The call decoded against the target's ABI (null: not one of the deployment's L2 contracts). */
  call: { contract: string; functionName: string } | null;
  /** Set for an action that crosses the bus, once the L2 part ran (null while not run or reverted). */
  l1: SimulatedL1Delivery | null;
  /** True for an action that crosses the bus (whether or not its L1 part ran). */
  crossesBus: boolean;
}

/** The answer of POST /api/simulate. */
export interface SimulationResult {
  /** The blocks the forks started from (L1 only when an action crosses the bus). */
  forkBlock: { l2: string; l1: string | null };
  /** Milliseconds: the whole run, the L2 part (fork start included) and the L1 part. */
  durationMs: { total: number; l2: number; l1: number | null };
  /** Unix milliseconds of the run (a cached answer keeps its time). */
  simulatedAt: number;
  /** Whether this answer came from the cache (same proposal, same L2 block). */
  cached: boolean;
  actions: SimulatedAction[];
}

/** The answer when the simulation could not run (the route's 400, 404, 503 and 504 bodies). */
export interface SimulationRefusal {
  error: string;
}

/** Units of the deployment's parameters, by view function name (the same name means the same unit in every contract). */
const PARAMETER_UNITS: Record<string, 'metis' | 'votes' | 'bps' | 'seconds'> = {
  // METIS amounts (wei)
  minLock: 'metis',
  maxLock: 'metis',
  maxSequencerStake: 'metis',
  minPosition: 'metis',
  rewardPerBlock: 'metis',
  MAX_REWARD_PER_BLOCK: 'metis',
  rewardReserve: 'metis',
  miningAvailable: 'metis',
  miningBalance: 'metis',
  revenueBalance: 'metis',
  totalMiningFunded: 'metis',
  totalMiningPaid: 'metis',
  totalOwed: 'metis',
  totalRevenueDeposited: 'metis',
  totalRevenuePaid: 'metis',
  LIFETIME_CAP: 'metis',
  totalSupply: 'metis',
  cap: 'metis',
  CAP: 'metis',
  totalLocked: 'metis',
  pending: 'metis',
  totalReleased: 'metis',
  // voting units
  proposalThreshold: 'votes',
  totalUnits: 'votes',
  // basis points
  maxCommissionBps: 'bps',
  stewardMotionThresholdBps: 'bps',
  MAX_SLASH_BPS: 'bps',
  MAX_SEVERITY_BPS: 'bps',
  // seconds
  exitDelay: 'seconds',
  jailPeriod: 'seconds',
  signerUpdateThrottle: 'seconds',
  votingDelay: 'seconds',
  votingPeriod: 'seconds',
  lateQuorumVoteExtension: 'seconds',
  overrideCoolOff: 'seconds',
  ratificationWindow: 'seconds',
  getMinDelay: 'seconds',
  retryWindow: 'seconds',
  internalVotingWindow: 'seconds',
  stewardMotionPeriod: 'seconds',
  stewardVotingPeriod: 'seconds',
  minLockDuration: 'seconds',
  maxLockDuration: 'seconds',
};

/** A parameter's value for people: in its unit where it is known (lib/format.ts), else as the chain gives it. */
export function formatParameter(name: string, value: JsonValue): string {
  const unit = PARAMETER_UNITS[name];
  if (unit && typeof value === 'string' && /^\d+$/.test(value)) {
    const n = BigInt(value);
    if (unit === 'metis') return formatMetis(n);
    if (unit === 'votes') return `${formatVoteCount(n)} votes`;
    if (unit === 'bps') return formatBps(Number(n));
    if (n <= BigInt(Number.MAX_SAFE_INTEGER)) return formatDuration(Number(n));
  }
  return typeof value === 'string' ? value : JSON.stringify(value);
}
