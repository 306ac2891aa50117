import 'server-only';
import { cache } from 'react';
import { type AccountName, nameBatcher, resolveName } from '../names';
import { apiGet } from './api';
import { getDeployment } from './deployment';

/**
 * One name batcher per server request (React `cache`): every `<Account>` of a render asks it, and the
 * addresses asked for in the same turn go to the API as one `/names` request (lib/names.ts `nameBatcher`).
 */
const requestNames = cache(() => nameBatcher(async (addresses) => (await apiGet('/names', { addresses: addresses.join(',') })).items));

/** An address's best name (lib/names.ts `resolveName`): indexed if the API knows one, else the deployment's. */
export async function accountName(address: string): Promise<AccountName> {
  return resolveName(getDeployment(), address, await requestNames()(address));
}
