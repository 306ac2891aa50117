// Steward motions of a Commons group (docs/MECHANISMS.md §4.2), shared by the indexer's API and the group page.

/**
 * Where a steward motion stands (docs/MECHANISMS.md §4.2), as CommonsGroup.stewardMotionState computes it: open for
 * support until `deadline`; then it passed with more than half of the group's units at its snapshot
 * (`pooledVotes`) and may be executed for one more voting period, or it was defeated; executing any
 * motion voids the motions opened before it (`epoch` behind the group's `stewardEpoch`).
 */
export const STEWARD_MOTION_STATES = ['active', 'defeated', 'succeeded', 'executed', 'voided', 'expired'] as const;
export type StewardMotionStatus = (typeof STEWARD_MOTION_STATES)[number];

export function stewardMotionStatus(
  m: { executed: boolean; epoch: bigint; openedAt: bigint; deadline: bigint; yesWeight: bigint; pooledVotes: bigint },
  groupEpoch: bigint,
  now: bigint,
): StewardMotionStatus {
  if (m.executed) return 'executed';
  if (m.epoch !== groupEpoch) return 'voided';
  if (now <= m.deadline) return 'active';
  if (m.yesWeight * 2n <= m.pooledVotes) return 'defeated';
  return now <= stewardMotionExecutableUntil(m) ? 'succeeded' : 'expired';
}

/** Last second a passed steward motion can be executed: one voting period after its deadline. */
export function stewardMotionExecutableUntil(m: { openedAt: bigint; deadline: bigint }): bigint {
  return m.deadline + (m.deadline - m.openedAt);
}
