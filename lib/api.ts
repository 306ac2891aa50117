import type { AbiParameter, Address, Hash, Hex } from 'viem';
import type { ChallengeKind, ChallengeStatus } from './challenges';
import type { RemainderPolicyName } from './commons';
import type { MotionKind, MotionState } from './council-motions';
import type { ChainKey } from './deployment/types';
import type { ReputationCause, SeatOrigin } from './eco-nodes';
import type { InterestKey } from './interests';
import type { ProposalState } from './proposals';
import type { SequencerStatus } from './sequencers';

export interface TransferItem {
  id: string;
  chain: ChainKey;
  chainId: number;
  direction: 'in' | 'out' | 'self';
  counterparty: Address;
  amount: string;
  /** A decimal string, like every block number of the API. */
  blockNumber: string;
  /** Unix seconds, as a decimal string like every timestamp of the API. */
  timestamp: string;
  txHash: Hash;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An error answer of the chain-data API, with its reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The chain-data API cannot answer now: unreachable (status 0), still starting or catching up (503),
 * or failing (another 5xx). Pages show what they read from the chain and an "unavailable" note for
 * the rest (docs/ARCHITECTURE.md, "Degraded mode").
 */
export class ApiUnavailable extends ApiError {}

/**
 * The chain-data API's one client: GET `path` (a route of `ApiRoutes`, its `:name` parts filled from
 * `params`, the rest of `params` as the query) and answer with the route's response type. Throws
 * `ApiUnavailable` when the API is unreachable (status 0), starting or failing (5xx), `ApiError` for any
 * other error answer, with the API's reason.
 */
export async function apiGet<P extends ApiPath>(apiUrl: string, path: P, ...params: ApiParamsArg<P>): Promise<ApiResponse<P>> {
  return (await apiGetPath(apiUrl, apiPath(path, ...params))) as ApiResponse<P>;
}

/**
 * `apiGet` of a path and query as written (untyped: the answer is `unknown`, null for an empty body), for
 * what the route map cannot name: a refused request's reason in tests, or Ponder's own `/ready` and
 * `/status`. `timeoutMs`: give up then (as unreachable, status 0).
 */
export async function apiGetPath(apiUrl: string, pathAndQuery: string, opts: { timeoutMs?: number } = {}): Promise<unknown> {
  const url = new URL(pathAndQuery, apiUrl);
  const res = await fetch(url, opts.timeoutMs === undefined ? undefined : { signal: AbortSignal.timeout(opts.timeoutMs) }).catch((e: unknown) => {
    throw new ApiUnavailable(0, `the chain-data API is unreachable (${e instanceof Error ? e.message : String(e)})`);
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    const message = body.error ?? `the chain-data API answered ${res.status} for ${url.pathname}${url.search}`;
    throw res.status >= 500 ? new ApiUnavailable(res.status, message) : new ApiError(res.status, message);
  }
  const text = await res.text();
  return text ? JSON.parse(text) : null;
}

/**
 * The path and query `apiGet` asks for: `route` with each `:name` replaced by `params[name]` (URI-encoded),
 * the other defined params as the query string in the order given (also the key of shared reads).
 */
export function apiPath<P extends ApiPath>(route: P, ...[params]: ApiParamsArg<P>): string {
  const values: Record<string, string | number | undefined> = { ...(params as Record<string, string | number | undefined> | undefined) };
  const path = route.replace(/:(\w+)/g, (_, name: string) => {
    const value = values[name];
    delete values[name];
    if (value === undefined || value === '') throw new Error(`apiPath: ${route} needs ${name}`);
    return encodeURIComponent(String(value));
  });
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) if (value !== undefined) query.set(key, String(value));
  const search = query.toString();
  return search ? `${path}?${search}` : path;
}

/** A sequencer as indexed (amounts in wei as decimal strings, times in unix seconds). */
export interface SequencerItem {
  id: string;
  owner: Address;
  signer: Address;
  status: Exclude<SequencerStatus, 'none'>;
  selfLock: string;
  delegated: string;
  totalStake: string;
  unbonding: string;
  commissionBps: number;
  pendingCommissionBps: number;
  commissionEffectiveAt: string;
  jailedUntil: string;
  unlockAt: string;
  metadataURI: string;
  delegatorCount: number;
  epochsProduced: number;
  epochsRecent: number;
  current: boolean;
  /** Realised APR estimate in basis points (see `aprExplanation`), null until rewards exist. */
  aprBps: number | null;
  /** Only in the single-sequencer answer. */
  aprWindow?: AprWindow;
}

/** The window the API measured realised APRs over (null before two epoch reports). */
export type AprWindow = { epochs: number; seconds: number } | null;

export interface PositionItem {
  id: string;
  sequencerId: string;
  account: Address;
  shares: string;
  value: string;
}

export interface UnbondingItem {
  id: string;
  sequencerId: string;
  account: Address;
  entryId: string;
  amount: string;
  maturesAt: string;
  withdrawnAt: string | null;
}

export interface StakeEventItem {
  id: string;
  sequencerId: string;
  account: Address;
  kind: string;
  amount: string;
  totalStakeAfter: string;
  /** Why, for a slash or a jail (`challengeOfReason` finds the challenge of an upheld one). */
  reason: string | null;
  timestamp: string;
  txHash: Hash;
}

/** What one slash took from an account (GET /accounts/:address/slashes), with the slash's reason. */
export interface AccountSlashItem {
  sequencerId: string;
  /** position: its part of the pool's slash; liable: unbonding or redelegated stake that paid later */
  kind: 'position' | 'liable';
  fractionBps: number | null;
  amount: string;
  reason: string | null;
  timestamp: string;
  txHash: Hash;
}

export interface EpochItem {
  id: string;
  sequencerId: string;
  signer: Address;
  startBlock: string;
  endBlock: string;
  startedAt: string;
  txHash: Hash;
}

/**
 * The L1 randomness of one epoch's draw (docs/MECHANISMS.md §4.5), as indexed from both chains: requested by the
 * L2 set at a rotation (L2 time), fixed by the L1 beacon (L1 time and block), received on L2 (L2
 * time). Null fields: that step has not happened (or not been indexed) yet.
 */
export interface BeaconDrawItem {
  epoch: string;
  requestedAt: string | null;
  recordedAt: string | null;
  l1BlockNumber: string | null;
  receivedAt: string | null;
}

/** GET /sequencers */
export interface SequencersAnswer {
  items: SequencerItem[];
  currentEpoch: EpochItem | null;
  /** The beacon the next rotation draws with (epoch currentEpoch + 1); null before the first request. */
  nextBeacon: BeaconDrawItem | null;
  recentEpochWindow: number;
  aprWindow: AprWindow;
}

/** A node's backing of a council motion; `voter` is the steward for a group seat. */
export interface MotionVoteItem {
  id: string;
  motionId: string;
  node: Address;
  voter: Address;
  weight: string;
  timestamp: string;
  txHash: Hash;
}

/**
 * A council motion (docs/MECHANISMS.md §4.4): a peer penalty of `subject` by `amount`, or a decisive action on
 * `subject` (decoded in `action`). `state` is lib/council-motions.ts motionState at the API's L2 clock.
 */
export interface MotionItem {
  motionId: string;
  kind: MotionKind;
  opener: Address;
  subject: Address;
  selector: Hex | null;
  data: Hex | null;
  amount: string | null;
  reason: string;
  snapshot: string;
  deadline: string;
  /** At the snapshot, the accused's excluded for a penalty. */
  totalReputation: string;
  /** 2/3 of totalReputation, rounded up. */
  bar: string;
  yesWeight: string;
  backers: number;
  openedAt: string;
  openedTx: Hash;
  passedAt: string | null;
  executableAt: string | null;
  expiresAt: string | null;
  executed: boolean;
  executedAt: string | null;
  executedTx: Hash | null;
  executor: Address | null;
  state: MotionState;
  action: {
    target: Address;
    /** The target's deployment name (null when the deployment does not name it). */
    contract: string | null;
    selector: Hex | null;
    functionName: string | null;
    signature: string | null;
    /** Decoded arguments (bigints as decimal strings). */
    args: { name: string; type: string; value: unknown }[] | null;
  } | null;
  /** Largest weight first. */
  votes: MotionVoteItem[];
}

export interface MotionsPage extends Page<MotionItem> {
  /** The L2 chain's clock when answered. */
  now: string;
}

/** A decisive action on the council's allow-list, described from the deployment's ABIs. */
export interface AllowedActionItem {
  target: Address;
  selector: Hex;
  contract: string | null;
  functionName: string | null;
  signature: string | null;
  inputs: AbiParameter[] | null;
  allowedAt: string;
  txHash: Hash;
}

/** A challenge of an epoch's sequencer (docs/MECHANISMS.md §4.5; amounts in wei, times in L2 seconds, as decimal strings). */
export interface ChallengeItem {
  id: string;
  epoch: string;
  sequencerId: string;
  challenger: Address;
  kind: ChallengeKind;
  bond: string;
  evidence: string;
  status: Exclude<ChallengeStatus, 'none'>;
  openedAt: string;
  openedTx: Hash;
  /** Council-decided kinds: the deadline, the weight at the opening, the quorum and the weights cast. */
  deadline: string | null;
  totalWeight: string;
  quorum: string;
  upholdWeight: string;
  rejectWeight: string;
  voters: number;
  produced: string | null;
  blocks: string | null;
  resolvedAt: string | null;
  resolvedTx: Hash | null;
  bondTo: Address | null;
  slashNonce: string | null;
}

/** One Eco Node's vote on a challenge; `voter` is the steward for a group seat. */
export interface ChallengeVoteItem {
  id: string;
  challengeId: string;
  node: Address;
  voter: Address;
  uphold: boolean;
  weight: string;
  reason: string;
  timestamp: string;
  txHash: Hash;
}

/** The challenge parameters now (`SequencerChallenges.params`, indexed from `ParamsSet`). */
export interface ChallengeParamsItem {
  bond: string;
  window: number;
  votingPeriod: number;
  quorumBps: number;
  minProductionBps: number;
  rewardBps: number;
  severityBps: Record<ChallengeKind, number>;
}

/** GET /challenges */
export interface ChallengesPage extends Page<ChallengeItem & { votes: ChallengeVoteItem[] }> {
  params: ChallengeParamsItem | null;
  /** The L2 chain's clock when answered. */
  now: string;
}

/** GET /challenges/:id */
export interface ChallengeDetail {
  challenge: ChallengeItem;
  votes: ChallengeVoteItem[];
  /** The slash it caused on L1 (upheld, once delivered). */
  slash: StakeEventItem | null;
}

/** A motion to replace a group's steward (docs/MECHANISMS.md §4.2; times in seconds, units in wei, as decimal strings). */
export interface StewardMotionItem {
  id: string;
  group: Address;
  motionId: string;
  proposer: Address;
  candidate: Address;
  /** Members' units count at this time (one motion period before the motion opened). */
  snapshot: string;
  openedAt: string;
  /** End of the voting period; a passed motion is executable after it, until `executableUntil`. */
  votingEndsAt: string;
  deadline: string;
  executableUntil: string;
  /** The group's units at the snapshot; passing needs more than half. */
  pooledVotes: string;
  yesWeight: string;
  supporters: number;
  passing: boolean;
  status: 'active' | 'defeated' | 'succeeded' | 'executed' | 'voided' | 'expired';
  executed: boolean;
  executedAt: string | null;
  epoch: string;
  txHash: Hash;
}

/** A Commons proposal as listed (state at the API's chain time; amounts in wei as decimal strings). */
export interface ProposalItem {
  id: string;
  proposer: Address;
  title: string;
  state: ProposalState;
  snapshot: string;
  deadline: string;
  extended: boolean;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  /** quorum(snapshot); an override must reach `requiredQuorum` (twice it). */
  quorum: string | null;
  /** The quorum this proposal must reach (For + Abstain): `quorum`, or twice it for an override. */
  requiredQuorum: string | null;
  createdAt: string;
  /** A Commons override (docs/MECHANISMS.md §4.3): needs For ≥ 2/3 of the votes cast and twice the quorum; no ratification. */
  override: boolean;
  /** For an override, its bar: For ≥ 2/3 of all votes cast (abstentions included), For + Abstain ≥ 2 × quorum. */
  overrideBar: { forShareNumerator: number; forShareDenominator: number; quorumMultiplier: number } | null;
  /** For an override, the proposal the council refused (rejected or let expire). */
  overrides: string | null;
  /** For a refused proposal, its override, if proposed. */
  overriddenBy: string | null;
  /** Unix seconds: the ratification must open by then, or the proposal expires (null: no window, or an override). */
  ratificationDeadline: string | null;
  /** The Eco Node council's ratification: open | ratified | rejected (null before it opens). */
  ratificationStatus: string | null;
}

export interface ProposalDetail extends ProposalItem {
  description: string;
  actions: { target: Address; value: string; calldata: Hex; decoded: { contract: string; functionName: string; args: unknown[] } | null }[];
}

export interface VoteItem {
  id: string;
  voter: Address;
  group: Address | null;
  support: number;
  weight: string;
  reason: string;
  timestamp: string;
}

/** What one voter (an account, or a group with its members' votes) cast on a proposal. */
export interface BallotItem {
  id: string;
  voter: Address;
  isGroup: boolean;
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  weight: string;
  votes?: VoteItem[];
  group?: { name: string; remainderPolicy: RemainderPolicyName } | null;
  members?: VoteItem[];
  remainder?: { support: number; weight: string } | null;
}

/** A Commons interest group as the API lists it. */
export interface GroupItem {
  address: Address;
  groupId: string;
  name: string;
  metadataURI: string;
  creator: Address;
  steward: Address;
  remainderPolicy: RemainderPolicyName;
  memberCount: number;
  pooledVotes: string;
  createdAt: string;
  /** Steward motions executed so far. */
  stewardEpoch: string;
  /** From when the current steward votes the group's Eco Node seat (docs/MECHANISMS.md §4.2 delay). */
  seatVotingFrom: string;
  /** Proposals it voted on out of those whose voting started after it was created (not canceled). */
  participation: { voted: number; eligible: number; share: number | null };
}

/** A group's votes on one proposal: what it forwarded, each member's vote inside it, any remainder. */
export interface GroupVotesItem {
  proposalId: string;
  title: string;
  state: ProposalItem['state'];
  forVotes: string;
  againstVotes: string;
  abstainVotes: string;
  weight: string;
  members: VoteItem[];
  remainder: { support: number; weight: string; caller: Address; timestamp: string } | null;
}

/** An account's rewards from one position (amounts in wei as decimal strings). */
export interface RewardPositionItem {
  sequencerId: string;
  shares: string;
  value: string;
  claimable: string;
  claimed: string;
  compounded: string;
  /** claimable + claimed + compounded */
  accrued: string;
}

/** What an account earned in one epoch, split mining vs revenue in the epoch's proportion. */
export interface RewardEpochEarning {
  epoch: string;
  sequencerId: string;
  timestamp: string;
  reward: string;
  mining: string;
  revenue: string;
}

export interface AccountRewards {
  account: Address;
  totalClaimable: string;
  positions: RewardPositionItem[];
  epochs: RewardEpochEarning[];
}

/** The network's rewards: totals, recent epochs, the reserve and the emission schedule. */
export interface NetworkRewards {
  totals: { mining: string; revenue: string };
  recent: { id: string; sequencerId: string; mining: string; revenue: string; miningDue: string; revenueDue: string; revenueOwed: string; timestamp: string }[];
  /** Revenue applied epochs are still owed (docs/MECHANISMS.md §3.2), oldest epoch first: they are paid in that order as revenue arrives. */
  owed: OwedRevenue;
  lastAppliedEpoch: string;
  rewardPerBlock: string;
  reserve: { mining: string; revenueEscrow: string };
  feeVault: { pending: string; released: string };
  schedule: { start: string; yearSeconds: string; lifetimeCap: string; currentYear: string; years: { year: number; ceiling: string; emitted: string }[] };
}

/** The distributor's owed revenue as indexed: the total and each partly paid epoch, oldest first. */
export interface OwedRevenue {
  total: string;
  epochs: { epoch: string; sequencerId: string; owed: string; due: string; paid: string }[];
}

/** One epoch's rewards as applied on L1 (amounts in wei as decimal strings). */
export interface RewardEpochItem {
  id: string;
  sequencerId: string;
  blocks: string;
  mining: string;
  revenue: string;
  paidToSequencer: boolean;
  miningDue: string;
  revenueDue: string;
  /** Revenue still owed to the epoch (positive: partly paid; paid in epoch order as revenue arrives). */
  revenueOwed: string;
  commission: string;
  stakersPart: string;
  delegatorsReward: string;
  delegated: string;
  timestamp: string;
  txHash: Hex;
}

/** A seated Eco Node (reputation live from the chain; amounts 18-decimal as decimal strings). */
export interface EcoNodeItem {
  address: Address;
  origin: SeatOrigin;
  groupSeat: boolean;
  seated: boolean;
  reputation: string;
  shareBps: number;
  votesCast: number;
  missed: number;
  /** votesCast / (votesCast + missed), null before the node had a ratification to vote on. */
  participation: number | null;
  /** The group's name for a promoted group's seat. */
  groupName: string | null;
  admittedAt: string;
  admittedBy?: Address;
  reason: string;
}

export interface EcoNodesAnswer {
  items: EcoNodeItem[];
  totalReputation: string;
}

/** One change of a node's reputation with its cause (`delta` signed). */
export interface ReputationEventItem {
  id: string;
  node: Address;
  delta: string;
  reputation: string;
  cause: ReputationCause;
  reason: string;
  /** A peer penalty's motion (docs/MECHANISMS.md §4.4): its reason is the cause. */
  motionId?: string | null;
  motion?: { motionId: string; opener: Address; reason: string; backers: number } | null;
  timestamp: string;
  txHash: Hash;
}

/** One counted proposal of a group's promotion window and the group's standing at its snapshot (docs/MECHANISMS.md §4.4). */
export interface PromotionSnapshotCheck {
  proposalId: string;
  snapshot: string;
  /** The group's votes at the snapshot, and 1% of the total units then. */
  pooled: string;
  pooledThreshold: string;
  /** Delegators with at least 100 units at the snapshot. */
  members: string;
  /** Votes the group cast on the proposal. */
  cast: string;
  pooledOk: boolean;
  membersOk: boolean;
  /** Cast at least half of its pooled units (a dust vote is not participation). */
  participated: boolean;
}

/**
 * A Commons group without a seat (or a promoted one that no longer qualifies), with each promotion
 * criterion at each snapshot of the window (EcoNodePromotion.progress).
 */
export interface PromotionCandidate {
  address: Address;
  name: string;
  isGroup: boolean;
  seated: boolean;
  /** Seated through promotion (only those can be demoted). */
  promoted: boolean;
  seatAvailable: boolean;
  /** Promoting now keeps the seats promoted within one ratification period at ≤ 1/3 of the reputation. */
  withinRateLimit: boolean;
  /** Seconds since the group was created. */
  age: string;
  minAge: string;
  /** Counted proposals the window needs (the last N closed ones that reached quorum). */
  window: string;
  minMembers: string;
  participated: string;
  participationRequired: string;
  /** Enough counted proposals were found to judge. */
  windowFull: boolean;
  windowOk: boolean;
  eligible: boolean;
  /** Seated through promotion and failing the criteria over a full window: anyone may demote it. */
  demotable: boolean;
  /** Newest first. */
  checks: PromotionSnapshotCheck[];
}

/** A proposal's ratification by the Eco Nodes (weights in reputation units). */
export interface RatificationItem {
  proposalId: string;
  title: string | null;
  opener: Address;
  openedAt: string;
  openedTx: Hash;
  snapshot: string;
  deadline: string;
  totalReputation: string;
  quorum: string;
  ratify: string;
  reject: string;
  abstain: string;
  voters: number;
  status: 'open' | 'ratified' | 'rejected';
  settledAt: string | null;
  settledTx: Hash | null;
}

export interface RatificationsPage extends Page<RatificationItem> {
  quorumBps: number;
  /** The L2 chain's clock when answered. */
  now: string;
}

/** One Eco Node's ratification vote; `voter` is the steward for a group seat. support: 0 reject, 1 ratify, 2 abstain. */
export interface RatificationVoteItem {
  id: string;
  proposalId: string;
  node: Address;
  voter: Address;
  support: number;
  weight: string;
  reason: string;
  timestamp: string;
  txHash: Hash;
}

export interface ProposalRatificationAnswer {
  ratification: Omit<RatificationItem, 'title'> | null;
  votes: RatificationVoteItem[];
  ratificationPeriod: number;
}

export type TimelineStage =
  | 'created'
  | 'override-proposed'
  | 'ratification-opens-by'
  | 'expired'
  | 'voting-opens'
  | 'voting-closes'
  | 'ratification-opened'
  | 'ratification-ratified'
  | 'ratification-rejected'
  | 'ratification-closes'
  | 'queued'
  | 'executed'
  | 'canceled'
  | 'relayed'
  | 'executed-on-l1'
  | 'l1-failed'
  | 'l1-retry-closes'
  | 'l1-expired'
  | 'l1-cancelled';

/**
 * One stage of a proposal's life: when (unix seconds, null if unknown), who, the transaction and on
 * which chain, and the facts of that stage as data (the app writes the sentences).
 */
export interface TimelineStep {
  stage: TimelineStage;
  at: string | null;
  who?: Address | null;
  tx?: Hash | null;
  chain?: 'l1' | 'l2';
  /** voting-closes: the late-quorum extension moved the end. */
  extended?: boolean;
  /** override-proposed: the refused proposal this one overrides. */
  overrides?: string;
  /** queued: when the timelock lets it execute (unix seconds). */
  eta?: string;
  /** relayed: the bus message's nonce and target. */
  nonce?: string;
  target?: Address;
  /** executed-on-l1: the contracts the L1 executor called. */
  targets?: Address[];
  /** l1-failed: the revert data or reason the inbox recorded. */
  reason?: string;
}

export interface ProposalTimelineAnswer {
  state: ProposalState;
  /** A Commons override (no ratification stages). */
  override: boolean;
  steps: TimelineStep[];
  now: string;
}

/** GET /accounts/:address/votes: an account's vote with its proposal's title and its group's name. */
export interface AccountVoteItem extends VoteItem {
  proposalId: string;
  proposalTitle: string | null;
  groupName: string | null;
}

/** GET /accounts/:address/lock: the account's veMETIS lock (null if it never locked or withdrew), its live votes and delegatee. */
export interface AccountLockAnswer {
  account: Address;
  /** `units` count only before `end` (docs/MECHANISMS.md §4.1); `lockedUnits` is what the lock was priced at. */
  lock: { amount: string; end: string; units: string; lockedUnits: string; expired: boolean } | null;
  votes: string;
  delegatee: Address | null;
  /** The L2 chain's clock when answered. */
  now: string;
}

/** A group's current member: its units that count now (0 once its lock ended) and whom it delegates to. */
export interface GroupMemberItem {
  account: Address;
  joinedAt: string;
  units: string;
  /** Its lock has ended (units no longer count). */
  expired: boolean;
  delegatee: Address | null;
  /** Whether the member pools its power in this group (members may delegate elsewhere). */
  pooling: boolean;
}

/** How many of the last proposals a delegate voted on (directly, or a group's ballot): "voted in `voted` of the last `of`". */
export interface Participation {
  voted: number;
  of: number;
}

/** GET /delegates: one holder of delegated veMETIS votes, an account or a Commons group. */
export interface DelegateItem {
  address: Address;
  kind: 'account' | 'group';
  /** The group's name, for a group. */
  groupName: string | null;
  /** Its profile (`ProfileRegistry`, docs/MECHANISMS.md §8): the name, an inline statement's first words, a statement kept elsewhere by address, the topics mask (lib/interests.ts). */
  profile: { name: string; excerpt: string | null; statementURI: string | null; interests: number } | null;
  /** Votes delegated to it now, against the L2 clock (a lock's units stop at its end, docs/MECHANISMS.md §4.1). */
  power: string;
  /** Accounts other than itself whose delegatee it is. */
  delegators: number;
  participation: Participation;
  /** Proposals it has voted on, in all. */
  votesCast: number;
  lastVote: { proposalId: string; title: string | null; timestamp: string } | null;
}

/** GET /delegates/:address/power: its checkpoints newest first, and its votes now against the L2 clock. */
export interface DelegatePowerAnswer extends Page<VotingPowerItem> {
  address: Address;
  power: string;
  now: string;
}

/** GET /proposals/:id/non-voters: a delegate that held votes at the proposal's snapshot and has not voted on it. */
export interface NonVoterItem {
  address: Address;
  kind: 'account' | 'group';
  groupName: string | null;
  /** Its votes at the end of the snapshot's second: the governor's `getVotes(address, snapshot)`. */
  power: string;
}

/** One checkpoint of a group's pooled power. */
export interface VotingPowerItem {
  id: string;
  votes: string;
  blockNumber: string;
  timestamp: string;
}

export type BusMessageStatus = 'sent' | 'attested' | 'delivered' | 'failed' | 'expired' | 'cancelled';

/** A cross-chain message and its delivery (docs/MECHANISMS.md §5); times in the target chain's seconds. */
export interface BusMessageItem {
  id: Hash;
  from: ChainKey;
  sourceChainId: number;
  targetChainId: number;
  nonce: string;
  sender: Address;
  target: Address;
  sentAt: string;
  sentTx: Hash;
  status: BusMessageStatus;
  attestations: number;
  deliveredTx: Hash | null;
  failureReason: Hex | null;
  /** A failed message can be retried until then; after it, it is `expired`. */
  retryDeadline: string | null;
}

export type TimelockOperationStatus = 'waiting' | 'ready' | 'executed' | 'cancelled';

/** An operation of the L2 timelock, with the proposal that queued it (when the governor did). */
export interface TimelockOperationItem {
  id: Hash;
  proposalId: string | null;
  proposalTitle: string | null;
  calls: number;
  targets: Address[];
  scheduledAt: string;
  scheduledTx: Hash;
  readyAt: string;
  executedAt: string | null;
  executedTx: Hash | null;
  cancelledAt: string | null;
  cancelledTx: Hash | null;
  status: TimelockOperationStatus;
}

/** GET /profiles/:address: an account's profile (`ProfileRegistry`, docs/MECHANISMS.md §8). */
export interface ProfileItem {
  address: Address;
  name: string;
  statementURI: string;
  /** The markdown of an inline statement; null for one by address (https://, ipfs://) or none. */
  statement: string | null;
  links: string[];
  /** Bitmask over the topics of lib/interests.ts. */
  interests: number;
  updatedAt: string;
  updatedTx: Hash;
}

/** Where an indexed name comes from, best first: the account's profile, its sequencer's metadata, its group. */
export const NAME_SOURCES = ['profile', 'sequencer', 'group'] as const;
export type NameSource = (typeof NAME_SOURCES)[number];

/** The most addresses one `/names` request may ask for. */
export const NAMES_MAX = 100;

/** GET /names?addresses=a,b,c: each address's best indexed name (null if none) and where it comes from. */
export interface NameItem {
  address: Address;
  name: string | null;
  source: NameSource | null;
}

/** A page answered with the L2 chain's clock (`now`, unix seconds). */
export type ClockedPage<T> = Page<T> & { now: string };

/** The query of a paged list. */
interface Paging {
  limit?: number;
  cursor?: string;
}

/**
 * Every route of the chain-data API (indexer/src/api): its query and its JSON answer. The server answers
 * each through `reply` (indexer/src/api/respond.ts), which checks the body against `response`, and every
 * caller reads through `apiGet`, which returns it: a change on either side fails the type check.
 *
 * Numbers: every chain quantity the contracts hold as a uint256 or the index as a bigint (amounts,
 * timestamps in Unix seconds, block numbers, ids, epochs) is a decimal string; JSON numbers are only
 * counts, basis points, chain ids and the small contract parameters viem reads as numbers (uint8..uint48:
 * a challenge window in blocks, voting and ratification periods in seconds).
 */
export interface ApiRoutes {
  '/accounts/:address/transfers': { query: Paging & { chain?: ChainKey }; response: Page<TransferItem> };
  '/accounts/:address/positions': { query: object; response: { items: PositionItem[] } };
  '/accounts/:address/slashes': { query: object; response: { items: AccountSlashItem[] } };
  '/accounts/:address/unbonding': { query: { state?: 'pending' | 'withdrawn' }; response: { items: UnbondingItem[] } };
  /** Pending (not withdrawn) entries matured in (maturedAfter, maturedBy], latest first; `maturedBy` defaults to `now`. */
  '/unbonding': { query: Paging & { maturedAfter?: string; maturedBy?: string }; response: ClockedPage<UnbondingItem> };
  '/accounts/:address/rewards': { query: { epochs?: number }; response: AccountRewards };
  '/accounts/:address/votes': { query: Paging; response: Page<AccountVoteItem> };
  '/accounts/:address/lock': { query: object; response: AccountLockAnswer };
  '/sequencers': { query: { status?: SequencerItem['status'] }; response: SequencersAnswer };
  '/sequencers/:id': { query: object; response: SequencerItem };
  '/sequencers/:id/delegators': { query: Paging; response: Page<PositionItem> };
  '/sequencers/:id/history': { query: Paging; response: Page<StakeEventItem> };
  '/epochs': { query: Paging & { sequencer?: string }; response: Page<EpochItem> };
  '/bus/messages': { query: Paging & { from?: ChainKey; status?: BusMessageStatus }; response: Page<BusMessageItem> };
  '/rewards/epochs': { query: Paging & { sequencer?: string }; response: Page<RewardEpochItem> };
  '/rewards/network': { query: { limit?: number }; response: NetworkRewards };
  '/challenges': { query: Paging & { sequencer?: string; status?: ChallengeItem['status'] }; response: ChallengesPage };
  '/challenges/:id': { query: object; response: ChallengeDetail };
  '/commons/groups': { query: Paging & { steward?: Address }; response: Page<GroupItem> };
  '/commons/groups/:address': { query: object; response: GroupItem };
  '/commons/groups/:address/members': { query: Paging; response: Page<GroupMemberItem> };
  '/commons/groups/:address/power': { query: Paging; response: Page<VotingPowerItem> };
  '/commons/groups/:address/motions': { query: Paging & { status?: StewardMotionItem['status'] }; response: Page<StewardMotionItem> };
  '/commons/groups/:address/votes': { query: Paging; response: ClockedPage<GroupVotesItem> };
  '/proposals': { query: Paging & { state?: ProposalState; q?: string }; response: ClockedPage<ProposalItem> };
  '/proposals/:id': { query: object; response: ProposalDetail & { now: string } };
  '/proposals/:id/votes': { query: Paging; response: Page<BallotItem> };
  /** Before voting starts (`snapshot` not yet past) the list is empty: powers at the snapshot are not fixed. */
  '/proposals/:id/non-voters': { query: Paging; response: Page<NonVoterItem> & { snapshot: string; now: string } };
  /** `minParticipation`: voted on at least that many of the last `DIRECTORY_RECENT` proposals (lib/delegates.ts). */
  '/delegates': { query: Paging & { q?: string; minParticipation?: number; interest?: InterestKey }; response: ClockedPage<DelegateItem> };
  '/delegates/:address/power': { query: Paging; response: DelegatePowerAnswer };
  '/proposals/:id/ratification': { query: object; response: ProposalRatificationAnswer };
  '/proposals/:id/timeline': { query: object; response: ProposalTimelineAnswer };
  '/eco-nodes': { query: object; response: EcoNodesAnswer };
  '/eco-nodes/:address/reputation': { query: Paging; response: Page<ReputationEventItem> };
  '/eco-nodes/candidates': { query: object; response: { items: PromotionCandidate[] } };
  '/eco-nodes/motions': { query: Paging & { kind?: MotionKind; state?: MotionState; subject?: Address }; response: MotionsPage };
  '/eco-nodes/motions/:id': { query: object; response: MotionItem & { now: string } };
  '/eco-nodes/actions': { query: object; response: { items: AllowedActionItem[] } };
  '/ratifications': { query: Paging & { status?: RatificationItem['status'] }; response: RatificationsPage };
  '/timelock/operations': { query: Paging & { status?: TimelockOperationStatus }; response: ClockedPage<TimelockOperationItem> };
  '/profiles/:address': { query: object; response: ProfileItem };
  '/names': { query: { addresses: string }; response: { items: NameItem[] } };
}

export type ApiPath = keyof ApiRoutes;
export type ApiResponse<P extends ApiPath> = ApiRoutes[P]['response'];

/** `{ id: string }` for '/proposals/:id', and so on for each `:name` of a route. */
export type PathParams<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : unknown;

/** What `apiGet(apiUrl, path, params)` takes for `path`: its path params and its query. */
export type ApiParams<P extends ApiPath> = PathParams<P> & ApiRoutes[P]['query'];

/** The params argument: required when the route has path params, optional otherwise. */
export type ApiParamsArg<P extends ApiPath> = P extends `${string}:${string}` ? [params: ApiParams<P>] : [params?: ApiParams<P>];
