import { formatBps, formatVoteCount } from '@/lib/format';
import { quorumProgress, type Support, type Tally, tallyShares } from '@/lib/proposals';

const OPTIONS: { key: Support; votes: keyof Tally; label: string; bar: string }[] = [
  { key: 'for', votes: 'forVotes', label: 'For', bar: 'bg-emerald-500' },
  { key: 'against', votes: 'againstVotes', label: 'Against', bar: 'bg-red-500' },
  { key: 'abstain', votes: 'abstainVotes', label: 'Abstain', bar: 'bg-zinc-400' },
];

/** For / Against / Abstain with their shares, and the quorum bar (For + Abstain count toward it). */
export function ProposalTally({ tally, quorum }: { tally: Tally; quorum: bigint | undefined }) {
  const shares = tallyShares(tally);
  const q = quorum === undefined ? undefined : quorumProgress(tally, quorum);
  return (
    <section className="card space-y-4" aria-labelledby="tally" data-testid="tally">
      <h2 id="tally" className="text-lg font-semibold">
        Votes
      </h2>
      <ul className="space-y-3 text-sm">
        {OPTIONS.map((o) => (
          <li key={o.key} data-testid={`tally-${o.key}`} data-votes={tally[o.votes].toString()}>
            <div className="flex justify-between">
              <span className="font-medium">{o.label}</span>
              <span className="tabular-nums">
                {formatVoteCount(tally[o.votes])} <span className="muted">· {formatBps(shares[o.key])}</span>
              </span>
            </div>
            <div className="mt-1 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
              <div className={`h-2 rounded-full ${o.bar}`} style={{ width: `${shares[o.key] / 100}%` }} />
            </div>
          </li>
        ))}
      </ul>
      <div className="text-sm" data-testid="quorum" data-reached={q?.reached ? '' : undefined}>
        {q === undefined ? (
          <p className="muted">The quorum is fixed when voting opens: 4% of all voting power at that moment.</p>
        ) : (
          <>
            <div className="flex justify-between">
              <span className="font-medium">Quorum {q.reached ? 'reached' : 'not reached yet'}</span>
              <span className="tabular-nums">
                {formatVoteCount(q.counted)} of {formatVoteCount(quorum!)}
              </span>
            </div>
            <div
              className="mt-1 h-2 rounded-full bg-zinc-200 dark:bg-zinc-800"
              role="progressbar"
              aria-label="Quorum"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={q.progressBps / 100}
            >
              <div className={`h-2 rounded-full ${q.reached ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${q.progressBps / 100}%` }} />
            </div>
            <p className="muted mt-1 text-xs">For and Abstain count toward the quorum; Against does not.</p>
          </>
        )}
      </div>
    </section>
  );
}
