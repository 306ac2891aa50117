import {
  type Abi,
  type AbiFunction,
  type Address,
  decodeFunctionData,
  type Hex,
  keccak256,
  toFunctionSelector,
  toFunctionSignature,
  toHex,
  zeroHash,
} from 'viem';
import { remainderPolicyOf } from './commons';
import { CONTRACTS } from './contracts/descriptors';
import type { ChainKey, Deployment } from './deployment/types';
import { formatReputation } from './eco-nodes';
import { formatBps, formatCount, formatDateTime, formatDuration, formatMetis, formatVotes, shortHash } from './format';
import { l1MessageOf } from './governance-actions';
import { addressLabel } from './names';

/**
 * Proposal actions in words (docs/ARCHITECTURE.md, "The Commons (L2)"): one entry per contract function
 * governance can call, with the sentence, the unit of each argument and, where the contract has one, the
 * getter of the value it changes, read for "(now …)". The one home for how a call reads: the proposal page,
 * the proposal builder and the Eco Nodes' decisive actions all describe calls with `describeAction` /
 * `describeCall`. A call the table does not know is shown as its decoded signature (or its raw calldata),
 * marked "Not described", never silently.
 */

/**
 * How one argument reads. Amounts are in wei (`metis`, `votes` and `reputation` have 18 decimals), durations
 * in seconds, `percent` in whole percent (the governor's quorum numerator, out of 100), `time` a unix time.
 */
export type Unit =
  | 'metis'
  | 'votes'
  | 'reputation'
  | 'duration'
  | 'blocks'
  | 'bps'
  | 'percent'
  | 'address'
  | 'sequencer'
  | 'epoch'
  | 'count'
  | 'gas'
  | 'multiplier'
  | 'text'
  | 'hash'
  | 'role'
  | 'selector'
  | 'time'
  | 'bytes'
  | 'remainder-policy'
  /** A boolean, read as one of two words. */
  | { bool: readonly [yes: string, no: string] }
  /** An array, each item in `of`; a fixed array may name its items (`labels`, in order). */
  | { list: Unit; labels?: readonly string[] }
  /** A struct: each field (in ABI order) with its label and unit. */
  | { fields: Readonly<Record<string, readonly [label: string, unit: Unit]>> };

/** The view that reads the current value of an argument: its name, and its arguments from the call's. */
export type Getter = string | { fn: string; args: (raw: readonly unknown[]) => readonly unknown[] };

export interface Wording {
  /** One unit per ABI input, in order. */
  units: readonly Unit[];
  /** The sentence, from the formatted arguments (each with its "(now …)" when known) and the raw ones. */
  say: (v: readonly string[], raw: readonly unknown[]) => string;
  /** The getter of the current value, by argument index (on the same contract, on its chain). */
  now?: Readonly<Record<number, Getter>>;
}

type Table = Readonly<Record<string, Wording>>;

const allowed = { bool: ['yes', 'no'] } as const;
const reason = (v: string) => (v === '“”' ? '' : ` (${v})`);

/** Ownable2Step: a new owner must accept. */
const ownable2Step: Table = {
  transferOwnership: { units: ['address'], say: (v) => `offer ownership to ${v[0]} (it takes effect once accepted)`, now: { 0: 'owner' } },
  acceptOwnership: { units: [], say: () => 'accept the ownership offered to the caller' },
  renounceOwnership: { units: [], say: () => 'renounce ownership for good (nobody can change its settings again)', now: {} },
};
const ownable: Table = {
  transferOwnership: { units: ['address'], say: (v) => `hand ownership to ${v[0]}`, now: { 0: 'owner' } },
  renounceOwnership: ownable2Step.renounceOwnership,
};
const erc20: Table = {
  transfer: { units: ['address', 'metis'], say: (v) => `send ${v[1]} to ${v[0]}` },
  approve: { units: ['address', 'metis'], say: (v) => `allow ${v[0]} to spend ${v[1]} of the caller's METIS` },
  transferFrom: { units: ['address', 'address', 'metis'], say: (v) => `move ${v[2]} from ${v[0]} to ${v[1]} (from an allowance)` },
};
const outbox: Table = {
  ...ownable2Step,
  sendMessage: {
    units: ['address', 'bytes', 'gas'],
    say: (v) => `send a bus message to ${v[0]} on the other chain, with ${v[1]} and ${v[2]}`,
  },
  setSenderAllowed: {
    units: ['address', allowed],
    say: (v) => `${v[0]} may send bus messages: ${v[1]}`,
    now: { 1: { fn: 'isSenderAllowed', args: (a) => [a[0]] } },
  },
  setMaxGasLimit: { units: ['gas'], say: (v) => `cap the gas of new bus messages at ${v[0]}`, now: { 0: 'maxGasLimit' } },
  setInbox: { units: ['address'], say: (v) => `address new bus messages to the inbox ${v[0]}`, now: { 0: 'inbox' } },
};
const inbox: Table = {
  ...ownable2Step,
  setCommittee: {
    units: [{ list: 'address' }, 'count'],
    say: (v) => `replace the bus committee with ${v[0]}, of whom ${v[1]} must attest each message`,
    now: { 1: 'threshold' },
  },
  setRetryWindow: { units: ['duration'], say: (v) => `let a failed bus message be retried for ${v[0]}`, now: { 0: 'retryWindow' } },
  cancel: { units: ['hash'], say: (v) => `cancel the failed bus message ${v[0]} for good` },
  setPauser: { units: ['address'], say: (v) => `let ${v[0]} pause bus delivery`, now: { 0: 'pauser' } },
  pause: { units: [], say: () => 'pause bus delivery' },
  unpause: { units: [], say: () => 'resume bus delivery' },
};

/** The table: by chain, by the contract's deployment name (lib/contracts/descriptors.ts), by function name. */
export const ACTION_WORDS: Readonly<Record<ChainKey, Readonly<Record<string, Table>>>> = {
  l2: {
    CommonsGovernor: {
      setVotingDelay: { units: ['duration'], say: (v) => `set the voting delay to ${v[0]}`, now: { 0: 'votingDelay' } },
      setVotingPeriod: { units: ['duration'], say: (v) => `set the voting period to ${v[0]}`, now: { 0: 'votingPeriod' } },
      setProposalThreshold: { units: ['votes'], say: (v) => `set the proposal threshold to ${v[0]}`, now: { 0: 'proposalThreshold' } },
      updateQuorumNumerator: {
        units: ['percent'],
        say: (v) => `set the quorum to ${v[0]} of the veMETIS voting supply`,
        now: { 0: 'quorumNumerator' },
      },
      setLateQuorumVoteExtension: {
        units: ['duration'],
        say: (v) => `set the late-quorum extension to ${v[0]}`,
        now: { 0: 'lateQuorumVoteExtension' },
      },
      setRatificationWindow: {
        units: ['duration'],
        say: (v) => `give the Eco Nodes ${v[0]} after a vote to open its ratification`,
        now: { 0: 'ratificationWindow' },
      },
      setOverrideCoolOff: {
        units: ['duration'],
        say: (v) => `set the cool-off before a Commons override to ${v[0]}`,
        now: { 0: 'overrideCoolOff' },
      },
      setRatificationGate: { units: ['address'], say: (v) => `make ${v[0]} the ratification gate`, now: { 0: 'ratificationGate' } },
      updateTimelock: { units: ['address'], say: (v) => `move execution to the timelock ${v[0]}`, now: { 0: 'timelock' } },
      relay: { units: ['address', 'metis', 'bytes'], say: (v) => `make the governor call ${v[0]} with ${v[2]}, sending ${v[1]}` },
    },
    Timelock: {
      updateDelay: { units: ['duration'], say: (v) => `set the timelock delay to ${v[0]}`, now: { 0: 'getMinDelay' } },
      grantRole: { units: ['role', 'address'], say: (v) => `grant the timelock's ${v[0]} role to ${v[1]}` },
      revokeRole: { units: ['role', 'address'], say: (v) => `revoke the timelock's ${v[0]} role from ${v[1]}` },
      renounceRole: { units: ['role', 'address'], say: (v) => `renounce the timelock's ${v[0]} role (held by ${v[1]})` },
      cancel: { units: ['hash'], say: (v) => `cancel the scheduled operation ${v[0]}` },
    },
    EcoNodeCouncil: {
      ...ownable2Step,
      admit: { units: ['address', 'text'], say: (v) => `admit ${v[0]} as an Eco Node${reason(v[1])}` },
      award: { units: ['address', 'reputation', 'text'], say: (v) => `award ${v[1]} to ${v[0]}${reason(v[2])}` },
      slash: { units: ['address', 'reputation', 'text'], say: (v) => `take ${v[1]} from ${v[0]}${reason(v[2])}` },
      remove: { units: ['address', 'text'], say: (v) => `remove ${v[0]} from the council${reason(v[1])}` },
      promote: { units: ['address'], say: (v) => `promote the group ${v[0]} to an Eco Node seat` },
      demote: { units: ['address'], say: (v) => `demote the promoted group ${v[0]}` },
      evict: { units: ['address'], say: (v) => `evict ${v[0]}, below the reputation floor` },
      setActionAllowed: {
        units: ['address', 'selector', allowed],
        say: (v) => `the council may take ${v[0]}.${v[1]} as a decisive action: ${v[2]}`,
        now: { 2: { fn: 'isActionAllowed', args: (a) => [a[0], a[1]] } },
      },
      setParams: {
        units: [
          {
            fields: {
              admissionGrant: ['admission grant', 'reputation'],
              participationCredit: ['credit per ratification vote', 'reputation'],
              missedPenalty: ['penalty per missed ratification', 'reputation'],
              floor: ['floor', 'reputation'],
              halfLife: ['half-life', 'duration'],
              ratificationPeriod: ['ratification period', 'duration'],
              quorumBps: ['ratification quorum', 'bps'],
              minPooledBps: ['promotion: pooled votes', 'bps'],
              minMembers: ['promotion: members', 'count'],
              minAge: ['promotion: group age', 'duration'],
              participationWindow: ['promotion: proposals judged', 'count'],
              minParticipationBps: ['promotion: participation', 'bps'],
              minCastBps: ['promotion: share cast to participate', 'bps'],
              minSnapshotSpacing: ['promotion: snapshot spacing', 'duration'],
              motionPeriod: ['motion period', 'duration'],
              actionDelay: ['decisive action delay', 'duration'],
              executionWindow: ['execution window', 'duration'],
            },
          },
        ],
        say: (v) => `set the council's parameters: ${v[0]}`,
        now: { 0: 'params' },
      },
    },
    SequencerSet: {
      ...ownable2Step,
      setL1Staking: { units: ['address'], say: (v) => `accept stake syncs from ${v[0]} on Ethereum`, now: { 0: 'l1Staking' } },
      setRewardReporting: {
        units: ['address', 'address', 'address'],
        say: (v) => `report each epoch's fees from ${v[0]} through ${v[1]} to ${v[2]} on Ethereum`,
        now: { 0: 'feeVault', 1: 'reportOutbox', 2: 'l1RewardsDistributor' },
      },
      setChallenges: { units: ['address'], say: (v) => `hold epoch reports for the challenges of ${v[0]}`, now: { 0: 'challenges' } },
      setEpochLength: { units: ['blocks'], say: (v) => `set the epoch length to ${v[0]}`, now: { 0: 'epochLength' } },
      setRandomnessBeacon: {
        units: ['address', 'address'],
        say: (v) => `draw sequencers with the randomness of ${v[1]} on Ethereum, asked through ${v[0]}`,
        now: { 0: 'beaconOutbox', 1: 'l1Beacon' },
      },
      setRotationGracePeriod: {
        units: ['blocks'],
        say: (v) => `reserve rotation to the epoch's sequencer and keepers for ${v[0]}`,
        now: { 0: 'rotationGracePeriod' },
      },
      setRotationKeeper: {
        units: ['address', allowed],
        say: (v) => `${v[0]} may rotate during the grace period: ${v[1]}`,
        now: { 1: { fn: 'isRotationKeeper', args: (a) => [a[0]] } },
      },
      flushReports: { units: [], say: () => 'send the epoch reports that can no longer be challenged' },
      rotate: { units: [], say: () => 'end the epoch and draw the next sequencer' },
    },
    SequencerChallenges: {
      ...ownable2Step,
      setParams: {
        units: [
          {
            fields: {
              bond: ['bond', 'metis'],
              window: ['window', 'blocks'],
              votingPeriod: ['voting period', 'duration'],
              quorumBps: ['quorum', 'bps'],
              minProductionBps: ['downtime below', 'bps'],
              rewardBps: ["challenger's share", 'bps'],
              severityBps: ['slash', { list: 'bps', labels: ['for downtime', 'for censorship', 'for invalid blocks'] }],
            },
          },
        ],
        say: (v) => `set the challenge parameters: ${v[0]}`,
        now: { 0: 'params' },
      },
      councilJail: { units: ['sequencer', 'text'], say: (v) => `jail ${v[0]} on Ethereum${reason(v[1])}` },
      councilSlash: {
        units: ['sequencer', 'bps', 'text'],
        say: (v) => `slash ${v[1]} of the stake behind ${v[0]} on Ethereum and jail it${reason(v[2])}`,
      },
      resolve: { units: ['count'], say: (v) => `resolve challenge #${v[0]}` },
    },
    FeeVault: {
      payFee: { units: ['metis'], say: (v) => `pay ${v[0]} of fees into the vault` },
      release: { units: [], say: () => "release the vault's unreleased fees (only the sequencer set may)" },
    },
    CommonsRegistry: {
      ...ownable,
      setInternalVotingWindow: {
        units: ['duration'],
        say: (v) => `close groups' internal voting ${v[0]} before the Commons vote ends`,
        now: { 0: 'internalVotingWindow' },
      },
      setStewardMotionPeriod: { units: ['duration'], say: (v) => `set the steward motion period to ${v[0]}`, now: { 0: 'stewardMotionPeriod' } },
      setStewardVotingPeriod: { units: ['duration'], say: (v) => `keep steward motions open for ${v[0]}`, now: { 0: 'stewardVotingPeriod' } },
      setStewardMotionThreshold: {
        units: ['bps'],
        say: (v) => `let members with ${v[0]} of a group's units open a steward motion`,
        now: { 0: 'stewardMotionThresholdBps' },
      },
      createGroup: {
        units: ['text', 'text', 'address', 'remainder-policy'],
        say: (v) => `create the group ${v[0]} with ${v[2]} as steward (remainder: ${v[3]})`,
      },
    },
    ProfileRegistry: {
      setProfile: {
        units: ['text', 'text', { list: 'text' }, 'count'],
        say: (v) => `name the governance account ${v[0]} in the profile registry (statement ${v[1]}, links ${v[2]}, interests mask ${v[3]})`,
      },
      clearProfile: { units: [], say: () => "clear the governance account's profile" },
    },
    L2Metis: erc20,
    MessageOutbox: outbox,
    MessageInbox: inbox,
  },
  l1: {
    SequencerStaking: {
      ...ownable2Step,
      jail: { units: ['sequencer', 'text'], say: (v) => `jail ${v[0]} without slashing${reason(v[1])}` },
      slash: {
        units: ['sequencer', 'bps', 'time', 'address', 'bps', 'text'],
        say: (v) => `slash ${v[1]} of the stake behind ${v[0]} for an offence at ${v[2]}, paying ${v[4]} of it to ${v[3]}${reason(v[5])}`,
      },
      setWhitelist: {
        units: ['address', allowed],
        say: (v) => `${v[0]} may register a sequencer: ${v[1]}`,
        now: { 1: { fn: 'whitelisted', args: (a) => [a[0]] } },
      },
      setLockBounds: {
        units: ['metis', 'metis'],
        say: (v) => `set the minimum self-lock to ${v[0]} and the maximum to ${v[1]}`,
        now: { 0: 'minLock', 1: 'maxLock' },
      },
      setMaxSequencerStake: {
        units: ['metis'],
        say: (v) => `cap the stake behind one sequencer at ${v[0]}`,
        now: { 0: 'maxSequencerStake' },
      },
      setMinPosition: { units: ['metis'], say: (v) => `set the smallest delegation to ${v[0]}`, now: { 0: 'minPosition' } },
      setExitDelay: { units: ['duration'], say: (v) => `set the exit delay to ${v[0]}`, now: { 0: 'exitDelay' } },
      setJailPeriod: { units: ['duration'], say: (v) => `jail slashed sequencers for ${v[0]}`, now: { 0: 'jailPeriod' } },
      setSignerUpdateThrottle: {
        units: ['duration'],
        say: (v) => `let a sequencer change its signer once every ${v[0]}`,
        now: { 0: 'signerUpdateThrottle' },
      },
      setMaxCommissionBps: { units: ['bps'], say: (v) => `cap commission at ${v[0]}`, now: { 0: 'maxCommissionBps' } },
      setDelegationMultiplier: {
        units: ['multiplier'],
        say: (v) => `cap delegations at ${v[0]} a sequencer's self-lock`,
        now: { 0: 'delegationMultiplier' },
      },
      setTreasury: { units: ['address'], say: (v) => `send slashed METIS to ${v[0]}`, now: { 0: 'treasury' } },
      setRewardDistributor: { units: ['address'], say: (v) => `make ${v[0]} the reward distributor`, now: { 0: 'rewardDistributor' } },
      setL2SequencerSet: { units: ['address'], say: (v) => `sync stake to the sequencer set ${v[0]} on Metis`, now: { 0: 'l2SequencerSet' } },
      unjail: { units: ['sequencer'], say: (v) => `release ${v[0]} from jail` },
      resync: { units: ['sequencer'], say: (v) => `send the stake of ${v[0]} to Metis again` },
    },
    RewardsDistributor: {
      ...ownable2Step,
      setRewardPerBlock: {
        units: ['metis'],
        say: (v) => `set the mining reward per block to ${v[0]}`,
        now: { 0: 'rewardPerBlock' },
      },
      fundMining: { units: ['metis'], say: (v) => `add ${v[0]} to the mining reserve` },
      depositRevenue: { units: ['metis'], say: (v) => `deposit ${v[0]} of revenue` },
      settleOwed: { units: ['count'], say: (v) => `pay owed revenue, looking at up to ${v[0]} epochs` },
    },
    GovernanceExecutor: {
      setGovernance: { units: ['address'], say: (v) => `obey only ${v[0]} on Metis`, now: { 0: 'governance' } },
      renounceBootstrap: { units: [], say: () => "give up the executor's bootstrap key for good" },
      setEnforcer: {
        units: ['address', 'address'],
        say: (v) => `let ${v[0]} on Metis slash and jail through ${v[1]}`,
        now: { 0: 'enforcer', 1: 'staking' },
      },
    },
    RandomnessBeacon: {
      resend: { units: ['epoch'], say: (v) => `send the randomness of ${v[0]} again` },
    },
    MetisToken: erc20,
    MessageOutbox: outbox,
    MessageInbox: inbox,
  },
};

// ---------------------------------------------------------------------------------------------------------------
// Formatting
// ---------------------------------------------------------------------------------------------------------------

const ROLES = new Map<string, string>([
  [zeroHash, 'admin'],
  ...(['PROPOSER', 'EXECUTOR', 'CANCELLER'] as const).map((r) => [keccak256(toHex(`${r}_ROLE`)), r.toLowerCase()] as const),
]);

/** Every function of our contracts by selector, to name a selector argument (e.g. a decisive action's). */
const SELECTORS = new Map<string, string>(
  Object.values(CONTRACTS).flatMap((byName) =>
    Object.values(byName as Record<string, Abi>).flatMap((abi) =>
      abi.filter((x): x is AbiFunction => x.type === 'function').map((f) => [toFunctionSelector(f), toFunctionSignature(f)] as const),
    ),
  ),
);

const MAX_TEXT = 140;

/** How arguments name addresses: a page may know more names (groups, nodes) than the deployment. */
export type NameOf = (address: string) => string;

const big = (x: unknown) => (typeof x === 'bigint' ? x : BigInt(x as number | string));

/** A raw value as text: numbers in full, arrays and structs as JSON (the "Show the call" view). */
export function rawValue(x: unknown): string {
  if (typeof x === 'string' || typeof x === 'bigint' || typeof x === 'number' || typeof x === 'boolean') return String(x);
  return JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
}

const same = (a: unknown, b: unknown) => rawValue(a).toLowerCase() === rawValue(b).toLowerCase();

/** One argument in its unit; with `now` (the getter's value), followed by "(now …)" (of a struct, each field that changes). */
export function formatValue(unit: Unit, value: unknown, nameOf: NameOf, now?: { value: unknown }): string {
  if (typeof unit === 'object' && 'fields' in unit) {
    const current = now?.value as Record<string, unknown> | undefined;
    const v = value as Record<string, unknown>;
    return Object.entries(unit.fields)
      .map(([key, [label, u]]) => {
        // Of a struct, only the fields that change say what they are now.
        const changed = current && key in current && !same(v[key], current[key]) ? { value: current[key] } : undefined;
        return `${label} ${formatValue(u, v[key], nameOf, changed)}`;
      })
      .join(', ');
  }
  const text = formatOne(unit, value, nameOf);
  return now ? `${text} (now ${formatOne(unit, now.value, nameOf)})` : text;
}

function formatOne(unit: Exclude<Unit, { fields: unknown }>, x: unknown, nameOf: NameOf): string {
  if (typeof unit === 'object') {
    if ('bool' in unit) return x ? unit.bool[0] : unit.bool[1];
    const items = x as readonly unknown[];
    if (items.length === 0) return 'nobody';
    return items
      .map((item, i) => (unit.labels?.[i] ? `${formatValue(unit.list, item, nameOf)} ${unit.labels[i]}` : formatValue(unit.list, item, nameOf)))
      .join(', ');
  }
  switch (unit) {
    case 'metis':
      return formatMetis(big(x));
    case 'votes':
      return formatVotes(big(x));
    case 'reputation':
      return `${formatReputation(big(x))} reputation`;
    case 'duration':
      return formatDuration(Number(x));
    case 'blocks':
      return formatCount(big(x), 'block');
    case 'bps':
      return formatBps(Number(x));
    case 'percent':
      return formatBps(Number(x) * 100);
    case 'address':
      return nameOf(String(x));
    case 'sequencer':
      return `sequencer #${String(x)}`;
    case 'epoch':
      return `epoch ${String(x)}`;
    case 'count':
      return formatCount(big(x));
    case 'gas':
      return formatCount(big(x), 'gas', 'gas');
    case 'multiplier':
      return `${formatCount(big(x))}×`;
    case 'text': {
      const s = String(x);
      return `“${s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s}”`;
    }
    case 'hash':
      return shortHash(String(x));
    case 'role':
      return ROLES.get(String(x).toLowerCase()) ?? shortHash(String(x));
    case 'selector':
      return SELECTORS.get(String(x).toLowerCase()) ?? String(x);
    case 'time':
      return formatDateTime(Number(x));
    case 'bytes': {
      const s = String(x);
      return s === '0x' ? 'no data' : `the data ${s.length > 22 ? `${s.slice(0, 10)}…${s.slice(-8)}` : s}`;
    }
    case 'remainder-policy':
      return remainderPolicyOf(Number(x)).label.toLowerCase();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding and describing
// ---------------------------------------------------------------------------------------------------------------

type Contracts = Pick<Deployment, 'l1' | 'l2' | 'demoAccounts'>;

interface Decoded {
  contract: string;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
  wording: Wording | undefined;
}

function contractNamed(deployment: Contracts, chain: ChainKey, address: string): { name: string; abi: Abi } | undefined {
  const wanted = address.toLowerCase();
  for (const [name, c] of Object.entries(deployment[chain].contracts)) {
    if (c?.address.toLowerCase() !== wanted) continue;
    const abi = (CONTRACTS[chain] as Record<string, Abi>)[name];
    if (abi && abi.length > 0) return { name, abi };
  }
  return undefined;
}

/** A call decoded against its target's ABI (undefined: not a contract of ours, or data that does not fit it). */
function decode(deployment: Contracts, chain: ChainKey, target: Address, data: Hex): Decoded | { contract: string | undefined } {
  const contract = contractNamed(deployment, chain, target);
  if (!contract) return { contract: undefined };
  try {
    const { functionName, args } = decodeFunctionData({ abi: contract.abi, data });
    const wording = ACTION_WORDS[chain][contract.name]?.[functionName];
    return { contract: contract.name, abi: contract.abi, functionName, args: args ?? [], wording };
  } catch {
    return { contract: contract.name };
  }
}

/** A latest-state read of the chain for "(now …)": one getter, on the contract a call targets. */
export interface CurrentValueRead {
  chain: ChainKey;
  address: Address;
  abi: Abi;
  functionName: string;
  args: readonly unknown[];
}

/** The values the getters answered, by `readKey` (a failed read is simply absent). */
export type CurrentValues = ReadonlyMap<string, unknown>;

export const readKey = (r: Pick<CurrentValueRead, 'chain' | 'address' | 'functionName' | 'args'>) =>
  `${r.chain}:${r.address.toLowerCase()}:${r.functionName}:${rawValue(r.args)}`;

function getterReads(chain: ChainKey, target: Address, d: Decoded): { index: number; read: CurrentValueRead }[] {
  return Object.entries(d.wording?.now ?? {}).map(([index, g]) => ({
    index: Number(index),
    read: {
      chain,
      address: target,
      abi: d.abi,
      functionName: typeof g === 'string' ? g : g.fn,
      args: typeof g === 'string' ? [] : g.args(d.args),
    },
  }));
}

/** One call a proposal action makes, in words. */
export interface CallWords {
  /** Where it runs: on Metis (L2), or on Ethereum (L1) through the bus. */
  chain: ChainKey;
  target: Address;
  /** The target's deployment name, or its label when we do not know it. */
  contract: string;
  /** The sentence ("set the proposal threshold to 5,000 veMETIS (now 10,000 veMETIS)"); undefined: not described. */
  words: string | undefined;
  /** The call itself: "CommonsGovernor.setProposalThreshold(5000000000000000000000)", or the raw calldata. */
  call: string;
  /** Native currency sent with it, in wei (METIS on Metis, ETH on Ethereum). */
  value: bigint;
  /** That value for people ("1.5 METIS", "0.1 ETH"); undefined when nothing is sent. */
  sending: string | undefined;
}

/** A proposal action in words: its calls (one on L2, or the executor's calls on L1) and a line of text. */
export interface ActionWords {
  /** True when the action is a bus message to Ethereum. */
  l1: boolean;
  calls: CallWords[];
  /** Every call has a sentence. */
  described: boolean;
  /** The whole action as one line: "On Ethereum: SequencerStaking · set …", or "Not described: …". */
  text: string;
}

export interface DescribeOptions {
  /** Current values read for "(now …)" (see `currentValueReads`); without them, no "(now …)". */
  now?: CurrentValues;
  nameOf?: NameOf;
}

/** One call (target, data) on `chain` in words. */
export function describeCall(
  deployment: Contracts,
  chain: ChainKey,
  call: { target: Address; value: bigint; data: Hex },
  opts: DescribeOptions = {},
): CallWords {
  const nameOf = opts.nameOf ?? ((a: string) => addressLabel(deployment, a));
  const d = decode(deployment, chain, call.target, call.data);
  const contract = d.contract ?? nameOf(call.target);
  const sending = call.value > 0n ? `${formatMetis(call.value, { symbol: false })} ${deployment[chain].nativeCurrency.symbol}` : undefined;
  const base = { chain, target: call.target, contract, words: undefined, value: call.value, sending };
  if (!('functionName' in d)) return { ...base, call: `call ${contract} with ${call.data}` };
  const raw = `${d.contract}.${d.functionName}(${d.args.map(rawValue).join(', ')})`;
  const w = d.wording;
  if (!w || w.units.length !== d.args.length) return { ...base, call: raw };
  const nowOf = new Map(
    getterReads(chain, call.target, d).flatMap(({ index, read }) => {
      const key = readKey(read);
      return opts.now?.has(key) ? [[index, { value: opts.now.get(key) }] as const] : [];
    }),
  );
  const v = w.units.map((unit, i) => formatValue(unit, d.args[i], nameOf, nowOf.get(i)));
  return { ...base, words: w.say(v, d.args), call: raw };
}

/** What a proposal action does, in words: an L2 call, or (through the bus) the L1 executor's calls. */
export function describeAction(
  deployment: Contracts,
  action: { target: Address; value: bigint | string; calldata: Hex },
  opts: DescribeOptions = {},
): ActionWords {
  const message = l1MessageOf(deployment, action);
  const calls = message?.calls
    ? message.calls.map((c) => describeCall(deployment, 'l1', c, opts))
    : [describeCall(deployment, 'l2', { target: action.target, value: BigInt(action.value), data: action.calldata }, opts)];
  const l1 = Boolean(message?.calls);
  const line = (c: CallWords) => {
    const sending = c.sending ? `, sending ${c.sending}` : '';
    return c.words ? `${c.contract} · ${c.words}${sending}` : `Not described: ${c.call}${sending}`;
  };
  const text = calls.map(line).join('; ');
  return { l1, calls, described: calls.every((c) => c.words !== undefined), text: l1 ? `On Ethereum: ${text}` : text };
}

/**
 * The getters to read for the "(now …)" of some actions, each once, on its chain (L1 getters on L1): read them
 * all at once (the server: `readAll` in lib/server/chain.ts; the browser: one `useReadContracts`) and pass the
 * answers to `describeAction` as `currentValues(reads, results)`.
 */
export function currentValueReads(deployment: Contracts, actions: readonly { target: Address; calldata: Hex }[]): CurrentValueRead[] {
  const reads = new Map<string, CurrentValueRead>();
  for (const action of actions) {
    const message = l1MessageOf(deployment, action);
    const calls = message?.calls ? message.calls.map((c) => ['l1', c] as const) : [['l2', { target: action.target, data: action.calldata }] as const];
    for (const [chain, c] of calls) {
      const d = decode(deployment, chain, c.target, c.data);
      if (!('functionName' in d)) continue;
      for (const { read } of getterReads(chain, c.target, d)) reads.set(readKey(read), read);
    }
  }
  return [...reads.values()];
}

/** The answers of `reads` (in order; undefined for a failed read) as the `now` of `describeAction`. */
export function currentValues(reads: readonly CurrentValueRead[], results: readonly ({ ok: true; value: unknown } | { ok: false })[]): CurrentValues {
  const values = new Map<string, unknown>();
  reads.forEach((r, i) => {
    const result = results[i];
    if (result?.ok) values.set(readKey(r), result.value);
  });
  return values;
}
