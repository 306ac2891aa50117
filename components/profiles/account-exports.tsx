import type { Address } from 'viem';
import { EXPORT_KINDS, EXPORTS, exportFilename, exportPath } from '@/lib/exports';

/**
 * "Your data": one CSV download per export kind (docs/ARCHITECTURE.md, "Exports"), each saying what its file
 * holds. Plain links to the chain-data API (`apiUrl`), which answers them as attachments: no script needed.
 */
export function AccountExports({ address, apiUrl }: { address: Address; apiUrl: string }) {
  return (
    <section className="card text-sm" aria-labelledby="account-exports">
      <h2 id="account-exports" className="text-lg font-semibold">
        Your data
      </h2>
      <p className="muted mt-1 text-xs">
        CSV files, one row per event, oldest first: times in ISO 8601 UTC, amounts in METIS with every decimal, addresses checksummed, the transaction and its
        chain on each row.
      </p>
      <ul className="mt-3 space-y-3" data-testid="account-exports">
        {EXPORT_KINDS.map((kind) => (
          <li key={kind} className="space-y-1">
            <a
              className="btn-secondary max-w-full text-left"
              href={new URL(exportPath(address, kind), apiUrl).toString()}
              download={exportFilename(address, kind)}
              data-kind={kind}
              aria-describedby={`export-${kind}`}
            >
              Download {EXPORTS[kind].title.toLowerCase()} (CSV)
            </a>
            <p id={`export-${kind}`} className="muted text-xs">
              {EXPORTS[kind].holds}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
