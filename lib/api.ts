import type { Address, Hash } from 'viem';
import type { ChainKey } from './deployment/types';

export interface TransferItem {
  id: string;
  chain: ChainKey;
  chainId: number;
  direction: 'in' | 'out' | 'self';
  counterparty: Address;
  amount: string;
  blockNumber: number;
  timestamp: number;
  txHash: Hash;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** An error answer of the chain-data API, with its reason. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function get<T>(apiUrl: string, path: string, params: Record<string, string | number | undefined> = {}) {
  const url = new URL(path, apiUrl);
  for (const [key, value] of Object.entries(params)) if (value !== undefined) url.searchParams.set(key, String(value));
  const res = await fetch(url);
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new ApiError(res.status, (body as { error?: string }).error ?? `API answered ${res.status}`);
  return body as T;
}

/** The chain-data API's endpoints, typed. */
export const api = {
  transfers: (apiUrl: string, account: Address, opts: { limit?: number; cursor?: string; chain?: ChainKey } = {}) =>
    get<Page<TransferItem>>(apiUrl, `/accounts/${account}/transfers`, opts),
  sequencer: (apiUrl: string, id: bigint) => get<{ id: string; status: string }>(apiUrl, `/sequencers/${id}`),
};
