import { accountName } from '@/lib/server/names';
import { AccountView } from './account-view';

/**
 * An address as people read it, in server components: its best name (lib/names.ts), the short address
 * beside it and a link to its account page. Every `<Account>` of one request is named by one `/names`
 * request (lib/server/names.ts). Client components use `<ClientAccount>`, which looks the same.
 */
export async function Account({ address, link }: { address: string; link?: boolean }) {
  return <AccountView address={address} name={await accountName(address)} link={link} />;
}
