import { formatDateTime, formatDuration, timeFromNow } from '@/lib/format';
import type { ProposalOnChain } from '@/lib/server/governance';

/** The phases of a proposal's vote, each with its time; the current one marked. */
export function ProposalTimeline({ p }: { p: ProposalOnChain }) {
  const steps = [
    { label: 'Voting opens', at: p.snapshot, note: 'Voting power is what each account held at this moment.' },
    { label: 'Group voting closes', at: p.internalDeadline, note: 'Members vote inside their groups until here; then the remainder may be cast.' },
    {
      label: 'Voting closes',
      at: p.deadline,
      note:
        p.lateQuorumExtension > 0
          ? `If quorum is reached late, this moves so that ${formatDuration(p.lateQuorumExtension)} of voting remain, time for others to respond.`
          : 'Fixed.',
    },
  ];
  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline" className="text-lg font-semibold">
        Timeline
      </h2>
      <ol className="mt-3 space-y-3 text-sm">
        {steps.map((s) => {
          const past = p.now >= s.at;
          return (
            <li key={s.label} className="flex gap-3">
              <span aria-hidden className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${past ? 'bg-brand-500' : 'border border-zinc-400'}`} />
              <div>
                <p className="font-medium">
                  {s.label} <span className="muted font-normal">· {timeFromNow(s.at, p.now)}</span>
                </p>
                <p className="muted text-xs">
                  {formatDateTime(s.at)}. {s.note}
                </p>
              </div>
            </li>
          );
        })}
      </ol>
    </section>
  );
}
