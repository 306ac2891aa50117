import { addressError } from './amounts';
import { formatDuration } from './format';
import { encodeJsonMetadata, parseJsonMetadata } from './metadata';

/** SequencerStaking.SequencerStatus, in enum order: names by the contract's value (the indexer stores the same names). */
export const SEQUENCER_STATUS = ['none', 'active', 'jailed', 'unlocking', 'exited'] as const;
export type SequencerStatus = (typeof SEQUENCER_STATUS)[number];

const SEQUENCER_FIELDS = ['name', 'website', 'description'] as const;

/** What a sequencer's metadata URI says about it (name, website, description). */
export type SequencerMetadata = Partial<Record<(typeof SEQUENCER_FIELDS)[number], string>>;

/** Decodes inline (data:application/json) metadata; other URIs yield no fields. */
export const parseSequencerMetadata = (uri: string): SequencerMetadata => parseJsonMetadata(uri, SEQUENCER_FIELDS);

/** Encodes metadata as the parser reads it (and as the demo seed registers it). */
export const encodeSequencerMetadata = (meta: SequencerMetadata): string => encodeJsonMetadata(meta, SEQUENCER_FIELDS);

/** Why `text` cannot be a new block signer, if it cannot; `used` is whether the contract has seen it. */
export function signerError(text: string, used: boolean | undefined): string | undefined {
  const bad = addressError(text, 'The signer');
  if (bad) return bad;
  if (used) return 'This address has signed for a sequencer before, and signers are never reused.';
  return undefined;
}

/**
 * How full a sequencer is, in basis points: the larger of delegations against their cap
 * (multiplier × self-lock) and total stake against the per-sequencer maximum.
 */
export function capUseBps(s: { selfLock: bigint; delegated: bigint; totalStake: bigint }, delegationMultiplier: bigint, maxSequencerStake: bigint): number {
  const delegationCap = s.selfLock * delegationMultiplier;
  const byDelegation = delegationCap > 0n ? (s.delegated * 10_000n) / delegationCap : 10_000n;
  const byTotal = maxSequencerStake > 0n ? (s.totalStake * 10_000n) / maxSequencerStake : 0n;
  return Number(byDelegation > byTotal ? byDelegation : byTotal);
}

/**
 * How much more a sequencer can take in delegations: the smaller of what is left under the
 * delegation cap (multiplier × self-lock) and under the per-sequencer maximum; never negative.
 */
export function roomUnderCaps(s: { selfLock: bigint; delegated: bigint; totalStake: bigint }, delegationMultiplier: bigint, maxSequencerStake: bigint): bigint {
  const byDelegation = s.selfLock * delegationMultiplier - s.delegated;
  const byTotal = maxSequencerStake - s.totalStake;
  const room = byDelegation < byTotal ? byDelegation : byTotal;
  return room > 0n ? room : 0n;
}

/**
 * A sequencer's commission at chain time `now`, from its last indexed state: a requested change
 * applies from its effective time on, and until then is reported as pending.
 */
export function commissionAt(
  s: { commissionBps: number; pendingCommissionBps: number; commissionEffectiveAt: number | bigint | string },
  now: number,
): { bps: number; pending?: { bps: number; effectiveAt: number } } {
  const effectiveAt = Number(s.commissionEffectiveAt);
  if (effectiveAt === 0) return { bps: s.commissionBps };
  if (now >= effectiveAt) return { bps: s.pendingCommissionBps };
  return s.pendingCommissionBps === s.commissionBps
    ? { bps: s.commissionBps }
    : { bps: s.commissionBps, pending: { bps: s.pendingCommissionBps, effectiveAt } };
}

/** What a realised APR figure means, with the window it was measured over (for titles and footnotes). */
export function aprExplanation(window: { epochs: number; seconds: number } | null): string {
  if (!window) return 'Realised APR appears once epoch rewards have been paid.';
  return `Estimate: delegators' rewards over the last ${window.epochs} epoch report${window.epochs === 1 ? '' : 's'} (${formatDuration(window.seconds)}) ÷ average delegated stake, annualised. Past rewards are no promise of future ones.`;
}

/**
 * A redelegation's liability on a position (`SequencerStaking.liabilityOf`) as it binds at chain time
 * `now`: `amount` METIS that came from sequencer `fromId` stays liable for that sequencer's slashes
 * until `until`, and the contract refuses to take the position below it meanwhile (`StakeStillLiable`,
 * `SequencerStaking._removeDelegation`). Null when there is none or its window has closed (the
 * contract settles it away on the next change). `movable` is what can leave the position now.
 */
export function bindingLiability(
  l: { amount: bigint; fromId: bigint; until: bigint | number },
  positionValue: bigint,
  now: number,
): { amount: bigint; fromId: bigint; until: number; movable: bigint } | null {
  const until = Number(l.until);
  if (l.amount === 0n || now >= until) return null;
  return { amount: l.amount, fromId: l.fromId, until, movable: positionValue > l.amount ? positionValue - l.amount : 0n };
}
