/** OpenZeppelin Governor's ProposalState, in enum order. */
export const PROPOSAL_STATES = ['pending', 'active', 'canceled', 'defeated', 'succeeded', 'queued', 'expired', 'executed'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

/** Vote support values as the governor counts them. */
export const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;
export type Support = keyof typeof SUPPORT;

export interface Tally {
  against: bigint;
  for: bigint;
  abstain: bigint;
}

/**
 * What counts toward quorum and how far it is: with fractional counting (OpenZeppelin
 * GovernorCountingFractional) For and Abstain count, Against does not. `progressBps` is capped at
 * 10,000; `reached` mirrors the governor's `quorum ≤ for + abstain`.
 */
export function quorumProgress(tally: Tally, quorum: bigint): { counted: bigint; progressBps: number; reached: boolean } {
  const counted = tally.for + tally.abstain;
  const reached = quorum <= counted;
  const progressBps = quorum === 0n ? 10_000 : Number(((counted > quorum ? quorum : counted) * 10_000n) / quorum);
  return { counted, progressBps, reached };
}

/** Each option's share of all votes cast, in basis points (0 when nothing is cast yet). */
export function tallyShares(tally: Tally): Record<Support, number> {
  const total = tally.for + tally.against + tally.abstain;
  const share = (v: bigint) => (total === 0n ? 0 : Number((v * 10_000n) / total));
  return { for: share(tally.for), against: share(tally.against), abstain: share(tally.abstain) };
}
