/**
 * Gas limit headroom over the estimate: 25%, and never less than 100,000. An estimate runs against
 * the latest block, the transaction lands in a later one: a path that depends on the block (e.g.
 * veMETIS writes new voting checkpoints when the second has changed and overwrites them when not;
 * the council materialises decay) can need several fresh storage slots more than estimated. A
 * delegation estimated at ~53k ran out of gas with 50,000 extra in CI (checkpoints of the old and
 * the new delegatee and of the account). Unused gas is not charged.
 */
export function withHeadroom(estimate: bigint): bigint {
  const extra = estimate / 4n;
  return estimate + (extra > 100_000n ? extra : 100_000n);
}
