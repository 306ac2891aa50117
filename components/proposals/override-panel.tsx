import Link from 'next/link';
import { formatBps, formatDateTime, formatVoteCount, timeFromNow } from '@/lib/format';
import { meetsOverrideShare, OVERRIDE_BAR, type ProposalState, quorumProgress, type Tally, tallyShares } from '@/lib/proposals';

/** 2/3 in basis points, rounded up (the share For must reach). */
const SHARE_BPS = Number((OVERRIDE_BAR.forShareNumerator * 10_000n + OVERRIDE_BAR.forShareDenominator - 1n) / OVERRIDE_BAR.forShareDenominator);

/**
 * A Commons override (docs/MECHANISMS.md §4.3): what it is and its bar with progress: For at least 2/3 of all votes
 * cast (abstentions included), and For + Abstain at least twice the quorum. No ratification follows.
 */
export function OverridePanel({ tally, quorum, overrides }: { tally: Tally; quorum: bigint | undefined; overrides: string | null }) {
  const cast = tally.forVotes + tally.againstVotes + tally.abstainVotes;
  const forShare = tallyShares(tally).for;
  const shareMet = cast > 0n && meetsOverrideShare(tally);
  const required = quorum === undefined ? undefined : quorum * OVERRIDE_BAR.quorumMultiplier;
  const q = required === undefined ? undefined : quorumProgress(tally, required);
  return (
    <section className="card space-y-3 border-violet-500/40" aria-labelledby="override" data-testid="override-panel">
      <h2 id="override" className="text-lg font-semibold">
        Commons override
      </h2>
      <p className="muted text-sm">
        The Eco Nodes refused{' '}
        {overrides ? (
          <Link className="underline" href={`/proposals/${overrides}`}>
            this proposal
          </Link>
        ) : (
          'this proposal'
        )}{' '}
        (rejected it, or let it expire). The Commons can still pass it, with a higher bar: at least 2/3 of the votes cast For (abstentions count as cast), and
        twice the usual quorum. If it passes it is queued without ratification: a captured or empty council can delay the Commons, never silence it.
      </p>
      <div className="text-sm" data-testid="override-share" data-met={shareMet ? '' : undefined}>
        <div className="flex justify-between">
          <span className="font-medium">For: {formatBps(forShare)} of the votes cast</span>
          <span className="tabular-nums">needs {formatBps(SHARE_BPS)}</span>
        </div>
        <div
          className="mt-1 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800"
          role="progressbar"
          aria-label="For share of the votes cast"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={forShare / 100}
        >
          <div
            className={`h-2 rounded-full ${shareMet ? 'bg-emerald-500' : 'bg-brand-500'}`}
            style={{ width: `${Math.min(10_000, (forShare * 10_000) / SHARE_BPS) / 100}%` }}
          />
        </div>
      </div>
      <div className="text-sm" data-testid="override-quorum" data-met={q?.reached ? '' : undefined}>
        {q === undefined || required === undefined ? (
          <p className="muted">Twice the quorum: fixed when voting opens (2 × 4% of all voting power at that moment).</p>
        ) : (
          <>
            <div className="flex justify-between">
              <span className="font-medium">Twice the quorum {q.reached ? 'reached' : 'not reached yet'}</span>
              <span className="tabular-nums">
                {formatVoteCount(q.counted)} of {formatVoteCount(required)}
              </span>
            </div>
            <div
              className="mt-1 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800"
              role="progressbar"
              aria-label="Twice the quorum"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={q.progressBps / 100}
            >
              <div className={`h-2 rounded-full ${q.reached ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${q.progressBps / 100}%` }} />
            </div>
          </>
        )}
      </div>
    </section>
  );
}

/**
 * The ratification window (docs/MECHANISMS.md §4.3): while a proposal has succeeded and nobody opened its ratification,
 * the time by which it must open; once Expired, what happened and what the Commons can still do.
 */
export function RatificationWindowNote({
  state,
  openBy,
  opened,
  now,
  overriddenBy,
}: {
  state: ProposalState;
  openBy: number | undefined;
  opened: boolean;
  now: number;
  overriddenBy: string | null;
}) {
  if (state === 'succeeded' && openBy !== undefined && !opened) {
    return (
      <p className="card text-sm" data-testid="ratification-window">
        Ratification must open by <strong>{formatDateTime(openBy)}</strong> ({timeFromNow(openBy, now)}), or the proposal expires.
      </p>
    );
  }
  if (state === 'expired') {
    return (
      <p className="card text-sm" data-testid="ratification-window" data-expired="">
        Expired: nobody opened the Eco Nodes&apos; ratification by {openBy !== undefined ? formatDateTime(openBy) : 'the end of its window'}. It can no longer
        be queued; after the cool-off the Commons may propose it again as an override.
        {overriddenBy && (
          <>
            {' '}
            <Link className="underline" href={`/proposals/${overriddenBy}`}>
              See its override
            </Link>
            .
          </>
        )}
      </p>
    );
  }
  if (state === 'defeated' && overriddenBy) {
    return (
      <p className="card text-sm" data-testid="overridden-by">
        The Eco Nodes rejected it; the Commons proposed it again as an{' '}
        <Link className="underline" href={`/proposals/${overriddenBy}`}>
          override
        </Link>
        .
      </p>
    );
  }
  return null;
}
