import Link from 'next/link';
import { getAddress } from 'viem';
import { shortAddress } from '@/lib/format';
import type { AccountName } from '@/lib/names';

/**
 * How an address is shown everywhere (docs/MECHANISMS.md §8): its best name, the short address beside
 * it (always: names are not unique) and a link to its account page; the full address on hover. The link's
 * accessible name is its visible text (name, then short address), as WCAG 2.5.3 asks. Renders
 * on both sides: `<Account>` (server) and `<ClientAccount>` (browser) resolve the name and render this.
 */
export function AccountView({ address, name, link = true }: { address: string; name: AccountName; link?: boolean }) {
  const full = getAddress(address);
  const body = (
    <>
      {name.name && <span className="font-medium">{name.name}</span>}{' '}
      <span className="muted font-mono text-xs" data-address={full}>
        {shortAddress(full)}
      </span>
    </>
  );
  const className = 'inline-flex flex-wrap items-baseline gap-x-1.5';
  return link ? (
    <Link href={`/accounts/${full}`} className={`${className} hover:underline`} title={full} data-testid="account">
      {body}
    </Link>
  ) : (
    <span className={className} title={full} data-testid="account">
      {body}
    </span>
  );
}
