import type { Participation } from './api';
import { formatDateTime } from './format';

/** The directory's participation counts the last this many proposals whose voting has started (not canceled), newest first. */
export const DIRECTORY_RECENT = 10;

/**
 * From which proposals a delegation made at `delegatedAt` (the block's unix time) counts. The governor reads
 * votes at a proposal's snapshot, the end of second `createdAt + votingDelay` (veMETIS `getPastVotes`), so the
 * delegation counts for every proposal whose snapshot is at or after `delegatedAt`: those created from
 * `delegatedAt − votingDelay` on. `votingDelay` is the governor's `votingDelay()`, read from the chain.
 */
export function delegationCountsFrom(delegatedAt: bigint, votingDelay: bigint): { snapshotFrom: bigint; createdFrom: bigint } {
  return { snapshotFrom: delegatedAt, createdFrom: delegatedAt - votingDelay };
}

/** The sentence shown after a delegation: "Counts for proposals whose snapshot is after …, i.e. proposals created from … on." */
export function delegationCountsSentence(delegatedAt: bigint, votingDelay: bigint): string {
  const { snapshotFrom, createdFrom } = delegationCountsFrom(delegatedAt, votingDelay);
  return `Counts for proposals whose snapshot is after ${formatDateTime(Number(snapshotFrom))}, i.e. proposals created from ${formatDateTime(Number(createdFrom))} on.`;
}

/** "Voted in 8 of the last 10", or "No proposals yet". */
export function formatDelegateParticipation(p: Participation): string {
  if (p.of === 0) return 'No proposals yet';
  return `Voted in ${p.voted} of the last ${p.of}`;
}
