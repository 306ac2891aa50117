import { getAddress, isAddress, type Address } from 'viem';

/** A request parameter that failed validation: the API answers 400 with `message`. */
export class BadRequest extends Error {}

export const PAGE_SIZE = { default: 20, max: 100 } as const;

/** A checksummed address, or BadRequest. */
export function parseAddress(value: string | undefined, name = 'address'): Address {
  if (!value || !isAddress(value, { strict: false })) {
    throw new BadRequest(`${name} must be a 0x-prefixed 20-byte hex address, got "${value ?? ''}"`);
  }
  return getAddress(value);
}

/** Page size in 1..PAGE_SIZE.max (default PAGE_SIZE.default), or BadRequest. */
export function parseLimit(value: string | undefined): number {
  if (value === undefined || value === '') return PAGE_SIZE.default;
  if (!/^\d+$/.test(value)) throw new BadRequest(`limit must be a whole number, got "${value}"`);
  const limit = Number(value);
  if (limit < 1 || limit > PAGE_SIZE.max) {
    throw new BadRequest(`limit must be between 1 and ${PAGE_SIZE.max}, got ${limit}`);
  }
  return limit;
}

/** Keyset cursor: the sort key (timestamp, id) of the last row of the previous page. */
export interface Cursor {
  timestamp: bigint;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(`${cursor.timestamp}|${cursor.id}`).toString('base64url');
}

export function parseCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined || value === '') return undefined;
  const decoded = Buffer.from(value, 'base64url').toString();
  const match = /^(\d{1,20})\|([\w-]{1,80})$/.exec(decoded);
  if (!match) throw new BadRequest('cursor is not one this API issued');
  return { timestamp: BigInt(match[1]), id: match[2] };
}

/** Optional chain filter: `l1` or `l2`. */
export function parseChain(value: string | undefined): 'l1' | 'l2' | undefined {
  if (value === undefined || value === '') return undefined;
  if (value !== 'l1' && value !== 'l2') throw new BadRequest(`chain must be "l1" or "l2", got "${value}"`);
  return value;
}
