import { formatReputation, ratificationProgress } from '@/lib/eco-nodes';
import { formatBps } from '@/lib/format';

/**
 * A ratification's standing: the quorum bar (ratify + reject + abstain against the quorum) and
 * ratify vs reject. Server-renderable.
 */
export function RatificationBar({ ratify, reject, abstain, quorum }: { ratify: bigint; reject: bigint; abstain: bigint; quorum: bigint }) {
  const p = ratificationProgress({ ratify, reject, abstain, quorum });
  return (
    <div
      className="space-y-2 text-xs"
      data-testid="ratification-bar"
      data-ratify={ratify.toString()}
      data-reject={reject.toString()}
      data-abstain={abstain.toString()}
    >
      <div data-testid="ratification-quorum" data-reached={p.reached ? '' : undefined}>
        <div className="flex justify-between">
          <span className="font-medium">Quorum {p.reached ? 'reached' : 'not reached yet'}</span>
          <span className="tabular-nums">
            {formatReputation(p.cast, { digits: 0 })} of {formatReputation(quorum, { digits: 0 })}
          </span>
        </div>
        <div
          className="mt-1 h-1.5 rounded-full bg-zinc-200 dark:bg-zinc-800"
          role="progressbar"
          aria-label="Ratification quorum"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={p.quorumBps / 100}
        >
          <div className={`h-1.5 rounded-full ${p.reached ? 'bg-emerald-500' : 'bg-brand-500'}`} style={{ width: `${p.quorumBps / 100}%` }} />
        </div>
      </div>
      <div>
        <div className="flex justify-between tabular-nums">
          <span>
            Ratify {formatReputation(ratify, { digits: 0 })} <span className="muted">· {formatBps(p.ratifyBps)}</span>
          </span>
          <span>
            <span className="muted">{formatBps(p.rejectBps)} · </span>
            {formatReputation(reject, { digits: 0 })} Reject
          </span>
        </div>
        <div className="mt-1 flex h-1.5 overflow-hidden rounded-full bg-zinc-200 dark:bg-zinc-800" aria-hidden>
          <div className="h-1.5 bg-emerald-500" style={{ width: `${p.ratifyBps / 100}%` }} />
          <div className="ml-auto h-1.5 bg-red-500" style={{ width: `${p.rejectBps / 100}%` }} />
        </div>
        <p className="muted mt-1">
          Abstain {formatReputation(abstain, { digits: 0 })}. Every vote counts toward the quorum; it passes with more Ratify than Reject.
        </p>
      </div>
    </div>
  );
}
