/**
 * The Eco Node council's starting parameters (docs/MECHANISMS.md §4.4): the `params_` tuple of the
 * `EcoNodeCouncil(veMetis, governor, registry, owner, params_)` constructor, field for field.
 * Governance changes them later with `setParams`. Locally every period is minutes long and the
 * promotion criteria are small, so that the demo can promote a group and follow a ratification
 * in real time. Reputation amounts have 18 decimals.
 */
const MINUTE = 60;
const DAY = 86_400;
const REP = 10n ** 18n;

export function councilProfile(local: boolean) {
  return {
    /** Reputation granted on admission or promotion. */
    admissionGrant: 1_000n * REP,
    /** Reputation per ratification vote cast. */
    participationCredit: 10n * REP,
    /** Reputation lost per missed ratification (applied when it is settled). */
    missedPenalty: 50n * REP,
    /** Below this reputation a node loses its seat. */
    floor: 100n * REP,
    /** Seconds for reputation to halve (lazy decay). */
    halfLife: local ? 7 * DAY : 180 * DAY,
    /** Seconds of ratification voting. */
    ratificationPeriod: local ? 10 * MINUTE : 3 * DAY,
    /** Ratification quorum: cast weight ≥ this share (basis points) of the total reputation at opening. */
    quorumBps: 4000,
    /**
     * Promotion (docs/MECHANISMS.md §4.4, EcoNodePromotion): every criterion but age is measured at the snapshot of each of
     * the last `participationWindow` closed proposals that reached quorum (snapshots at least
     * `minSnapshotSpacing` apart). Pooled veMETIS votes ≥ this share (bps) of the total units at each.
     */
    minPooledBps: 100,
    /** Promotion: delegators with ≥ 100 units each, at each snapshot. */
    minMembers: local ? 3 : 25,
    /** Promotion: seconds since the group was created. */
    minAge: local ? 10 * MINUTE : 90 * DAY,
    /**
     * Promotion: the window, in counted proposals. Locally 3, so that the seed's finished proposals make a
     * window in minutes (in production 10, about ten weeks of Commons votes).
     */
    participationWindow: local ? 3 : 10,
    /** Promotion: share (bps) of the window's proposals in which the group must have participated. */
    minParticipationBps: 5000,
    /** Promotion: participating = casting at least this share (bps) of the group's pooled units (no dust votes). */
    minCastBps: 5000,
    /** Promotion: seconds between the snapshots of two counted proposals (a batch of proposals is one instant). */
    minSnapshotSpacing: local ? 0 : 3 * DAY,
    /** Seconds of motion voting (peer penalties, decisive actions). */
    motionPeriod: local ? 10 * MINUTE : 3 * DAY,
    /** Seconds between a decisive action passing and being executable. */
    actionDelay: local ? 2 * MINUTE : DAY,
    /** Seconds a passed motion stays executable. */
    executionWindow: local ? 30 * MINUTE : 3 * DAY,
  } as const;
}
