import type schema from 'ponder:schema';
import type {
  ChallengeItem,
  ChallengeVoteItem,
  EcoNodeItem,
  PositionItem,
  ProfileItem,
  RatificationItem,
  RatificationVoteItem,
  RewardEpochItem,
  StakeEventItem,
  UnbondingItem,
  VoteItem,
} from '../../../lib/api';
import type { Wire } from './respond';

// Rows of the index mapped into the API's types (lib/api.ts): each answer names its fields, so that a
// column added to the schema is not answered until the route map declares it.

type Row<T extends keyof typeof schema> = (typeof schema)[T] extends { $inferSelect: infer R } ? R : never;

export const positionItem = (r: Row<'position'>): Wire<PositionItem> => ({
  id: r.id,
  sequencerId: r.sequencerId,
  account: r.account,
  shares: r.shares,
  value: r.value,
});

export const unbondingItem = (r: Row<'unbonding'>): Wire<UnbondingItem> => ({
  id: r.id,
  sequencerId: r.sequencerId,
  account: r.account,
  entryId: r.entryId,
  amount: r.amount,
  maturesAt: r.maturesAt,
  withdrawnAt: r.withdrawnAt,
});

export const stakeEventItem = (r: Row<'stakeEvent'>): Wire<StakeEventItem> => ({
  id: r.id,
  sequencerId: r.sequencerId,
  account: r.account,
  kind: r.kind,
  amount: r.amount,
  totalStakeAfter: r.totalStakeAfter,
  reason: r.reason,
  timestamp: r.timestamp,
  txHash: r.txHash,
});

export const rewardEpochItem = (r: Row<'rewardEpoch'>): Wire<RewardEpochItem> => ({
  id: r.id,
  sequencerId: r.sequencerId,
  blocks: r.blocks,
  mining: r.mining,
  revenue: r.revenue,
  paidToSequencer: r.paidToSequencer,
  miningDue: r.miningDue,
  revenueDue: r.revenueDue,
  revenueOwed: r.revenueOwed,
  commission: r.commission,
  stakersPart: r.stakersPart,
  delegatorsReward: r.delegatorsReward,
  delegated: r.delegated,
  timestamp: r.timestamp,
  txHash: r.txHash,
});

export const challengeItem = (r: Row<'challenge'>): Wire<ChallengeItem> => ({
  id: r.id,
  epoch: r.epoch,
  sequencerId: r.sequencerId,
  challenger: r.challenger,
  kind: r.kind as ChallengeItem['kind'],
  bond: r.bond,
  evidence: r.evidence,
  status: r.status as ChallengeItem['status'],
  openedAt: r.openedAt,
  openedTx: r.openedTx,
  deadline: r.deadline,
  totalWeight: r.totalWeight,
  quorum: r.quorum,
  upholdWeight: r.upholdWeight,
  rejectWeight: r.rejectWeight,
  voters: r.voters,
  produced: r.produced,
  blocks: r.blocks,
  resolvedAt: r.resolvedAt,
  resolvedTx: r.resolvedTx,
  bondTo: r.bondTo,
  slashNonce: r.slashNonce,
});

export const challengeVoteItem = (r: Row<'challengeVote'>): Wire<ChallengeVoteItem> => ({
  id: r.id,
  challengeId: r.challengeId,
  node: r.node,
  voter: r.voter,
  uphold: r.uphold,
  weight: r.weight,
  reason: r.reason,
  timestamp: r.timestamp,
  txHash: r.txHash,
});

export const voteItem = (r: Row<'vote'>): Wire<VoteItem> => ({
  id: r.id,
  voter: r.voter,
  group: r.group,
  support: r.support,
  weight: r.weight,
  reason: r.reason,
  timestamp: r.timestamp,
});

/** A ratification with its proposal's title and its quorum (`quorumBps` of the reputation at the snapshot). */
export const ratificationItem = (r: Row<'ratification'>, quorumBps: number): Wire<Omit<RatificationItem, 'title'>> => ({
  proposalId: r.proposalId,
  opener: r.opener,
  openedAt: r.openedAt,
  openedTx: r.openedTx,
  snapshot: r.snapshot,
  deadline: r.deadline,
  totalReputation: r.totalReputation,
  quorum: (r.totalReputation * BigInt(quorumBps)) / 10_000n,
  ratify: r.ratify,
  reject: r.reject,
  abstain: r.abstain,
  voters: r.voters,
  status: r.status as RatificationItem['status'],
  settledAt: r.settledAt,
  settledTx: r.settledTx,
});

export const ratificationVoteItem = (r: Row<'ratificationVote'>): Wire<RatificationVoteItem> => ({
  id: r.id,
  proposalId: r.proposalId,
  node: r.node,
  voter: r.voter,
  support: r.support,
  weight: r.weight,
  reason: r.reason,
  timestamp: r.timestamp,
  txHash: r.txHash,
});

/** A seat with its live reputation and share of `total`, and its group's name for a group seat. */
export function ecoNodeItem(r: Row<'ecoNode'>, reputation: bigint, total: bigint, groupName: string | null): Wire<EcoNodeItem> & { reputation: bigint } {
  const decided = r.votesCast + r.missed;
  return {
    address: r.address,
    origin: r.origin as EcoNodeItem['origin'],
    groupSeat: r.groupSeat,
    seated: r.seated,
    reputation,
    shareBps: total === 0n ? 0 : Number((reputation * 10_000n) / total),
    votesCast: r.votesCast,
    missed: r.missed,
    participation: decided === 0 ? null : r.votesCast / decided,
    groupName,
    admittedAt: r.admittedAt,
    admittedBy: r.admittedBy,
    reason: r.reason,
  };
}

export const profileItem = (r: Row<'profile'>): Wire<ProfileItem> => ({
  address: r.address,
  name: r.name,
  statementURI: r.statementURI,
  statement: r.statement,
  links: r.links,
  interests: r.interests,
  updatedAt: r.updatedAt,
  updatedTx: r.updatedTx,
});
