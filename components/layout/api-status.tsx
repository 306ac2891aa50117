import { apiHealth, type ChainProgress } from '@/lib/server/api-health';

const block = (n: number | null) => (n === null ? '?' : String(n));

/**
 * Above every page while the chain-data API is not usable or has fallen behind: how far the indexer
 * has got, or that the API is unreachable (docs/ARCHITECTURE.md, "Degraded mode"). Nothing when it is
 * ready and following the chains.
 */
export async function ApiStatusBanner() {
  const health = await apiHealth();
  if (health.state === 'ready') return null;
  return (
    <div
      className="card mb-6 border-amber-300 bg-amber-50 text-sm text-amber-950 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-100"
      role="status"
      data-testid="api-status"
      data-state={health.state}
    >
      {health.state === 'unreachable' ? (
        <p>The chain-data API is unreachable; figures read live from the chain are still shown.</p>
      ) : (
        <>
          <p className="font-semibold">
            {health.state === 'catching-up'
              ? 'The chain-data API is catching up with the chains; lists and histories may be missing or behind.'
              : 'The chain-data API has fallen behind the chains; the newest activity may be missing from lists and histories.'}
          </p>
          <ul className="mt-1 tabular-nums">
            {health.chains.map((c: ChainProgress) => (
              <li key={c.chain} data-testid="api-progress" data-chain={c.chain}>
                {`${health.state === 'catching-up' ? 'Catching up' : 'Behind'}: block ${block(c.indexed)} of ${block(c.head)} on ${c.name}`}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

/** In place of a page section whose data comes from the chain-data API while it cannot answer. */
export function Unavailable({ what }: { what: string }) {
  return (
    <p className="muted text-sm" data-testid="api-unavailable">
      {what}: unavailable until the chain-data API answers.
    </p>
  );
}

/** A page section (a card with its heading) whose data the chain-data API cannot give now. */
export function UnavailableCard({ title, className = '' }: { title: string; className?: string }) {
  return (
    <section className={`card min-w-0 ${className}`} aria-label={title}>
      <h2 className="text-lg font-semibold">{title}</h2>
      <div className="mt-3">
        <Unavailable what={title} />
      </div>
    </section>
  );
}
