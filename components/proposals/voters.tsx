import type { BallotItem, VoteItem } from '@/lib/api';
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
    <section className="card" aria-labelledby="voters">
      <h2 id="voters" className="text-lg font-semibold">
        Voters
      </h2>
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
    </section>
  );
}
