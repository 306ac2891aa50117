import type { BallotItem, NonVoterItem, VoteItem } from '@/lib/api';
import { formatVoteCount } from '@/lib/format';
import { Account } from '../ui/account';
import { Choice } from './choice';

/** One person's vote: who, choice, weight and reason. */
export function Vote({ v }: { v: VoteItem }) {
  return (
    <>
      <div className="flex flex-wrap justify-between gap-2">
        <Account address={v.voter} />
        <span className="tabular-nums">
          <Choice support={v.support} /> · {formatVoteCount(BigInt(v.weight))}
        </span>
      </div>
      {v.reason && <p className="muted mt-0.5 text-xs whitespace-pre-wrap">“{v.reason}”</p>}
    </>
  );
}

/** A group's remainder cast: its members' unvoted weight, cast for the group's majority. */
export function Remainder({ r }: { r: { support: number; weight: string } }) {
  return (
    <>
      Remainder: <Choice support={r.support} /> · {formatVoteCount(BigInt(r.weight))}, cast for the group&apos;s majority
    </>
  );
}

/** Who voted, largest first: accounts with their reasons, and groups with their members' votes under them. */
export function Voters({ ballots }: { ballots: BallotItem[] }) {
  return (
    <div>
      {ballots.length === 0 ? (
        <p className="muted mt-3 text-sm">No votes yet.</p>
      ) : (
        <ul className="mt-3 divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="voters">
          {ballots.map((b) =>
            b.isGroup ? (
              <li key={b.id} className="py-2" data-testid="group-ballot">
                <p className="font-medium">
                  <Account address={b.voter} /> <span className="muted font-normal">(group) · {formatVoteCount(BigInt(b.weight))}</span>
                </p>
                <ul className="mt-1 space-y-2 border-l-2 border-zinc-200 pl-3 dark:border-zinc-800">
                  {(b.members ?? []).map((m) => (
                    <li key={m.id} data-testid="member-vote">
                      <Vote v={m} />
                    </li>
                  ))}
                  {b.remainder && (
                    <li className="muted text-xs">
                      <Remainder r={b.remainder} />
                    </li>
                  )}
                </ul>
              </li>
            ) : (
              (b.votes ?? []).map((v) => (
                <li key={v.id} className="py-2" data-testid="direct-vote">
                  <Vote v={v} />
                </li>
              ))
            ),
          )}
        </ul>
      )}
    </div>
  );
}

/**
 * Delegates that held votes at the proposal's snapshot and have not voted on it (directly, or through a group's
 * ballot), largest power at the snapshot first; before the snapshot, nobody's power is fixed yet.
 */
export function NonVoters({ answer }: { answer: { items: NonVoterItem[]; nextCursor: string | null; snapshot: string; now: string } }) {
  if (BigInt(answer.snapshot) >= BigInt(answer.now)) return <p className="muted text-sm">Voting has not started: powers are fixed at the snapshot.</p>;
  if (answer.items.length === 0) return <p className="muted text-sm">Everyone who held votes at the snapshot has voted.</p>;
  return (
    <>
      <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="non-voters">
        {answer.items.map((d) => (
          <li key={d.address} className="flex flex-wrap justify-between gap-2 py-2" data-testid="non-voter" data-address={d.address} data-power={d.power}>
            <span>
              <Account address={d.address} />
              {d.kind === 'group' && <span className="muted"> (group)</span>}
            </span>
            <span className="tabular-nums">{formatVoteCount(BigInt(d.power))} at the snapshot</span>
          </li>
        ))}
      </ul>
      {answer.nextCursor && <p className="muted mt-2 text-xs">The largest {answer.items.length} are shown.</p>}
    </>
  );
}
