import type { TimelineStep } from '@/lib/api';
import type { Deployment } from '@/lib/deployment/types';
import { nextStage, STAGE_LABEL, stepNote } from '@/lib/eco-nodes';
import { formatDateTime, formatDuration, timeFromNow } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import type { ProposalOnChain } from '@/lib/server/governance';
import { TxLink } from '../tx/tx-status';

interface Row {
  key: string;
  label: string;
  at?: number;
  who?: string | null;
  tx?: string | null;
  chainId?: number;
  note?: string;
  stage?: string;
}

/** Stages that end a proposal's path badly (a rejection, a cancellation, an L1 action that failed, expired or was cancelled). */
const RED_STAGES = new Set(['ratification-rejected', 'l1-failed', 'l1-expired', 'l1-cancelled', 'canceled', 'expired']);

/**
 * The proposal's life across both chains (docs/MECHANISMS.md §6): every stage that happened with who, when and
 * its transaction (from the chain-data API's timeline), the phases still ahead with their times,
 * and the next stage. Without the API's answer, the voting phases from the governor alone.
 */
export function ProposalTimeline({
  p,
  steps,
  deployment,
  ratificationPeriod,
  hasL1Actions,
}: {
  p: ProposalOnChain;
  steps?: TimelineStep[];
  deployment: Deployment;
  ratificationPeriod?: number;
  hasL1Actions?: boolean;
}) {
  const chainId = (c?: 'l1' | 'l2') => (c ? deployment[c].chainId : undefined);
  const voteNotes: Record<string, string> = {
    'voting-opens': 'Voting power is what each account held at this moment.',
    'voting-closes':
      p.lateQuorumExtension > 0
        ? `If quorum is reached late, this moves so that ${formatDuration(p.lateQuorumExtension)} of voting remain, time for others to respond.`
        : 'Fixed.',
  };
  let rows: Row[];
  if (!steps) {
    rows = [
      { key: 'voting-opens', label: 'Voting opens', at: p.snapshot, note: voteNotes['voting-opens'] },
      {
        key: 'group-closes',
        label: 'Group voting closes',
        at: p.internalDeadline,
        note: 'Members vote inside their groups until here; then the remainder may be cast.',
      },
      { key: 'voting-closes', label: 'Voting closes', at: p.deadline, note: voteNotes['voting-closes'] },
    ];
  } else {
    rows = [];
    steps.forEach((s, i) => {
      // The governor's live times for the vote (the index may trail an extension by a block).
      const at = s.stage === 'voting-opens' ? p.snapshot : s.stage === 'voting-closes' ? p.deadline : s.at === null ? undefined : Number(s.at);
      rows.push({
        key: `${s.stage}-${i}`,
        stage: s.stage,
        label: STAGE_LABEL[s.stage] ?? s.stage,
        at,
        who: s.who,
        tx: s.tx,
        chainId: chainId(s.chain),
        note:
          s.stage === 'voting-closes' && s.extended
            ? `${voteNotes['voting-closes']} (Extended: quorum was reached late.)`
            : (voteNotes[s.stage] ?? stepNote(s, (a) => addressLabel(deployment, a))),
      });
      if (s.stage === 'voting-opens') {
        rows.push({
          key: 'group-closes',
          label: 'Group voting closes',
          at: p.internalDeadline,
          note: 'Members vote inside their groups until here; then the remainder may be cast.',
        });
      }
    });
  }
  const ahead = rows.some((r) => r.at !== undefined && r.at > p.now);
  const next = steps && !ahead ? nextStage(p.state, steps, { now: p.now, ratificationPeriod, hasL1Actions, isOverride: p.isOverride }) : undefined;

  return (
    <section className="card" aria-labelledby="timeline">
      <h2 id="timeline" className="text-lg font-semibold">
        Timeline
      </h2>
      <ol className="mt-3 space-y-3 text-sm" data-testid="timeline">
        {rows.map((s) => {
          const past = s.at !== undefined && p.now >= s.at;
          return (
            <li key={s.key} className="flex gap-3" data-testid="timeline-step" data-stage={s.stage} data-past={past ? '' : undefined}>
              <span
                aria-hidden
                className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${
                  past ? (RED_STAGES.has(s.stage ?? '') ? 'bg-red-500' : 'bg-brand-500') : 'border border-zinc-400'
                }`}
              />
              <div className="min-w-0">
                <p className="font-medium">
                  {s.label}
                  {s.at !== undefined && <span className="muted font-normal"> · {timeFromNow(s.at, p.now)}</span>}
                </p>
                <p className="muted text-xs">
                  {s.at !== undefined && <>{formatDateTime(s.at)}. </>}
                  {s.who && (
                    <>
                      By{' '}
                      <span className="font-mono" title={s.who}>
                        {addressLabel(deployment, s.who)}
                      </span>
                      .{' '}
                    </>
                  )}
                  {s.note}
                </p>
                {s.tx && s.chainId && (
                  <p className="muted text-xs">
                    {s.chainId === deployment.l1.chainId ? 'L1 transaction' : 'Transaction'}: <TxLink hash={s.tx as `0x${string}`} chainId={s.chainId} />
                  </p>
                )}
              </div>
            </li>
          );
        })}
        {next && (
          <li className="flex gap-3" data-testid="timeline-next">
            <span aria-hidden className="mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full border border-dashed border-zinc-400" />
            <div>
              <p className="font-medium">
                Next: {next.label}
                {next.at !== undefined && <span className="muted font-normal"> · {timeFromNow(next.at, p.now)}</span>}
              </p>
              <p className="muted text-xs">
                {next.at !== undefined && <>{formatDateTime(next.at)}. </>}
                {next.note}
              </p>
            </div>
          </li>
        )}
      </ol>
    </section>
  );
}
