import type { Hex } from 'viem';

/**
 * The one proposal-state vocabulary: OpenZeppelin Governor's ProposalState, in enum order,
 * so that `GOVERNOR_STATES[await governor.read.state([id])]` names the governor's answer. The API's
 * state expression (indexer/src/api/proposal-state.ts), the pages and the tests all use it. With the
 * Eco Node gate a proposal the council rejects is Defeated, and a succeeded proposal whose
 * ratification was not opened within the window after its vote is Expired (docs/MECHANISMS.md §4.3).
 */
export const GOVERNOR_STATES = ['pending', 'active', 'canceled', 'defeated', 'succeeded', 'queued', 'expired', 'executed'] as const;
export type ProposalState = (typeof GOVERNOR_STATES)[number];
/** The states the API reports and filters on: every governor state. */
export const PROPOSAL_STATES = GOVERNOR_STATES;

/**
 * The Commons override's bar (docs/MECHANISMS.md §4.3, CommonsGovernor.proposeOverride): For at least 2/3 of all votes
 * cast (abstentions included) and For + Abstain at least twice the quorum; no ratification.
 */
export const OVERRIDE_BAR = { forShareNumerator: 2n, forShareDenominator: 3n, quorumMultiplier: 2n } as const;

const TITLE_MAX = 200;

/**
 * A proposal's title: the first line of its markdown description without the heading marks (the
 * convention is `# Title`), or the first non-empty line of a description without a heading.
 */
export function proposalTitle(description: string): string {
  const line =
    description
      .split('\n')
      .map((l) => l.trim())
      .find((l) => l !== '') ?? '';
  const title = line.replace(/^#+\s*/, '').trim();
  return title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title;
}

export interface Tally {
  forVotes: bigint;
  againstVotes: bigint;
  abstainVotes: bigint;
}

/** A governor vote's support: OpenZeppelin GovernorCountingSimple.VoteType, by name. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type Support = keyof typeof SUPPORT;
/** The support of a fractional vote (OpenZeppelin GovernorCountingFractional.VOTE_TYPE_FRACTIONAL). */
export const FRACTIONAL_SUPPORT = 255;

/**
 * How one governor vote splits into (for, against, abstain): a nominal vote (`SUPPORT`) puts all its
 * weight on one option; a fractional one (as groups forward) carries three packed uint128 (against,
 * for, abstain) in `params`.
 */
export function splitVote(support: number, weight: bigint, params: Hex = '0x'): Tally {
  if (support === FRACTIONAL_SUPPORT) {
    const part = (i: number) => BigInt(`0x${params.slice(2 + i * 32, 2 + (i + 1) * 32) || '0'}`);
    return { againstVotes: part(0), forVotes: part(1), abstainVotes: part(2) };
  }
  return {
    againstVotes: support === SUPPORT.against ? weight : 0n,
    forVotes: support === SUPPORT.for ? weight : 0n,
    abstainVotes: support === SUPPORT.abstain ? weight : 0n,
  };
}

/**
 * What a proposal's bars depend on. Its state is one SQL expression over the indexed row
 * (indexer/src/api/proposal-state.ts), selected and filtered on by the API.
 */
export interface ProposalTiming {
  deadline: bigint;
  quorum: bigint | null;
  /** Seconds after the deadline within which ratification must open (null: no window, never expires). */
  ratificationWindow?: bigint | null;
  /** A Commons override: the stricter bar, no ratification. */
  isOverride?: boolean;
}

/** The quorum a proposal must reach: twice `quorum` for an override (null while unknown). */
export function requiredQuorum(p: Pick<ProposalTiming, 'quorum' | 'isOverride'>): bigint | null {
  if (p.quorum === null) return null;
  return p.isOverride ? p.quorum * OVERRIDE_BAR.quorumMultiplier : p.quorum;
}

/** The last second at which the ratification of `p` may open (null without a window). */
export function ratificationDeadline(p: Pick<ProposalTiming, 'deadline' | 'ratificationWindow' | 'isOverride'>): bigint | null {
  if (p.isOverride || p.ratificationWindow === undefined || p.ratificationWindow === null) return null;
  return p.deadline + p.ratificationWindow;
}

/** Whether For is at least 2/3 of all votes cast (the override's share rule). */
export function meetsOverrideShare(t: Tally): boolean {
  const cast = t.forVotes + t.againstVotes + t.abstainVotes;
  return t.forVotes * OVERRIDE_BAR.forShareDenominator >= cast * OVERRIDE_BAR.forShareNumerator;
}

/**
 * What counts toward quorum and how far it is: with fractional counting (OpenZeppelin
 * GovernorCountingFractional) For and Abstain count, Against does not. `progressBps` is capped at
 * 10,000; `reached` mirrors the governor's `quorum ≤ for + abstain`.
 */
export function quorumProgress(tally: Tally, quorum: bigint): { counted: bigint; progressBps: number; reached: boolean } {
  const counted = tally.forVotes + tally.abstainVotes;
  const reached = quorum <= counted;
  const progressBps = quorum === 0n ? 10_000 : Number(((counted > quorum ? quorum : counted) * 10_000n) / quorum);
  return { counted, progressBps, reached };
}

/** Each option's share of all votes cast, in basis points (0 when nothing is cast yet). */
export function tallyShares(tally: Tally): Record<Support, number> {
  const total = tally.forVotes + tally.againstVotes + tally.abstainVotes;
  const share = (v: bigint) => (total === 0n ? 0 : Number((v * 10_000n) / total));
  return { for: share(tally.forVotes), against: share(tally.againstVotes), abstain: share(tally.abstainVotes) };
}
