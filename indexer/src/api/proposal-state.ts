import { getTableColumns, type SQL, sql } from 'drizzle-orm';
import { OVERRIDE_BAR, type ProposalState } from '../../../lib/proposals';
import type { proposal } from '../../ponder.schema';

const literal = (n: bigint) => sql.raw(n.toString());

/**
 * The one rule for a proposal's state at chain time `now`, as one SQL expression that the API both
 * selects and filters on (docs/MECHANISMS.md §4.3). OpenZeppelin Governor with fractional counting, a
 * timelock and the Eco Node gate: pending up to and including the snapshot, active up to and including
 * the deadline; then defeated unless For + Abstain reach the quorum and For beats Against; an override
 * needs twice the quorum and For at least 2/3 of the votes cast, and no ratification; an ordinary
 * proposal the council rejected is defeated, and one whose ratification nobody opened by the deadline
 * plus the window is expired; queued once in the timelock. The quorum is read at the first vote, so a
 * proposal nobody voted on has none and is defeated once over.
 */
export function proposalStateSql(p: typeof proposal, now: bigint): SQL<ProposalState> {
  const won = sql`${p.quorum} is not null
    and ${p.forVotes} + ${p.abstainVotes} >= ${p.quorum} * (case when ${p.isOverride} then ${literal(OVERRIDE_BAR.quorumMultiplier)} else 1 end)
    and ${p.forVotes} > ${p.againstVotes}
    and (not ${p.isOverride} or ${p.forVotes} * ${literal(OVERRIDE_BAR.forShareDenominator)} >= (${p.forVotes} + ${p.againstVotes} + ${p.abstainVotes}) * ${literal(OVERRIDE_BAR.forShareNumerator)})`;
  return sql<ProposalState>`(case
    when ${p.canceled} then 'canceled'
    when ${p.executed} then 'executed'
    when ${p.queued} then 'queued'
    when ${p.snapshot} >= ${now} then 'pending'
    when ${p.deadline} >= ${now} then 'active'
    when not (${won}) then 'defeated'
    when ${p.isOverride} then 'succeeded'
    when ${p.ratificationStatus} = 'rejected' then 'defeated'
    when ${p.ratificationStatus} is null and ${p.ratificationWindow} is not null and ${p.deadline} + ${p.ratificationWindow} < ${now} then 'expired'
    else 'succeeded'
  end)`;
}

/** Every column of a proposal and its state at `now`: one proposal's selection (detail, timeline). */
export const proposalWithState = (p: typeof proposal, now: bigint) => ({ ...getTableColumns(p), state: proposalStateSql(p, now) });
