/**
 * Sequencer challenges (docs/MECHANISMS.md §4.5): the one vocabulary of kinds and outcomes, in the
 * order of `SequencerChallenges.Kind` and `SequencerChallenges.Status`, for the indexer, the API, the
 * app, the relayer and the seed.
 */

/** `SequencerChallenges.Kind`, in order. */
export const CHALLENGE_KINDS = ['downtime', 'censorship', 'invalid-blocks'] as const;
export type ChallengeKind = (typeof CHALLENGE_KINDS)[number];

/** `SequencerChallenges.Status`, in order. */
export const CHALLENGE_STATUSES = ['none', 'open', 'upheld', 'rejected', 'lapsed'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];

/** The contract's enum value of a kind (for `challenge(epoch, kind, evidence)`). */
export function kindValue(kind: ChallengeKind): number {
  return CHALLENGE_KINDS.indexOf(kind);
}

/** How people read a kind, and who decides it. */
export const KIND_INFO: Record<ChallengeKind, { label: string; decidedBy: 'chain' | 'council' }> = {
  downtime: { label: 'Downtime', decidedBy: 'chain' },
  censorship: { label: 'Censorship', decidedBy: 'council' },
  'invalid-blocks': { label: 'Invalid blocks', decidedBy: 'council' },
};

/** How people read an outcome. */
export const STATUS_LABELS: Record<Exclude<ChallengeStatus, 'none'>, string> = {
  open: 'Open',
  upheld: 'Upheld',
  rejected: 'Rejected: bond forfeited',
  lapsed: 'Lapsed: bond returned',
};

/** The reason an upheld challenge's slash carries on L1 (`SequencerChallenges._sendSlash`). */
export function slashReason(id: bigint | string): string {
  return `challenge #${id} upheld`;
}

/** The challenge id in an L1 slash reason, if it came from one. */
export function challengeOfReason(reason: string | null | undefined): string | null {
  const m = /^challenge #(\d+) upheld$/.exec(reason ?? '');
  return m ? m[1] : null;
}

/** An evidence URI the contract takes and the app links: http(s) or ipfs, at most 512 bytes. */
export function evidenceError(uri: string): string | undefined {
  const v = uri.trim();
  if (!v) return 'Give a link to the evidence.';
  if (!/^(https?:\/\/|ipfs:\/\/)\S+$/.test(v)) return 'The evidence must be an https:// or ipfs:// link.';
  if (new TextEncoder().encode(v).length > 512) return 'The link is too long (at most 512 bytes).';
  return undefined;
}

/** A link the browser can open for an evidence URI (ipfs:// through a public gateway), or null. */
export function evidenceHref(uri: string): string | null {
  if (/^https?:\/\//.test(uri)) return uri;
  if (uri.startsWith('ipfs://')) return `https://ipfs.io/ipfs/${uri.slice('ipfs://'.length)}`;
  return null;
}

/**
 * A council-decided challenge's standing for display: the weight cast against the quorum, and uphold
 * and reject as shares of the whole weight at the opening (upheld once uphold reaches 2/3 of it, or 2/3
 * of the weight cast at the deadline with the quorum; the contract's `outcome` decides).
 */
export function challengeProgress(c: { totalWeight: string; quorum: string; upholdWeight: string; rejectWeight: string }) {
  const total = BigInt(c.totalWeight);
  const up = BigInt(c.upholdWeight);
  const down = BigInt(c.rejectWeight);
  const quorum = BigInt(c.quorum);
  const share = (v: bigint) => (total === 0n ? 0 : Number((v * 10_000n) / total));
  return { cast: up + down, quorum, quorumReached: up + down >= quorum, upholdBps: share(up), rejectBps: share(down) };
}
