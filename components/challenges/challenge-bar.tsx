import { challengeProgress } from '@/lib/challenges';
import { formatReputation } from '@/lib/eco-nodes';
import { formatBps } from '@/lib/format';

/** A council-decided challenge's quorum bar and uphold vs reject, against the 2/3 line. Server-renderable. */
export function ChallengeBar(props: { totalWeight: string; quorum: string; upholdWeight: string; rejectWeight: string }) {
  const p = challengeProgress(props);
  return (
    <div className="space-y-2 text-xs" data-testid="challenge-bar" data-uphold={props.upholdWeight} data-reject={props.rejectWeight}>
      <div>
        <div className="flex justify-between">
          <span className="font-medium">Quorum {p.quorumReached ? 'reached' : 'not reached yet'}</span>
          <span className="tabular-nums">
            {formatReputation(p.cast, { digits: 0 })} of {formatReputation(p.quorum, { digits: 0 })}
          </span>
        </div>
        <div
          className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
          role="progressbar"
          aria-label="Challenge quorum"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={p.quorum === 0n ? 100 : Math.min(100, Number((p.cast * 100n) / p.quorum))}
        >
          <div
            className={`h-1.5 rounded-full ${p.quorumReached ? 'bg-emerald-500' : 'bg-brand-500'}`}
            style={{ width: `${p.quorum === 0n ? 100 : Math.min(100, Number((p.cast * 100n) / p.quorum))}%` }}
          />
        </div>
      </div>
      <div>
        <div className="flex justify-between tabular-nums">
          <span>
            Uphold <span className="muted">{formatBps(p.upholdBps)}</span>
          </span>
          <span>
            <span className="muted">{formatBps(p.rejectBps)}</span> Reject
          </span>
        </div>
        <div className="relative mt-1 flex h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
          <div className="h-1.5 bg-emerald-500" style={{ width: `${p.upholdBps / 100}%` }} />
          <div className="ml-auto h-1.5 bg-red-500" style={{ width: `${p.rejectBps / 100}%` }} />
          <div className="absolute inset-y-0 left-2/3 w-px bg-zinc-700 dark:bg-zinc-300" />
        </div>
        <p className="muted mt-1">Upheld with 2/3 of the reputation at the opening (or 2/3 of the votes cast at the deadline, with the quorum).</p>
      </div>
    </div>
  );
}
