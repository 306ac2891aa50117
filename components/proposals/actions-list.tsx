import type { ProposalDetail } from '@/lib/api';
import { formatMetis } from '@/lib/format';
import { addressLabel } from '@/lib/names';
import { getDeployment } from '@/lib/server/deployment';

/** What the proposal does if it passes: each call, decoded against the target's ABI when it is one of ours. */
export function ActionsList({ actions }: { actions: ProposalDetail['actions'] }) {
  return (
    <section className="card" aria-labelledby="actions">
      <h2 id="actions" className="text-lg font-semibold">
        Actions
      </h2>
      <ol className="mt-3 space-y-3 text-sm">
        {actions.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a proposal's actions are fixed and ordered; the position is their identity
          <li key={i} className="min-w-0">
            {a.decoded ? (
              <p>
                <span className="font-medium">{a.decoded.contract}</span>.<span className="font-mono">{a.decoded.functionName}</span>
                <span className="font-mono break-all">({a.decoded.args.map((x) => String(x)).join(', ')})</span>
              </p>
            ) : (
              <p>
                Call{' '}
                <span className="font-mono" title={a.target}>
                  {addressLabel(getDeployment(), a.target)}
                </span>{' '}
                with <span className="font-mono break-all">{a.calldata.slice(0, 42)}…</span>
              </p>
            )}
            {BigInt(a.value) > 0n && <p className="muted text-xs">sending {formatMetis(BigInt(a.value))}</p>}
          </li>
        ))}
      </ol>
    </section>
  );
}
