import Link from 'next/link';
import { getAddress } from 'viem';
import { Account } from '@/components/ui/account';
import type { EcoNodeItem, ProposalRatificationAnswer } from '@/lib/api';
import { formatReputation, type RatificationChoice, ratificationChoice, ratificationSupportLabel } from '@/lib/eco-nodes';
import { formatDateTime } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import { getDeployment } from '@/lib/server/deployment';
import { TxLink } from '../tx/tx-status';
import { RatificationBar } from './ratification-bar';

const SUPPORT_STYLE: Record<RatificationChoice, string> = {
  ratify: 'text-emerald-700 dark:text-emerald-300',
  reject: 'text-red-700 dark:text-red-300',
  abstain: 'text-zinc-600 dark:text-zinc-400',
};

const STATUS_TEXT: Record<string, string> = {
  open: 'Open',
  ratified: 'Ratified',
  rejected: 'Rejected',
};

/**
 * A proposal's ratification by the Eco Nodes: where it stands (quorum, ratify vs reject) and every
 * node's vote with its reason, largest weight first. Server-rendered from the chain-data API.
 */
export function RatificationVotes({ answer, nodes, chainId }: { answer: ProposalRatificationAnswer; nodes: EcoNodeItem[]; chainId: number }) {
  const r = answer.ratification;
  if (!r) return null;
  const nameOf = (a: string) => nodes.find((n) => n.address.toLowerCase() === a.toLowerCase())?.groupName ?? null;
  return (
    <section className="card space-y-4" aria-labelledby="ratification" data-testid="ratification-section" data-status={r.status}>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id="ratification" className="text-lg font-semibold">
          Eco Node ratification
        </h2>
        <span className="text-sm font-semibold" data-testid="ratification-status">
          {STATUS_TEXT[r.status] ?? r.status}
        </span>
      </div>
      <RatificationBar ratify={BigInt(r.ratify)} reject={BigInt(r.reject)} abstain={BigInt(r.abstain)} quorum={BigInt(r.quorum)} />
      {answer.votes.length === 0 ? (
        <p className="muted text-sm">No Eco Node has voted yet.</p>
      ) : (
        <ul className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800" data-testid="ratification-votes">
          {answer.votes.map((v) => {
            const node = getAddress(v.node);
            const name = nameOf(v.node);
            return (
              <li key={v.id} className="py-2" data-testid="ratification-vote-item" data-node={node} data-support={v.support}>
                <div className="flex flex-wrap items-baseline justify-between gap-2">
                  <Link href={`/eco-nodes/${node}`} className="font-medium hover:underline">
                    {name ?? <span className="font-mono text-xs">{addressLabel(getDeployment(), node)}</span>}
                  </Link>
                  <span className="tabular-nums">
                    <span className={`font-semibold ${SUPPORT_STYLE[ratificationChoice(v.support) ?? 'abstain']}`}>{ratificationSupportLabel(v.support)}</span>{' '}
                    <span className="muted">· {formatReputation(BigInt(v.weight))}</span>
                  </span>
                </div>
                {v.reason && (
                  <p className="mt-1 break-words" data-testid="ratification-reason">
                    {v.reason}
                  </p>
                )}
                <p className="muted mt-0.5 text-xs">
                  {v.voter.toLowerCase() !== v.node.toLowerCase() && (
                    <>
                      Cast by the steward <Account address={v.voter} /> ·{' '}
                    </>
                  )}
                  {formatDateTime(Number(v.timestamp))} · <TxLink hash={v.txHash} chainId={chainId} />
                </p>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
