import Link from 'next/link';
import { Account } from '@/components/ui/account';
import { evidenceHref, KIND_INFO, STATUS_LABELS } from '@/lib/challenges';
import { formatReputation } from '@/lib/eco-nodes';
import { formatBps, formatDateTime, formatMetis } from '@/lib/format';
import { apiGet } from '@/lib/server/api';
import { Countdown } from '../ui/countdown';
import { ChallengeBar } from './challenge-bar';
import { ChallengeVoteIsland } from './islands';

const STATUS_STYLE: Record<keyof typeof STATUS_LABELS, string> = {
  open: 'bg-amber-100 text-amber-800 dark:bg-amber-950 dark:text-amber-300',
  upheld: 'bg-red-100 text-red-800 dark:bg-red-950 dark:text-red-300',
  rejected: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
  lapsed: 'bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300',
};

/**
 * Challenges, newest first (docs/MECHANISMS.md §4.5): of one sequencer, or all. Each with its claim,
 * evidence, bond, the council's standing and votes with reasons, time left, and its outcome; the
 * connected node's voter votes from here.
 */
export async function ChallengeList({ sequencerId, title, empty }: { sequencerId?: string; title: string; empty: string }) {
  const answer = await apiGet('/challenges', { sequencer: sequencerId, limit: 20 }).catch(() => null);
  const now = answer ? Number(answer.now) : 0;
  const headingId = `challenges-${sequencerId ?? 'all'}`;
  return (
    <section className="card min-w-0" aria-labelledby={headingId} data-testid="challenge-list">
      <h2 id={headingId} className="text-lg font-semibold">
        {title}
      </h2>
      {!answer ? (
        <p className="muted mt-3 text-sm">Challenges are not available right now.</p>
      ) : answer.items.length === 0 ? (
        <p className="muted mt-3 text-sm">{empty}</p>
      ) : (
        <ul className="mt-3 space-y-4">
          {answer.items.map((c) => {
            const href = evidenceHref(c.evidence);
            const council = KIND_INFO[c.kind].decidedBy === 'council';
            return (
              <li
                key={c.id}
                className="space-y-2 border-t border-zinc-200 pt-3 first:border-0 first:pt-0 dark:border-zinc-800"
                data-testid="challenge"
                data-id={c.id}
                data-status={c.status}
              >
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <p className="font-medium">
                    #{c.id} · {KIND_INFO[c.kind].label} in epoch {c.epoch}
                    {!sequencerId && (
                      <>
                        {' '}
                        by{' '}
                        <Link className="underline" href={`/sequencers/${c.sequencerId}`}>
                          sequencer #{c.sequencerId}
                        </Link>
                      </>
                    )}
                  </p>
                  <span className={`rounded-full px-2 py-0.5 text-xs font-medium ${STATUS_STYLE[c.status]}`} data-testid="challenge-status">
                    {STATUS_LABELS[c.status]}
                  </span>
                </div>
                <p className="muted text-xs">
                  Filed by <Account address={c.challenger} /> on {formatDateTime(Number(c.openedAt))} with a bond of {formatMetis(BigInt(c.bond))} · evidence:{' '}
                  {href ? (
                    <a className="underline" href={href} rel="noreferrer nofollow" target="_blank">
                      {c.evidence}
                    </a>
                  ) : (
                    <span className="break-all">{c.evidence}</span>
                  )}
                </p>
                {council ? (
                  <>
                    <ChallengeBar {...c} />
                    {c.status === 'open' && c.deadline && (
                      <p className="text-xs">
                        The Eco Nodes decide: <Countdown at={Number(c.deadline)} now={now} verb="voting closes" ready="voting closed; anyone may resolve it" />
                      </p>
                    )}
                  </>
                ) : (
                  <p className="text-xs" data-testid="challenge-production">
                    {c.status === 'open'
                      ? 'The chain decides: once the epoch has ended, anyone resolves it from the blocks its sequencer proved it produced.'
                      : `The sequencer proved ${c.produced ?? '?'} of the epoch's ${c.blocks ?? '?'} blocks.`}
                  </p>
                )}
                {c.status === 'upheld' && (
                  <p className="text-xs" data-testid="challenge-slash">
                    Upheld: the epoch was reported to L1 for nobody (its rewards go to the treasury), and the slash left for L1 as bus message #{c.slashNonce};
                    the bond went back to the challenger.
                  </p>
                )}
                {c.status === 'rejected' && <p className="text-xs">Rejected: the bond went to the treasury.</p>}
                {c.status === 'lapsed' && <p className="text-xs">The council did not decide by the deadline: the bond went back to the challenger.</p>}
                {c.votes.length > 0 && (
                  <ul className="space-y-1 text-xs" aria-label={`Votes on challenge ${c.id}`}>
                    {c.votes.map((v) => (
                      <li key={v.id} data-testid="challenge-vote">
                        <Account address={v.node} /> {v.uphold ? 'upheld' : 'rejected'} ·{' '}
                        <span className="tabular-nums">{formatReputation(BigInt(v.weight), { digits: 0 })}</span>
                        {v.reason && <span className="muted"> · “{v.reason}”</span>}
                      </li>
                    ))}
                  </ul>
                )}
                {c.status === 'open' && <ChallengeVoteIsland challengeId={c.id} council={council} />}
              </li>
            );
          })}
        </ul>
      )}
      {answer?.params && (
        <p className="muted mt-4 text-xs">
          A challenge posts {formatMetis(BigInt(answer.params.bond))}. Upheld, it slashes {formatBps(answer.params.severityBps.downtime)} (downtime),{' '}
          {formatBps(answer.params.severityBps.censorship)} (censorship) or {formatBps(answer.params.severityBps['invalid-blocks'])} (invalid blocks) and pays
          the challenger {formatBps(answer.params.rewardBps)} of it.
        </p>
      )}
    </section>
  );
}
